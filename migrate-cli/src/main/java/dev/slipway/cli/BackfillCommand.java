package dev.slipway.cli;

import dev.slipway.migrate.backfill.BackfillStatus;
import dev.slipway.migrate.backfill.Backfills;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BiFunction;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

@Command(
        name = "backfill",
        usageHelpAutoWidth = true,
        mixinStandardHelpOptions = true,
        headerHeading = "NAME%n  slipway backfill - ",
        header = "show and control the backfills",
        synopsisHeading = "%nSYNOPSIS%n  ",
        descriptionHeading = "%nDESCRIPTION%n",
        description = {
            "Shows the backfills recorded in slipway_backfills with their progress, and pauses, resumes or retries "
                    + "one. The batches themselves are run by the application (a backfill is a Spring bean); these "
                    + "commands change its state, which every instance of the fleet follows within its poll "
                    + "interval."
        },
        commandListHeading = "%nCOMMANDS%n",
        optionListHeading = "%nOPTIONS%n",
        exitCodeListHeading = "%nEXIT CODES%n",
        exitCodeList = {
            "0:done",
            "1:no such backfill, a state it cannot leave that way, or another error",
            "2:status --watch: a backfill is paused"
        },
        footerHeading = "%nEXAMPLES%n",
        footer = {
            "  slipway backfill status --json",
            "  slipway backfill pause users_display_name",
            "  slipway backfill retry users_display_name"
        },
        subcommands = {
            BackfillCommand.Status.class,
            BackfillCommand.Pause.class,
            BackfillCommand.Resume.class,
            BackfillCommand.Retry.class
        })
final class BackfillCommand implements Runnable {

    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    @Command(
            name = "status",
            sortOptions = false,
            usageHelpAutoWidth = true,
            mixinStandardHelpOptions = true,
            headerHeading = "NAME%n  slipway backfill status - ",
            header = "show the backfills and their progress",
            synopsisHeading = "%nSYNOPSIS%n  ",
            descriptionHeading = "%nDESCRIPTION%n",
            description = {
                "Lists every backfill (or the one named) with its state, progress, rows processed of the "
                        + "estimate, rate and estimated time left, as slipway_backfills records them. Changes nothing.",
                "",
                "With --watch, reads them again every second until each is COMPLETED, FAILED or PAUSED, showing "
                        + "rows done of the estimate, rate and ETA on stderr: on a terminal a line per backfill "
                        + "rewritten in place; off a terminal (CI logs) a line when a backfill's state changes, its "
                        + "progress moved 10 %%, or 10 s passed. The rate is the one the running instance records, "
                        + "else the rows seen processed between reads. Then the table (or --json) is printed on stdout."
            },
            optionListHeading = "%nOPTIONS%n",
            exitCodeListHeading = "%nEXIT CODES%n",
            exitCodeList = {
                "0:shown; with --watch: every backfill completed",
                "1:no such backfill, or another error; with --watch: a backfill failed",
                "2:with --watch: a backfill is paused (and none failed)"
            },
            footerHeading = "%nEXAMPLES%n",
            footer = {
                "  slipway backfill status",
                "  slipway backfill status users_display_name --json",
                "  slipway backfill status users_name --watch && slipway deploy --contract"
            })
    static final class Status extends DatabaseCommand implements SlipwayCli.JsonOutput {

        @Parameters(index = "0", arity = "0..1", paramLabel = "<name>", description = "Only this backfill.")
        String name;

        @Option(names = "--json", description = "Print JSON on stdout (with --watch: once, when it ends).")
        boolean json;

        @Option(
                names = "--watch",
                description = "Read again every second, showing the progress on stderr, until every backfill shown is "
                        + "COMPLETED, FAILED or PAUSED; then print the table (or JSON) and exit 0, 1 or 2.")
        boolean watch;

        @Override
        public boolean json() {
            return json;
        }

        @Override
        public Integer call() throws InterruptedException {
            Backfills backfills = database().backfills();
            List<BackfillStatus> statuses = read(backfills);
            int exit = SlipwayCli.OK;
            if (watch && !statuses.isEmpty()) {
                statuses = new BackfillWatch(console, Duration.ofSeconds(1)).watch(() -> read(backfills));
                exit = BackfillWatch.exitCode(statuses);
            }
            if (json) {
                Map<String, Object> body = new LinkedHashMap<>();
                body.put("backfills", statuses.stream().map(Views::json).toList());
                console.println(Json.write(body));
            } else if (statuses.isEmpty()) {
                console.println("No backfills recorded.");
            } else {
                console.println(Views.backfills(statuses));
                statuses.stream()
                        .filter(b -> b.lastError() != null)
                        .forEach(b -> console.println(b.name() + ": " + b.lastError()));
            }
            return exit;
        }

