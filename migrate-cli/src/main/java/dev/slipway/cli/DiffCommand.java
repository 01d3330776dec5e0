package dev.slipway.cli;

import dev.slipway.migrate.schema.SchemaDiff;
import dev.slipway.migrate.schema.SchemaPlan;
import java.util.LinkedHashMap;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(
        name = "diff",
        sortOptions = false,
        usageHelpAutoWidth = true,
        mixinStandardHelpOptions = true,
        headerHeading = "NAME%n  slipway diff - ",
        header = "the safe, ordered statements from one schema to another",
        synopsisHeading = "%nSYNOPSIS%n  ",
        descriptionHeading = "%nDESCRIPTION%n",
        description = {
            "Reads two schemas from PostgreSQL's catalog and prints the statements that turn the first into the "
                    + "second, in dependency order and in safe forms: indexes CONCURRENTLY, constraints NOT VALID then "
                    + "VALIDATE, SET NOT NULL through a validated CHECK. Each statement shows the object it changes, "
                    + "its phase and its hazards (a legend says what each means), grouped as migrations would hold "
                    + "them: transactional steps together, each step that cannot run in a transaction alone, contract "
                    + "steps (that break old code) apart. Objects of kinds the plan does not model are listed, never "
                    + "dropped. Changes nothing.",
            "",
            "A source is one of:",
            "  url:<url>               a live database (jdbc:postgresql://... or postgresql://user:pw@host/db)",
            "  migrations              the migrations of --locations, replayed into a scratch database",
            "  migrations:<location>   the migrations of that location (filesystem:<folder>), replayed",
            "  schema                  the SQL files of src/main/resources/db/schema, applied to a scratch database",
            "  schema:<folder>         the SQL files of that folder (the desired schema), in path order",
            "  empty                   nothing",
            "(entities, the application's JPA model, needs the application's classes: use the Maven plugin.)",
            "",
            "Scratch databases are created on the server of --url (or SLIPWAY_URL, DATABASE_URL, --config) and "
                    + "dropped after: the login needs CREATEDB. Where it may not create databases, give --shadow-url: "
                    + "a database of its own that Slipway empties before and after (everything in it is dropped). "
                    + "The same login reads url: sources whose URL names none."
        },
        optionListHeading = "%nOPTIONS%n",
        exitCodeListHeading = "%nEXIT CODES%n",
        exitCodeList = {
            "0:the plan was printed (with --exit-code: no difference)",
            "2:with --exit-code: the schemas differ",
            "1:a source could not be read (the migration, file, statement and line are named), or another error"
        },
        footerHeading = "%nEXAMPLES%n",
        footer = {
            "  slipway diff --from migrations --to schema --url postgresql://dev:dev@localhost/postgres",
            "  slipway diff --from migrations --to schema --script > change.sql && psql -f change.sql app_dev",
            "  slipway diff --from url:postgresql://ro@prod-db/app --to migrations --exit-code --url $DEV_URL",
            "  slipway diff --from empty --to migrations --json --shadow-url postgresql://me@localhost/shadow"
        })
final class DiffCommand extends DatabaseCommand implements SlipwayCli.JsonOutput {

    @Option(
            names = "--from",
            required = true,
            paramLabel = "<source>",
            order = 20,
            description = "The schema as it is: url:<url>, migrations[:<location>], schema[:<folder>] or empty.")
    String from;

    @Option(
            names = "--to",
            required = true,
            paramLabel = "<source>",
            order = 21,
            description = "The schema it should become: the same kinds of source.")
    String to;

    @Option(
            names = "--script",
            order = 22,
            description = "Print only the SQL, each statement ended by ';', fit for psql -f (statements that cannot "
                    + "run in a transaction are marked by a comment; psql's autocommit runs them as they must).")
    boolean script;

    @Option(
            names = "--exit-code",
            order = 23,
            description = "Exit with 2 when the schemas differ and 0 when they do not (without it: 0 either way).")
    boolean exitCode;

    @Option(names = "--json", order = 24, description = "Print the plan as JSON on stdout.")
    boolean json;

    @Mixin
    ShadowOption shadow;

    @Override
    public boolean json() {
        return json;
    }

    @Override
    public Integer call() {
        if (script && json) {
            throw new CliException("--script and --json print different things.", "Give one of them.");
        }
        Settings settings = settings(true);
        String fromSource = SchemaDiffs.source(from, "--from", SchemaDiffs.classpathRoot(connection));
        String toSource = SchemaDiffs.source(to, "--to", SchemaDiffs.classpathRoot(connection));
        SchemaDiff diff = SchemaDiffs.create(settings, shadow.url, null);
        SchemaPlan plan = diff.plan(fromSource, toSource);
        String heading =
                "slipway diff --from " + DatabaseUrl.masked(from.trim()) + " --to " + DatabaseUrl.masked(to.trim());
        if (json) {
            Map<String, Object> body = new LinkedHashMap<>();
            body.put("from", DatabaseUrl.masked(from.trim()));
            body.put("to", DatabaseUrl.masked(to.trim()));
            body.putAll(PlanView.json(plan));
            console.println(Json.write(body));
        } else if (script) {
            console.println(PlanView.script(plan, heading).stripTrailing());
        } else if (plan.isEmpty()) {
            console.println(console.green("No difference: ") + DatabaseUrl.masked(from.trim()) + " and "
                    + DatabaseUrl.masked(to.trim()) + " have the same schema.");
        } else {
            console.println(PlanView.text(plan, console));
            console.println("");
            console.println(console.yellow("Difference: ") + PlanView.summary(plan) + " from "
                    + DatabaseUrl.masked(from.trim()) + " to " + DatabaseUrl.masked(to.trim()) + ".");
        }
        return exitCode && !plan.isEmpty() ? SlipwayCli.TO_DO : SlipwayCli.OK;
    }
}
