package dev.slipway.migrate.internal.adopt;

import dev.slipway.migrate.AdoptionProblem;
import dev.slipway.migrate.internal.discovery.MigrationLoader;
import dev.slipway.migrate.internal.history.HistoryTable;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;

/**
 * Another tool's history table found in the schema, which {@link Adoption} can import: it reads the table and
 * matches every row with the migration files, checking each file with that tool's own checksum.
 */
interface HistorySource {

    /** The table, qualified, for messages and logs: {@code public.flyway_schema_history}. */
    String displayName();

    /** The tool, for logs and {@code applied_by}: {@code Flyway}, {@code Prisma}. */
    String tool();

    /**
     * Reads the table and matches it with the files. Writes nothing.
     *
     * @param files the migration files, versioned and repeatable
     */
    Reading read(Connection c, MigrationLoader.Found files) throws SQLException;

    /**
     * What reading another tool's history found.
     *
     * @param rows the history rows to record (kind {@code baseline}), in the order the source applied them; empty
     *     when there are problems
     * @param problems every reason not to import, each with what to do; empty when the import may go ahead
     * @param summary counts for the log, e.g. {@code 18 versioned migrations and 2 repeatable ones}
     */
    record Reading(List<HistoryTable.Recorded> rows, List<AdoptionProblem> problems, String summary) {

        public Reading {
            rows = List.copyOf(rows);
            problems = List.copyOf(problems);
        }
    }
}
