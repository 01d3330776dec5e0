package dev.slipway.migrate.internal.schema.source;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.slipway.migrate.SlipwayError;
import dev.slipway.migrate.SlipwayException;
import dev.slipway.migrate.internal.schema.CatalogReader;
import dev.slipway.migrate.schema.DatabaseSchema;
import dev.slipway.migrate.schema.QualifiedName;
import dev.slipway.migrate.schema.Table;
import dev.slipway.migrate.test.PostgresExtension;
import dev.slipway.migrate.test.TestDatabase;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/** Each kind of schema source read on the real server, scratch databases made and dropped. */
@ExtendWith(PostgresExtension.class)
class SchemaSourcesTest {

    private final TestDatabase db;

    @TempDir
    Path dir;

    SchemaSourcesTest(TestDatabase db) {
        this.db = db;
    }

    @Test
    void migrationsAreReplayedIntoAScratchDatabaseThatIsDroppedAfter() throws IOException {
        Path migrations = dir.resolve("migrations");
        write(
                migrations.resolve("20240101000000_init/migration.sql"),
                "CREATE TABLE customers (id bigint PRIMARY KEY, email text NOT NULL);\n");
        write(
                migrations.resolve("20240102000000_orders/migration.sql"),
                "CREATE TABLE orders (id bigint PRIMARY KEY, customer_id bigint REFERENCES customers (id));\n"
                        + "INSERT INTO customers VALUES (1, 'a@example.com');\n");
        write(
                migrations.resolve("20240103000000_index/migration.sql"),
                "CREATE INDEX CONCURRENTLY orders_customer ON orders (customer_id);\n");
        write(
                migrations.resolve("20240104000000_drop_email/migration.sql"),
                "-- slipway:phase contract\nALTER TABLE customers DROP COLUMN email;\n");

        DatabaseSchema schema = SchemaSources.read(
                SchemaSource.parse("migrations:filesystem:" + migrations, List.of(), dir, "--from"), context());

        Table orders = schema.table(new QualifiedName("public", "orders")).orElseThrow();
        assertThat(orders.indexes()).extracting(i -> i.name()).contains("orders_customer", "orders_pkey");
        Table customers = schema.table(new QualifiedName("public", "customers")).orElseThrow();
        assertThat(customers.columns()).extracting(c -> c.name()).containsExactly("id");
    }

    @Test
    void aScratchDatabaseHasTheSchemasOfTheSearchPathAndIsGoneWhenClosed() throws Exception {
        ServerLogin inShop = new ServerLogin(db.jdbcUrl() + "?currentSchema=shop", db.username(), db.password());
        String name;
        try (ScratchDatabase scratch = ScratchDatabase.create(inShop, "app");
                java.sql.Connection connection = scratch.connect();
                java.sql.Statement statement = connection.createStatement()) {
            name = scratch.login().database();
            statement.execute("CREATE TABLE made_here (id int)");
            try (java.sql.ResultSet rs = statement.executeQuery("SELECT current_schemas(false)::text,"
                    + " (SELECT relnamespace::regnamespace::text FROM pg_class WHERE relname = 'made_here')")) {
                rs.next();
                assertThat(rs.getString(1)).isEqualTo("{app,shop}");
                assertThat(rs.getString(2)).isEqualTo("app");
            }
        }
        assertThat(db.queryLong("SELECT count(*) FROM pg_database WHERE datname = '" + name + "'"))
                .isZero();
    }

    @Test
    void schemaFilesApplyInPathOrderAndEmptyHasNoTable() throws IOException {
        Path schemaDir = dir.resolve("schema");
        write(schemaDir.resolve("01_types.sql"), "CREATE TYPE status AS ENUM ('new', 'paid');\n");
        write(
                schemaDir.resolve("02_tables/orders.sql"),
                "CREATE TABLE orders (id bigint PRIMARY KEY, status status NOT NULL DEFAULT 'new');\n"
                        + "CREATE INDEX CONCURRENTLY orders_status ON orders (status);\n");

        DatabaseSchema desired =
                SchemaSources.read(SchemaSource.parse("schema", List.of(), schemaDir, "--to"), context());
        DatabaseSchema empty =
                SchemaSources.read(SchemaSource.parse("empty", List.of(), schemaDir, "--from"), context());

        assertThat(desired.tables()).extracting(t -> t.name().name()).containsExactly("orders");
        assertThat(desired.enums()).extracting(e -> e.name().name()).containsExactly("status");
        assertThat(empty.tables()).isEmpty();
        assertThat(empty.schemas()).extracting(s -> s.name()).containsExactly("public");
    }

    @Test
    void schemaFilesTakeThePrintedFormOfTheirChecksWhileALiveDatabaseIsLeftAsWritten() throws IOException {
        String sql = "CREATE TABLE tickets (id bigint PRIMARY KEY, state varchar(10) NOT NULL,"
                + " CONSTRAINT tickets_state_check CHECK (state IN ('open', 'closed')));\n";
        Path schemaDir = dir.resolve("printed");
        write(schemaDir.resolve("tickets.sql"), sql);
        TestDatabase live = db.createAnother("live");
        live.execute(sql);

        String fromFiles =
                check(SchemaSources.read(SchemaSource.parse("schema:" + schemaDir, List.of(), dir, "--to"), context()));
        String asWritten = check(
                SchemaSources.read(SchemaSource.parse("url:" + live.jdbcUrl(), List.of(), dir, "--to"), context()));

        // the text a plan carries, applied anywhere, reads back the same: the scratch database already holds it
        live.execute("ALTER TABLE tickets DROP CONSTRAINT tickets_state_check," + " ADD CONSTRAINT tickets_state_check "
                + fromFiles);
        String applied = check(
                SchemaSources.read(SchemaSource.parse("url:" + live.jdbcUrl(), List.of(), dir, "--to"), context()));
        assertThat(fromFiles).isNotEqualTo(asWritten).isEqualTo(applied);
    }

