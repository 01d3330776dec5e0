package dev.slipway.migrate.schema;

import dev.slipway.migrate.MigrationPhase;
import java.util.Set;

/**
 * One statement of a {@link SchemaPlan}.
 *
 * @param sql the statement, without a trailing semicolon
 * @param hazards what it may do to a live database (empty when nothing)
 * @param transactional false for a statement that cannot run in a transaction ({@code CREATE INDEX
 *     CONCURRENTLY}, {@code DROP INDEX CONCURRENTLY}, {@code ALTER TYPE ... ADD VALUE} where it must be
 *     committed before use): it goes in a migration of its own
 * @param phase {@link MigrationPhase#EXPAND} when old code keeps working after it, {@link
 *     MigrationPhase#CONTRACT} when it breaks old code and must wait until no old instance runs
 * @param object the object it creates, changes or drops, for listings ({@code column public.orders.total})
 */
public record PlanStep(String sql, Set<Hazard> hazards, boolean transactional, MigrationPhase phase, String object) {

    public PlanStep {
        hazards = Set.copyOf(hazards);
    }
}
