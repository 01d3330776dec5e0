package dev.slipway.migrate.internal.schema;

import static org.assertj.core.api.Assertions.assertThat;

import dev.slipway.migrate.Slipway;
import dev.slipway.migrate.SlipwayConfig;
import dev.slipway.migrate.schema.DatabaseSchema;
import dev.slipway.migrate.schema.Namespace;
import dev.slipway.migrate.schema.QualifiedName;
import dev.slipway.migrate.schema.Sequence;
import dev.slipway.migrate.test.PostgresExtension;
import dev.slipway.migrate.test.TestDatabase;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/** What a read leaves out, and what it costs as the schema grows. */
@ExtendWith(PostgresExtension.class)
class CatalogReaderScaleTest {

    @Test
    void leavesOutSlipwaysOwnTablesAndWhatTheOptionsExclude(TestDatabase db, @TempDir Path dir)
            throws IOException, SQLException {
        Path migration = dir.resolve("20240101000000_accounts");
        Files.createDirectories(migration);
        Files.writeString(
                migration.resolve("migration.sql"),
                "CREATE TABLE accounts (id bigserial PRIMARY KEY, name text NOT NULL);\n"
                        + "CREATE TABLE audit_log (id bigserial PRIMARY KEY, entry text);\n");
        Slipway.builder(db.dataSource())
                .config(SlipwayConfig.builder()
                        .locations("filesystem:" + dir.toAbsolutePath())
                        .build())
                .build()
                .migrate();
        db.execute("""
                CREATE SCHEMA staging;
                CREATE TABLE staging.raw (id serial, payload text);
                CREATE TABLE staging.slipway_backfills (id integer);
                """);
        List<String> slipwayTables = db.queryStrings("SELECT 'public.' || relname FROM pg_class"
                + " WHERE relnamespace = 'public'::regnamespace AND relkind = 'r' AND relname LIKE 'slipway%'"
                + " ORDER BY relname COLLATE \"C\"");
        assertThat(slipwayTables).contains("public.slipway_migrations");

        DatabaseSchema defaults = read(db, CatalogReader.Options.defaults());
        assertThat(defaults.tables())
                .extracting(t -> t.name().toString())
                .containsExactly("public.accounts", "public.audit_log", "staging.raw");
        assertThat(defaults.sequences())
                .extracting(s -> s.name().toString())
                .containsExactly("public.accounts_id_seq", "public.audit_log_id_seq", "staging.raw_id_seq");
        assertThat(defaults.dependencies())
                .noneMatch(d -> d.dependent().name().name().startsWith("slipway_")
                        || d.referenced().name().name().startsWith("slipway_"));

        DatabaseSchema excluding =
                read(db, new CatalogReader.Options(Set.of("staging"), Set.of("public.audit_log", "raw")));
        assertThat(excluding.schemas()).extracting(Namespace::name).containsExactly("public");
        List<String> accountsAndSlipways = new ArrayList<>(List.of("public.accounts"));
        accountsAndSlipways.addAll(slipwayTables);
        assertThat(excluding.tables())
                .extracting(t -> t.name().toString())
                .containsExactlyElementsOf(accountsAndSlipways);
        assertThat(excluding.sequences())
                .extracting(Sequence::name)
                .containsExactly(new QualifiedName("public", "accounts_id_seq"));
        assertThat(excluding.dependencies())
                .noneMatch(d -> d.dependent().name().schema().equals("staging")
                        || d.referenced().name().name().equals("audit_log"));
    }

    @Test
    void runsTheSameNumberOfQueriesFor10And200Tables(TestDatabase db) throws SQLException {
        TestDatabase small = db.createAnother("small");
        TestDatabase large = db.createAnother("large");
        small.execute(tables(10));
        large.execute(tables(200));

        CatalogReader.Reading fromSmall = readWithStats(small);
        CatalogReader.Reading fromLarge = readWithStats(large);

        assertThat(fromSmall.schema().tables()).hasSize(10);
        assertThat(fromLarge.schema().tables()).hasSize(200);
        assertThat(fromLarge.schema().views()).hasSize(200);
        assertThat(fromLarge.schema().tables().get(0).indexes()).hasSize(2);
        assertThat(fromLarge.stats().roundTrips())
                .isEqualTo(fromSmall.stats().roundTrips())
                .isEqualTo(16);
    }

    /** Tables with a primary key, a foreign key to the previous one, an index, a check and a view each. */
    private static String tables(int count) {
        StringBuilder sql = new StringBuilder();
        for (int i = 0; i < count; i++) {
            sql.append("CREATE TABLE t")
                    .append(i)
                    .append(" (id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,")
                    .append(" name text NOT NULL CHECK (name <> ''), created_at timestamptz DEFAULT now()");
            if (i > 0) {
                sql.append(", prev_id bigint REFERENCES t").append(i - 1).append(" (id)");
            }
            sql.append(");\n");
            sql.append("CREATE INDEX t")
                    .append(i)
                    .append("_name ON t")
                    .append(i)
                    .append(" (lower(name));\n");
            sql.append("CREATE VIEW v")
                    .append(i)
                    .append(" AS SELECT id, name FROM t")
                    .append(i)
                    .append(";\n");
        }
        return sql.toString();
    }

    private static DatabaseSchema read(TestDatabase db, CatalogReader.Options options) throws SQLException {
        try (Connection connection = db.connect()) {
            return CatalogReader.read(connection, options);
        }
    }

    private static CatalogReader.Reading readWithStats(TestDatabase db) throws SQLException {
        try (Connection connection = db.connect()) {
            return CatalogReader.readWithStats(connection, CatalogReader.Options.defaults());
        }
    }
}
