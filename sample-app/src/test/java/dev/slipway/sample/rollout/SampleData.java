package dev.slipway.sample.rollout;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The data a v1 fleet has when a rollout begins: users with their {@code email_domain} filled in, and one post for
 * each of the first users, as months of traffic would have left them.
 */
public final class SampleData {

    private SampleData() {}

    /**
     * Inserts {@code users} users and {@code posts} posts (at most one per user) into the v1 schema.
     * @param connection a connection in autocommit whose {@code search_path} finds the sample app's tables
     */
    public static void seed(Connection connection, long users, long posts) throws SQLException {
        if (posts > users) {
            throw new IllegalArgumentException(
                    "One post per user at most: " + posts + " posts for " + users + " users");
        }
        try (Statement statement = connection.createStatement()) {
            statement.execute("INSERT INTO users (email, name, email_domain)"
                    + " SELECT 'seed-' || i || '@example.org', 'Seed User ' || i, 'example.org'"
                    + " FROM generate_series(1, " + users + ") AS i");
            statement.execute("INSERT INTO posts (user_id, title, body)"
                    + " SELECT u.id, 'Seeded post ' || u.id || ': Café & Crème', 'Seeded before the rollout.'"
                    + " FROM users u ORDER BY u.id LIMIT " + posts);
        }
    }

    /** Every user's id and name, in id order, as a v1 schema holds them. */
    public static Map<Long, String> names(Connection connection) throws SQLException {
        Map<Long, String> names = new LinkedHashMap<>();
        try (Statement statement = connection.createStatement();
                ResultSet rows = statement.executeQuery("SELECT id, name FROM users ORDER BY id")) {
            while (rows.next()) {
                names.put(rows.getLong(1), rows.getString(2));
            }
        }
        return names;
    }
}
