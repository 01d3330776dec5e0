package dev.slipway.migrate.internal.schema.source;

import dev.slipway.migrate.Action;
import dev.slipway.migrate.SlipwayError;
import dev.slipway.migrate.SlipwayException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;

/**
 * Where a schema comes from, as {@code diff --from/--to} and {@code dev} name it.
 *
 * <ul>
 *   <li>{@code url:<jdbc url>} — a live database, read as it is;</li>
 *   <li>{@code migrations} or {@code migrations:<location>[,<location>]} — the migrations replayed into a scratch
 *       database;</li>
 *   <li>{@code schema:<folder>} or {@code schema} — the desired schema as SQL files applied to a scratch database;</li>
 *   <li>{@code empty} — a database with nothing in it (a scratch database, read as created).</li>
 * </ul>
 */
public sealed interface SchemaSource {

    /** How the source is named in messages ({@code migrations:filesystem:db/migrations}). */
    String describe();

    /** A live database. */
    record Url(String jdbcUrl) implements SchemaSource {
        @Override
        public String describe() {
            return "url:" + new ServerLogin(jdbcUrl, null, null).maskedUrl();
        }
    }

    /** Migrations replayed into a scratch database. */
    record Migrations(List<String> locations) implements SchemaSource {
        public Migrations {
            locations = List.copyOf(locations);
        }

        @Override
        public String describe() {
            return "migrations:" + String.join(",", locations);
        }
    }

    /** Desired-schema SQL files applied to a scratch database. */
    record SchemaFolder(Path folder) implements SchemaSource {
        @Override
        public String describe() {
            return "schema:" + folder;
        }
    }

    /** Nothing at all. */
    record Empty() implements SchemaSource {
        @Override
        public String describe() {
            return "empty";
        }
    }

    /**
     * Reads a source as written on a command line.
     *
     * @param text {@code url:...}, {@code migrations[:...]}, {@code schema[:...]} or {@code empty}
     * @param defaultLocations the migration locations {@code migrations} alone means
     * @param defaultSchemaFolder the folder {@code schema} alone means
     * @param optionName how the front end names the option the text came from ({@code --from}), for the error
     */
    static SchemaSource parse(String text, List<String> defaultLocations, Path defaultSchemaFolder, String optionName) {
        String trimmed = text == null ? "" : text.trim();
        if (trimmed.equals("empty")) {
            return new Empty();
        }
        if (trimmed.equals("migrations")) {
            return new Migrations(defaultLocations);
        }
        if (trimmed.startsWith("migrations:") && trimmed.length() > "migrations:".length()) {
            return new Migrations(
                    Arrays.stream(trimmed.substring("migrations:".length()).split(","))
                            .map(String::trim)
                            .filter(location -> !location.isEmpty())
                            .toList());
        }
        if (trimmed.equals("schema")) {
            return new SchemaFolder(defaultSchemaFolder);
        }
        if (trimmed.startsWith("schema:") && trimmed.length() > "schema:".length()) {
            return new SchemaFolder(Path.of(trimmed.substring("schema:".length())));
        }
        if (trimmed.startsWith("url:jdbc:postgresql:")) {
            return new Url(trimmed.substring("url:".length()));
        }
        throw new SlipwayException(
                SlipwayError.OTHER,
                "'" + ServerLoginMasking.mask(trimmed) + "' given as " + optionName + " is not a schema source.",
                Action.text("Name one of: url:jdbc:postgresql://host:port/database (a live database), migrations or"
                        + " migrations:<location> (the migrations replayed), schema or schema:<folder> (SQL files of"
                        + " the desired schema), empty."));
    }
}
