package dev.slipway.migrate.schema;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.slipway.migrate.MigrationPhase;
import dev.slipway.migrate.Slipway;
import dev.slipway.migrate.SlipwayConfig;
import dev.slipway.migrate.test.PostgresExtension;
import dev.slipway.migrate.test.TestDatabase;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/** The public entry point: sources by name, a plan between them, applied to a live database until nothing is left. */
@ExtendWith(PostgresExtension.class)
class SchemaDiffTest {

    private final TestDatabase db;

    @TempDir
    Path dir;

    SchemaDiffTest(TestDatabase db) {
        this.db = db;
    }

    /** The class's database as PostgreSQL creates it: each test builds what it compares on its own. */
    @BeforeEach
    void emptyDatabase() {
        db.execute("DROP SCHEMA IF EXISTS app CASCADE; DROP TABLE IF EXISTS public.customers, public.orders CASCADE;"
                + " DROP TABLE IF EXISTS public.slipway_migrations, public.slipway_locks CASCADE");
    }

    @Test
    void aLiveDatabaseBroughtToTheDesiredSchemaByItsPlanHasNothingLeftToDo() throws Exception {
        Path migrations = dir.resolve("migrations");
        write(
                migrations.resolve("20240101000000_init/migration.sql"),
                "CREATE TABLE customers (id bigint PRIMARY KEY, name text);\n");
        Path schema = dir.resolve("schema");
        write(
                schema.resolve("customers.sql"),
                "CREATE TABLE customers (id bigint PRIMARY KEY, name text NOT NULL, email text);\n"
                        + "CREATE INDEX customers_email ON customers (email);\n");
        SchemaDiff diff = SchemaDiff.builder()
                .connection(db.jdbcUrl(), db.username(), db.password())
                .locations(List.of("filesystem:" + migrations))
                .schemaFolder(schema)
                .build();
        db.execute("CREATE TABLE customers (id bigint PRIMARY KEY, name text)");

        assertThat(diff.plan("migrations", "url:" + db.jdbcUrl()).isEmpty()).isTrue();
        SchemaPlan plan = diff.plan("url:" + db.jdbcUrl(), "schema");

        assertThat(plan.steps())
                .extracting(PlanStep::sql)
                .anySatisfy(sql -> assertThat(sql).contains("CREATE INDEX CONCURRENTLY"));
        assertThat(plan.steps()).anySatisfy(step -> assertThat(step.phase()).isEqualTo(MigrationPhase.CONTRACT));
        try (Connection connection = db.connect();
                Statement statement = connection.createStatement()) {
            for (PlanStep step : plan.steps()) {
                statement.execute(step.sql());
            }
        }
        assertThat(diff.plan("url:" + db.jdbcUrl(), "schema").isEmpty()).isTrue();
    }

    @Test
    void migrationsReplayInTheSchemaSlipwayMigratesAsARunDoes() throws Exception {
        Path migrations = dir.resolve("in_app");
        write(
                migrations.resolve("20240101000000_init/migration.sql"),
                "CREATE TABLE orders (id bigint PRIMARY KEY, total numeric(12, 2));\n");
        Slipway.builder(db.dataSource())
                .config(SlipwayConfig.builder()
                        .locations("filesystem:" + migrations)
                        .schema("app")
                        .build())
                .build()
                .migrate();
        SchemaDiff inApp = SchemaDiff.builder()
                .connection(db.jdbcUrl(), db.username(), db.password())
                .locations(List.of("filesystem:" + migrations))
                .schema("app")
                .build();
        SchemaDiff inTheLoginsPath = SchemaDiff.builder()
                .connection(db.jdbcUrl(), db.username(), db.password())
                .locations(List.of("filesystem:" + migrations))
                .build();
        SchemaDiff inTheUrlsSchema = SchemaDiff.builder()
                .connection(db.jdbcUrl() + "?currentSchema=app", db.username(), db.password())
                .locations(List.of("filesystem:" + migrations))
                .build();

        assertThat(inApp.plan("migrations", "url:" + db.jdbcUrl()).steps()).isEmpty();
        assertThat(inTheUrlsSchema.plan("migrations", "url:" + db.jdbcUrl()).steps())
                .isEmpty();
        assertThat(inTheLoginsPath.plan("migrations", "url:" + db.jdbcUrl()).steps())
                .extracting(PlanStep::object)
                .anySatisfy(object -> assertThat(object).contains("public.orders"));
    }

    @Test
    void aDatabaseComparedWithTheMigrationsThatBuiltItIsTheSameWithoutReprintingThem() throws Exception {
        Path migrations = dir.resolve("checks");
        write(
                migrations.resolve("20240101000000_init/migration.sql"),
                "CREATE TABLE orders (id bigint PRIMARY KEY, status varchar(20)"
                        + " CHECK (status IN ('NEW', 'PAID', 'SHIPPED')));\n");
        Slipway.builder(db.dataSource())
                .config(SlipwayConfig.builder()
                        .locations("filesystem:" + migrations)
                        .build())
                .build()
                .migrate();
        SchemaDiff.Builder builder = SchemaDiff.builder()
                .connection(db.jdbcUrl(), db.username(), db.password())
                .locations(List.of("filesystem:" + migrations));

        SchemaPlan asWritten = builder.reprintDefinitions(false).build().plan("url:" + db.jdbcUrl(), "migrations");
        SchemaPlan reprinted = builder.reprintDefinitions(true).build().plan("url:" + db.jdbcUrl(), "migrations");

        assertThat(asWritten.steps()).isEmpty();
        assertThat(reprinted.steps())
                .as("PostgreSQL stores the printed IN list differently from the one written: the reprinted replay"
                        + " differs from the database built from the SQL as written")
                .isNotEmpty();
    }

    @Test
    void aSourceThatIsNoneIsRefusedSayingWhatSourcesThereAre() {
        SchemaDiff diff = SchemaDiff.builder()
                .connection(db.jdbcUrl(), db.username(), db.password())
                .build();

        assertThatThrownBy(() -> diff.plan("production", "empty"))
                .hasMessageContaining("'production' given as the source to diff from is not a schema source")
                .hasMessageContaining("migrations:<location>");
    }

    private static void write(Path file, String text) throws IOException {
        Files.createDirectories(file.getParent());
        Files.writeString(file, text);
    }
}
