package dev.slipway.migrate.autoconfigure;

import java.util.Objects;
import javax.sql.DataSource;

/**
 * The {@link DataSource} that Slipway migrates with, as {@link MigrationDataSources} chose it, shared by the
 * {@link dev.slipway.migrate.Slipway} and the {@link dev.slipway.migrate.backfill.Backfills} beans. It is a bean of
 * its own type rather than a {@code DataSource} bean, so that it never competes with the application's.
 *
 * @param dataSource the data source
 */
record MigrationDataSource(DataSource dataSource) {

    MigrationDataSource {
        Objects.requireNonNull(dataSource, "'dataSource' must not be null");
    }
}
