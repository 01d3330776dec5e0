package dev.slipway.cli;

import dev.slipway.migrate.MigrationInfo;
import dev.slipway.migrate.Resolution;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(
        name = "resolve",
        sortOptions = false,
        usageHelpAutoWidth = true,
        mixinStandardHelpOptions = true,
        headerHeading = "NAME%n  slipway resolve - ",
        header = "settle a failed migration",
        synopsisHeading = "%nSYNOPSIS%n  ",
        descriptionHeading = "%nDESCRIPTION%n",
        description = {
            "Marks a failed (or interrupted) migration as applied, when its changes were completed by hand, "
                    + "or as rolled back, when they were undone so that the next deploy runs it again; the record of "
                    + "the failure is kept. A pending migration never attempted can be marked applied too (a hotfix "
                    + "made by hand), as Prisma's 'migrate resolve --applied' does. Works when the failure also stops "
                    + "the application, since it needs only the database."
        },
        optionListHeading = "%nOPTIONS%n",
        exitCodeListHeading = "%nEXIT CODES%n",
        exitCodeList = {
            "0:the migration was resolved",
            "1:it cannot be resolved (it did not fail, unknown version), or another error"
        },
        footerHeading = "%nEXAMPLES%n",
        footer = {
            "  slipway status                                   # shows the FAILED migration and its error",
            "  psql ...                                         # finish or undo its changes by hand",
            "  slipway resolve 20240101000000 --applied",
            "  slipway resolve 20240101000000 --rolled-back && slipway deploy"
        })
final class ResolveCommand extends DatabaseCommand {

    @Parameters(
            index = "0",
            paramLabel = "<version>",
            description = "The migration's version, as 'slipway status' shows it.")
    String version;

    @ArgGroup(exclusive = true, multiplicity = "1")
    Outcome outcome;

    static final class Outcome {
        @Option(names = "--applied", required = true, description = "Its changes are in the database: mark it applied.")
        boolean applied;

        @Option(
                names = "--rolled-back",
                required = true,
                description = "Its changes were undone: mark it rolled back, so that it runs again.")
        boolean rolledBack;
    }

    @Override
    public Integer call() {
        Database database = database();
        Resolution resolution = outcome.applied ? Resolution.APPLIED : Resolution.ROLLED_BACK;
        MigrationInfo resolved = database.slipway(null).resolve(version, resolution);
        console.println(console.green("Resolved: ") + resolved.id() + " is now " + resolved.state()
                + (resolution == Resolution.ROLLED_BACK ? "; the next 'slipway deploy' runs it again." : "."));
        return SlipwayCli.OK;
    }
}
