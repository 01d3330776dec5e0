package dev.slipway.migrate.internal.discovery;

import dev.slipway.migrate.Action;
import dev.slipway.migrate.InvalidMigrationException;
import dev.slipway.migrate.SlipwayError;
import dev.slipway.migrate.SlipwayException;
import dev.slipway.migrate.internal.sql.SqlStatement;
import dev.slipway.migrate.internal.sql.SqlStatements;
import dev.slipway.migrate.internal.sql.StatementSplitter;
import java.io.IOException;
import java.util.List;

/**
 * Reads one migration file into a checked {@link MigrationScript}.
 *
 * <ol>
 *   <li>Decode the bytes as strict UTF-8 and normalise the text ({@link ScriptText}); the checksum is taken
 *       of that text.</li>
 *   <li>Split it into statements ({@link StatementSplitter}). A file without statements (only comments and
 *       directives, or nothing at all: Prisma writes {@code -- This is an empty migration.}) is valid: it applies
 *       as a no-op and is recorded, as psql, Prisma and Flyway apply it.</li>
 *   <li>Find and read the directives ({@link DirectiveScanner}, {@link MigrationDirectives}); a repeatable
 *       migration ({@code R__<description>.sql}) may not declare the contract phase or require backfills.</li>
 *   <li>Resolve the transaction mode: {@code auto} runs outside a transaction when a statement cannot run in
 *       one. A statement that cannot run in a transaction under {@code transaction on}, and a
 *       transaction-control statement ({@code BEGIN}, {@code COMMIT}, ...) in any migration, are refused with their
 *       line: in a transactional migration it would end Slipway's transaction early; outside a transaction it would
 *       hold the statements after it in one (where {@code CREATE INDEX CONCURRENTLY} fails) and keep the steps that
 *       Slipway records from being committed with them.</li>
 * </ol>
 */
final class MigrationScriptReader {

    private static final int SHOWN_SQL_LENGTH = 60;
    /** How often each file was read, by source: a few bytes per migration file of the application. */
    private static final java.util.Map<String, java.util.concurrent.atomic.LongAdder> READS =
            new java.util.concurrent.ConcurrentHashMap<>();

    private MigrationScriptReader() {}

    /**
     * The largest migration file read, in bytes: a quarter of the JVM's maximum heap (while a statement runs, the
     * file's text, a copy of the statement and the bytes sent to PostgreSQL are in the heap at once), and below
     * PostgreSQL's own limit for a statement, 1 GB.
     */
    static long sizeLimit() {
        return Math.min(POSTGRES_STATEMENT_LIMIT, Runtime.getRuntime().maxMemory() / HEAP_PER_FILE_BYTE);
    }

    /** PostgreSQL refuses a statement of 1 GB or more (its largest allocation). */
    private static final long POSTGRES_STATEMENT_LIMIT = (1L << 30) - 1;
    /** The heap a file needs while it runs, in bytes per byte of the file. */
    static final int HEAP_PER_FILE_BYTE = 4;

    /** Reads, decodes and checksums a file (step 1), refusing one too large to run in this JVM before reading it. */
    static MigrationText fetch(MigrationFile file) {
        ScannedEntry.Stamp stamp = stampOf(file.content(), file.source());
        if (stamp != null) {
            refuseTooLarge(file.source(), stamp.size());
        }
        byte[] bytes = bytesOf(file);
        READS.computeIfAbsent(file.source(), source -> new java.util.concurrent.atomic.LongAdder())
                .increment();
        refuseTooLarge(file.source(), bytes.length);
        ScriptText.Decoded decoded = ScriptText.decode(bytes, file.source());
        return new MigrationText(file, decoded.text(), decoded.checksum());
    }

    /** How many times this JVM has read (to take their checksum) the migration files whose source starts so. */
    static long timesRead(String sourcePrefix) {
        return READS.entrySet().stream()
                .filter(e -> e.getKey().startsWith(sourcePrefix))
                .mapToLong(e -> e.getValue().sum())
                .sum();
    }

    static ScannedEntry.Stamp stampOf(ScannedEntry.Content content, String source) {
        try {
            return content.stamp();
        } catch (IOException e) {
            throw new SlipwayException(
                    SlipwayError.READ_FAILED,
                    "Cannot read migration " + source + ": " + e.getMessage(),
                    Action.text("Check that the file can be read by this process."),
                    e);
        }
    }

