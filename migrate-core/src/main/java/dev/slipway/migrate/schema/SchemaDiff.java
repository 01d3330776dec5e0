package dev.slipway.migrate.schema;

import dev.slipway.migrate.SlipwayConfig;
import dev.slipway.migrate.internal.schema.CatalogReader;
import dev.slipway.migrate.internal.schema.SchemaDiffer;
import dev.slipway.migrate.internal.schema.dev.DevGenerator;
import dev.slipway.migrate.internal.schema.source.SchemaSource;
import dev.slipway.migrate.internal.schema.source.SchemaSources;
import dev.slipway.migrate.internal.schema.source.ServerLogin;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * Reads schemas from their sources and plans the way from one to another: what {@code slipway diff}, {@code dev}
 * and {@code drift} are made of.
 *
 * <p>A source is written as on the command line:
 *
 * <ul>
 *   <li>{@code url:jdbc:postgresql://host:port/database} — a live database, read as it is (Slipway's own tables
 *       left out);</li>
 *   <li>{@code migrations} or {@code migrations:<location>[,<location>]} — the migrations (of {@link
 *       Builder#locations}, or those named) replayed into a scratch database;</li>
 *   <li>{@code schema} or {@code schema:<folder>} — the desired schema as SQL files (of {@link Builder#schemaFolder},
 *       or the folder named) applied to a scratch database;</li>
 *   <li>{@code empty} — nothing.</li>
 * </ul>
 *
 * Scratch databases are created on the server of {@link Builder#connection} (the login needs {@code CREATEDB}) and
 * dropped after; with {@link Builder#shadowUrl} that database is used instead, emptied before and after.
 *
 * <pre>{@code
 * SchemaDiff diff = SchemaDiff.builder()
 *         .connection("jdbc:postgresql://localhost:5432/app_dev", "app", "secret")
 *         .locations(List.of("filesystem:src/main/resources/db/migrations"))
 *         .build();
 * SchemaPlan plan = diff.plan("migrations", "schema");
 * }</pre>
 */
public final class SchemaDiff {

    /** The folder {@code schema} alone means, relative to the working directory. */
    public static final String DEFAULT_SCHEMA_FOLDER = "src/main/resources/db/schema";

    private final SchemaSources.Context context;
    private final List<String> locations;
    private final Path schemaFolder;

    private SchemaDiff(Builder builder) {
        ServerLogin server = new ServerLogin(builder.url, builder.user, builder.password);
        ServerLogin shadow =
                builder.shadowUrl == null ? null : new ServerLogin(builder.shadowUrl, builder.user, builder.password);
        CatalogReader.Options defaults = CatalogReader.Options.defaults();
        Set<String> schemas = new HashSet<>(defaults.excludedSchemas());
        schemas.addAll(builder.excludedSchemas);
        this.context = new SchemaSources.Context(
                server,
                shadow,
                builder.classLoader,
                new CatalogReader.Options(schemas, defaults.excludedTables()),
                builder.schema,
                builder.reprint);
        this.locations = List.copyOf(builder.locations);
        this.schemaFolder = builder.schemaFolder;
    }

    /** A builder; {@link Builder#connection} is required. */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * Reads the schema a source describes.
     *
     * @param source {@code url:...}, {@code migrations[:...]}, {@code schema[:...]} or {@code empty}
     * @throws dev.slipway.migrate.SlipwayException naming the source, or the migration, file, statement and line
     *     that failed to apply
     */
    public DatabaseSchema read(String source) {
        return SchemaSources.read(SchemaSource.parse(source, locations, schemaFolder, "a schema source"), context);
    }

    /** The plan from the schema of one source to that of another; empty when they are the same. */
    public SchemaPlan plan(String from, String to) {
        DatabaseSchema before = SchemaSources.read(
                SchemaSource.parse(from, locations, schemaFolder, "the source to diff from"), context);
        DatabaseSchema after =
                SchemaSources.read(SchemaSource.parse(to, locations, schemaFolder, "the source to diff to"), context);
        return plan(before, after);
    }

    /**
     * The migrations {@code slipway dev} writes for the difference between the migrations (of {@link
     * Builder#locations}) and a desired schema: expand and contract split, the backfills to declare, and the data the
     * contract migrations would delete, counted on the database of {@link Builder#connection}. Rename hints
     * ({@code -- slipway:renamed-from <old>}) are read from the files of a {@code schema} source. Nothing is
     * written: see {@link DevMigrations#writeTo}.
     *
     * @param desiredSource the desired schema, normally {@code schema} or {@code schema:<folder>}
     * @param name the change's name ({@code add_customer_email}), part of the migrations' names
     * @param clock where the first migration's version ({@code yyyyMMddHHmmss}, UTC) comes from; versions are
     *     always later than the newest existing migration
     */
    public DevMigrations dev(String desiredSource, String name, Clock clock) {
        Objects.requireNonNull(clock, "'clock' must not be null");
        return DevGenerator.generate(
                new SchemaSource.Migrations(locations),
                SchemaSource.parse(desiredSource, locations, schemaFolder, "the desired schema"),
                context,
                name,
                clock);
    }

    /** The plan from one schema to another; empty when they are the same. */
    public static SchemaPlan plan(DatabaseSchema from, DatabaseSchema to) {
        return SchemaDiffer.plan(from, to);
    }

    /** Builds a {@link SchemaDiff}. */
    public static final class Builder {

        private String url;
        private String user;
        private String password;
        private String shadowUrl;
        private String schema;
        private boolean reprint = true;
        private List<String> locations = List.of(SlipwayConfig.DEFAULT_LOCATION);
        private Path schemaFolder = Path.of(DEFAULT_SCHEMA_FOLDER);
        private ClassLoader classLoader = SchemaDiff.class.getClassLoader();
        private final List<String> excludedSchemas = new ArrayList<>();

        private Builder() {}

        /**
         * The login that reads {@code url:} sources (when their URL names no user) and creates scratch databases on
         * its server.
         */
        public Builder connection(String jdbcUrl, String user, String password) {
            this.url = Objects.requireNonNull(jdbcUrl, "'jdbcUrl' must not be null");
            this.user = user;
            this.password = password;
            return this;
        }

        /** A database to use for replays instead of creating scratch databases: everything in it is dropped. */
        public Builder shadowUrl(String jdbcUrl) {
            this.shadowUrl = jdbcUrl;
            return this;
        }

        /** The migration locations {@code migrations} alone means (default {@code classpath:db/migrations}). */
        public Builder locations(List<String> locations) {
            this.locations = List.copyOf(Objects.requireNonNull(locations, "'locations' must not be null"));
            return this;
        }

        /** The folder {@code schema} alone means (default {@value #DEFAULT_SCHEMA_FOLDER}). */
        public Builder schemaFolder(Path folder) {
            this.schemaFolder = Objects.requireNonNull(folder, "'folder' must not be null");
            return this;
        }

        /** The class loader whose classpath {@code classpath:} locations are read from. */
        public Builder classLoader(ClassLoader classLoader) {
            this.classLoader = Objects.requireNonNull(classLoader, "'classLoader' must not be null");
            return this;
        }

        /**
         * The schema the migrations run in (Slipway's schema setting): created in scratch databases and put first on
         * their search path while migrations and schema files are applied, as a Slipway run does. By default the
         * login's own search path (with any {@code currentSchema} of its URL).
         */
        public Builder schema(String schema) {
            this.schema = schema;
            return this;
        }

        /**
         * Whether a database Slipway replays into has its checks, views and expression indexes re-created from the
         * text PostgreSQL prints for them before it is read (default true). PostgreSQL prints some expressions (an
         * {@code IN} list over {@code varchar}) in a form that is stored differently when run again, so a schema
         * written by a plan or by {@code dev} only compares equal to its source in printed form. Turn it off to
         * compare a database with the very SQL that built it ({@code drift}): both then hold what that SQL stored.
         */
        public Builder reprintDefinitions(boolean reprint) {
            this.reprint = reprint;
            return this;
        }

        /** Schemas to leave out of every read, besides the system ones. */
        public Builder excludeSchemas(Set<String> schemas) {
            excludedSchemas.addAll(Objects.requireNonNull(schemas, "'schemas' must not be null"));
            return this;
        }

        /** The {@link SchemaDiff}. */
        public SchemaDiff build() {
            if (url == null) {
                throw new IllegalStateException("'connection' must be set");
            }
            return new SchemaDiff(this);
        }
    }
}
