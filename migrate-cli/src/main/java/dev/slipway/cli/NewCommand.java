package dev.slipway.cli;

import dev.slipway.migrate.MigrationPhase;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(
        name = "new",
        sortOptions = false,
        usageHelpAutoWidth = true,
        mixinStandardHelpOptions = true,
        headerHeading = "NAME%n  slipway new - ",
        header = "create an empty migration",
        synopsisHeading = "%nSYNOPSIS%n  ",
        descriptionHeading = "%nDESCRIPTION%n",
        description = {
            "Creates <yyyyMMddHHmmss>_<name>/migration.sql (the version is the time now, UTC) in the first "
                    + "filesystem location, with the phase directive at the top. The name is lower-cased, and "
                    + "characters other than letters, digits and _ become _. Needs no database."
        },
        optionListHeading = "%nOPTIONS%n",
        exitCodeListHeading = "%nEXIT CODES%n",
        exitCodeList = {"0:created; its path is printed", "1:no filesystem location, an invalid name, or another error"
        },
        footerHeading = "%nEXAMPLES%n",
        footer = {
            "  slipway new add_display_name",
            "  slipway new drop_name --phase contract",
            "  slipway new add_index --locations filesystem:db/migrations"
        })
final class NewCommand extends DatabaseCommand {

    private static final DateTimeFormatter VERSION = DateTimeFormatter.ofPattern("yyyyMMddHHmmss");

    @Parameters(index = "0", paramLabel = "<name>", description = "What the migration does, e.g. add_display_name.")
    String name;

    @Option(
            names = "--phase",
            paramLabel = "expand|contract",
            defaultValue = "expand",
            description = "expand (additive, applied at deploy; the default) or contract (destructive, applied once "
                    + "the fleet and backfills allow).")
    String phase;

    @Override
    public Integer call() throws IOException {
        MigrationPhase migrationPhase = switch (phase.toLowerCase(Locale.ROOT)) {
            case "expand" -> MigrationPhase.EXPAND;
            case "contract" -> MigrationPhase.CONTRACT;
            default ->
                throw new CliException("--phase " + phase + " is not a phase.", "Give --phase expand or contract.");
        };
        String slug = name.trim()
                .toLowerCase(Locale.ROOT)
                .replaceAll("[^a-z0-9_]+", "_")
                .replaceAll("^_+|_+$", "");
        if (slug.isEmpty()) {
            throw new CliException(
                    "The name '" + name + "' has no letter or digit.", "Give a name such as add_display_name.");
        }
        Path folder = settings(false).config().locations().stream()
                .filter(l -> l.startsWith("filesystem:"))
                .map(l -> Path.of(l.substring("filesystem:".length())))
                .findFirst()
                .orElseThrow(() -> new CliException(
                        "There is no filesystem location to create the migration in.",
                        "Give --locations filesystem:<folder>."));
        LocalDateTime now = LocalDateTime.now(Clock.systemUTC());
        Path migration;
        do {
            migration = folder.resolve(VERSION.format(now) + "_" + slug);
            now = now.plusSeconds(1);
        } while (Files.exists(migration) || existsWithVersion(folder, migration));
        Files.createDirectories(migration);
        Path file = migration.resolve("migration.sql");
        String header = "-- slipway:phase " + migrationPhase.name().toLowerCase(Locale.ROOT) + "\n\n";
        Files.writeString(file, header, StandardCharsets.UTF_8);
        console.println(file.toString());
        return SlipwayCli.OK;
    }

    /** Whether another migration already has this version: two made within one second. */
    private static boolean existsWithVersion(Path folder, Path migration) throws IOException {
        if (!Files.isDirectory(folder)) {
            return false;
        }
        String version = migration.getFileName().toString().substring(0, 14) + "_";
        try (var entries = Files.list(folder)) {
            return entries.anyMatch(p -> p.getFileName().toString().startsWith(version));
        }
    }
}
