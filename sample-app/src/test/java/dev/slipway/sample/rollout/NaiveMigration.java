package dev.slipway.sample.rollout;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;

/**
 * The sample app's schema change from v1 to v3 done the naive way, as a migration tool that runs a file in one
 * transaction would (Flyway's and Liquibase's defaults): no {@code lock_timeout}, no expand and contract, no
 * background backfill.
 *
 * <ol>
 *   <li>{@code users.name} is renamed to {@code display_name}: instant, but from its commit on every query of the old
 *       code that names {@code name} fails.</li>
 *   <li>{@code posts.slug} is added {@code NOT NULL} with a volatile default: PostgreSQL rewrites the whole table
 *       under an {@code ACCESS EXCLUSIVE} lock, which blocks every read and write of {@code posts}.</li>
 *   <li>The unique index on {@code posts (slug)} is built without {@code CONCURRENTLY}, still under that lock.</li>
 * </ol>
 *
 * All three in one transaction: the locks of the first two are held until the index is built. It is the contrast to
 * the rollout of {@code ZeroDowntimeRolloutIT}, never something the sample app does.
 */
public final class NaiveMigration {

    /** The statements, in order, run in one transaction on tables of the connection's {@code search_path}. */
    public static final List<String> STATEMENTS = List.of(
            "ALTER TABLE users RENAME COLUMN name TO display_name",
            "ALTER TABLE posts ADD COLUMN slug text NOT NULL DEFAULT md5(random()::text)",
            "CREATE UNIQUE INDEX posts_slug_key ON posts (slug)");

    private NaiveMigration() {}

    /**
     * Runs {@link #STATEMENTS} in one transaction and commits, waiting for locks as long as it takes.
     * @param connection a connection whose {@code search_path} finds the sample app's tables; left in autocommit
     * @return how long it took, from its first statement to its commit, in nanoseconds
     */
    public static long apply(Connection connection) throws SQLException {
        long start = System.nanoTime();
        connection.setAutoCommit(false);
        try (Statement statement = connection.createStatement()) {
            // A session default set elsewhere must not rescue the naive way: wait as long as it takes.
            statement.execute("SET LOCAL lock_timeout = 0");
            statement.execute("SET LOCAL statement_timeout = 0");
            for (String sql : STATEMENTS) {
                statement.execute(sql);
            }
            connection.commit();
        } catch (SQLException | RuntimeException ex) {
            connection.rollback();
            throw ex;
        } finally {
            connection.setAutoCommit(true);
        }
        return System.nanoTime() - start;
    }
}
