package dev.slipway.cli;

import dev.slipway.migrate.AdoptMode;
import dev.slipway.migrate.LintMode;
import dev.slipway.migrate.SlipwayConfig;
import java.nio.file.Path;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What a command runs with: the connection and the {@link SlipwayConfig}, from the options, the environment and the
 * configuration file. Where each value comes from, first found wins:
 * <ul>
 *   <li>URL: {@code --url}; the file's {@code slipway.datasource.url}, else its {@code spring.datasource.url};
 *       {@code SLIPWAY_URL}; {@code DATABASE_URL}.</li>
 *   <li>User and password: {@code --user}/{@code --password}; the URL's user-info (or {@code user}/{@code password}
 *       parameters); the file's login for the URL it gave ({@code slipway.datasource.username}/{@code password}
 *       win over {@code spring.datasource.*}, as in the starter); {@code PGUSER}/{@code PGPASSWORD}.</li>
 *   <li>Schema: {@code --schema}; {@code slipway.schema}; the URL's {@code schema} parameter (Prisma's).</li>
 *   <li>Locations: {@code --locations}; {@code slipway.locations}; {@code filesystem:src/main/resources/db/migrations}.
 *       A {@code classpath:} location is read from the folder the classpath is built from: the folder of the
 *       configuration file ({@code src/main/resources}), else {@code src/main/resources}.</li>
 * </ul>
 * The other {@code slipway.*} properties of the file (lock, ddl, lint, adopt, baseline, validate) are read too.
 */
public final class Settings {

    static final String DEFAULT_LOCATION = "filesystem:src/main/resources/db/migrations";

    private static final String DEFAULT_RESOURCES = "src/main/resources";

    private final String jdbcUrl;
    private final String user;
    private final String password;
    private final SlipwayConfig config;

    private Settings(String jdbcUrl, String user, String password, SlipwayConfig config) {
        this.jdbcUrl = jdbcUrl;
        this.user = user;
        this.password = password;
        this.config = config;
    }

    /**
     * @param needsDatabase whether a missing URL is an error (it is not for {@code lint} and {@code new})
     */
    public static Settings resolve(
            ConnectionOptions options, Function<String, String> environment, boolean needsDatabase) {
        ConfigFile file =
                options.config == null ? null : ConfigFile.read(options.config, options.profiles, environment);

        String rawUrl = options.url;
        String fileUser = null;
        String filePassword = null;
        if (rawUrl == null && file != null) {
            try {
                String slipwayUrl = file.get("slipway.datasource.url");
                String springUrl = file.get("spring.datasource.url");
                rawUrl = slipwayUrl != null ? slipwayUrl : springUrl;
                if (rawUrl != null) {
                    fileUser = file.get("slipway.datasource.username");
                    filePassword = file.get("slipway.datasource.password");
                    if (slipwayUrl == null && fileUser == null && filePassword == null) {
                        fileUser = file.get("spring.datasource.username");
                        filePassword = file.get("spring.datasource.password");
                    }
                }
            } catch (CliException e) {
                // A datasource placeholder unset (the URL comes from the deployment's environment) does not stop
                // what needs no database: lint and new in CI.
                if (needsDatabase) {
                    throw e;
                }
                rawUrl = null;
                fileUser = null;
                filePassword = null;
            }
        }
        if (rawUrl == null) {
            rawUrl = blankToNull(environment.apply("SLIPWAY_URL"));
        }
        if (rawUrl == null) {
            rawUrl = blankToNull(environment.apply("DATABASE_URL"));
        }
        String jdbcUrl = null;
        String user = options.user;
        String password = options.password;
        String urlSchema = null;
        if (rawUrl != null) {
            DatabaseUrl url = DatabaseUrl.parse(rawUrl);
            jdbcUrl = url.jdbcUrl();
            urlSchema = url.schema();
            user = firstOf(user, url.user(), fileUser, blankToNull(environment.apply("PGUSER")));
            password = firstOf(password, url.password(), filePassword, environment.apply("PGPASSWORD"));
        } else if (needsDatabase) {
            throw new CliException(
                    "No database to connect to.",
                    "Give --url (jdbc:postgresql://host:5432/db or postgresql://user:password@host:5432/db), set "
                            + "SLIPWAY_URL or DATABASE_URL, or give --config with the application's "
                            + "application.yml or application.properties.");
        }

        SlipwayConfig.Builder config = SlipwayConfig.builder().applicationName("slipway-cli");
        Path classpathRoot = file != null ? file.directory() : Path.of(DEFAULT_RESOURCES);
        List<String> locations = options.locations;
        if (locations == null || locations.isEmpty()) {
            locations = file == null ? null : file.getList("slipway.locations");
        }
        if (locations == null || locations.isEmpty()) {
            locations = file == null ? List.of(DEFAULT_LOCATION) : List.of(SlipwayConfig.DEFAULT_LOCATION);
        }
        config.locations(locations.stream().map(l -> onDisk(l, classpathRoot)).toList());

        String schema = firstOf(options.schema, file == null ? null : file.get("slipway.schema"), urlSchema);
        if (schema != null) {
            config.schema(schema);
        }
        if (file != null) {
            applyFile(file, config);
        }
        return new Settings(jdbcUrl, user, password, config.build());
    }

