package dev.slipway.migrate.autoconfigure;

import static org.assertj.core.api.Assertions.assertThat;

import dev.slipway.migrate.MigrationInfo;
import dev.slipway.migrate.MigrationState;
import dev.slipway.migrate.Slipway;
import dev.slipway.migrate.test.DdlLog;
import dev.slipway.migrate.test.PostgresExtension;
import dev.slipway.migrate.test.TestDatabase;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

/**
 * An application that Flyway migrated switches to the starter: the real Flyway builds the schema, then the
 * application starts with Slipway on the same files and database, with default settings. The first start imports
 * Flyway's history and runs no DDL but the creation of Slipway's own tables (an event trigger records every DDL
 * command during the start); the next migration then applies as usual.
 */
@ExtendWith(PostgresExtension.class)
class SlipwayFlywayTakeoverTests {

    private final ApplicationContextRunner runner = new ApplicationContextRunner()
            .withConfiguration(
                    AutoConfigurations.of(DataSourceAutoConfiguration.class, SlipwayAutoConfiguration.class));

    /** The application's indexes (Slipway's own tables have theirs). */
    private static final String INDEXES =
            "SELECT count(*) FROM pg_indexes WHERE schemaname = 'billing'" + " AND tablename NOT LIKE 'slipway\\_%'";

    @TempDir
    Path migrations;

    @Test
    void theFirstStartImportsFlywaysHistoryAndRunsNoMigration(TestDatabase db) throws IOException {
        write(
                "V1__create_accounts.sql",
                "CREATE TABLE accounts (id bigserial PRIMARY KEY, email text NOT NULL);\n"
                        + "CREATE INDEX ON accounts (email);\n");
        write("V1.1__seed_accounts.sql", "INSERT INTO accounts (email) VALUES ('a@example.com'), ('b@example.com');\n");
        write(
                "V2__index_email_lower.sql",
                "CREATE INDEX CONCURRENTLY accounts_email_lower ON accounts (lower(email));\n");
        write("V10__add_status.sql", "ALTER TABLE accounts ADD COLUMN status text DEFAULT 'active';\n");
        write(
                "R__active_accounts.sql",
                "CREATE OR REPLACE VIEW active_accounts AS\n"
                        + "SELECT id, email FROM accounts WHERE status = 'active';\n");
        // Flyway's default transactional lock makes CREATE INDEX CONCURRENTLY wait for ever; its users turn it off.
        Flyway.configure()
                .dataSource(db.jdbcUrl(), db.username(), db.password())
                .schemas("billing")
                .locations("filesystem:" + this.migrations.toAbsolutePath())
                .configuration(java.util.Map.of("flyway.postgresql.transactional.lock", "false"))
                .load()
                .migrate();
        long indexes = db.queryLong(INDEXES);
        DdlLog ddl = DdlLog.install(db);

        connectedTo(db, "billing").run((context) -> {
            assertThat(context).hasNotFailed();
            List<MigrationInfo> migrations =
                    context.getBean(Slipway.class).status().migrations();
            assertThat(migrations)
                    .extracting(MigrationInfo::id)
                    .containsExactly(
                            "1_create_accounts",
                            "1.1_seed_accounts",
                            "2_index_email_lower",
                            "10_add_status",
                            "R__active_accounts");
            assertThat(migrations).allSatisfy((migration) -> {
                assertThat(migration.state()).isEqualTo(MigrationState.BASELINE);
                assertThat(migration.appliedBy()).contains("flyway_schema_history");
            });
        });
        assertThat(ddl.objects())
                .isNotEmpty()
                .allSatisfy((object) -> assertThat(object).startsWith("billing.slipway_"));
        assertThat(db.queryLong("SELECT count(*) FROM billing.accounts")).isEqualTo(2);
        assertThat(db.queryLong(INDEXES)).as("no index built a second time").isEqualTo(indexes);
        assertThat(db.queryLong("SELECT count(*) FROM billing.flyway_schema_history"))
                .as("Flyway's table is left")
                .isEqualTo(6);

        write("V11__add_plan.sql", "ALTER TABLE accounts ADD COLUMN plan text;\n");
        connectedTo(db, "billing").run((context) -> {
            assertThat(context).hasNotFailed();
            assertThat(context.getBean(Slipway.class).status().migrations())
                    .filteredOn((migration) -> "11".equals(migration.version()))
                    .extracting(MigrationInfo::state)
                    .containsExactly(MigrationState.APPLIED);
        });
        assertThat(db.queryLong("SELECT count(*) FROM information_schema.columns WHERE table_schema = 'billing'"
                        + " AND table_name = 'accounts' AND column_name = 'plan'"))
                .isOne();
    }

    private void write(String file, String sql) throws IOException {
        Files.writeString(this.migrations.resolve(file), sql);
    }

    private ApplicationContextRunner connectedTo(TestDatabase db, String schema) {
        return this.runner.withPropertyValues(
                "spring.datasource.url=" + db.jdbcUrl(),
                "spring.datasource.username=" + db.username(),
                "spring.datasource.password=" + db.password(),
                "slipway.schema=" + schema,
                "slipway.locations=filesystem:" + this.migrations.toAbsolutePath());
    }
}
