package dev.slipway.benchmarks;

import javax.sql.DataSource;

/** One way of applying the migrations, measured from building the tool to its last commit. */
interface Contender {

    /** The short name of the command line and the ratios: {@code jdbc}, {@code flyway}, {@code slipway}. */
    String key();

    /** The name in the report, with the version, e.g. "Flyway 12.4.0". */
    String name();

    /** Applies every pending migration and returns how many it applied. */
    int migrate(DataSource dataSource) throws Exception;

    /** Whether a second run, with everything applied, means anything for this contender. */
    default boolean hasNoopRun() {
        return true;
    }
}
