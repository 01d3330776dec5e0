package dev.slipway.migrate.internal.discovery;

import dev.slipway.migrate.Action;
import dev.slipway.migrate.InvalidMigrationException;
import dev.slipway.migrate.SlipwayError;
import dev.slipway.migrate.SlipwayException;
import dev.slipway.migrate.internal.sql.SqlStatement;
import dev.slipway.migrate.internal.sql.StatementSplitter;
import java.io.IOException;
import java.util.List;
import java.util.Optional;

/**
 * Reads a migration folder's {@code down.sql} into a checked {@link DownScript}, with the rules of
 * {@code migration.sql}.
 *
 * <ol>
 *   <li>Decode the bytes as strict UTF-8 and normalise the text ({@link ScriptText}).</li>
 *   <li>Split it into statements ({@link StatementSplitter}, which refuses psql meta-commands and
 *       {@code COPY ... FROM stdin}); a file without statements is refused.</li>
 *   <li>Find the directives ({@link DirectiveScanner}). {@code transaction}, {@code lock-timeout} and
 *       {@code statement-timeout} mean what they mean in a migration. {@code phase} and
 *       {@code requires-backfill} are refused: a rollback runs when it is asked for, never in a phase or after a
 *       backfill. {@code allow} is refused too: down files are neither linted nor checked against the data, so
 *       it would allow nothing.</li>
 *   <li>Resolve the transaction mode as for a migration: {@code auto} runs outside a transaction when a statement
 *       cannot run in one.</li>
 * </ol>
 */
final class DownScriptReader {

    private DownScriptReader() {}

    /** The down file of a migration, read and checked, or empty when its folder has none. */
    static Optional<DownScript> read(MigrationFile migration) {
        return migration.down().map(down -> read(migration, down));
    }

    private static DownScript read(MigrationFile migration, MigrationFile.DownFile down) {
        String source = down.source();
        String text = ScriptText.read(bytesOf(down), source);
        List<SqlStatement> statements = StatementSplitter.split(text, source);
        if (statements.isEmpty()) {
            throw new InvalidMigrationException(
                    source,
                    0,
                    "The down file of migration " + migration.version() + "_" + migration.name()
                            + " has no SQL statements, only comments or blank lines.",
                    Action.text("Write the SQL that"
                            + " undoes the migration, or delete the file if the migration cannot be rolled back."));
        }
        List<DirectiveScanner.Placed> placed = DirectiveScanner.scan(text, statements, source);
        for (DirectiveScanner.Placed p : placed) {
            refuseOutsideDownFiles(p.directive(), source);
        }
        MigrationDirectives directives = MigrationDirectives.parse(placed, source);
        boolean transactional = MigrationScriptReader.transactional(directives.transactionMode(), statements, source);
        return new DownScript(
                source,
                directives.transactionMode(),
                transactional,
                directives.lockTimeout(),
                directives.statementTimeout(),
                statements);
    }

    private static void refuseOutsideDownFiles(Directive directive, String source) {
        String why = switch (directive.name()) {
            case Directive.PHASE ->
                "A down file has no phase: it runs only when a rollback is asked for, newest"
                        + " migration first, whatever the migration's phase.";
            case Directive.REQUIRES_BACKFILL ->
                "A down file waits for no backfill: it runs only when a rollback is" + " asked for.";
            case Directive.ALLOW ->
                "Down files are neither linted nor checked against the data, so there is" + " nothing to allow.";
            default -> null;
        };
        if (why != null) {
            throw new InvalidMigrationException(
                    source,
                    directive.line(),
                    "The directive " + directive.written() + " does not apply to a down file. " + why,
                    Action.text("Remove it; down files take only -- slipway:"
                            + Directive.TRANSACTION + ", -- slipway:" + Directive.LOCK_TIMEOUT + " and -- slipway:"
                            + Directive.STATEMENT_TIMEOUT + "."));
        }
    }

    private static byte[] bytesOf(MigrationFile.DownFile down) {
        try {
            return down.content().read();
        } catch (IOException e) {
            throw new SlipwayException(
                    SlipwayError.READ_FAILED,
                    "Cannot read down file " + down.source() + ": " + e.getMessage(),
                    Action.text("Check that the file can be read by this process."),
                    e);
        }
    }
}
