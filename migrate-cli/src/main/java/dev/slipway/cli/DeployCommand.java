package dev.slipway.cli;

import dev.slipway.migrate.ContractResult;
import dev.slipway.migrate.LockHolder;
import dev.slipway.migrate.LockTimeoutRetry;
import dev.slipway.migrate.MigrateResult;
import dev.slipway.migrate.MigrationInfo;
import dev.slipway.migrate.MigrationPhase;
import dev.slipway.migrate.MigrationState;
import dev.slipway.migrate.MigrationStatement;
import dev.slipway.migrate.Slipway;
import dev.slipway.migrate.SlipwayException;
import dev.slipway.migrate.SlipwayListener;
import java.time.Duration;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(
        name = "deploy",
        sortOptions = false,
        usageHelpAutoWidth = true,
        mixinStandardHelpOptions = true,
        headerHeading = "NAME%n  slipway deploy - ",
        header = "apply the pending migrations",
        synopsisHeading = "%nSYNOPSIS%n  ",
        descriptionHeading = "%nDESCRIPTION%n",
        description = {
            "Applies every pending expand migration in version order, exactly as an application with the "
                    + "Slipway starter does at startup: under the migration lock (waiting while another instance holds "
                    + "it), each transactional migration in one transaction with its history row, with lock_timeout "
                    + "and retries, after linting and validating all of them. Each migration is printed as it runs.",
            "",
            "Progress goes to stderr. On a terminal, a line shows the statement running (its number, its line in the "
                    + "file, the time it has run and its text, secrets hidden), rewritten every second. Off a "
                    + "terminal (CI logs), a statement gets one line only when it runs outside a transaction (when it "
                    + "starts) or is still running after 2 s; quick statements print nothing.",
            "",
            "With --contract, then applies the contract migrations whose conditions hold (required backfills "
                    + "complete, no live instance of an older version); the others are listed with what they wait for. "
                    + "Without it, contract migrations are left to the application or to a later 'deploy --contract'."
        },
        optionListHeading = "%nOPTIONS%n",
        exitCodeListHeading = "%nEXIT CODES%n",
        exitCodeList = {
            "0:every migration it was asked to apply is applied (awaiting contract migrations may remain)",
            "1:a migration failed, the files or history are invalid, the lock wait timed out, or another error"
        },
        footerHeading = "%nEXAMPLES%n",
        footer = {
            "  slipway deploy --url jdbc:postgresql://db:5432/app --user migrator",
            "  DATABASE_URL=postgresql://migrator:secret@db:5432/app slipway deploy --contract",
            "  slipway deploy --config src/main/resources/application.yml --profile prod"
        })
final class DeployCommand extends DatabaseCommand {

    @Option(names = "--contract", description = "Also apply the contract migrations whose conditions hold.")
    boolean contract;

    @Override
    public Integer call() {
        Database database = database();
        try (StatementProgress statements = new StatementProgress(console, environment.apply("COLUMNS"))) {
            return deploy(database, statements);
        }
    }

    private int deploy(Database database, StatementProgress statements) {
        Progress progress = new Progress(statements);
        Slipway slipway = database.slipway(progress);
        console.println("Deploying to " + Database.describe(database.settings()) + " ("
                + String.join(", ", database.settings().config().locations()) + ")");
        MigrateResult result = slipway.migrate();
        int applied = result.appliedCount();
        if (contract) {
            ContractResult contracted = slipway.contract();
            applied += contracted.appliedCount();
            for (MigrationInfo waiting : contracted.awaiting()) {
                console.println(console.yellow("Awaiting ")
                        + waiting.id()
                        + (waiting.awaitingReason() == null ? "" : ": " + waiting.awaitingReason()));
            }
        }
        long contractLeft = contract
                ? 0
                : slipway.status().migrations().stream()
                        .filter(m -> m.phase() == MigrationPhase.CONTRACT
                                && (m.state() == MigrationState.PENDING
                                        || m.state() == MigrationState.AWAITING
                                        || m.state() == MigrationState.ROLLED_BACK))
                        .count();
        StringBuilder summary = new StringBuilder();
        summary.append(
                applied == 0
                        ? "Nothing to apply: the database is up to date."
                        : applied + (applied == 1 ? " migration" : " migrations") + " applied in "
                                + Views.duration(result.duration()) + ".");
        if (contractLeft > 0) {
            summary.append(' ')
                    .append(contractLeft)
                    .append(contractLeft == 1 ? " contract migration is" : " contract migrations are")
                    .append(" left for 'slipway deploy --contract' or the application.");
        }
        console.println(console.green("Done: ") + summary);
        return SlipwayCli.OK;
    }

    /**
     * Prints each migration as it runs, the statement it runs ({@link StatementProgress}), and a lock wait with who
     * holds the lock.
     */
    private final class Progress implements SlipwayListener {

        private final StatementProgress statements;
        private boolean waitingShown;

        Progress(StatementProgress statements) {
            this.statements = statements;
        }

        @Override
        public void statementStarted(MigrationStatement statement) {
            statements.started(statement);
        }

        @Override
        public void lockWaiting(LockHolder holder, Duration waitedSoFar) {
            String line = "Waiting for the migration lock, held by " + Views.holder(holder) + " (waited "
                    + Views.duration(waitedSoFar) + ")";
            if (console.terminal() || !waitingShown) {
                console.progress(line);
                waitingShown = true;
            }
        }

        @Override
        public void lockAcquired(Duration waited) {
            console.clearProgress();
            if (waitingShown) {
                console.println("Took the migration lock after " + Views.duration(waited) + ".");
            }
        }

        @Override
        public void migrationStarted(MigrationInfo migration) {
            statements.stop();
            String line = "Applying " + migration.id() + " (" + Views.lower(migration.phase()) + ", "
                    + migration.statementCount() + (migration.statementCount() == 1 ? " statement" : " statements")
                    + (migration.transactional() ? "" : ", outside a transaction") + ") ...";
            console.progress(line);
        }

        @Override
        public void migrationApplied(MigrationInfo migration, Duration duration) {
            statements.stop();
            console.println(console.green("Applied ") + migration.id() + " in " + Views.duration(duration));
        }

        @Override
        public void migrationFailed(MigrationInfo migration, SlipwayException error) {
            statements.stop();
            console.println(console.red("Failed ") + migration.id());
        }

        @Override
        public void lockTimeoutRetry(LockTimeoutRetry retry) {
            statements.stop();
            String id = retry.version() == null ? "R__" + retry.name() : retry.version() + "_" + retry.name();
            console.progress(id + ": statement " + retry.statement() + " (line " + retry.line()
                    + ") could not get its lock (SQLSTATE " + retry.sqlState() + "), attempt " + retry.attempt()
                    + "; retrying in " + Views.duration(retry.backoff()));
        }
    }
}
