package dev.slipway.cli;

import dev.slipway.migrate.LockHolder;
import dev.slipway.migrate.MigrationInfo;
import dev.slipway.migrate.MigrationState;
import dev.slipway.migrate.MigrationStatus;
import dev.slipway.migrate.Slipway;
import dev.slipway.migrate.ValidationProblem;
import dev.slipway.migrate.backfill.BackfillStatus;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(
        name = "status",
        sortOptions = false,
        usageHelpAutoWidth = true,
        mixinStandardHelpOptions = true,
        headerHeading = "NAME%n  slipway status - ",
        header = "show every migration, the backfills and the lock holder",
        synopsisHeading = "%nSYNOPSIS%n  ",
        descriptionHeading = "%nDESCRIPTION%n",
        description = {
            "Lists every migration on disk and in slipway_migrations with its version, name, phase, state "
                    + "and when it was applied; what an awaiting contract migration waits for; the error of a failed "
                    + "one; the problems validation finds (a file changed or removed after it was applied); the "
                    + "backfills recorded in slipway_backfills with their progress; and who holds the migration lock. "
                    + "Changes nothing.",
            "",
            "States: APPLIED, PENDING, AWAITING (a contract migration whose conditions do not hold yet), "
                    + "FAILED, ROLLED_BACK (runs again), MODIFIED, MISSING, BASELINE, FUTURE (applied by a newer "
                    + "version)."
        },
        optionListHeading = "%nOPTIONS%n",
        exitCodeListHeading = "%nEXIT CODES%n",
        exitCodeList = {
            "0:up to date",
            "2:pending or awaiting migrations (run 'slipway deploy')",
            "1:a failed migration, a validation problem, or an error"
        },
        footerHeading = "%nEXAMPLES%n",
        footer = {
            "  slipway status --url postgresql://app:secret@db:5432/app",
            "  DATABASE_URL=postgresql://app@db/app PGPASSWORD=secret slipway status --json",
            "  slipway status --config src/main/resources/application.yml --profile prod",
            "  slipway status; [ $? -eq 2 ] && slipway deploy"
        })
final class StatusCommand extends DatabaseCommand implements SlipwayCli.JsonOutput {

    @Option(names = "--json", description = "Print JSON on stdout instead of the table.")
    boolean json;

    @Override
    public boolean json() {
        return json;
    }

    @Override
    public Integer call() {
        Database database = database();
        Slipway slipway = database.slipway(null);
        // one read of the files and the history: the status carries the validation problems
        MigrationStatus status = slipway.status();
        List<ValidationProblem> problems = status.problems();
        List<BackfillStatus> backfills = database.backfills().status();
        List<MigrationInfo> awaiting = status.inState(MigrationState.AWAITING);
        int pending = status.pending().size();
        boolean failed = !status.inState(MigrationState.FAILED).isEmpty();
        int exit = failed || !problems.isEmpty()
                ? SlipwayCli.ERROR
                : pending + awaiting.size() > 0 ? SlipwayCli.TO_DO : SlipwayCli.OK;
        String state = exit == SlipwayCli.ERROR
                ? (failed ? "FAILED" : "INVALID")
                : exit == SlipwayCli.TO_DO ? "PENDING" : "UP_TO_DATE";
        if (json) {
            Map<String, Object> body = new LinkedHashMap<>();
            body.put("url", Database.urlWithoutParameters(database.settings()));
            body.put("user", database.settings().user());
            body.put("schema", database.settings().config().schema());
            body.put("state", state);
            body.put("migrations", status.migrations().stream().map(Views::json).toList());
            body.put(
                    "problems",
                    problems.stream()
                            .map(p -> {
                                Map<String, Object> problem = new LinkedHashMap<>();
                                problem.put(
                                        "migration",
                                        p.migration() == null
                                                ? null
                                                : p.migration().id());
                                problem.put("message", p.message());
                                return problem;
                            })
                            .toList());
            body.put("lockHolder", Views.json(status.lockHolder().orElse(null)));
            body.put("backfills", backfills.stream().map(Views::json).toList());
            console.println(Json.write(body));
            return exit;
        }
        printTable(status);
        printBackfills(backfills);
        console.println("Lock: "
                + status.lockHolder()
                        .map(LockHolder.class::cast)
                        .map(Views::holder)
                        .map(h -> "held by " + h)
                        .orElse("free"));
        for (ValidationProblem problem : problems) {
            console.println("");
            console.println(console.red("Problem: ") + problem.message());
        }
        console.println("");
        console.println(summary(status, exit, pending, awaiting.size()));
        return exit;
    }

