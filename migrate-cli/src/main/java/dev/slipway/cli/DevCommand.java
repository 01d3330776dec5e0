package dev.slipway.cli;

import dev.slipway.migrate.ContractResult;
import dev.slipway.migrate.MigrateResult;
import dev.slipway.migrate.MigrationInfo;
import dev.slipway.migrate.Slipway;
import dev.slipway.migrate.lint.LintFinding;
import dev.slipway.migrate.lint.LintReport;
import dev.slipway.migrate.lint.SlipwayLint;
import dev.slipway.migrate.schema.DevMigrations;
import dev.slipway.migrate.schema.SchemaDiff;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(
        name = "dev",
        sortOptions = false,
        usageHelpAutoWidth = true,
        mixinStandardHelpOptions = true,
        headerHeading = "NAME%n  slipway dev - ",
        header = "write the migrations from the migrations to the desired schema, and apply them",
        synopsisHeading = "%nSYNOPSIS%n  ",
        descriptionHeading = "%nDESCRIPTION%n",
        description = {
            "For development, as Prisma's migrate dev: replays the migrations and the desired schema (SQL files, "
                    + "default src/main/resources/db/schema) into scratch databases, and writes the migrations for "
                    + "the difference into the first filesystem location, split for zero downtime: an expand "
                    + "migration, each statement that cannot run in a transaction in one of its own, and a contract "
                    + "migration (-- slipway:phase contract) for what breaks old code, waiting for the backfills it "
                    + "needs (-- slipway:requires-backfill). Prints each file written, the Backfill beans to declare "
                    + "(as Java), and the data the contract migration would delete, counted on the development "
                    + "database (--url).",
            "",
            "Then applies them to the development database as 'slipway deploy --contract' would, unless "
                    + "--create-only. A statement that deletes data carries '-- slipway:allow data-loss' without a "
                    + "reason: the linter refuses it until you write why the data may go, so such migrations are "
                    + "written but not applied; fill in the reason, then run 'slipway deploy --contract'.",
            "",
            "A rename is never guessed: '-- slipway:renamed-from <old>' above a column or table in the desired "
                    + "schema's files makes it add, sync, backfill, drop. Scratch databases are created on the server "
                    + "of --url and dropped after (the login needs CREATEDB), else give --shadow-url."
        },
        optionListHeading = "%nOPTIONS%n",
        exitCodeListHeading = "%nEXIT CODES%n",
        exitCodeList = {
            "0:nothing to write, or written (and applied, unless --create-only)",
            "2:written, but something is left to do: a reason to fill in, or a backfill to declare before the "
                    + "contract migration applies",
            "1:a source could not be read, a migration failed to apply, or another error"
        },
        footerHeading = "%nEXAMPLES%n",
        footer = {
            "  slipway dev --name add_customer_email --url postgresql://dev:dev@localhost:5432/app_dev",
            "  slipway dev --name drop_legacy --create-only",
            "  slipway dev --name split_name --schema-folder db/schema --shadow-url postgresql://dev@localhost/shadow"
        })
final class DevCommand extends DatabaseCommand {

    @Option(
            names = "--name",
            required = true,
            paramLabel = "<name>",
            order = 20,
            description = "What the change does, e.g. add_customer_email: part of the migrations' names.")
    String name;

    @Option(
            names = "--create-only",
            order = 21,
            description = "Write the migrations but do not apply them (to edit them first).")
    boolean createOnly;

    @Option(
            names = "--schema-folder",
            paramLabel = "<folder>",
            order = 22,
            description = "The desired schema's SQL files (--schema names the database schema to migrate). Default: "
                    + SchemaDiff.DEFAULT_SCHEMA_FOLDER + ".")
    Path schemaFolder;

    @Mixin
    ShadowOption shadow;

