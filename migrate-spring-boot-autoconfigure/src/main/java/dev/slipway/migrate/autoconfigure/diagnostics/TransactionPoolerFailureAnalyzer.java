package dev.slipway.migrate.autoconfigure.diagnostics;

import dev.slipway.migrate.Setting;
import dev.slipway.migrate.TransactionPoolerException;
import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.core.env.Environment;
import org.springframework.util.StringUtils;

/**
 * Analyzes a {@link TransactionPoolerException}: the connection Slipway migrates with goes through a transaction
 * pooler (PgBouncer with {@code pool_mode=transaction}, typically the application's {@code spring.datasource.url}).
 * The description says what was seen and which URL Slipway used; the action says how to give Slipway a direct
 * connection with {@code slipway.datasource.url}, {@code username} and {@code password}, the application keeping its
 * pooler.
 */
class TransactionPoolerFailureAnalyzer extends AbstractFailureAnalyzer<TransactionPoolerException> {

    private final Environment environment;

    TransactionPoolerFailureAnalyzer(Environment environment) {
        this.environment = environment;
    }

    @Override
    protected FailureAnalysis analyze(Throwable rootFailure, TransactionPoolerException cause) {
        String description = cause.getDescription() + "\n-> " + connection();
        return new FailureAnalysis(description, SpringSettings.render(cause.getAction()), cause);
    }

    private String connection() {
        String ownUrl = SpringSettings.property(Setting.DATASOURCE_URL);
        String own = property(ownUrl);
        if (own != null) {
            return "Slipway's own connection: " + ownUrl + "=" + withoutParameters(own);
        }
        String application = property("spring.datasource.url");
        if (application != null) {
            return "Slipway used the application's DataSource: spring.datasource.url=" + withoutParameters(application)
                    + " (" + ownUrl + " is not set)";
        }
        return "Slipway used the application's DataSource, or the @SlipwayDataSource bean (" + ownUrl + " is not set)";
    }

    private String property(String name) {
        String value = (this.environment != null) ? this.environment.getProperty(name) : null;
        return StringUtils.hasText(value) ? value : null;
    }

    /** The URL without its parameters, which may hold a password. */
    private static String withoutParameters(String url) {
        int query = url.indexOf('?');
        return (query < 0) ? url : url.substring(0, query);
    }
}
