package dev.slipway.cli;

import dev.slipway.migrate.MigrationInfo;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

@Command(
        name = "baseline",
        sortOptions = false,
        usageHelpAutoWidth = true,
        mixinStandardHelpOptions = true,
        headerHeading = "NAME%n  slipway baseline - ",
        header = "take over a schema built without Slipway",
        synopsisHeading = "%nSYNOPSIS%n  ",
        descriptionHeading = "%nDESCRIPTION%n",
        description = {
            "Records every migration up to and including <version> as BASELINE in slipway_migrations without "
                    + "running it, on a schema that has no Slipway history yet (built with schema.sql, Hibernate's "
                    + "ddl-auto or psql); the later migrations stay pending for 'slipway deploy'. Runs under the "
                    + "migration lock; refuses a schema that has a history already.",
            "",
            "The application can do the same on its first start with slipway.baseline.version; a history kept by "
                    + "Flyway or Prisma is imported instead, by the first deploy."
        },
        optionListHeading = "%nOPTIONS%n",
        exitCodeListHeading = "%nEXIT CODES%n",
        exitCodeList = {
            "0:the baseline was recorded",
            "1:the schema has a history already, no migration is at or below <version>, or another error"
        },
        footerHeading = "%nEXAMPLES%n",
        footer = {
            "  slipway baseline 20240301000000 --url postgresql://ops@db:5432/shop",
            "  slipway baseline 20240301000000 && slipway deploy"
        })
final class BaselineCommand extends DatabaseCommand {

    @Parameters(
            index = "0",
            paramLabel = "<version>",
            description = "The newest migration whose changes the schema already has.")
    String version;

    @Override
    public Integer call() {
        Database database = database();
        List<MigrationInfo> recorded;
        try {
            recorded = database.slipway(null).baseline(version);
        } catch (IllegalArgumentException e) {
            throw new CliException(e.getMessage(), "Give the version of a migration, e.g. 20240301000000 or 2.1.");
        }
        for (MigrationInfo m : recorded) {
            console.println("Baseline " + m.id());
        }
        console.println(console.green("Done: ") + recorded.size()
                + (recorded.size() == 1 ? " migration" : " migrations")
                + " recorded as baseline without running; 'slipway deploy' applies the ones after " + version + ".");
        return SlipwayCli.OK;
    }
}
