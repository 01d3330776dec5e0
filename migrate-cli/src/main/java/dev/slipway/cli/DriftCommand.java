package dev.slipway.cli;

import dev.slipway.migrate.MigrationInfo;
import dev.slipway.migrate.MigrationStatus;
import dev.slipway.migrate.schema.DatabaseSchema;
import dev.slipway.migrate.schema.SchemaDiff;
import dev.slipway.migrate.schema.SchemaPlan;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(
        name = "drift",
        sortOptions = false,
        usageHelpAutoWidth = true,
        mixinStandardHelpOptions = true,
        headerHeading = "NAME%n  slipway drift - ",
        header = "find changes made to a database outside its migrations",
        synopsisHeading = "%nSYNOPSIS%n  ",
        descriptionHeading = "%nDESCRIPTION%n",
        description = {
            "Replays the migrations that the database's history (slipway_migrations) says are applied into a "
                    + "scratch database, reads both schemas from PostgreSQL's catalog, and names each difference: an "
                    + "object in the database but not in the migrations (added by hand), one in the migrations but "
                    + "missing from the database (dropped by hand), and each column type, default, nullability, "
                    + "index or constraint definition that differs, with both values. Then prints the statements that "
                    + "would bring the database back to the migrations. Changes nothing in the database.",
            "",
            "Only applied migrations are replayed, so pending ones are not drift: their number is printed. A "
                    + "migration changed after it was applied is replayed as its file is now (and said so); one "
                    + "applied without a file here, or failed part-way, cannot be replayed: what it did shows as a "
                    + "difference, and the output says which.",
            "",
            "The scratch database is created on the same server and dropped after: the login needs CREATEDB, "
                    + "else give --shadow-url. Slipway's own tables are left out of the comparison."
        },
        optionListHeading = "%nOPTIONS%n",
        exitCodeListHeading = "%nEXIT CODES%n",
        exitCodeList = {
            "0:the database is as its applied migrations make it",
            "2:drift: the differences and the statements that undo them are printed",
            "1:a migration could not be replayed (it is named), or another error"
        },
        footerHeading = "%nEXAMPLES%n",
        footer = {
            "  slipway drift --url postgresql://app:secret@db:5432/app",
            "  slipway drift --config src/main/resources/application.yml --profile prod --json",
            "  slipway drift --url $PROD_URL --shadow-url postgresql://app@db:5432/app_shadow"
        })
final class DriftCommand extends DatabaseCommand implements SlipwayCli.JsonOutput {

    @Option(names = "--json", order = 20, description = "Print JSON on stdout.")
    boolean json;

    @Mixin
    ShadowOption shadow;

    @Override
    public boolean json() {
        return json;
    }

    @Override
    public Integer call() throws IOException {
        Database database = database();
        Settings settings = database.settings();
        MigrationStatus status = database.slipway(null).status();
        Replayed replayed = Replayed.of(status);
        SchemaDiff diff = SchemaDiffs.create(settings, shadow.url, null, false);
        DatabaseSchema live = diff.read("url:" + settings.jdbcUrl());
        DatabaseSchema migrations;
        if (replayed.everyFile()) {
            migrations = diff.read("migrations");
        } else {
            Path folder = Files.createTempDirectory("slipway-drift");
            try {
                replayed.copyTo(folder);
                migrations = diff.read("migrations:filesystem:" + folder);
            } finally {
                deleteRecursively(folder);
            }
        }
        SchemaPlan plan = SchemaDiff.plan(live, migrations);
        List<SchemaDifferences.Difference> differences = new ArrayList<>(SchemaDifferences.between(live, migrations));
        if (differences.isEmpty() && !plan.isEmpty()) {
            // the model differs in a way the words above do not name: name the objects the plan changes
            Set<String> objects = new LinkedHashSet<>();
            plan.steps().forEach(step -> objects.add(step.object()));
            objects.forEach(o -> differences.add(new SchemaDifferences.Difference(o, o + " differs")));
        }
        boolean drift = !plan.isEmpty() || !differences.isEmpty();
        String target = Database.describe(settings);
        if (json) {
            Map<String, Object> body = new LinkedHashMap<>();
            body.put("database", target);
            body.put("drift", drift);
            body.put("appliedMigrations", replayed.applied().size());
            body.put("pendingMigrations", replayed.pending().size());
            body.put(
                    "differences",
                    differences.stream()
                            .map(d -> {
                                Map<String, Object> difference = new LinkedHashMap<>();
                                difference.put("object", d.object());
                                difference.put("message", d.message());
                                return difference;
                            })
                            .toList());
            body.put("notes", replayed.notes());
            body.put("plan", PlanView.json(plan));
            console.println(Json.write(body));
            return drift ? SlipwayCli.TO_DO : SlipwayCli.OK;
        }
        int applied = replayed.applied().size();
        String compared =
                "the " + applied + (applied == 1 ? " migration" : " migrations") + " its history says are applied";
        if (!drift) {
            console.println(console.green("No drift: ") + target + " is as " + compared + " make it.");
        } else {
            console.println(console.red("Drift: ") + target + " differs from " + compared + ":");
            for (SchemaDifferences.Difference difference : differences) {
                console.println("  - " + difference.message());
            }
        }
        for (String note : replayed.notes()) {
            console.println(console.yellow("Note: ") + note);
        }
        if (drift) {
            console.println("");
            console.println("To bring the database back to the migrations (" + PlanView.summary(plan) + "):");
            console.println("");
            console.println(PlanView.text(plan, console));
            console.println("");
            console.println("Or, if the change made by hand should stay, write a migration for it (slipway diff "
                    + "--from migrations --to url:<database> prints one).");
        }
        return drift ? SlipwayCli.TO_DO : SlipwayCli.OK;
    }

