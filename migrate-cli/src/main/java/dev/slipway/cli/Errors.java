package dev.slipway.cli;

import dev.slipway.migrate.MigrationLocationNotFoundException;
import dev.slipway.migrate.SlipwayException;
import java.sql.SQLException;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * How the command line shows an error: the one place that turns an exception into text and into {@code --json}.
 * A Slipway exception is shown as its description (what happened, with the facts) and its action rendered in the
 * command line's terms by {@link CliSettings} (options such as {@code --url}, else the {@code slipway.*} properties
 * of the {@code --config} file); a missing migrations folder gets advice of its own; a mistake in the options
 * ({@link CliException}) says what to give instead; anything else is shown with its type. A password the command
 * was given is replaced by {@code ****} wherever it would appear.
 */
final class Errors {

    private Errors() {}

    /** The error as text for stderr: the description, then the action on a line of its own when there is one. */
    static String text(Throwable error, String password) {
        String text;
        if (error instanceof CliException cli) {
            text = cli.getMessage() + (cli.action() == null ? "" : "\n" + cli.action());
        } else if (error instanceof MigrationLocationNotFoundException missing) {
            text = missing.getLocation() + ": " + missing.getDescription() + "\n"
                    + missing.getFlywayLocation()
                            .map(flyway -> "Give --locations " + onDisk(flyway) + " to read them there, or move them.")
                            .orElse("Create it (slipway new <name> does), or give the folder with --locations "
                                    + "filesystem:<folder>.");
        } else if (error instanceof SlipwayException slipway) {
            text = slipway.getAction().isEmpty()
                    ? slipway.getDescription()
                    : slipway.getDescription() + "\n" + CliSettings.render(slipway.getAction());
        } else if (error instanceof SQLException sql) {
            text = "The database refused: " + sql.getMessage()
                    + (sql.getSQLState() == null ? "" : " (SQLSTATE " + sql.getSQLState() + ")");
        } else {
            text = error.getClass().getName() + ": " + error.getMessage();
        }
        return mask(text, password);
    }

    /** The error for {@code --json}: its kind, the exception type, and its text. */
    static Map<String, Object> json(Throwable error, String password) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put(
                "type",
                error instanceof CliException ? "usage" : error.getClass().getSimpleName());
        if (error instanceof SlipwayException slipway) {
            body.put("code", slipway.getError().name());
        }
        body.put("message", text(error, password));
        Map<String, Object> root = new LinkedHashMap<>();
        root.put("error", body);
        return root;
    }

    private static String onDisk(String location) {
        return location.startsWith("classpath:")
                ? "filesystem:src/main/resources/" + location.substring("classpath:".length())
                : location;
    }

    static String mask(String text, String password) {
        if (text == null) {
            return "";
        }
        String masked = DatabaseUrl.masked(text);
        if (password != null && password.length() >= 3) {
            masked = masked.replace(password, "****");
        }
        return masked;
    }
}
