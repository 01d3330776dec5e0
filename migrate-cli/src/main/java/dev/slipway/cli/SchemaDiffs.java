package dev.slipway.cli;

import dev.slipway.migrate.schema.SchemaDiff;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * What {@code diff}, {@code drift} and {@code dev} share: a {@link SchemaDiff} on the command's connection (the server
 * scratch databases are made on, and the login of {@code url:} sources), and sources written as the user may write
 * them on a command line, turned into what the core reads.
 */
final class SchemaDiffs {

    private SchemaDiffs() {}

    /** A schema diff on the server and login of {@code settings}, with its locations and an optional shadow URL. */
    static SchemaDiff create(Settings settings, String shadowUrl, Path schemaFolder) {
        return create(settings, shadowUrl, schemaFolder, true);
    }

    /**
     * As {@link #create(Settings, String, Path)}; {@code reprint} false for {@code drift}, which compares a database
     * with the very migrations that built it (see {@link SchemaDiff.Builder#reprintDefinitions}).
     */
    static SchemaDiff create(Settings settings, String shadowUrl, Path schemaFolder, boolean reprint) {
        SchemaDiff.Builder builder = SchemaDiff.builder()
                .reprintDefinitions(reprint)
                .connection(settings.jdbcUrl(), settings.user(), settings.password())
                .locations(settings.config().locations())
                .schema(settings.config().schema())
                .classLoader(SchemaDiffs.class.getClassLoader());
        if (shadowUrl != null) {
            builder.shadowUrl(jdbcUrl(shadowUrl, "--shadow-url"));
        }
        if (schemaFolder != null) {
            builder.schemaFolder(schemaFolder);
        }
        return builder.build();
    }

    /**
     * A source as the core reads it: {@code url:postgresql://user:password@host/db} becomes a JDBC URL (its login
     * as parameters, so it wins over the command's), a {@code classpath:} location of {@code migrations:} is read
     * from the folder the classpath is built from; {@code entities} is refused with what to do instead.
     *
     * @param option the option the source was given with, for messages ({@code --from})
     * @param classpathRoot the folder {@code classpath:} locations are read from
     */
    static String source(String text, String option, Path classpathRoot) {
        String trimmed = text.trim();
        if (trimmed.equals("entities") || trimmed.startsWith("entities:")) {
            throw new CliException(
                    option + " entities: the command line does not have the application's classes, so it cannot "
                            + "read its JPA entities.",
                    "Run the Maven plugin's goal in the project (mvn slipway:diff), which has them, or describe the "
                            + "desired schema as SQL files and give schema:<folder>.");
        }
        if (trimmed.toLowerCase(Locale.ROOT).startsWith("url:")) {
            return "url:" + jdbcUrl(trimmed.substring("url:".length()), option);
        }
        if (trimmed.startsWith("migrations:")) {
            return "migrations:"
                    + Arrays.stream(trimmed.substring("migrations:".length()).split(","))
                            .map(String::trim)
                            .filter(location -> !location.isEmpty())
                            .map(location -> Settings.onDisk(location, classpathRoot))
                            .collect(Collectors.joining(","));
        }
        return trimmed;
    }

    /** The folder {@code classpath:} locations are read from: next to {@code --config}, else src/main/resources. */
    static Path classpathRoot(ConnectionOptions connection) {
        if (connection.config != null) {
            Path parent = connection.config.toAbsolutePath().getParent();
            return parent == null ? Path.of(".") : parent;
        }
        return Path.of("src/main/resources");
    }

    /** A database URL in either form as a JDBC URL, with the user and password of a postgresql:// URL as parameters. */
    static String jdbcUrl(String url, String option) {
        DatabaseUrl parsed;
        try {
            parsed = DatabaseUrl.parse(url);
        } catch (CliException e) {
            throw new CliException(
                    option + " " + DatabaseUrl.masked(url) + " is not a PostgreSQL URL.",
                    "Give it as jdbc:postgresql://host:5432/db or postgresql://user:password@host:5432/db.");
        }
        StringBuilder jdbc = new StringBuilder(parsed.jdbcUrl());
        if (parsed.user() != null) {
            jdbc.append(jdbc.indexOf("?") < 0 ? '?' : '&').append("user=").append(encode(parsed.user()));
        }
        if (parsed.password() != null) {
            jdbc.append(jdbc.indexOf("?") < 0 ? '?' : '&').append("password=").append(encode(parsed.password()));
        }
        return jdbc.toString();
    }

    private static String encode(String text) {
        return URLEncoder.encode(text, StandardCharsets.UTF_8).replace("+", "%20");
    }
}
