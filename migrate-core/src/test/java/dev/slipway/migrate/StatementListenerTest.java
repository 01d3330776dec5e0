package dev.slipway.migrate;

import static org.assertj.core.api.Assertions.assertThat;

import dev.slipway.migrate.test.PostgresExtension;
import dev.slipway.migrate.test.TestDatabase;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInfo;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@link SlipwayListener#statementStarted}: a listener hears every statement of a migration, in order, with its
 * number, count and line, before it runs: in a transaction, statement by statement ({@code CREATE INDEX
 * CONCURRENTLY} included), and from a rollback's {@code down.sql}; the summary hides secrets.
 */
@ExtendWith(PostgresExtension.class)
class StatementListenerTest {

    private static final String SECRET = "Tr0ub4dor-and-3";

    private final TestDatabase db;

    StatementListenerTest(TestDatabase db) {
        this.db = db;
    }

    /** Records each statement event, and the migration events between them. */
    private static final class Recorder implements SlipwayListener {
        final List<MigrationStatement> statements = new CopyOnWriteArrayList<>();
        final List<String> events = new CopyOnWriteArrayList<>();

        @Override
        public void migrationStarted(MigrationInfo migration) {
            events.add("start " + migration.id());
        }

        @Override
        public void statementStarted(MigrationStatement statement) {
            statements.add(statement);
            events.add(statement.migration().id() + " " + statement.number() + "/" + statement.count() + " line "
                    + statement.line());
        }

        @Override
        public void migrationApplied(MigrationInfo migration, java.time.Duration duration) {
            events.add("applied " + migration.id());
        }
    }

    @Test
    void hearsEveryStatementInOrderInATransactionAndStatementByStatement(@TempDir Path dir, TestInfo test) {
        MigrationFiles files =
                new MigrationFiles(dir).add("1_users", """
                        -- users and their email
                        CREATE TABLE users (id int PRIMARY KEY, email text);

                        INSERT INTO users
                          VALUES (1, 'a@example.com');
                        SET LOCAL app.api_key = '%s';
                        """.formatted(SECRET)).add("2_index", """
                        -- slipway:transaction off
                        CREATE INDEX CONCURRENTLY users_email_idx ON users (email);
                        ALTER TABLE users ADD COLUMN IF NOT EXISTS name text;
                        """);
        Recorder recorder = new Recorder();
        Slipway slipway = Slipway.builder(db.dataSource())
                .config(files.config()
                        .schema(MigrationFiles.schemaFor("sl_", test))
                        .build())
                .listener(recorder)
                .build();

        slipway.migrate();

        assertThat(recorder.events)
                .containsExactly(
                        "start 1_users",
                        "1_users 1/3 line 2",
                        "1_users 2/3 line 4",
                        "1_users 3/3 line 6",
                        "applied 1_users",
                        "start 2_index",
                        "2_index 1/2 line 2",
                        "2_index 2/2 line 3",
                        "applied 2_index");
        MigrationStatement insert = recorder.statements.get(1);
        assertThat(insert.summary()).isEqualTo("INSERT INTO users VALUES (1, 'a@example.com')");
        assertThat(insert.transactional()).isTrue();
        assertThat(insert.rollback()).isFalse();
        assertThat(insert.file()).endsWith("1_users/migration.sql");
        assertThat(recorder.statements.get(2).summary())
                .isEqualTo("SET LOCAL app.api_key = '***'")
                .doesNotContain(SECRET);
        MigrationStatement index = recorder.statements.get(3);
        assertThat(index.summary()).isEqualTo("CREATE INDEX CONCURRENTLY users_email_idx ON users (email)");
        assertThat(index.transactional()).isFalse();
        assertThat(index.migration().state()).isEqualTo(MigrationState.PENDING);
    }

    @Test
    void hearsTheStatementsOfADownFileDuringARollback(@TempDir Path dir, TestInfo test) throws Exception {
        MigrationFiles files = new MigrationFiles(dir)
                .add("1_users", "CREATE TABLE users (id int PRIMARY KEY, email text);")
                .add("2_email_index", "CREATE INDEX CONCURRENTLY users_email_idx ON users (email);");
        java.nio.file.Files.writeString(
                dir.resolve("2_email_index/down.sql"), "DROP INDEX CONCURRENTLY users_email_idx;\nSELECT 1;");
        java.nio.file.Files.writeString(dir.resolve("1_users/down.sql"), "\n\nDROP TABLE users;");
        Recorder recorder = new Recorder();
        Slipway slipway = Slipway.builder(db.dataSource())
                .config(files.config()
                        .schema(MigrationFiles.schemaFor("sl_", test))
                        .build())
                .listener(recorder)
                .build();
        slipway.migrate();
        recorder.statements.clear();

        slipway.rollback("0");

        assertThat(recorder.statements)
                .extracting(s -> s.migration().id() + " " + s.number() + "/" + s.count() + " line " + s.line() + " "
                        + (s.transactional() ? "tx" : "no tx") + ": " + s.summary())
                .containsExactly(
                        "2_email_index 1/2 line 1 no tx: DROP INDEX CONCURRENTLY users_email_idx",
                        "2_email_index 2/2 line 2 no tx: SELECT 1",
                        "1_users 1/1 line 3 tx: DROP TABLE users");
        assertThat(recorder.statements).allSatisfy(s -> {
            assertThat(s.rollback()).isTrue();
            assertThat(s.file()).endsWith("/down.sql");
        });
    }
}
