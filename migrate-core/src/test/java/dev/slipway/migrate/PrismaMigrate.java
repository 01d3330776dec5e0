package dev.slipway.migrate;

import dev.slipway.migrate.test.TestDatabase;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.UUID;
import java.util.stream.Stream;
import org.postgresql.ds.PGSimpleDataSource;

/**
 * Writes {@code _prisma_migrations} as Prisma Migrate writes it on PostgreSQL, and runs the migrations as it runs
 * them, so that a test starts from the database a Prisma project leaves behind.
 *
 * <ul>
 *   <li>The table is created with Prisma's DDL when missing.</li>
 *   <li>{@link #deploy()} ({@code prisma migrate deploy}): refuses while a migration has failed and is not resolved
 *       (Prisma's P3009); otherwise, for each folder in name order without an applied row: inserts a row (a UUID as
 *       text, the SHA-256 hex of the file's bytes, the folder name, the client's clock as {@code started_at}), sends
 *       the whole file in one execute (one implicit transaction, as Prisma's single batch does), then counts the step
 *       and sets {@code finished_at}; on an error it writes the error into {@code logs} and stops.</li>
 *   <li>{@link #resolveRolledBack} ({@code prisma migrate resolve --rolled-back}): sets {@code rolled_back_at} on the
 *       failed rows of the migration.</li>
 *   <li>{@link #resolveApplied} ({@code prisma migrate resolve --applied}): marks the failed rows rolled back and
 *       inserts a finished row with empty {@code logs}, {@code started_at} = {@code finished_at}, no step counted.</li>
 * </ul>
 */
final class PrismaMigrate {

    /** The DDL of Prisma's schema engine for PostgreSQL. */
    static final String CREATE_TABLE = "CREATE TABLE _prisma_migrations (\n"
            + "    id                      VARCHAR(36) PRIMARY KEY NOT NULL,\n"
            + "    checksum                VARCHAR(64) NOT NULL,\n"
            + "    finished_at             TIMESTAMPTZ,\n"
            + "    migration_name          VARCHAR(255) NOT NULL,\n"
            + "    logs                    TEXT,\n"
            + "    rolled_back_at          TIMESTAMPTZ,\n"
            + "    started_at              TIMESTAMPTZ NOT NULL DEFAULT now(),\n"
            + "    applied_steps_count     INTEGER NOT NULL DEFAULT 0\n"
            + ")";

    /** What a deploy did: the migrations it applied, and the one that failed (null when none did). */
    record Deploy(List<String> applied, String failed, String error) {}

    private final PGSimpleDataSource dataSource;
    private final Path migrations;

    /**
     * @param schema the schema Prisma migrates ({@code ?schema=} of its URL)
     * @param migrations the {@code prisma/migrations} folder
     */
    PrismaMigrate(TestDatabase db, String schema, Path migrations) {
        this.dataSource = db.dataSource();
        this.dataSource.setCurrentSchema(schema);
        this.migrations = migrations;
        db.execute("CREATE SCHEMA IF NOT EXISTS " + schema);
    }

