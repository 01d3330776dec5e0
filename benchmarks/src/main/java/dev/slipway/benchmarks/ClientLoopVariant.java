package dev.slipway.benchmarks;

import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.List;

/**
 * The client-side loop of the Prisma article on expand and contract, in JDBC: select up to {@value #BATCH} ids of
 * rows still to do, update those rows by id list, sleep {@value #SLEEP_MILLIS} ms, repeat until the select finds
 * none. Each statement commits on its own (autocommit), as the ORM's calls do.
 */
final class ClientLoopVariant implements BackfillVariant {

    static final int BATCH = 1_000;
    static final long SLEEP_MILLIS = 100;
    static final String SELECT = "SELECT id FROM users WHERE " + UsersTable.WHERE + " LIMIT " + BATCH;
    static final String UPDATE = "UPDATE users SET " + UsersTable.SET + " WHERE id = ANY(?)";

    @Override
    public String key() {
        return "loop";
    }

    @Override
    public String label() {
        return "client loop (1,000 ids, 100 ms sleep)";
    }

    @Override
    public Run run(BenchmarkServer server, String database) throws Exception {
        List<Batch> batches = new ArrayList<>();
        long updated = 0;
        try (Connection connection = server.connect(database);
                PreparedStatement select = connection.prepareStatement(SELECT);
                PreparedStatement update = connection.prepareStatement(UPDATE)) {
            long start = System.nanoTime();
            long end;
            while (true) {
                long batchStart = System.nanoTime();
                List<Long> ids = new ArrayList<>(BATCH);
                try (ResultSet rows = select.executeQuery()) {
                    while (rows.next()) {
                        ids.add(rows.getLong(1));
                    }
                }
                if (ids.isEmpty()) {
                    end = System.nanoTime();
                    break;
                }
                Array array = connection.createArrayOf("bigint", ids.toArray());
                update.setArray(1, array);
                long updateStart = System.nanoTime();
                int changed = update.executeUpdate();
                long committed = System.nanoTime();
                array.free();
                updated += changed;
                batches.add(new Batch(
                        committed, ids.size(), changed, committed - batchStart, committed - updateStart, BATCH));
                Thread.sleep(SLEEP_MILLIS);
            }
            return new Run(start, end, updated, batches);
        }
    }
}
