package dev.slipway.migrate.autoconfigure;

import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.jdbc.DataSourceBuilder;
import org.springframework.jdbc.datasource.SimpleDriverDataSource;
import org.springframework.util.StringUtils;

/**
 * Chooses the {@link DataSource} that Slipway migrates with, in this order: a bean qualified
 * {@link SlipwayDataSource @SlipwayDataSource}; a connection of Slipway's own to {@code slipway.datasource.url};
 * the URL of the application's {@code DataSource} with the login of {@code slipway.datasource.username} and
 * {@code password}; the application's {@code DataSource} itself. Connections of Slipway's own are not pooled:
 * they are needed at startup, by the background backfills (one connection each, held while it runs batches) and by
 * the endpoint and health checks, and must not take a place in the application's pool.
 */
final class MigrationDataSources {

    private static final Logger log = LoggerFactory.getLogger(SlipwayAutoConfiguration.class);

    private MigrationDataSources() {}

    /**
     * @param login the {@code slipway.datasource.*} properties
     * @param qualified the {@code @SlipwayDataSource} bean, or null
     * @param application the application's single {@code DataSource} (or its primary one), or null
     * @param classLoader the class loader to find the JDBC driver with
     */
    static DataSource choose(
            SlipwayProperties.Datasource login, DataSource qualified, DataSource application, ClassLoader classLoader) {
        if (qualified != null) {
            return qualified;
        }
        if (StringUtils.hasText(login.getUrl())) {
            log.info(
                    "Slipway migrates as {} through a connection of its own to {} (slipway.datasource.url)",
                    who(login),
                    withoutParameters(login.getUrl()));
            return withLogin(DataSourceBuilder.create(classLoader).url(login.getUrl()), login);
        }
        if (login.getUsername() != null || login.getPassword() != null) {
            if (application == null) {
                throw new IllegalStateException("slipway.datasource.username or password is set, but there is no "
                        + "single application DataSource whose URL Slipway could connect to with them. "
                        + "Set slipway.datasource.url as well.");
            }
            log.info(
                    "Slipway migrates as {} through a connection of its own to the application's database "
                            + "(slipway.datasource.username)",
                    who(login));
            return withLogin(DataSourceBuilder.derivedFrom(application), login);
        }
        if (application == null) {
            throw new IllegalStateException("Slipway has no DataSource to migrate with: there is more than one and "
                    + "none is @Primary. Mark the application's one @Primary, annotate the one for migrations "
                    + "@SlipwayDataSource, or set slipway.datasource.url.");
        }
        return application;
    }

    private static DataSource withLogin(DataSourceBuilder<?> builder, SlipwayProperties.Datasource login) {
        DataSourceBuilder<SimpleDriverDataSource> simple = builder.type(SimpleDriverDataSource.class);
        if (login.getUsername() != null) {
            simple.username(login.getUsername());
        }
        if (login.getPassword() != null) {
            simple.password(login.getPassword());
        }
        return simple.build();
    }

    private static String who(SlipwayProperties.Datasource login) {
        return login.getUsername() == null ? "the user of the URL" : "'" + login.getUsername() + "'";
    }

    /** The URL without its parameters, which may hold a password. */
    static String withoutParameters(String url) {
        int query = url.indexOf('?');
        return query < 0 ? url : url.substring(0, query);
    }
}
