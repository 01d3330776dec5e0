package dev.slipway.migrate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.slipway.migrate.test.PostgresExtension;
import dev.slipway.migrate.test.TestDatabase;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

@ExtendWith(PostgresExtension.class)
class ConcurrentIndexRecoveryTest {

    private static final String INDEX_STATE = "SELECT CASE WHEN i.indisvalid THEN 'valid' ELSE 'invalid' END"
            + " FROM pg_index i JOIN pg_class c ON c.oid = i.indexrelid WHERE c.relname = 'users_email_key'";

    @Test
    void uniqueIndexBuildOverDuplicatesFailsAndCompletesOnceTheDuplicatesAreGone(TestDatabase db, @TempDir Path dir) {
        MigrationFiles files = new MigrationFiles(dir)
                .add(
                        "1_users",
                        "CREATE TABLE users (id bigint PRIMARY KEY, email text);\n"
                                + "INSERT INTO users VALUES (1, 'a@example.com'), (2, 'b@example.com'), (3, 'a@example.com');")
                .add(
                        "2_unique_email",
                        "-- the index is built without blocking writes\n"
                                + "-- slipway:allow data-loss the build must fail in PostgreSQL to leave an INVALID index\n"
                                + "CREATE UNIQUE INDEX CONCURRENTLY users_email_key ON users (email);\n"
                                + "ALTER TABLE users ADD CONSTRAINT users_email_key UNIQUE USING INDEX users_email_key;");
        Slipway slipway =
                Slipway.builder(db.dataSource()).config(files.config().build()).build();

        assertThatThrownBy(slipway::migrate).isInstanceOfSatisfying(MigrationFailedException.class, e -> {
            assertThat(e.getSqlState()).isEqualTo("23505");
            assertThat(e.getStatement()).isEqualTo(1);
            assertThat(e.getLine()).isEqualTo(3);
            assertThat(e.getDetail()).contains("a@example.com");
            assertThat(e.getMessage()).contains("0 of its 2 statements are applied");
        });
        assertThat(db.queryString(INDEX_STATE)).isEqualTo("invalid");
        assertThat(slipway.status().migrations().get(1).state()).isEqualTo(MigrationState.PENDING);

        db.execute("DELETE FROM users WHERE id = 3");
        MigrateResult result = slipway.migrate();

        assertThat(result.applied()).extracting(MigrationInfo::id).containsExactly("2_unique_email");
        assertThat(db.queryStrings(INDEX_STATE)).containsExactly("valid");
        assertThat(db.queryLong("SELECT count(*) FROM pg_constraint WHERE conname = 'users_email_key'"))
                .isEqualTo(1);
        assertThat(slipway.status().isUpToDate()).isTrue();
        assertThat(db.queryString("SELECT applied_steps FROM slipway_migrations WHERE version = '2'"))
                .isEqualTo("2");
    }

    @Test
    void anUnnamedBuildThatFailsLeavesNoInvalidIndexBehind(TestDatabase db, @TempDir Path dir) {
        db.execute("CREATE SCHEMA unnamed");
        MigrationFiles files = new MigrationFiles(dir)
                .add(
                        "1_accounts",
                        "CREATE TABLE accounts (id bigint PRIMARY KEY, login text);\n"
                                + "INSERT INTO accounts VALUES (1, 'ada'), (2, 'ada');")
                .add(
                        "2_unique_login",
                        "-- slipway:allow data-loss the build must fail in PostgreSQL to leave an"
                                + " INVALID index\nCREATE UNIQUE INDEX CONCURRENTLY ON accounts (login);");
        Slipway slipway = Slipway.builder(db.dataSource())
                .config(files.config().schema("unnamed").build())
                .build();
        String indexes = "SELECT count(*) FROM pg_index WHERE indrelid = 'unnamed.accounts'::regclass";

        assertThatThrownBy(slipway::migrate)
                .isInstanceOfSatisfying(
                        MigrationFailedException.class,
                        e -> assertThat(e.getSqlState()).isEqualTo("23505"));

        // PostgreSQL left an INVALID index named accounts_login_idx; nothing could find it by name later.
        assertThat(db.queryLong(indexes + " AND NOT indisvalid")).isZero();
        assertThat(db.queryLong(indexes)).isEqualTo(1);

        db.execute("UPDATE unnamed.accounts SET login = 'grace' WHERE id = 2");
        assertThat(slipway.migrate().appliedCount()).isEqualTo(1);
        assertThat(db.queryLong(indexes)).isEqualTo(2);
        assertThat(db.queryLong(indexes + " AND indisunique AND indisvalid AND NOT indisprimary"))
                .isEqualTo(1);
    }

    @Test
    void resumingAfterACrashSkipsAnIndexThatWasAlreadyBuilt(TestDatabase db, @TempDir Path dir) {
        db.execute("CREATE SCHEMA crash");
        MigrationFiles files = new MigrationFiles(dir)
                .add("1_t", "CREATE TABLE t (id int);")
                .add("2_index", "CREATE INDEX CONCURRENTLY t_id ON t (id);\nCREATE TABLE after_index (id int);");
        Slipway slipway = Slipway.builder(db.dataSource())
                .config(files.config().schema("crash").build())
                .build();
        slipway.migrate();
        // Simulate a process killed right after the index build committed but before its step was recorded.
        db.execute("DROP TABLE crash.after_index");
        db.execute("UPDATE crash.slipway_migrations SET finished_at = NULL, applied_steps = 0 WHERE version = '2'");

        assertThat(slipway.status().migrations().get(1).state()).isEqualTo(MigrationState.PENDING);
        MigrateResult result = slipway.migrate();

        assertThat(result.appliedCount()).isEqualTo(1);
        assertThat(db.queryLong(
                        "SELECT count(*) FROM pg_tables WHERE schemaname = 'crash'" + " AND tablename = 'after_index'"))
                .isEqualTo(1);
        assertThat(db.queryLong("SELECT count(*) FROM pg_indexes WHERE indexname = 't_id'"))
                .isEqualTo(1);
    }
}
