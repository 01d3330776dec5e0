package dev.slipway.cli;

import dev.slipway.migrate.ValidationProblem;
import dev.slipway.migrate.ValidationResult;
import java.util.LinkedHashMap;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(
        name = "validate",
        sortOptions = false,
        usageHelpAutoWidth = true,
        mixinStandardHelpOptions = true,
        headerHeading = "NAME%n  slipway validate - ",
        header = "check the migration files against the history",
        synopsisHeading = "%nSYNOPSIS%n  ",
        descriptionHeading = "%nDESCRIPTION%n",
        description = {
            "Compares the files with slipway_migrations and reports what would stop a deploy: a migration "
                    + "changed after it was applied (both checksums), one applied whose file is gone, a failed "
                    + "migration to settle with 'slipway resolve', a contract migration applied by a newer version. "
                    + "Pending migrations are no problem. Changes nothing."
        },
        optionListHeading = "%nOPTIONS%n",
        exitCodeListHeading = "%nEXIT CODES%n",
        exitCodeList = {"0:files and history agree", "1:a problem was found, or another error"},
        footerHeading = "%nEXAMPLES%n",
        footer = {
            "  slipway validate --url postgresql://app:secret@db:5432/app",
            "  slipway validate --config src/main/resources/application.properties --json"
        })
final class ValidateCommand extends DatabaseCommand implements SlipwayCli.JsonOutput {

    @Option(names = "--json", description = "Print JSON on stdout.")
    boolean json;

    @Override
    public boolean json() {
        return json;
    }

    @Override
    public Integer call() {
        Database database = database();
        ValidationResult result = database.slipway(null).validate();
        if (json) {
            Map<String, Object> body = new LinkedHashMap<>();
            body.put("valid", result.isValid());
            body.put(
                    "problems",
                    result.problems().stream()
                            .map(p -> {
                                Map<String, Object> problem = new LinkedHashMap<>();
                                problem.put(
                                        "migration",
                                        p.migration() == null
                                                ? null
                                                : p.migration().id());
                                problem.put(
                                        "state",
                                        p.migration() == null
                                                ? null
                                                : p.migration().state());
                                problem.put("message", p.message());
                                return problem;
                            })
                            .toList());
            console.println(Json.write(body));
        } else if (result.isValid()) {
            console.println(console.green("Valid: ") + "the migration files agree with the history in "
                    + Database.describe(database.settings()) + ".");
        } else {
            for (ValidationProblem problem : result.problems()) {
                console.println(console.red("Problem: ") + problem.message());
                console.println("");
            }
            int count = result.problems().size();
            console.println(console.red("Invalid: ") + count + (count == 1 ? " problem." : " problems."));
        }
        return result.isValid() ? SlipwayCli.OK : SlipwayCli.ERROR;
    }
}
