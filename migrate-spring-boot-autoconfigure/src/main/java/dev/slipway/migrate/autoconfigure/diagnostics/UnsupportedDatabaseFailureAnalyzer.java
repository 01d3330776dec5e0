package dev.slipway.migrate.autoconfigure.diagnostics;

import dev.slipway.migrate.Setting;
import dev.slipway.migrate.UnsupportedDatabaseException;
import java.util.Arrays;
import java.util.stream.Collectors;
import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.core.env.Environment;

/**
 * Analyzes an {@link UnsupportedDatabaseException}: Slipway was given a data source that is not PostgreSQL 12 or
 * newer (typically H2 in a test or local profile) and stopped before sending any SQL. The description names the
 * product and version; the action says how to turn Slipway off for the profiles that run on it
 * ({@code slipway.enabled=false}, naming the active profiles) or how to point Slipway at PostgreSQL. It is built
 * here from the exception's fields rather than from its action, because it names the active profiles and the
 * application's {@code spring.datasource.url}, which only Spring knows.
 */
class UnsupportedDatabaseFailureAnalyzer extends AbstractFailureAnalyzer<UnsupportedDatabaseException> {

    private static final String POINT_AT_POSTGRESQL = "spring.datasource.url=jdbc:postgresql://<host>:<port>/"
            + "<database>, or give Slipway a login of its own with " + SpringSettings.property(Setting.DATASOURCE_URL)
            + ", " + SpringSettings.property(Setting.DATASOURCE_USERNAME) + " and "
            + SpringSettings.property(Setting.DATASOURCE_PASSWORD);

    private static final String ENABLED = SpringSettings.property(Setting.ENABLED);

    private final Environment environment;

    UnsupportedDatabaseFailureAnalyzer(Environment environment) {
        this.environment = environment;
    }

    @Override
    protected FailureAnalysis analyze(Throwable rootFailure, UnsupportedDatabaseException cause) {
        String description = cause.getDescription() + " Slipway stopped before sending any SQL to it.";
        String action = cause.isPostgreSql()
                ? "Upgrade the server to PostgreSQL "
                        + UnsupportedDatabaseException.MINIMUM_POSTGRESQL_VERSION
                        + " or newer, or point Slipway at one: "
                        + POINT_AT_POSTGRESQL + "."
                : otherProduct(cause.getProductName());
        return new FailureAnalysis(description, action, cause);
    }

    private String otherProduct(String product) {
        String[] profiles = (this.environment != null) ? this.environment.getActiveProfiles() : new String[0];
        String turnOff;
        if (profiles.length == 0) {
            turnOff = "If the application runs on " + product + " on purpose (no profile is active, so this is the "
                    + "default configuration), turn Slipway off there with " + ENABLED + "=false in "
                    + "application.properties (or .yml), and on with " + ENABLED + "=true in the profile that runs on"
                    + " PostgreSQL.";
        } else {
            String names = Arrays.stream(profiles)
                    .map((profile) -> "'" + profile + "'")
                    .collect(Collectors.joining(", "));
            String file = "application-" + profiles[profiles.length - 1] + ".properties";
            turnOff = "If the application runs on " + product + " on purpose in this configuration (active "
                    + ((profiles.length == 1) ? "profile " : "profiles ") + names + "), turn Slipway off for it with "
                    + ENABLED + "=false, e.g. in " + file + " (or .yml).";
        }
        return turnOff + "\nOtherwise point Slipway at PostgreSQL "
                + UnsupportedDatabaseException.MINIMUM_POSTGRESQL_VERSION + " or newer: " + POINT_AT_POSTGRESQL + ".";
    }
}
