package dev.slipway.migrate.internal.schema;

import dev.slipway.migrate.MigrationPhase;
import dev.slipway.migrate.schema.Hazard;
import dev.slipway.migrate.schema.PlanStep;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Collects the steps of a plan into sections and lays them out in section order: the order of the sections is the
 * dependency order of the plan (what is dropped to be recreated, then creates, then alters, then drops), and within
 * a section steps keep the order they were added in.
 */
final class PlanBuilder {

    /** The sections of a plan, in the order they run. */
    enum Section {
        /** Triggers dropped to be created again (changed, or their function is recreated). */
        PRE_DROP_TRIGGERS,
        /** Views dropped to be created again, dependents first. */
        PRE_DROP_VIEWS,
        /** Routines dropped to be created again (signature or result changed, or a type they use is recreated). */
        PRE_DROP_ROUTINES,
        /** Foreign keys dropped to be added again. */
        PRE_DROP_FOREIGN_KEYS,
        /** Other constraints dropped to be added again. */
        PRE_DROP_CONSTRAINTS,
        /** Indexes dropped to be created again. */
        PRE_DROP_INDEXES,
        /** Tables dropped to be created anew (their partition key changed). */
        PRE_DROP_TABLES,
        SCHEMAS,
        EXTENSIONS,
        TYPES,
        SEQUENCES,
        /** Routines that tables use (in a default, a check, an index). */
        EARLY_ROUTINES,
        TABLES,
        /** Detaching partitions before columns change. */
        TABLE_ALTERS,
        COLUMNS,
        /** Primary keys and unique constraints, before the foreign keys that reference them. */
        KEYS,
        CHECKS,
        FOREIGN_KEYS,
        INDEXES,
        /** Attaching partitions, once columns, constraints and indexes match. */
        ATTACH,
        ROUTINES,
        VIEWS,
        TRIGGERS,
        ALTERS,
        COMMENTS,
        DROP_TRIGGERS,
        DROP_VIEWS,
        DROP_FOREIGN_KEYS,
        DROP_CONSTRAINTS,
        DROP_INDEXES,
        DROP_COLUMNS,
        DROP_TABLES,
        DROP_ROUTINES,
        DROP_SEQUENCES,
        DROP_TYPES,
        DROP_EXTENSIONS,
        DROP_SCHEMAS
    }

    private final Map<Section, List<PlanStep>> sections = new EnumMap<>(Section.class);

    /** Adds a step that runs in a transaction. */
    void add(Section section, String sql, Set<Hazard> hazards, MigrationPhase phase, String object) {
        add(section, sql, hazards, true, phase, object);
    }

    /** Adds a step. */
    void add(
            Section section,
            String sql,
            Set<Hazard> hazards,
            boolean transactional,
            MigrationPhase phase,
            String object) {
        sections.computeIfAbsent(section, s -> new ArrayList<>())
                .add(new PlanStep(sql, hazards, transactional, phase, object));
    }

    /** The steps in plan order. */
    List<PlanStep> steps() {
        List<PlanStep> steps = new ArrayList<>();
        for (Section section : Section.values()) {
            steps.addAll(sections.getOrDefault(section, List.of()));
        }
        return steps;
    }
}
