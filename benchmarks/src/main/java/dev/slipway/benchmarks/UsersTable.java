package dev.slipway.benchmarks;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * The table the backfill benchmark fills: {@code users}, with {@code display_name} NULL in every row, made afresh
 * for every variant and every baseline so that each starts from the same state.
 *
 * <ol>
 *   <li>Drop {@code users} and {@code slipway_backfills} (a Slipway run leaves its progress there).</li>
 *   <li>Create {@code users} without its primary key, insert the rows (the same values every time: they derive from
 *       the id), then add the primary key, as a bulk load does.</li>
 *   <li>{@code VACUUM (ANALYZE)}: hint bits and the visibility map set, statistics fresh.</li>
 *   <li>{@code CHECKPOINT}, so that no variant pays for writing out the pages of the load.</li>
 * </ol>
 */
final class UsersTable {

    static final String CREATE = """
            CREATE TABLE users (
                id bigint NOT NULL,
                name text NOT NULL,
                display_name text,
                email text NOT NULL,
                login_count integer NOT NULL DEFAULT 0,
                created_at timestamptz NOT NULL DEFAULT now()
            )""";

    private static final String INSERT = """
            INSERT INTO users (id, name, email, login_count, created_at)
            SELECT g, 'user_' || substr(md5(g::text), 1, 10), 'user' || g || '@example.com', g %% 37,
                   timestamptz '2020-01-01 00:00:00+00' + g * interval '1 minute'
            FROM generate_series(1, %d) g""";

    /** The backfill every variant performs, as SQL. */
    static final String SET = "display_name = name";

    static final String WHERE = "display_name IS NULL";

    private UsersTable() {}

    /** Makes a fresh copy of the table with the given number of rows. */
    static void create(BenchmarkServer server, String database, long rows) throws SQLException {
        try (Connection connection = server.connect(database);
                Statement statement = connection.createStatement()) {
            statement.execute("DROP TABLE IF EXISTS users");
            statement.execute("DROP TABLE IF EXISTS slipway_backfills");
            statement.execute(CREATE);
            statement.execute(String.format(INSERT, rows));
            statement.execute("ALTER TABLE users ADD PRIMARY KEY (id)");
            statement.execute("VACUUM (ANALYZE) users");
            statement.execute("CHECKPOINT");
        }
    }

    /**
     * Checks that the backfill is complete: every row has {@code display_name = name}.
     * @throws IllegalStateException naming how many rows are not
     */
    static void checkBackfilled(BenchmarkServer server, String database, String variant) throws SQLException {
        try (Connection connection = server.connect(database);
                Statement statement = connection.createStatement();
                ResultSet row = statement.executeQuery(
                        "SELECT count(*) FILTER (WHERE display_name IS DISTINCT FROM name) FROM users")) {
            row.next();
            long missed = row.getLong(1);
            if (missed != 0) {
                throw new IllegalStateException(variant + " left " + missed + " rows without display_name = name");
            }
        }
    }
}
