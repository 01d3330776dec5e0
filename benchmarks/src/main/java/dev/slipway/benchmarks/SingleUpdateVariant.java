package dev.slipway.benchmarks;

import java.sql.Connection;
import java.sql.Statement;
import java.util.List;

/** The whole backfill as one statement in one transaction: fastest, and every changed row stays locked to the end. */
final class SingleUpdateVariant implements BackfillVariant {

    static final String UPDATE = "UPDATE users SET " + UsersTable.SET + " WHERE " + UsersTable.WHERE;

    @Override
    public String key() {
        return "single";
    }

    @Override
    public String label() {
        return "single UPDATE";
    }

    @Override
    public Run run(BenchmarkServer server, String database) throws Exception {
        try (Connection connection = server.connect(database);
                Statement statement = connection.createStatement()) {
            connection.setAutoCommit(false);
            long start = System.nanoTime();
            long updated = statement.executeLargeUpdate(UPDATE);
            connection.commit();
            long end = System.nanoTime();
            return new Run(
                    start,
                    end,
                    updated,
                    List.of(new Batch(
                            end, (int) Math.min(updated, Integer.MAX_VALUE), updated, end - start, end - start, 0)));
        }
    }
}