    private static String check(DatabaseSchema schema) {
        return schema.table(new QualifiedName("public", "tickets")).orElseThrow().constraints().stream()
                .filter(c -> c.name().equals("tickets_state_check"))
                .findFirst()
                .orElseThrow()
                .definition();
    }

    @Test
    void aLiveDatabaseIsReadAsItIsWithoutSlipwaysOwnTables() {
        db.execute("CREATE TABLE live_things (id int PRIMARY KEY);"
                + " CREATE TABLE slipway_migrations (id int PRIMARY KEY)");

        DatabaseSchema live =
                SchemaSources.read(SchemaSource.parse("url:" + db.jdbcUrl(), List.of(), dir, "--to"), context());

        assertThat(live.tables()).extracting(t -> t.name().name()).containsExactly("live_things");
    }

    @Test
    void aFailingMigrationNamesItsFileStatementAndLine() throws IOException {
        Path migrations = dir.resolve("broken");
        write(
                migrations.resolve("20240101000000_init/migration.sql"),
                "CREATE TABLE a (id int);\n\nALTER TABLE missing ADD COLUMN x int;\n");

        assertThatThrownBy(() ->
                        SchemaSources.read(new SchemaSource.Migrations(List.of("filesystem:" + migrations)), context()))
                .isInstanceOfSatisfying(SlipwayException.class, e -> {
                    assertThat(e.getError()).isEqualTo(SlipwayError.MIGRATION_FAILED);
                    assertThat(e.getDescription())
                            .contains("Migration 20240101000000_init")
                            .contains("statement 2 (line 3 of")
                            .contains("relation \"missing\" does not exist")
                            .contains("42P01");
                });
    }

    @Test
    void aShadowDatabaseIsEmptiedBeforeAndAfterButKeepsItsPublicSchema() throws Exception {
        db.execute("CREATE SCHEMA leftover; CREATE TABLE leftover.t (id int); CREATE TABLE public.old (id int)");
        ServerLogin shadow = new ServerLogin(db.jdbcUrl(), db.username(), db.password());
        SchemaSources.Context context = new SchemaSources.Context(
                login(), shadow, getClass().getClassLoader(), CatalogReader.Options.defaults());
        Path schemaDir = dir.resolve("desired");
        write(schemaDir.resolve("tables.sql"), "CREATE TABLE wanted (id int);\n");

        DatabaseSchema desired = SchemaSources.read(new SchemaSource.SchemaFolder(schemaDir), context);

        assertThat(desired.tables()).extracting(t -> t.name().name()).containsExactly("wanted");
        assertThat(db.queryLong("SELECT count(*) FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace"
                        + " WHERE n.nspname IN ('public', 'leftover') AND c.relkind = 'r'"))
                .isZero();
        assertThat(db.queryString("SELECT obj_description('public'::regnamespace, 'pg_namespace')"))
                .isEqualTo("standard public schema");
    }

    @Test
    void sourcesAreParsedAndABadOneIsNamedWithTheOption() {
        assertThat(SchemaSource.parse("migrations", List.of("classpath:db/migrations"), dir, "--from"))
                .isEqualTo(new SchemaSource.Migrations(List.of("classpath:db/migrations")));
        assertThat(SchemaSource.parse("migrations:filesystem:a, filesystem:b", List.of(), dir, "--from"))
                .isEqualTo(new SchemaSource.Migrations(List.of("filesystem:a", "filesystem:b")));
        assertThat(SchemaSource.parse("schema:db/schema", List.of(), dir, "--to"))
                .isEqualTo(new SchemaSource.SchemaFolder(Path.of("db/schema")));
        assertThatThrownBy(() -> SchemaSource.parse("postgresql://app:s3cret@db/app", List.of(), dir, "--to"))
                .hasMessageContaining("given as --to is not a schema source")
                .hasMessageNotContaining("s3cret")
                .hasMessageContaining("url:jdbc:postgresql://");
    }

    @Test
    void aLoginReachesAnotherDatabaseOfTheSameServer() {
        assertThat(new ServerLogin("jdbc:postgresql://h:5432/app?sslmode=require", "u", "p")
                        .withDatabase("other")
                        .jdbcUrl())
                .isEqualTo("jdbc:postgresql://h:5432/other?sslmode=require");
        assertThat(new ServerLogin("jdbc:postgresql://h/", null, null)
                        .withDatabase("x")
                        .jdbcUrl())
                .isEqualTo("jdbc:postgresql://h/x");
        assertThat(new ServerLogin("jdbc:postgresql:app", null, null)
                        .withDatabase("x")
                        .jdbcUrl())
                .isEqualTo("jdbc:postgresql:x");
        assertThat(new ServerLogin("jdbc:postgresql://h/app?user=u&password=secret", null, null).maskedUrl())
                .doesNotContain("secret");
    }

    private SchemaSources.Context context() {
        return new SchemaSources.Context(login(), null, getClass().getClassLoader(), CatalogReader.Options.defaults());
    }

    private ServerLogin login() {
        return new ServerLogin(db.jdbcUrl(), db.username(), db.password());
    }

    private static void write(Path file, String text) throws IOException {
        Files.createDirectories(file.getParent());
        Files.writeString(file, text);
    }
}
