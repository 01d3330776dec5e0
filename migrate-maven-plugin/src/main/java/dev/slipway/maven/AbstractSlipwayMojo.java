package dev.slipway.maven;

import dev.slipway.cli.CliException;
import dev.slipway.cli.ConnectionOptions;
import dev.slipway.cli.DatabaseUrl;
import dev.slipway.cli.Settings;
import dev.slipway.migrate.MigrationLocationNotFoundException;
import dev.slipway.migrate.Slipway;
import dev.slipway.migrate.SlipwayConfig;
import dev.slipway.migrate.SlipwayException;
import dev.slipway.migrate.SlipwayListener;
import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import javax.sql.DataSource;
import org.apache.maven.execution.MavenSession;
import org.apache.maven.plugin.AbstractMojo;
import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.plugins.annotations.Parameter;
import org.postgresql.ds.PGSimpleDataSource;

/**
 * What every goal shares: its configuration, read as the command line reads it ({@link Settings}) from the
 * project's own {@code src/main/resources/application.{properties,yml,yaml}} ({@code spring.datasource.*},
 * {@code slipway.datasource.*} winning, and {@code slipway.*}; profiles with {@code -Dslipway.profile}), overridden
 * by the parameters; and how errors end the build: a Slipway error as its description and its action in the
 * plugin's terms ({@link PluginSettings}), with any password replaced by {@code ****}.
 */
abstract class AbstractSlipwayMojo extends AbstractMojo {

    private static final List<String> APPLICATION_FILES =
            List.of("application.properties", "application.yml", "application.yaml");

    @Parameter(defaultValue = "${project.basedir}", readonly = true, required = true)
    File basedir;

    @Parameter(defaultValue = "${session}", readonly = true, required = true)
    MavenSession session;

    /** The database: {@code jdbc:postgresql://host:5432/db} or {@code postgresql://user:password@host:5432/db}. */
    @Parameter(property = "slipway.url")
    String url;

    /** The login. */
    @Parameter(property = "slipway.user")
    String user;

    /** The password (never printed). */
    @Parameter(property = "slipway.password")
    String password;

    /** The schema to migrate, where slipway_migrations lives. */
    @Parameter(property = "slipway.schema")
    String schema;

    /** Where the migrations are, comma-separated ({@code filesystem:<folder>}, {@code classpath:<path>}). */
    @Parameter(property = "slipway.locations")
    String locations;

    /**
     * The application file to read; default: the first of {@code application.properties}, {@code application.yml},
     * {@code application.yaml} in {@code src/main/resources}.
     */
    @Parameter(property = "slipway.config")
    File configFile;

    /** Spring profiles for the application file, comma-separated; default: its {@code spring.profiles.active}. */
    @Parameter(property = "slipway.profile")
    String profile;

    /** Skips the goal. */
    @Parameter(property = "slipway.skip", defaultValue = "false")
    boolean skip;

    /** The connection and configuration this goal runs with. */
    record Resolved(String jdbcUrl, String user, String password, SlipwayConfig config, Path file) {}

    private Resolved resolved;

    @Override
    public final void execute() throws MojoExecutionException, MojoFailureException {
        if (skip) {
            getLog().info("Skipped (slipway.skip).");
            return;
        }
        try {
            run();
        } catch (SlipwayException e) {
            throw new MojoFailureException(mask(describe(e)), e);
        } catch (CliException e) {
            throw new MojoExecutionException(
                    mask(e.getMessage() + (e.action() == null ? "" : "\n" + inPluginTerms(e.action()))), e);
        } catch (IllegalArgumentException e) {
            throw new MojoExecutionException(mask(e.getMessage()), e);
        }
    }

    abstract void run() throws MojoExecutionException, MojoFailureException;

    /** The settings, resolved once; a missing URL is an error when {@code needsDatabase}. */
    Resolved settings(boolean needsDatabase) throws MojoExecutionException {
        if (resolved == null) {
            ConnectionOptions options = new ConnectionOptions();
            options.url = blankToNull(url);
            options.user = blankToNull(user);
            options.password = password == null || password.isEmpty() ? null : password;
            options.schema = blankToNull(schema);
            if (locations != null && !locations.isBlank()) {
                options.locations = split(locations);
            }
            options.config = applicationFile();
            if (profile != null && !profile.isBlank()) {
                options.profiles = split(profile);
            }
            Properties userProperties = session == null ? new Properties() : session.getUserProperties();
            Settings settings = Settings.resolve(
                    options,
                    name -> {
                        String value = userProperties.getProperty(name);
                        return value != null ? value : System.getenv(name);
                    },
                    false);
            // Relative folders are the project's, wherever Maven was started from.
            SlipwayConfig config = settings.config().toBuilder()
                    .locations(settings.config().locations().stream()
                            .map(this::inProject)
                            .toList())
                    .applicationName("slipway-maven-plugin")
                    .build();
            resolved = new Resolved(settings.jdbcUrl(), settings.user(), settings.password(), config, options.config);
        }
        if (needsDatabase && resolved.jdbcUrl() == null) {
            throw new MojoExecutionException("No database to connect to: "
                    + (resolved.file() == null
                            ? "the project has no src/main/resources/application.properties or " + "application.yml"
                            : resolved.file() + " sets no spring.datasource.url")
                    + ".\nGive -Dslipway.url (or <url> in the plugin's configuration), set spring.datasource.url in "
                    + "the application file, or set SLIPWAY_URL or DATABASE_URL.");
        }
        return resolved;
    }

