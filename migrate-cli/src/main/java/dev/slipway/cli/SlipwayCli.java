package dev.slipway.cli;

import java.util.Arrays;
import java.util.function.Function;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/**
 * {@code slipway <command> [options]}: Slipway's migrations from a shell, for CI pipelines and operators. Exit codes
 * are the same for every command: 0 done or up to date, 2 something to do, 1 an error or an invalid or failed
 * state (a wrong option included).
 */
@Command(
        name = "slipway",
        mixinStandardHelpOptions = true,
        versionProvider = SlipwayCli.Version.class,
        usageHelpAutoWidth = true,
        headerHeading = "NAME%n  ",
        header = "slipway - zero-downtime PostgreSQL schema migrations",
        synopsisHeading = "%nSYNOPSIS%n  ",
        descriptionHeading = "%nDESCRIPTION%n",
        description = {
            "Applies, inspects, validates, resolves and lints the migrations of a PostgreSQL schema from a "
                    + "shell, as a Spring Boot application with the Slipway starter does at startup: the same history "
                    + "table (slipway_migrations), the same migration lock, lock timeouts, retries and checks.",
            "",
            "Run 'slipway <command> --help' for a command's options, exit codes and examples."
        },
        commandListHeading = "%nCOMMANDS%n",
        optionListHeading = "%nOPTIONS%n",
        exitCodeListHeading = "%nEXIT CODES%n",
        exitCodeList = {
            "0:done, or up to date",
            "2:something to do (status: pending or awaiting migrations), or a difference (diff --exit-code, drift)",
            "1:an error, an invalid or failed state, or a wrong option"
        },
        footerHeading = "%nENVIRONMENT%n",
        footer = {
            "  SLIPWAY_URL, DATABASE_URL  the database when --url and --config give none",
            "  PGUSER, PGPASSWORD         the login when the URL and --config give none",
            "  NO_COLOR                   no colour even on a terminal"
        },
        subcommands = {
            StatusCommand.class,
            DeployCommand.class,
            ValidateCommand.class,
            ResolveCommand.class,
            BaselineCommand.class,
            AdoptCommand.class,
            LintCommand.class,
            NewCommand.class,
            RollbackCommand.class,
            BackfillCommand.class,
            DiffCommand.class,
            DriftCommand.class,
            DevCommand.class,
            CommandLine.HelpCommand.class
        })
public final class SlipwayCli implements Runnable {

    /** Exit code: done, or up to date. */
    static final int OK = 0;
    /** Exit code: an error, or an invalid or failed state. */
    static final int ERROR = 1;
    /** Exit code: something to do. */
    static final int TO_DO = 2;

    @Spec
    CommandSpec spec;

    @CommandLine.Option(
            names = {"-v", "--verbose"},
            description = "Show the engine's log (INFO) on stderr; give it before the command.")
    boolean verbose;

    final Console console;
    final Function<String, String> environment;

    SlipwayCli(Console console, Function<String, String> environment) {
        this.console = console;
        this.environment = environment;
    }

    public static void main(String[] args) {
        configureLogging(
                Arrays.asList(args).contains("-v") || Arrays.asList(args).contains("--verbose"));
        System.exit(run(args, Console.system(), System::getenv));
    }

    static int run(String[] args, Console console, Function<String, String> environment) {
        CommandLine cli = new CommandLine(new SlipwayCli(console, environment), new Factory(console, environment));
        endFootersWithANewline(cli);
        cli.setParameterExceptionHandler((e, arguments) -> {
            CommandLine command = e.getCommandLine();
            console.error(e.getMessage());
            console.error("Run '" + command.getCommandSpec().qualifiedName() + " --help' for its options.");
            return ERROR;
        });
        cli.setExecutionExceptionHandler((e, command, parseResult) -> {
            String password = password(command);
            boolean json = command.getCommand() instanceof JsonOutput output && output.json();
            if (json) {
                console.println(Json.write(Errors.json(e, password)));
            }
            console.error(console.red("Error: ") + Errors.text(e, password));
            return ERROR;
        });
        return cli.execute(args);
    }

    private static void endFootersWithANewline(CommandLine command) {
        CommandLine.Model.UsageMessageSpec usage = command.getCommandSpec().usageMessage();
        String[] footer = usage.footer();
        if (footer.length > 0) {
            String[] ended = Arrays.copyOf(footer, footer.length + 1);
            ended[footer.length] = "";
            usage.footer(ended);
        }
        command.getSubcommands().values().forEach(SlipwayCli::endFootersWithANewline);
    }

    private static String password(CommandLine command) {
        Object target = command.getCommand();
        if (target instanceof DatabaseCommand database) {
            return database.knownPassword();
        }
        return null;
    }

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    private static void configureLogging(boolean verbose) {
        setIfAbsent("org.slf4j.simpleLogger.defaultLogLevel", verbose ? "info" : "warn");
        setIfAbsent("org.slf4j.simpleLogger.logFile", "System.err");
        setIfAbsent("org.slf4j.simpleLogger.showThreadName", "false");
        setIfAbsent("org.slf4j.simpleLogger.showLogName", "false");
        setIfAbsent("org.slf4j.simpleLogger.levelInBrackets", "true");
    }

    private static void setIfAbsent(String key, String value) {
        if (System.getProperty(key) == null) {
            System.setProperty(key, value);
        }
    }

    /** A command that can print JSON instead of text. */
    interface JsonOutput {
        boolean json();
    }

    /** Gives each command the console and the environment. */
    private record Factory(Console console, Function<String, String> environment) implements CommandLine.IFactory {

        @Override
        public <K> K create(Class<K> type) throws Exception {
            if (CliCommand.class.isAssignableFrom(type)) {
                K command = CommandLine.defaultFactory().create(type);
                ((CliCommand) command).init(console, environment);
                return command;
            }
            return CommandLine.defaultFactory().create(type);
        }
    }

    static final class Version implements CommandLine.IVersionProvider {

        @Override
        public String[] getVersion() {
            String version = SlipwayCli.class.getPackage().getImplementationVersion();
            return new String[] {"slipway " + (version == null ? "(development build)" : version)};
        }
    }
}
