package dev.slipway.cli;

import dev.slipway.migrate.LockTimeoutRetry;
import dev.slipway.migrate.MigrationInfo;
import dev.slipway.migrate.MigrationStatement;
import dev.slipway.migrate.SlipwayListener;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(
        name = "rollback",
        sortOptions = false,
        usageHelpAutoWidth = true,
        mixinStandardHelpOptions = true,
        headerHeading = "NAME%n  slipway rollback - ",
        header = "roll back migrations with their down.sql (development)",
        synopsisHeading = "%nSYNOPSIS%n  ",
        descriptionHeading = "%nDESCRIPTION%n",
        description = {
            "Rolls back every applied migration above <version>, newest first, by running the down.sql in its "
                    + "folder under the migration lock; each becomes ROLLED_BACK and the next deploy applies it "
                    + "again. Nothing runs when a migration to roll back has no down.sql, or while the history has a "
                    + "failed, modified or missing migration. Give 0 to roll back every migration.",
            "",
            "Meant for development: it drops what the migrations created, data included. It runs only with --yes.",
            "",
            "Progress goes to stderr as for 'slipway deploy': the statement of a down.sql that runs, rewritten every "
                    + "second on a terminal; off a terminal, one line for a statement outside a transaction or still "
                    + "running after 2 s."
        },
        optionListHeading = "%nOPTIONS%n",
        exitCodeListHeading = "%nEXIT CODES%n",
        exitCodeList = {
            "0:rolled back (or nothing above <version>)",
            "1:--yes missing, an unknown version, a missing down.sql, a failed down.sql, or another error"
        },
        footerHeading = "%nEXAMPLES%n",
        footer = {
            "  slipway rollback 20240101000000 --yes --url postgresql://dev:dev@localhost/app",
            "  slipway rollback 0 --yes"
        })
final class RollbackCommand extends DatabaseCommand {

    @Parameters(index = "0", paramLabel = "<version>", description = "The newest migration to keep (0: none).")
    String version;

    @Option(names = "--yes", description = "Confirm: the rolled-back migrations' tables and data are dropped.")
    boolean yes;

    @Override
    public Integer call() {
        if (!yes) {
            throw new CliException(
                    "Rollback drops what the migrations above " + version
                            + " created, data included, so it runs only when confirmed.",
                    "Run it again with --yes, on a development database.");
        }
        Database database = database();
        List<MigrationInfo> rolledBack;
        try (StatementProgress statements = new StatementProgress(console, environment.apply("COLUMNS"))) {
            SlipwayListener progress = new SlipwayListener() {
                @Override
                public void statementStarted(MigrationStatement statement) {
                    statements.started(statement);
                }

                @Override
                public void lockTimeoutRetry(LockTimeoutRetry retry) {
                    statements.stop();
                }
            };
            rolledBack = database.slipway(progress).rollback(version);
        }
        for (MigrationInfo m : rolledBack) {
            console.println(console.yellow("Rolled back ") + m.id());
        }
        console.println(
                rolledBack.isEmpty()
                        ? "Nothing to roll back: no applied migration above " + version + "."
                        : console.green("Done: ") + rolledBack.size()
                                + (rolledBack.size() == 1 ? " migration" : " migrations")
                                + " rolled back; 'slipway deploy' applies them again.");
        return SlipwayCli.OK;
    }
}