    /** A data source for the settings, checked by connecting once. */
    DataSource dataSource() throws MojoExecutionException {
        Resolved settings = settings(true);
        PGSimpleDataSource dataSource = new PGSimpleDataSource();
        try {
            dataSource.setURL(settings.jdbcUrl());
        } catch (IllegalArgumentException e) {
            throw new MojoExecutionException(
                    mask("The database URL " + settings.jdbcUrl() + " is invalid: " + e.getMessage()
                            + "\nCorrect -Dslipway.url or spring.datasource.url."),
                    e);
        }
        if (settings.user() != null) {
            dataSource.setUser(settings.user());
        }
        if (settings.password() != null) {
            dataSource.setPassword(settings.password());
        }
        dataSource.setApplicationName("slipway-maven-plugin");
        try (Connection connection = dataSource.getConnection()) {
            connection.isValid(0);
        } catch (SQLException e) {
            throw new MojoExecutionException(
                    mask(
                            "Cannot connect to " + describeDatabase() + ": " + e.getMessage()
                                    + "\nCheck -Dslipway.url, -Dslipway.user and -Dslipway.password (or spring.datasource.* in "
                                    + "the application file, or PGPASSWORD), and that the server accepts connections from here."),
                    e);
        }
        return dataSource;
    }

    Slipway slipway(SlipwayListener listener) throws MojoExecutionException {
        Slipway.Builder builder = Slipway.builder(dataSource()).config(resolved.config());
        if (listener != null) {
            builder.listener(listener);
        }
        return builder.build();
    }

    /** The URL without its parameters (which may hold a password) and the login, for messages. */
    String describeDatabase() {
        String masked = DatabaseUrl.masked(resolved.jdbcUrl());
        int query = masked.indexOf('?');
        return (query < 0 ? masked : masked.substring(0, query))
                + (resolved.user() == null ? "" : " as " + resolved.user());
    }

    /** A Slipway error as the plugin shows it: its description, then its action in the plugin's terms. */
    static String describe(SlipwayException e) {
        if (e instanceof MigrationLocationNotFoundException missing) {
            return missing.getLocation() + ": " + missing.getDescription() + "\n"
                    + missing.getFlywayLocation()
                            .map(flyway -> "Give -Dslipway.locations=" + flyway + " to read them there, or move them.")
                            .orElse("Create it (mvn slipway:new -Dslipway.name=<name> does), or give the folder with "
                                    + "-Dslipway.locations=filesystem:<folder>.");
        }
        return e.getAction().isEmpty()
                ? e.getDescription()
                : e.getDescription() + "\n" + PluginSettings.render(e.getAction());
    }

    /** Text with the URL's password and the password in use replaced by {@code ****}. */
    String mask(String text) {
        String masked = DatabaseUrl.masked(text);
        for (String secret : new String[] {password, resolved == null ? null : resolved.password()}) {
            if (secret != null && secret.length() >= 3) {
                masked = masked.replace(secret, "****");
            }
        }
        return masked;
    }

    /** The command line's options named in a configuration error, as the plugin's user properties. */
    private static String inPluginTerms(String action) {
        for (Map.Entry<String, String> option : Map.of(
                        "--url",
                        "-Dslipway.url",
                        "--user",
                        "-Dslipway.user",
                        "--password",
                        "-Dslipway.password",
                        "--schema",
                        "-Dslipway.schema",
                        "--locations",
                        "-Dslipway.locations",
                        "--config",
                        "-Dslipway.config",
                        "--profile",
                        "-Dslipway.profile",
                        "--start-after",
                        "-Dslipway.startAfter")
                .entrySet()) {
            action = action.replace(option.getKey() + " ", option.getValue() + "=")
                    .replace(option.getKey(), option.getValue());
        }
        return action;
    }

    private Path applicationFile() {
        if (configFile != null) {
            return configFile.isAbsolute()
                    ? configFile.toPath()
                    : basedir.toPath().resolve(configFile.toPath());
        }
        Path resources = basedir.toPath().resolve("src/main/resources");
        for (String name : APPLICATION_FILES) {
            Path candidate = resources.resolve(name);
            if (Files.isRegularFile(candidate)) {
                return candidate;
            }
        }
        return null;
    }

    String inProject(String location) {
        if (location.startsWith("filesystem:")) {
            Path path = Path.of(location.substring("filesystem:".length()));
            if (!path.isAbsolute()) {
                return "filesystem:" + basedir.toPath().resolve(path).normalize();
            }
        }
        return location;
    }

    private static List<String> split(String text) {
        return Arrays.stream(text.split(","))
                .map(String::trim)
                .filter(s -> !s.isEmpty())
                .toList();
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value;
    }
}