    private static void refuseTooLarge(String source, long size) {
        long limit = sizeLimit();
        if (size <= limit) {
            return;
        }
        String why = limit == POSTGRES_STATEMENT_LIMIT
                ? "PostgreSQL takes no statement of 1 GB or more."
                : "This JVM reads migration files of up to " + megabytes(limit) + " (a quarter of its maximum heap, "
                        + megabytes(Runtime.getRuntime().maxMemory()) + "): while a statement runs, the file's text, a"
                        + " copy of the statement and the bytes sent to PostgreSQL are in the heap at once.";
        throw new InvalidMigrationException(
                source,
                0,
                "The file is " + megabytes(size) + ", too large to apply: " + why + " Nothing was applied.",
                Action.text("Split it into several migrations, or load the data from the application"
                        + " (COPY through the driver's CopyManager streams it)"
                        + (limit == POSTGRES_STATEMENT_LIMIT
                                ? "."
                                : ", or give the JVM a maximum heap of at least " + HEAP_PER_FILE_BYTE
                                        + " times the file's size (-Xmx" + ((size * HEAP_PER_FILE_BYTE >> 20) + 1)
                                        + "m or more).")));
    }

    private static String megabytes(long bytes) {
        return String.format(java.util.Locale.ROOT, "%.1f MB", bytes / (1024.0 * 1024.0));
    }

    /** All steps for one file. */
    static MigrationScript read(MigrationFile file) {
        return parse(fetch(file));
    }

    /** Steps 2 to 4 for a file already read. */
    static MigrationScript parse(MigrationText migration) {
        MigrationFile file = migration.file();
        String source = file.source();
        String text = migration.text();
        List<SqlStatement> statements = StatementSplitter.split(text, source);
        MigrationDirectives directives =
                MigrationDirectives.parse(DirectiveScanner.scan(text, statements, source), source, file.repeatable());
        migration.release();
        boolean transactional = transactional(directives.transactionMode(), statements, source);
        return new MigrationScript(
                file.version(),
                file.name(),
                source,
                directives.phase(),
                directives.transactionMode(),
                transactional,
                directives.requiredBackfills(),
                directives.lockTimeout(),
                directives.statementTimeout(),
                directives.allowances(),
                migration.checksum(),
                statements,
                file.downSource());
    }

    static byte[] bytesOf(MigrationFile file) {
        try {
            return file.content().read();
        } catch (IOException e) {
            throw new SlipwayException(
                    SlipwayError.READ_FAILED,
                    "Cannot read migration " + file.source() + ": " + e.getMessage(),
                    Action.text("Check that the file can be read by this process."),
                    e);
        }
    }

    static boolean transactional(TransactionMode mode, List<SqlStatement> statements, String source) {
        SqlStatement outsideOnly = statements.stream()
                .filter(statement -> SqlStatements.cannotRunInTransaction(statement.sql()))
                .findFirst()
                .orElse(null);
        boolean transactional = switch (mode) {
            case AUTO -> outsideOnly == null;
            case ON -> true;
            case OFF -> false;
        };
        if (mode == TransactionMode.ON && outsideOnly != null) {
            throw new InvalidMigrationException(
                    source,
                    outsideOnly.line(),
                    "Statement " + outsideOnly.number()
                            + " (" + shown(outsideOnly) + ") cannot run inside a transaction, but the migration says"
                            + " -- slipway:transaction on.",
                    Action.text("Remove the directive (the migration then runs statement by"
                            + " statement outside a transaction), or move the statement into a migration of its own."));
        }
        for (SqlStatement statement : statements) {
            if (SqlStatements.isTransactionControl(statement.sql())) {
                String runs = transactional
                        ? "Slipway wraps each migration in a transaction, so it would end that transaction early."
                        : "this migration runs outside a transaction ("
                                + (mode == TransactionMode.OFF
                                        ? "-- slipway:transaction off"
                                        : "statement " + outsideOnly.number() + " cannot run inside one")
                                + "), statement by statement, each committed on its own and recorded as done; a"
                                + " transaction opened here would hold the statements after it (CREATE INDEX"
                                + " CONCURRENTLY, VACUUM and the like then fail) and Slipway's record of them.";
                throw new InvalidMigrationException(
                        source,
                        statement.line(),
                        "Statement " + statement.number() + " (" + shown(statement) + ") controls the transaction, but "
                                + runs,
                        Action.text("Remove"
                                + " it: Slipway runs a migration in one transaction unless a statement cannot run in one (or it"
                                + " says -- slipway:transaction off); to run statements together in a transaction, put them"
                                + " in a migration of their own."));
            }
        }
        return transactional;
    }

    /** The start of a statement's first line, for messages. */
    private static String shown(SqlStatement statement) {
        String firstLine = statement.sql().lines().findFirst().orElse("").strip();
        return firstLine.length() <= SHOWN_SQL_LENGTH ? firstLine : firstLine.substring(0, SHOWN_SQL_LENGTH) + "...";
    }
}
