package dev.slipway.migrate.internal.engine;

import dev.slipway.migrate.InstanceInfo;
import dev.slipway.migrate.MigrationPhase;
import dev.slipway.migrate.MigrationState;
import dev.slipway.migrate.backfill.BackfillState;
import dev.slipway.migrate.internal.backfill.BackfillStates;
import dev.slipway.migrate.internal.discovery.MigrationVersion;
import dev.slipway.migrate.internal.fleet.InstanceRegistry;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Decides which pending contract migrations may run now, and words what the others wait for.
 *
 * <ol>
 *   <li>Pending contract migrations are taken in version order. Once one must wait, every later one waits too,
 *       "for contract migration X": contract migrations apply in version order.</li>
 *   <li>A contract migration waits while an earlier migration is not applied: an expand migration (which
 *       {@code migrate()} applies), or a contract migration that is not about to run before it.</li>
 *   <li>It waits while a backfill named by its {@code -- slipway:requires-backfill} is not {@code COMPLETED} in
 *       {@code slipway_backfills} (a backfill without a row has not been started by any instance).</li>
 *   <li>It waits while a live instance in {@code slipway_instances} ships only older migrations: that instance
 *       runs code written before the migration and may still use what it removes.</li>
 * </ol>
 * A contract migration that waits becomes {@link MigrationState#AWAITING} with the reasons joined by {@code "; "};
 * one whose conditions hold stays {@code PENDING} (or {@code ROLLED_BACK}) and counts as applied for the later
 * ones, since {@code contract()} runs it first.
 */
final class ContractGate {

    private static final int INSTANCES_NAMED = 3;

    /** What the conditions are checked against: the required backfills' states and the live instances. */
    record Facts(Map<String, BackfillStates.Summary> backfills, List<InstanceInfo> instances) {}

    private ContractGate() {}

    /** Whether any entry is a pending contract migration, so that facts are worth reading. */
    static boolean anyPendingContract(List<Entry> entries) {
        return entries.stream().anyMatch(Entry::isPendingContract);
    }

    /** Reads the backfills that pending contract migrations require, and the live instances. */
    static Facts read(Connection c, String schema, InstanceRegistry registry, String selfId, List<Entry> entries)
            throws SQLException {
        Set<String> required = new LinkedHashSet<>();
        for (Entry entry : entries) {
            if (entry.isPendingContract()) {
                required.addAll(entry.script().requiredBackfills());
            }
        }
        return new Facts(BackfillStates.read(c, schema, required), registry.live(c, selfId));
    }

    /** The entries with every pending contract migration whose conditions do not hold turned AWAITING. */
    static List<Entry> evaluate(List<Entry> entries, Facts facts, MigrationPlanner planner) {
        List<Entry> result = new ArrayList<>(entries.size());
        Set<Entry> runsFirst = Collections.newSetFromMap(new IdentityHashMap<>());
        String blocker = null;
        for (int i = 0; i < entries.size(); i++) {
            Entry entry = entries.get(i);
            if (!entry.isPendingContract()) {
                result.add(entry);
                continue;
            }
            List<String> reasons = new ArrayList<>();
            if (blocker != null) {
                reasons.add("waits for contract migration " + blocker);
            } else {
                for (Entry earlier : entries.subList(0, i)) {
                    if (!isApplied(earlier) && !runsFirst.contains(earlier)) {
                        reasons.add(earlierNotApplied(earlier));
                    }
                }
                for (String backfill : entry.script().requiredBackfills()) {
                    BackfillStates.Summary summary = facts.backfills().get(backfill);
                    if (summary == null || summary.state() != BackfillState.COMPLETED) {
                        reasons.add(backfillNotComplete(backfill, summary));
                    }
                }
                String instances = olderInstances(entry.script().version(), facts.instances());
                if (instances != null) {
                    reasons.add(instances);
                }
            }
            if (reasons.isEmpty()) {
                runsFirst.add(entry);
                result.add(entry);
            } else {
                if (blocker == null) {
                    blocker = entry.info().id();
                }
                result.add(new Entry(
                        entry.script(),
                        entry.latest(),
                        planner.info(
                                entry.script(),
                                entry.latest(),
                                MigrationState.AWAITING,
                                entry.info().error(),
                                String.join("; ", reasons)),
                        null));
            }
        }
        return result;
    }

    private static boolean isApplied(Entry entry) {
        return entry.latest() != null && entry.latest().isApplied();
    }

    private static String earlierNotApplied(Entry earlier) {
        String what =
                earlier.info().phase().id() + " migration " + earlier.info().id();
        MigrationState state = earlier.state();
        if (state == MigrationState.FAILED) {
            return "waits for " + what + ", which FAILED: resolve it";
        }
        if (earlier.info().phase() == MigrationPhase.EXPAND) {
            return "waits for " + what + " (" + state + ": migrate() applies it)";
        }
        return "waits for " + what + " (" + state + ")";
    }

    private static String backfillNotComplete(String name, BackfillStates.Summary summary) {
        if (summary == null) {
            return "backfill " + name + " has not started";
        }
        int percent = summary.percentDone();
        String done = percent >= 0 ? percent + " % done" : summary.rowsProcessed() + " rows done";
        String text = "backfill " + name + " is " + summary.state() + " (" + done + ")";
        return summary.state() == BackfillState.FAILED ? text + ": fix its error and retry it" : text;
    }

    /** Names the live instances that do not ship {@code version}, or null when every one does. */
    private static String olderInstances(MigrationVersion version, List<InstanceInfo> instances) {
        List<String> older = new ArrayList<>();
        for (InstanceInfo instance : instances) {
            if (instance.newestMigration() == null
                    || MigrationVersion.parse(instance.newestMigration()).compareTo(version) < 0) {
                older.add(describe(instance));
            }
        }
        if (older.isEmpty()) {
            return null;
        }
        String named = String.join("; ", older.subList(0, Math.min(INSTANCES_NAMED, older.size())));
        int more = older.size() - INSTANCES_NAMED;
        return more <= 0
                ? named
                : named + "; and " + more + " more instance" + (more == 1 ? "" : "s") + " running an older version";
    }

    private static String describe(InstanceInfo instance) {
        return "instance " + instance.id() + " on " + instance.host() + " (pid " + instance.pid()
                + (instance.application() == null ? "" : ", application " + instance.application())
                + ") still runs an older version: "
                + (instance.newestMigration() == null
                        ? "it ships no migrations"
                        : "its newest migration is " + instance.newestMigration());
    }
}