    private void printTable(MigrationStatus status) {
        if (status.migrations().isEmpty()) {
            console.println("No migrations in " + String.join(", ", settingsLocations()) + ".");
            return;
        }
        List<String[]> rows = new ArrayList<>();
        rows.add(new String[] {"VERSION", "NAME", "PHASE", "STATE", "APPLIED AT"});
        for (MigrationInfo m : status.migrations()) {
            rows.add(new String[] {
                m.version() == null ? "R" : m.version(),
                m.name(),
                Views.lower(m.phase()),
                m.state().name(),
                applied(m) ? Views.time(m.finishedAt()) : ""
            });
        }
        String[] lines = Views.table(rows).split("\n");
        console.println(console.bold(lines[0]));
        for (int i = 1; i < lines.length; i++) {
            MigrationInfo m = status.migrations().get(i - 1);
            console.println(paint(m.state(), lines[i]));
            if (m.awaitingReason() != null) {
                console.println("    waits for: " + m.awaitingReason());
            }
            if (m.error() != null
                    && (m.state() == MigrationState.FAILED
                            || m.state() == MigrationState.PENDING
                            || m.state() == MigrationState.ROLLED_BACK)) {
                console.println("    last error: " + firstLine(m.error()));
            }
        }
    }

    private void printBackfills(List<BackfillStatus> backfills) {
        if (backfills.isEmpty()) {
            return;
        }
        console.println("");
        console.println(Views.backfills(backfills));
    }

    private String summary(MigrationStatus status, int exit, int pending, int awaiting) {
        int total = status.migrations().size();
        if (exit == SlipwayCli.ERROR) {
            return console.red("Needs attention: ") + "settle the failed migration with 'slipway resolve <version> "
                    + "--applied|--rolled-back', or fix the problems above.";
        }
        if (exit == SlipwayCli.TO_DO) {
            StringBuilder text = new StringBuilder();
            if (pending > 0) {
                text.append(pending)
                        .append(pending == 1 ? " migration" : " migrations")
                        .append(" to apply: run 'slipway deploy'");
                if (status.pending().stream().anyMatch(m -> m.phase() == dev.slipway.migrate.MigrationPhase.CONTRACT)) {
                    text.append(" (contract ones with --contract)");
                }
                text.append('.');
            }
            if (awaiting > 0) {
                text.append(text.length() > 0 ? " " : "")
                        .append(awaiting)
                        .append(awaiting == 1 ? " contract migration waits" : " contract migrations wait")
                        .append(" for its conditions.");
            }
            return console.yellow("Pending: ") + text;
        }
        return console.green("Up to date: ") + total + (total == 1 ? " migration" : " migrations") + " applied.";
    }

    /** Whether the migration's changes are in the database, so that its finish time is when it was applied. */
    private static boolean applied(MigrationInfo m) {
        return switch (m.state()) {
            case APPLIED, BASELINE, MODIFIED, FUTURE, MISSING -> true;
            default -> false;
        };
    }

    private String paint(MigrationState state, String line) {
        return switch (state) {
            case APPLIED, BASELINE -> line;
            case PENDING, AWAITING, ROLLED_BACK, FUTURE -> console.yellow(line);
            default -> console.red(line);
        };
    }

    private List<String> settingsLocations() {
        return settings(true).config().locations();
    }

    /** The first two lines of an error (where it failed, and PostgreSQL's message) on one line. */
    private static String firstLine(String text) {
        String[] lines = text.strip().split("\\R");
        String shown = lines.length == 1 ? lines[0] : lines[0] + " " + lines[1];
        return lines.length > 2 ? shown + " ..." : shown;
    }
}