        private List<BackfillStatus> read(Backfills backfills) {
            if (name == null) {
                return backfills.status();
            }
            return List.of(backfills
                    .status(name)
                    .orElseThrow(() -> new CliException(
                            "No backfill named " + name + " is recorded in slipway_backfills.",
                            "Run 'slipway backfill status' for the backfills there are.")));
        }
    }

    /** A command that changes one backfill's state and prints its new status. */
    abstract static class Change extends DatabaseCommand {

        @Parameters(index = "0", paramLabel = "<name>", description = "The backfill's name.")
        String name;

        abstract BiFunction<Backfills, String, BackfillStatus> change();

        abstract String done();

        @Override
        public Integer call() {
            BackfillStatus status = change().apply(database().backfills(), name);
            console.println(console.green(done() + ": ") + status.name() + " is now " + status.state() + ".");
            return SlipwayCli.OK;
        }
    }

    @Command(
            name = "pause",
            usageHelpAutoWidth = true,
            mixinStandardHelpOptions = true,
            headerHeading = "NAME%n  slipway backfill pause - ",
            header = "pause a backfill",
            synopsisHeading = "%nSYNOPSIS%n  ",
            descriptionHeading = "%nDESCRIPTION%n",
            description = {
                "Pauses a pending or running backfill: the instance running it stops after its current "
                        + "batch, and every instance waits until it is resumed. Pausing a paused one changes nothing."
            },
            optionListHeading = "%nOPTIONS%n",
            exitCodeListHeading = "%nEXIT CODES%n",
            exitCodeList = {"0:paused", "1:no such backfill, it is completed or failed, or another error"},
            footerHeading = "%nEXAMPLES%n",
            footer = {"  slipway backfill pause users_display_name"})
    static final class Pause extends Change {
        @Override
        BiFunction<Backfills, String, BackfillStatus> change() {
            return Backfills::pause;
        }

        @Override
        String done() {
            return "Paused";
        }
    }

    @Command(
            name = "resume",
            usageHelpAutoWidth = true,
            mixinStandardHelpOptions = true,
            headerHeading = "NAME%n  slipway backfill resume - ",
            header = "resume a paused backfill",
            synopsisHeading = "%nSYNOPSIS%n  ",
            descriptionHeading = "%nDESCRIPTION%n",
            description = {
                "Resumes a paused backfill; an instance of the application takes it up within its poll " + "interval."
            },
            optionListHeading = "%nOPTIONS%n",
            exitCodeListHeading = "%nEXIT CODES%n",
            exitCodeList = {"0:resumed", "1:no such backfill, it is completed or failed (retry it), or another error"},
            footerHeading = "%nEXAMPLES%n",
            footer = {"  slipway backfill resume users_display_name"})
    static final class Resume extends Change {
        @Override
        BiFunction<Backfills, String, BackfillStatus> change() {
            return Backfills::resume;
        }

        @Override
        String done() {
            return "Resumed";
        }
    }

    @Command(
            name = "retry",
            usageHelpAutoWidth = true,
            mixinStandardHelpOptions = true,
            headerHeading = "NAME%n  slipway backfill retry - ",
            header = "retry a failed backfill",
            synopsisHeading = "%nSYNOPSIS%n  ",
            descriptionHeading = "%nDESCRIPTION%n",
            description = {
                "Retries a failed backfill from its saved cursor once what made it fail is fixed: it goes "
                        + "back to RUNNING with the error cleared, and an instance takes it up within its poll interval."
            },
            optionListHeading = "%nOPTIONS%n",
            exitCodeListHeading = "%nEXIT CODES%n",
            exitCodeList = {"0:retried", "1:no such backfill, it did not fail, or another error"},
            footerHeading = "%nEXAMPLES%n",
            footer = {"  slipway backfill retry users_display_name"})
    static final class Retry extends Change {
        @Override
        BiFunction<Backfills, String, BackfillStatus> change() {
            return Backfills::retry;
        }

        @Override
        String done() {
            return "Retrying";
        }
    }
}
