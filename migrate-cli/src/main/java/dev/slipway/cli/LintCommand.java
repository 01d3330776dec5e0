package dev.slipway.cli;

import dev.slipway.migrate.lint.LintFinding;
import dev.slipway.migrate.lint.LintReport;
import dev.slipway.migrate.lint.SlipwayLint;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(
        name = "lint",
        sortOptions = false,
        usageHelpAutoWidth = true,
        mixinStandardHelpOptions = true,
        headerHeading = "NAME%n  slipway lint - ",
        header = "find unsafe DDL before it reaches production",
        synopsisHeading = "%nSYNOPSIS%n  ",
        descriptionHeading = "%nDESCRIPTION%n",
        description = {
            "Checks every migration file with the linter a deploy runs on pending migrations: a CREATE INDEX "
                    + "without CONCURRENTLY, a column type change that rewrites the table, SET NOT NULL without a "
                    + "validated CHECK, a drop or rename in an expand migration, ... Each finding names the file, "
                    + "line, statement, rule, the lock it takes and the safe alternative. A finding is accepted in the "
                    + "file with '-- slipway:allow <rule> <reason>'. Needs no database: every earlier migration counts "
                    + "as applied.",
            "",
            "--start-after (default: the configuration's slipway.lint.start-after) leaves out the findings "
                    + "of the migrations up to and including a version, so an adopted history need not be rewritten."
        },
        optionListHeading = "%nOPTIONS%n",
        exitCodeListHeading = "%nEXIT CODES%n",
        exitCodeList = {
            "0:no error (warnings are printed)",
            "1:an error was found, a file is malformed, or another error"
        },
        footerHeading = "%nEXAMPLES%n",
        footer = {
            "  slipway lint",
            "  slipway lint --locations filesystem:db/migrations --start-after 20240301000000",
            "  slipway lint --config src/main/resources/application.yml --json"
        })
final class LintCommand extends DatabaseCommand implements SlipwayCli.JsonOutput {

    @Option(
            names = "--start-after",
            paramLabel = "<version>",
            description = "Do not report the migrations up to and including this version.")
    String startAfter;

    @Option(names = "--json", description = "Print JSON on stdout.")
    boolean json;

    @Override
    public boolean json() {
        return json;
    }

    @Override
    public Integer call() {
        Settings settings = settings(false);
        List<String> locations = settings.config().locations();
        String baseline = startAfter != null ? startAfter : settings.config().lintStartAfter();
        ClassLoader loader = LintCommand.class.getClassLoader();
        LintReport report;
        if (baseline == null) {
            report = SlipwayLint.lint(locations, loader);
        } else {
            try {
                report = SlipwayLint.startAfter(baseline).lint(locations, loader);
            } catch (IllegalArgumentException e) {
                throw new CliException(
                        "--start-after " + baseline + " is not a migration version: " + e.getMessage(),
                        "Give the version of a migration, e.g. 20240301000000 or 2.1.");
            }
        }
        if (json) {
            Map<String, Object> body = new LinkedHashMap<>();
            body.put("errors", report.errors().size());
            body.put("warnings", report.warnings().size());
            body.put(
                    "findings",
                    report.findings().stream().map(LintCommand::json).toList());
            console.println(Json.write(body));
        } else {
            for (LintFinding finding : report.findings()) {
                console.println(finding.message());
                console.println("");
            }
            int errors = report.errors().size();
            int warnings = report.warnings().size();
            String counts = errors
                    + (errors == 1 ? " error, " : " errors, ")
                    + warnings
                    + (warnings == 1 ? " warning" : " warnings");
            if (report.hasErrors()) {
                console.println(console.red("Unsafe: ") + counts + " in " + String.join(", ", locations) + ".");
            } else {
                console.println(console.green("Safe: ") + counts + " in " + String.join(", ", locations)
                        + (baseline == null ? "" : " (after " + baseline + ")") + ".");
            }
        }
        return report.hasErrors() ? SlipwayCli.ERROR : SlipwayCli.OK;
    }

    private static Map<String, Object> json(LintFinding f) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("rule", f.rule());
        json.put("severity", f.severity());
        json.put("migration", f.migration());
        json.put("source", f.source());
        json.put("line", f.line());
        json.put("statement", f.statement());
        json.put("sql", f.sql());
        json.put("lock", f.lock());
        json.put("problem", f.problem());
        json.put("fix", f.fix());
        return json;
    }
}