    /** {@code prisma migrate deploy}. */
    Deploy deploy() {
        try (Connection c = dataSource.getConnection()) {
            createTable(c);
            List<String> failed = names(c, "finished_at IS NULL AND rolled_back_at IS NULL");
            if (!failed.isEmpty()) {
                throw new IllegalStateException("P3009: migrate found failed migrations in the target database, new "
                        + "migrations will not be applied: " + failed);
            }
            List<String> applied = names(c, "finished_at IS NOT NULL AND rolled_back_at IS NULL");
            List<String> done = new ArrayList<>();
            for (Path folder : folders()) {
                String name = folder.getFileName().toString();
                if (applied.contains(name)) {
                    continue;
                }
                byte[] bytes = Files.readAllBytes(folder.resolve("migration.sql"));
                String id = UUID.randomUUID().toString();
                update(
                        c,
                        "INSERT INTO _prisma_migrations (id, checksum, started_at, migration_name) VALUES (?, ?, ?, ?)",
                        id,
                        checksum(bytes),
                        now(),
                        name);
                try (Statement statement = c.createStatement()) {
                    statement.execute(new String(bytes, java.nio.charset.StandardCharsets.UTF_8));
                } catch (SQLException e) {
                    String logs =
                            "Database error code: " + e.getSQLState() + "\n\nDatabase error:\n" + e.getMessage() + "\n";
                    update(c, "UPDATE _prisma_migrations SET logs = ? WHERE id = ?", logs, id);
                    return new Deploy(done, name, e.getMessage());
                }
                update(
                        c,
                        "UPDATE _prisma_migrations SET applied_steps_count = applied_steps_count + 1 WHERE id = ?",
                        id);
                update(c, "UPDATE _prisma_migrations SET finished_at = ? WHERE id = ?", now(), id);
                done.add(name);
            }
            return new Deploy(done, null, null);
        } catch (SQLException e) {
            throw new IllegalStateException("prisma migrate deploy: " + e.getMessage(), e);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** {@code prisma migrate resolve --rolled-back <name>}. */
    void resolveRolledBack(String name) {
        try (Connection c = dataSource.getConnection()) {
            int marked = update(
                    c,
                    "UPDATE _prisma_migrations SET rolled_back_at = ? WHERE migration_name = ?"
                            + " AND finished_at IS NULL AND rolled_back_at IS NULL",
                    now(),
                    name);
            if (marked == 0) {
                throw new IllegalStateException(
                        "P3012: migration " + name + " cannot be rolled back because it is not" + " in a failed state");
            }
        } catch (SQLException e) {
            throw new IllegalStateException("prisma migrate resolve --rolled-back: " + e.getMessage(), e);
        }
    }

    /** {@code prisma migrate resolve --applied <name>}. */
    void resolveApplied(String name) {
        try (Connection c = dataSource.getConnection()) {
            createTable(c);
            if (!names(
                            c,
                            "finished_at IS NOT NULL AND rolled_back_at IS NULL AND migration_name = '"
                                    + name.replace("'", "''") + "'")
                    .isEmpty()) {
                throw new IllegalStateException("P3008: the migration " + name + " is already recorded as applied");
            }
            byte[] bytes = Files.readAllBytes(migrations.resolve(name).resolve("migration.sql"));
            update(
                    c,
                    "UPDATE _prisma_migrations SET rolled_back_at = ? WHERE migration_name = ?"
                            + " AND finished_at IS NULL AND rolled_back_at IS NULL",
                    now(),
                    name);
            OffsetDateTime now = now();
            update(
                    c,
                    "INSERT INTO _prisma_migrations (id, checksum, logs, started_at, finished_at, migration_name)"
                            + " VALUES (?, ?, '', ?, ?, ?)",
                    UUID.randomUUID().toString(),
                    checksum(bytes),
                    now,
                    now,
                    name);
        } catch (SQLException e) {
            throw new IllegalStateException("prisma migrate resolve --applied: " + e.getMessage(), e);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Every row as text, in id order, to compare before and after. */
    List<String> rows() {
        try (Connection c = dataSource.getConnection();
                Statement s = c.createStatement();
                ResultSet rs = s.executeQuery("SELECT to_jsonb(m)::text FROM _prisma_migrations m ORDER BY id")) {
            List<String> rows = new ArrayList<>();
            while (rs.next()) {
                rows.add(rs.getString(1));
            }
            return rows;
        } catch (SQLException e) {
            throw new IllegalStateException("read _prisma_migrations: " + e.getMessage(), e);
        }
    }

    /** Prisma's checksum of a migration file: the lower-case hex SHA-256 of its bytes. */
    static String checksum(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private List<Path> folders() throws IOException {
        try (Stream<Path> entries = Files.list(migrations)) {
            return entries.filter(p -> Files.isRegularFile(p.resolve("migration.sql")))
                    .sorted((a, b) ->
                            a.getFileName().toString().compareTo(b.getFileName().toString()))
                    .toList();
        }
    }

    private static void createTable(Connection c) throws SQLException {
        try (Statement s = c.createStatement();
                ResultSet rs = s.executeQuery("SELECT to_regclass('_prisma_migrations') IS NOT NULL")) {
            rs.next();
            if (rs.getBoolean(1)) {
                return;
            }
        }
        try (Statement s = c.createStatement()) {
            s.execute(CREATE_TABLE);
        }
    }

    private static List<String> names(Connection c, String where) throws SQLException {
        List<String> names = new ArrayList<>();
        try (Statement s = c.createStatement();
                ResultSet rs = s.executeQuery(
                        "SELECT migration_name FROM _prisma_migrations WHERE " + where + " ORDER BY started_at")) {
            while (rs.next()) {
                names.add(rs.getString(1));
            }
        }
        return names;
    }

    private static int update(Connection c, String sql, Object... params) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            for (int i = 0; i < params.length; i++) {
                ps.setObject(i + 1, params[i]);
            }
            return ps.executeUpdate();
        }
    }

    /** The client's clock, as Prisma takes it ({@code chrono::Utc::now()}). */
    private static OffsetDateTime now() {
        return OffsetDateTime.now(ZoneOffset.UTC);
    }
}