    /** A location the command line can read: {@code classpath:x} becomes {@code filesystem:<classpath root>/x}. */
    static String onDisk(String location, Path classpathRoot) {
        String trimmed = location.trim();
        if (trimmed.startsWith("filesystem:")) {
            return trimmed;
        }
        String path = trimmed.startsWith("classpath:") ? trimmed.substring("classpath:".length()) : trimmed;
        while (path.startsWith("/")) {
            path = path.substring(1);
        }
        return "filesystem:" + classpathRoot.resolve(path).normalize();
    }

    private static void applyFile(ConfigFile file, SlipwayConfig.Builder config) {
        set(file, "slipway.table", config::table);
        set(file, "slipway.create-schema", v -> config.createSchema(bool("slipway.create-schema", v)));
        duration(file, "slipway.lock.wait-timeout", config::lockWaitTimeout);
        duration(file, "slipway.lock.poll-interval", config::lockPollInterval);
        duration(file, "slipway.ddl.lock-timeout", config::ddlLockTimeout);
        duration(file, "slipway.ddl.statement-timeout", config::ddlStatementTimeout);
        duration(file, "slipway.ddl.retry-budget", config::ddlRetryBudget);
        duration(file, "slipway.ddl.retry-initial-backoff", config::ddlRetryInitialBackoff);
        duration(file, "slipway.ddl.retry-max-backoff", config::ddlRetryMaxBackoff);
        set(
                file,
                "slipway.validate.ignore-missing",
                v -> config.ignoreMissing(bool("slipway.validate.ignore-missing", v)));
        set(file, "slipway.lint.mode", v -> config.lintMode(enumValue(LintMode.class, "slipway.lint.mode", v)));
        set(file, "slipway.lint.start-after", config::lintStartAfter);
        set(file, "slipway.adopt", v -> config.adoptMode(enumValue(AdoptMode.class, "slipway.adopt", v)));
        set(file, "slipway.adopt.mode", v -> config.adoptMode(enumValue(AdoptMode.class, "slipway.adopt.mode", v)));
        set(file, "slipway.adopt.flyway-table", config::flywayTable);
        set(file, "slipway.baseline.version", config::baselineVersion);
    }

    private static void set(ConfigFile file, String key, Consumer<String> setter) {
        String value = file.get(key);
        if (value != null && !value.isBlank()) {
            try {
                setter.accept(value.trim());
            } catch (IllegalArgumentException e) {
                throw new CliException(
                        "The property " + key + "=" + value + " in " + file.file() + " is invalid: " + e.getMessage(),
                        "Correct it in the file.");
            }
        }
    }

    private static void duration(ConfigFile file, String key, Consumer<Duration> setter) {
        set(file, key, v -> setter.accept(Durations.parse(key, v)));
    }

    private static boolean bool(String key, String value) {
        if (value.equalsIgnoreCase("true") || value.equalsIgnoreCase("false")) {
            return Boolean.parseBoolean(value);
        }
        throw new IllegalArgumentException("'" + key + "' must be true or false");
    }

    private static <E extends Enum<E>> E enumValue(Class<E> type, String key, String value) {
        try {
            return Enum.valueOf(type, value.trim().replace('-', '_').toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            List<String> names = new ArrayList<>();
            for (E constant : type.getEnumConstants()) {
                names.add(constant.name().toLowerCase(Locale.ROOT));
            }
            throw new IllegalArgumentException("'" + key + "' must be one of " + String.join(", ", names));
        }
    }

    public String jdbcUrl() {
        return jdbcUrl;
    }

    public String user() {
        return user;
    }

    public String password() {
        return password;
    }

    public SlipwayConfig config() {
        return config;
    }

    @SafeVarargs
    private static <T> T firstOf(T... values) {
        for (T value : values) {
            if (value != null) {
                return value;
            }
        }
        return null;
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value;
    }

    /** Durations as Spring Boot writes them: {@code 500ms}, {@code 10s}, {@code 2m}, {@code 1h}, {@code 1d}, ISO-8601, or milliseconds. */
    static final class Durations {

        private static final Pattern SIMPLE = Pattern.compile("(?i)^([+-]?\\d+)(ns|us|ms|s|m|h|d)?$");

        private Durations() {}

        static Duration parse(String key, String value) {
            String text = value.trim();
            Matcher m = SIMPLE.matcher(text);
            if (m.matches()) {
                long amount = Long.parseLong(m.group(1));
                String unit = m.group(2) == null ? "ms" : m.group(2).toLowerCase(Locale.ROOT);
                return switch (unit) {
                    case "ns" -> Duration.ofNanos(amount);
                    case "us" -> Duration.ofNanos(amount * 1000);
                    case "ms" -> Duration.ofMillis(amount);
                    case "s" -> Duration.ofSeconds(amount);
                    case "m" -> Duration.ofMinutes(amount);
                    case "h" -> Duration.ofHours(amount);
                    default -> Duration.ofDays(amount);
                };
            }
            try {
                return Duration.parse(text);
            } catch (DateTimeParseException e) {
                throw new IllegalArgumentException("'" + key + "' must be a duration such as 10s, 500ms or PT1M");
            }
        }
    }
}