    @Override
    public Integer call() throws IOException {
        Database database = database();
        Settings settings = database.settings();
        List<String> locations = settings.config().locations();
        Path folder = locations.stream()
                .filter(l -> l.startsWith("filesystem:"))
                .map(l -> Path.of(l.substring("filesystem:".length())))
                .findFirst()
                .orElseThrow(() -> new CliException(
                        "There is no filesystem location to write the migrations in.",
                        "Give --locations filesystem:<folder>."));
        if (!Files.isDirectory(folder)) {
            // a project's first migration: the migrations replayed are none
            Files.createDirectories(folder);
        }
        Path desired = schemaFolder != null ? schemaFolder : Path.of(SchemaDiff.DEFAULT_SCHEMA_FOLDER);
        SchemaDiff diff = SchemaDiffs.create(settings, shadow.url, desired);
        DevMigrations migrations = diff.dev("schema", name, Clock.systemUTC());
        if (migrations.isEmpty()) {
            console.println(console.green("Nothing to write: ") + "the migrations in " + folder
                    + " already give the desired schema of " + desired + ".");
            return SlipwayCli.OK;
        }
        List<Path> written = migrations.writeTo(folder);
        console.println("Wrote:");
        written.forEach(file -> console.println("  " + file));
        if (!migrations.backfills().isEmpty()) {
            console.println("");
            console.println(console.yellow("Backfills to declare")
                    + " (the contract migration waits until each is completed):");
            for (DevMigrations.BackfillToDeclare backfill : migrations.backfills()) {
                console.println("");
                console.println("// " + backfill.reason());
                console.println(backfill.java().stripTrailing());
            }
        }
        if (!migrations.warnings().isEmpty()) {
            console.println("");
            console.println(console.yellow("Data loss") + " (counted on " + Database.describe(settings) + "):");
            migrations.warnings().forEach(w -> console.println("  - " + w.message()));
        }
        console.println("");
        Set<String> ids = new HashSet<>();
        migrations.files().forEach(file -> ids.add(file.migration()));
        List<LintFinding> refused = lintErrors(locations, ids);
        if (!refused.isEmpty()) {
            for (LintFinding finding : refused) {
                console.println(finding.message());
                console.println("");
            }
            console.println(console.yellow("Written, not applied: ") + refused.size()
                    + (refused.size() == 1 ? " finding needs" : " findings need")
                    + " your hand first (above). Then run 'slipway deploy --contract'.");
            return SlipwayCli.TO_DO;
        }
        if (createOnly) {
            console.println(console.green("Written: ") + "edit them if you wish, then apply them with "
                    + "'slipway deploy --contract'.");
            return migrations.backfills().isEmpty() ? SlipwayCli.OK : SlipwayCli.TO_DO;
        }
        Slipway slipway = database.slipway(null);
        MigrateResult expanded = slipway.migrate();
        ContractResult contracted = slipway.contract();
        for (MigrationInfo m : expanded.applied()) {
            console.println(console.green("Applied ") + m.id());
        }
        for (MigrationInfo m : contracted.applied()) {
            console.println(console.green("Applied ") + m.id());
        }
        List<MigrationInfo> waiting =
                contracted.awaiting().stream().filter(m -> ids.contains(m.id())).toList();
        for (MigrationInfo m : waiting) {
            console.println(console.yellow("Awaiting ")
                    + m.id()
                    + (m.awaitingReason() == null ? "" : ": " + m.awaitingReason()));
        }
        if (!waiting.isEmpty()) {
            console.println(console.yellow("Applied in part: ") + "declare the backfills above and let them complete "
                    + "(the application runs them), then run 'slipway deploy --contract'.");
            return SlipwayCli.TO_DO;
        }
        console.println(console.green("Done: ") + "the development database " + Database.describe(settings)
                + " has the desired schema.");
        return SlipwayCli.OK;
    }

    /** The lint errors of the migrations just written, as a deploy would find them. */
    private static List<LintFinding> lintErrors(List<String> locations, Set<String> written) {
        LintReport report = SlipwayLint.lint(locations, DevCommand.class.getClassLoader());
        return report.errors().stream()
                .filter(f -> written.contains(f.migration()))
                .toList();
    }
}
