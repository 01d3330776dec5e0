package dev.slipway.migrate.internal.schema;

import dev.slipway.migrate.PostgresClientTools;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * A database's schema as {@code pg_dump --schema-only --no-owner --no-privileges} prints it, without what changes
 * from one run to the next, so that two databases with the same objects give the same text (pg_dump orders objects
 * by kind and name, not by when they were made).
 *
 * <ol>
 *   <li>The program is looked up as the tests of {@code dev.slipway.migrate} look up PostgreSQL's client programs
 *       ({@code PostgresClientTools}, package-private there, so the lookup is repeated here): {@code
 *       $SLIPWAY_PG_BIN}, then the {@code PATH}, then the newest {@code /usr/lib/postgresql/<major>/bin}.</li>
 *   <li>Connection facts go through libpq's environment ({@code PGHOST}, {@code PGPORT}, {@code PGUSER}, {@code
 *       PGPASSWORD}, {@code PGDATABASE}).</li>
 *   <li>Slipway's own tables ({@code slipway_*} in any schema) are excluded.</li>
 *   <li>Left out of the text: the {@code -- Dumped from/by} comments, {@code SET} and {@code SELECT
 *       pg_catalog.set_config} lines, the psql restrict and unrestrict meta-command lines with their random key (pg_dump
 *       15.14 and later), and runs of blank lines (one is kept).</li>
 * </ol>
 */
final class SchemaDump {

    /** What a program printed and how it ended. */
    record Outcome(int exitCode, String stdout, String stderr) {}

    private SchemaDump() {}

    /** The normalised schema-only dump of {@code database}. */
    static String of(DiffCaseDatabase database) {
        Outcome dump = run(
                database,
                "pg_dump",
                List.of(
                        "--schema-only",
                        "--no-owner",
                        "--no-privileges",
                        "--exclude-table=slipway_*",
                        "--exclude-table=*.slipway_*"));
        if (dump.exitCode() != 0) {
            throw new IllegalStateException(
                    "pg_dump of " + database + " ended with " + dump.exitCode() + ":\n" + dump.stderr());
        }
        return normalise(dump.stdout());
    }

    /**
     * A normalised dump with the lines inside each {@code CREATE TABLE (...)} (columns and inline constraints) in
     * name order and without their trailing commas: two tables that differ only in column order give the same text.
     */
    static String withColumnsInNameOrder(String dump) {
        StringBuilder out = new StringBuilder();
        List<String> block = null;
        for (String line : dump.split("\n", -1)) {
            if (block == null) {
                out.append(line).append('\n');
                if (line.startsWith("CREATE ") && line.contains(" TABLE ") && line.endsWith(" (")) {
                    block = new ArrayList<>();
                }
            } else if (line.startsWith(")")) {
                block.stream().sorted().forEach(l -> out.append(l).append('\n'));
                out.append(line).append('\n');
                block = null;
            } else {
                block.add(line.endsWith(",") ? line.substring(0, line.length() - 1) : line);
            }
        }
        if (block != null) {
            block.forEach(l -> out.append(l).append('\n'));
        }
        return out.substring(0, out.length() - 1);
    }

    /** {@code text} without the lines that differ between two dumps of one schema. */
    static String normalise(String text) {
        StringBuilder out = new StringBuilder();
        boolean blank = true; // drops blank lines at the start too
        for (String line : text.split("\r?\n")) {
            if (line.startsWith("-- Dumped from")
                    || line.startsWith("-- Dumped by")
                    || line.startsWith("SET ")
                    || line.startsWith("SELECT pg_catalog.set_config(")
                    || line.startsWith("\\restrict")
                    || line.startsWith("\\unrestrict")) {
                continue;
            }
            if (line.isBlank()) {
                if (!blank) {
                    out.append('\n');
                }
                blank = true;
                continue;
            }
            blank = false;
            out.append(line).append('\n');
        }
        return out.toString().strip() + "\n";
    }

    /** Runs {@code psql} with the files in order, stopping at the first error. */
    static Outcome psql(DiffCaseDatabase database, List<Path> files) {
        List<String> arguments = new ArrayList<>(List.of("--no-psqlrc", "--quiet", "-v", "ON_ERROR_STOP=1"));
        for (Path file : files) {
            arguments.add("--file=" + file);
        }
        return run(database, "psql", arguments);
    }

    /** Runs a PostgreSQL client program against {@code database} and waits for it to end. */
    static Outcome run(DiffCaseDatabase database, String program, List<String> arguments) {
        PostgresClientTools.Outcome outcome = PostgresClientTools.run(
                database.jdbcUrl(), database.name(), database.username(), database.password(), program, arguments);
        return new Outcome(outcome.exitCode(), outcome.stdout(), outcome.stderr());
    }
}
