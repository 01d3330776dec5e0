package dev.slipway.cli;

import dev.slipway.migrate.AdoptionPlan;
import dev.slipway.migrate.AdoptionProblem;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(
        name = "adopt",
        sortOptions = false,
        usageHelpAutoWidth = true,
        mixinStandardHelpOptions = true,
        headerHeading = "NAME%n  slipway adopt - ",
        header = "import the history of Flyway or Prisma",
        synopsisHeading = "%nSYNOPSIS%n  ",
        descriptionHeading = "%nDESCRIPTION%n",
        description = {
            "Imports the history that Flyway (flyway_schema_history, or slipway.adopt.flyway-table) or Prisma "
                    + "(_prisma_migrations) kept in the schema into slipway_migrations, as the first 'slipway deploy' "
                    + "would, without running any migration: every successful row is matched with its migration file "
                    + "and the file checked with that tool's own checksum; each imported migration is recorded as "
                    + "BASELINE. Any problem (a file changed or missing, a failed row) refuses the whole import and "
                    + "writes nothing. Runs under the migration lock; the other tool's table is only read.",
            "",
            "With --dry-run it writes nothing and takes no lock: it shows what the import would record (version, "
                    + "name, the other tool's row, the checksum check) or every problem with what to do."
        },
        optionListHeading = "%nOPTIONS%n",
        exitCodeListHeading = "%nEXIT CODES%n",
        exitCodeList = {
            "0:imported (with --dry-run: would import), or Slipway's history exists already",
            "1:refused (the problems are listed), no history of Flyway or Prisma in the schema, or an error"
        },
        footerHeading = "%nEXAMPLES%n",
        footer = {
            "  slipway adopt --dry-run --url postgresql://ops@db:5432/shop",
            "  slipway adopt --dry-run && slipway adopt && slipway status"
        })
final class AdoptCommand extends DatabaseCommand implements SlipwayCli.JsonOutput {

    @Option(names = "--dry-run", description = "Show what the import would record; write nothing.")
    boolean dryRun;

    @Option(names = "--json", description = "Print JSON on stdout instead of the table.")
    boolean json;

    @Override
    public boolean json() {
        return json;
    }

    @Override
    public Integer call() {
        Database database = database();
        AdoptionPlan plan = dryRun
                ? database.slipway(null).adoptionPlan()
                : database.slipway(null).adopt();
        int exit = plan.result() == AdoptionPlan.Result.IMPORT || plan.result() == AdoptionPlan.Result.HISTORY_EXISTS
                ? SlipwayCli.OK
                : SlipwayCli.ERROR;
        String schema = database.settings().config().schema();
        String inSchema = schema == null ? "the schema" : "schema " + schema;
        if (json) {
            Map<String, Object> body = new LinkedHashMap<>();
            body.put("dryRun", dryRun);
            body.put("result", plan.result().name());
            body.put("tool", plan.tool());
            body.put("source", plan.source());
            body.put(
                    "migrations",
                    plan.entries().stream()
                            .map(e -> {
                                Map<String, Object> entry = new LinkedHashMap<>();
                                entry.put("version", e.version());
                                entry.put("name", e.name());
                                entry.put("sourceRow", e.sourceRow());
                                entry.put("checksum", e.checksum());
                                return entry;
                            })
                            .toList());
            body.put(
                    "problems",
                    plan.problems().stream()
                            .map(p -> {
                                Map<String, Object> problem = new LinkedHashMap<>();
                                problem.put(
                                        "code",
                                        p.error() == null ? null : p.error().name());
                                problem.put("migration", p.migration());
                                problem.put("description", p.description());
                                problem.put("action", p.action() == null ? null : CliSettings.render(p.action()));
                                return problem;
                            })
                            .toList());
            console.println(Json.write(body));
            return exit;
        }
        switch (plan.result()) {
            case HISTORY_EXISTS ->
                console.println("Nothing to import: slipway_migrations in " + inSchema
                        + " has rows already; an import happens only before Slipway's first migration.");
            case NOTHING_TO_IMPORT ->
                console.println(
                        console.red("Nothing to import: ") + inSchema
                                + " holds no flyway_schema_history and no _prisma_migrations (or slipway.adopt is off).\n"
                                + "-> for a schema built without a migration tool, record a baseline: slipway baseline <version>");
            case REFUSED -> {
                console.println(console.red("Refused: ") + "the history in " + plan.source() + " cannot be imported"
                        + (dryRun ? "" : "; nothing was written") + ":");
                for (AdoptionProblem problem : plan.problems()) {
                    console.println(
                            "- " + (problem.migration() == null ? "" : "migration " + problem.migration() + ": ")
                                    + problem.description());
                    if (problem.action() != null) {
                        console.println(
                                "  -> " + CliSettings.render(problem.action()).replace("\n", "\n     "));
                    }
                }
            }
            case IMPORT -> {
                List<String[]> rows = new ArrayList<>();
                rows.add(new String[] {"VERSION", "NAME", "CHECKSUM", "SOURCE ROW"});
                for (AdoptionPlan.Entry entry : plan.entries()) {
                    rows.add(new String[] {entry.version(), entry.name(), entry.checksum(), entry.sourceRow()});
                }
                console.println(Views.table(rows));
                console.println("");
                int count = plan.entries().size();
                String migrations = count + (count == 1 ? " migration" : " migrations");
                console.println(
                        dryRun
                                ? console.green("Would import ") + migrations + " from " + plan.tool() + "'s history "
                                        + plan.source() + " as baseline; nothing written ('slipway adopt' imports it)."
                                : console.green("Done: ") + migrations + " imported from " + plan.tool() + "'s history "
                                        + plan.source() + " as baseline, none run; 'slipway deploy' applies the rest.");
            }
        }
        return exit;
    }
}
