package dev.slipway.migrate.internal.schema;

import static org.assertj.core.api.Assertions.assertThat;

import dev.slipway.migrate.schema.DatabaseSchema;
import dev.slipway.migrate.schema.Dependency;
import dev.slipway.migrate.schema.Extension;
import dev.slipway.migrate.schema.ObjectRef;
import dev.slipway.migrate.schema.ObjectRef.Kind;
import dev.slipway.migrate.schema.QualifiedName;
import dev.slipway.migrate.schema.Table;
import dev.slipway.migrate.test.PostgresExtension;
import dev.slipway.migrate.test.TestDatabase;
import java.sql.Connection;
import java.sql.SQLException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** Objects an extension owns are left out everywhere; what the user built with them stays. */
@ExtendWith(PostgresExtension.class)
class CatalogReaderExtensionsTest {

    @Test
    void leavesOutEveryObjectAnExtensionOwns(TestDatabase db) throws SQLException {
        // citext: a type with functions, operators, casts; hstore: types, operator classes; pgcrypto: functions;
        // seg: a base type; all contrib extensions of this server (see pg_available_extensions)
        assertThat(db.queryStrings("SELECT name FROM pg_available_extensions"))
                .contains("citext", "hstore", "pgcrypto", "seg");
        db.execute("""
                CREATE SCHEMA ext;
                CREATE EXTENSION citext;
                CREATE EXTENSION hstore SCHEMA ext;
                CREATE EXTENSION pgcrypto;
                CREATE EXTENSION seg;
                CREATE TABLE public.accounts (
                    id bigint PRIMARY KEY,
                    email public.citext NOT NULL UNIQUE,
                    aliases public.citext[],
                    attributes ext.hstore,
                    secret bytea DEFAULT public.gen_random_bytes(16)
                );
                CREATE INDEX accounts_attributes ON public.accounts USING gist (attributes ext.gist_hstore_ops);
                CREATE FUNCTION public.own_hash(v text) RETURNS text LANGUAGE sql AS $$ SELECT md5(v) $$;
                """);

        DatabaseSchema schema = read(db);

        assertThat(schema.extensions())
                .containsExactly(
                        new Extension("citext", "public", version(db, "citext")),
                        new Extension("hstore", "ext", version(db, "hstore")),
                        new Extension("pgcrypto", "public", version(db, "pgcrypto")),
                        new Extension("plpgsql", "pg_catalog", version(db, "plpgsql")),
                        new Extension("seg", "public", version(db, "seg")));
        assertThat(schema.routines()).extracting(r -> r.name().toString()).containsExactly("public.own_hash");
        assertThat(schema.enums()).isEmpty();
        assertThat(schema.sequences()).isEmpty();
        assertThat(schema.views()).isEmpty();
        assertThat(schema.unsupported()).isEmpty();
        assertThat(schema.tables()).extracting(t -> t.name().toString()).containsExactly("public.accounts");
        assertThat(schema.schemas()).extracting(s -> s.name()).containsExactly("ext", "public");

        Table accounts = schema.tables().get(0);
        assertThat(accounts.column("email").orElseThrow().type()).isEqualTo("public.citext");
        assertThat(accounts.column("aliases").orElseThrow().type()).isEqualTo("public.citext[]");
        assertThat(accounts.column("attributes").orElseThrow().type()).isEqualTo("ext.hstore");
        assertThat(accounts.column("secret").orElseThrow().defaultExpression())
                .isEqualTo("public.gen_random_bytes(16)");
        assertThat(accounts.indexes())
                .extracting(i -> i.definition())
                .contains("CREATE INDEX accounts_attributes ON public.accounts USING gist (attributes)");

        QualifiedName table = new QualifiedName("public", "accounts");
        ObjectRef citext = new ObjectRef(Kind.EXTENSION, new QualifiedName("public", "citext"), null);
        assertThat(schema.dependencies())
                .contains(
                        new Dependency(new ObjectRef(Kind.COLUMN, table, "email"), citext),
                        new Dependency(new ObjectRef(Kind.COLUMN, table, "aliases"), citext),
                        new Dependency(
                                new ObjectRef(Kind.COLUMN, table, "attributes"),
                                new ObjectRef(Kind.EXTENSION, new QualifiedName("ext", "hstore"), null)),
                        new Dependency(
                                new ObjectRef(Kind.COLUMN, table, "secret"),
                                new ObjectRef(Kind.EXTENSION, new QualifiedName("public", "pgcrypto"), null)));
    }

    private static String version(TestDatabase db, String extension) {
        return db.queryString("SELECT extversion FROM pg_extension WHERE extname = '" + extension + "'");
    }

    private static DatabaseSchema read(TestDatabase db) throws SQLException {
        try (Connection connection = db.connect()) {
            return CatalogReader.read(connection, CatalogReader.Options.defaults());
        }
    }
}