    /** The migrations of the history, split into those a replay can give and those it cannot. */
    private record Replayed(
            List<MigrationInfo> applied,
            List<MigrationInfo> pending,
            List<MigrationInfo> noFile,
            List<MigrationInfo> failed,
            boolean everyFile) {

        static Replayed of(MigrationStatus status) {
            List<MigrationInfo> applied = new ArrayList<>();
            List<MigrationInfo> pending = new ArrayList<>();
            List<MigrationInfo> noFile = new ArrayList<>();
            List<MigrationInfo> failed = new ArrayList<>();
            for (MigrationInfo m : status.migrations()) {
                switch (m.state()) {
                    case APPLIED, BASELINE, MODIFIED -> (m.source() == null ? noFile : applied).add(m);
                    case PENDING, AWAITING, ROLLED_BACK -> pending.add(m);
                    case MISSING, FUTURE -> noFile.add(m);
                    case FAILED -> failed.add(m);
                }
            }
            boolean everyFile = pending.isEmpty() && failed.isEmpty();
            return new Replayed(applied, pending, noFile, failed, everyFile);
        }

        List<String> notes() {
            List<String> notes = new ArrayList<>();
            if (!pending.isEmpty()) {
                notes.add(pending.size() + (pending.size() == 1 ? " pending migration (" : " pending migrations (")
                        + ids(pending) + ") not compared: " + (pending.size() == 1 ? "it is" : "they are")
                        + " not applied yet, so not drift.");
            }
            List<MigrationInfo> modified = applied.stream()
                    .filter(m -> m.state() == dev.slipway.migrate.MigrationState.MODIFIED)
                    .toList();
            if (!modified.isEmpty()) {
                notes.add(ids(modified) + " changed after it was applied: replayed as the file is now, which may "
                        + "not be what the database ran (slipway validate shows the checksums).");
            }
            if (!noFile.isEmpty()) {
                notes.add(ids(noFile) + " applied without a file here: not replayed, so what "
                        + (noFile.size() == 1 ? "it" : "they") + " did shows as differences.");
            }
            if (!failed.isEmpty()) {
                notes.add(ids(failed) + " failed part-way: not replayed, so the statements it did show as "
                        + "differences (settle it with slipway resolve).");
            }
            return notes;
        }

        /** Copies the files of the applied migrations into {@code folder}, in their layout. */
        void copyTo(Path folder) throws IOException {
            for (MigrationInfo m : applied) {
                String source = m.source();
                Path file =
                        Path.of(source.startsWith("filesystem:") ? source.substring("filesystem:".length()) : source);
                Path target = file.getFileName().toString().equals("migration.sql")
                        ? folder.resolve(file.getParent().getFileName().toString())
                                .resolve("migration.sql")
                        : folder.resolve(file.getFileName().toString());
                Files.createDirectories(target.getParent());
                Files.copy(file, target);
            }
        }

        private static String ids(List<MigrationInfo> migrations) {
            return String.join(", ", migrations.stream().map(MigrationInfo::id).toList());
        }
    }

    private static void deleteRecursively(Path folder) {
        try (Stream<Path> paths = Files.walk(folder)) {
            paths.sorted(Comparator.reverseOrder()).forEach(path -> {
                try {
                    Files.delete(path);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
        } catch (IOException | UncheckedIOException e) {
            // a temporary folder left behind is harmless
        }
    }
}
