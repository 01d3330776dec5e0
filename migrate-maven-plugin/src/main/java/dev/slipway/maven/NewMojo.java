package dev.slipway.maven;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import java.util.stream.Stream;
import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;

/**
 * Creates {@code <yyyyMMddHHmmss>_<name>/migration.sql} (the version is the time now, UTC) in the first
 * {@code filesystem:} location (a {@code classpath:} one is read under {@code src/main/resources}), with the phase
 * directive at the top. Needs no database.
 */
@Mojo(name = "new", requiresProject = true, threadSafe = true)
public class NewMojo extends AbstractSlipwayMojo {

    private static final DateTimeFormatter VERSION = DateTimeFormatter.ofPattern("yyyyMMddHHmmss");

    /** What the migration does, e.g. {@code add_display_name}. */
    @Parameter(property = "slipway.name", required = true)
    String name;

    /** {@code expand} (the default) or {@code contract}. */
    @Parameter(property = "slipway.phase", defaultValue = "expand")
    String phase;

    @Override
    void run() throws MojoExecutionException {
        String directive = phase == null ? "expand" : phase.trim().toLowerCase(Locale.ROOT);
        if (!directive.equals("expand") && !directive.equals("contract")) {
            throw new MojoExecutionException(
                    "-Dslipway.phase=" + phase + " is not a phase.\n" + "Give -Dslipway.phase=expand or contract.");
        }
        String slug = name.trim()
                .toLowerCase(Locale.ROOT)
                .replaceAll("[^a-z0-9_]+", "_")
                .replaceAll("^_+|_+$", "");
        if (slug.isEmpty()) {
            throw new MojoExecutionException("The name '" + name + "' has no letter or digit.\n"
                    + "Give -Dslipway.name=add_display_name, for example.");
        }
        Path folder = settings(false).config().locations().stream()
                .filter(l -> l.startsWith("filesystem:"))
                .map(l -> Path.of(l.substring("filesystem:".length())))
                .findFirst()
                .orElseThrow(() -> new MojoExecutionException("There is no filesystem location to create the "
                        + "migration in.\nGive -Dslipway.locations=filesystem:<folder>."));
        try {
            LocalDateTime now = LocalDateTime.now(Clock.systemUTC());
            Path migration;
            do {
                migration = folder.resolve(VERSION.format(now) + "_" + slug);
                now = now.plusSeconds(1);
            } while (taken(folder, migration.getFileName().toString().substring(0, 14) + "_"));
            Files.createDirectories(migration);
            Path file = migration.resolve("migration.sql");
            Files.writeString(file, "-- slipway:phase " + directive + "\n\n", StandardCharsets.UTF_8);
            getLog().info("Created " + file);
        } catch (IOException e) {
            throw new MojoExecutionException(
                    "Cannot create the migration in " + folder + ": " + e.getMessage()
                            + "\nCheck that the folder can be written.",
                    e);
        }
    }

    /** Whether a migration with this version prefix exists already: two made within one second. */
    private static boolean taken(Path folder, String versionPrefix) throws IOException {
        if (!Files.isDirectory(folder)) {
            return false;
        }
        try (Stream<Path> entries = Files.list(folder)) {
            return entries.anyMatch(p -> p.getFileName().toString().startsWith(versionPrefix));
        }
    }
}
