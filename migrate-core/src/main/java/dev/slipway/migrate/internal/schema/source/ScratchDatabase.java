package dev.slipway.migrate.internal.schema.source;

import dev.slipway.migrate.Action;
import dev.slipway.migrate.Setting;
import dev.slipway.migrate.SlipwayError;
import dev.slipway.migrate.SlipwayException;
import dev.slipway.migrate.schema.Identifiers;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A database to replay migrations or desired-schema files into, so that PostgreSQL itself turns them into a catalog
 * that can be read (as Prisma's shadow database and Atlas's dev database do).
 *
 * <ol>
 *   <li>{@link #create}: a new database {@code slipway_scratch_<random>} on the same server, made with
 *       {@code CREATE DATABASE} (the login needs {@code CREATEDB}), dropped by {@link #close()} with
 *       {@code WITH (FORCE)} on PostgreSQL 13 and newer, after ending its sessions on 12.</li>
 *   <li>{@link #shadow}: a database the user names for the purpose (where the login may not create databases).
 *       Everything in it is dropped before use and again after: every schema but the system ones and every
 *       extension; {@code public} is made again with its comment and owner as they were.</li>
 * </ol>
 */
public final class ScratchDatabase implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(ScratchDatabase.class);
    private static final SecureRandom RANDOM = new SecureRandom();

    private final ServerLogin server;
    private final ServerLogin login;
    private final boolean shadow;
    private final String schema;

    private ScratchDatabase(ServerLogin server, ServerLogin login, boolean shadow, String schema) {
        this.server = server;
        this.login = login;
        this.shadow = shadow;
        this.schema = schema;
    }

    /** Creates a new, empty database on the server {@code server} logs in to. */
    public static ScratchDatabase create(ServerLogin server) {
        return create(server, null);
    }

    /**
     * Creates a new, empty database on the server {@code server} logs in to, with the schemas a migration run would
     * find: those the login's {@code search_path} names ({@code currentSchema} of the URL, Prisma's {@code ?schema=})
     * and {@code schema}, which every connection then puts first on its {@code search_path}, as a Slipway run does
     * with the schema it migrates.
     *
     * @param schema the schema migrations run in, or null for the login's own search path
     */
    public static ScratchDatabase create(ServerLogin server, String schema) {
        String name = "slipway_scratch_" + randomSuffix();
        try (Connection connection = server.connect();
                Statement statement = connection.createStatement()) {
            statement.execute("CREATE DATABASE " + name);
        } catch (SQLException e) {
            if ("42501".equals(e.getSQLState())) {
                throw new SlipwayException(
                        SlipwayError.DATABASE_ERROR,
                        "The login " + describe(server) + " may not create databases (" + e.getMessage()
                                + "); Slipway replays migrations and schema files into a scratch database it creates"
                                + " and drops.",
                        Action.of(
                                "Give the login CREATEDB, or name with {} a database of its own that Slipway may"
                                        + " empty (everything in it is dropped).",
                                Setting.SHADOW_URL),
                        e);
            }
            throw new SlipwayException(
                    SlipwayError.DATABASE_ERROR,
                    "Could not create a scratch database on " + describe(server) + ": " + e.getMessage(),
                    Action.text("Check that the server is reachable and the login may create databases."),
                    e);
        }
        log.debug("Created scratch database {}", name);
        ScratchDatabase scratch = new ScratchDatabase(server, server.withDatabase(name), false, schema);
        scratch.createSchemas();
        return scratch;
    }

    /** Uses a database the user gave for the purpose: empties it now and again on {@link #close()}. */
    public static ScratchDatabase shadow(ServerLogin shadowDatabase) {
        return shadow(shadowDatabase, null);
    }

    /** {@link #shadow(ServerLogin)} with the schemas of {@link #create(ServerLogin, String)}. */
    public static ScratchDatabase shadow(ServerLogin shadowDatabase, String schema) {
        ScratchDatabase scratch = new ScratchDatabase(shadowDatabase, shadowDatabase, true, schema);
        scratch.empty();
        scratch.createSchemas();
        return scratch;
    }

    /** The login of the scratch database. */
    public ServerLogin login() {
        return login;
    }

    /**
     * A new connection to the scratch database, in autocommit mode, with the schema migrations run in first on its
     * {@code search_path}; the caller closes it.
     */
    public Connection connect() throws SQLException {
        Connection connection = login.connect();
        if (schema != null) {
            try (PreparedStatement statement = connection.prepareStatement(
                    "SELECT set_config('search_path', quote_ident(?) || ', ' || current_setting('search_path'), false)")) {
                statement.setString(1, schema);
                statement.execute();
            } catch (SQLException e) {
                connection.close();
                throw e;
            }
        }
        return connection;
    }

    /** Creates the schemas of the login's search path that do not exist, and the schema migrations run in. */
    private void createSchemas() {
        try (Connection connection = login.connect();
                Statement statement = connection.createStatement()) {
            List<String> names = new ArrayList<>(searchPath(connection));
            if (schema != null) {
                names.add(schema);
            }
            for (String name : names) {
                statement.execute("CREATE SCHEMA IF NOT EXISTS " + Identifiers.quote(name));
            }
        } catch (SQLException e) {
            close();
            throw new SlipwayException(
                    SlipwayError.DATABASE_ERROR,
                    "Could not create the schemas of the search path in the scratch database " + describe(login) + ": "
                            + e.getMessage(),
                    Action.text("Check the schema setting and the currentSchema of the URL."),
                    e);
        }
    }

    /** The schemas named by the connection's {@code search_path}, {@code $user} and system schemas left out. */
    static List<String> searchPath(Connection connection) throws SQLException {
        String path;
        try (Statement statement = connection.createStatement();
                ResultSet rs = statement.executeQuery("SELECT current_setting('search_path')")) {
            rs.next();
            path = rs.getString(1);
        }
        List<String> names = new ArrayList<>();
        for (String part : path.split(",")) {
            String name = part.trim();
            if (name.startsWith("\"") && name.endsWith("\"") && name.length() >= 2) {
                name = name.substring(1, name.length() - 1).replace("\"\"", "\"");
            }
            if (!name.isEmpty() && !name.equals("$user") && !name.startsWith("pg_") && !name.equals("public")) {
                names.add(name);
            }
        }
        return names;
    }

    @Override
    public void close() {
        if (shadow) {
            empty();
            return;
        }
        String name = login.database();
        try (Connection connection = server.connect();
                Statement statement = connection.createStatement()) {
            if (connection.getMetaData().getDatabaseMajorVersion() >= 13) {
                statement.execute("DROP DATABASE IF EXISTS " + name + " WITH (FORCE)");
            } else {
                statement.execute("SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = '" + name
                        + "' AND pid <> pg_backend_pid()");
                statement.execute("DROP DATABASE IF EXISTS " + name);
            }
            log.debug("Dropped scratch database {}", name);
        } catch (SQLException e) {
            log.warn(
                    "Could not drop the scratch database {} on {}: {}. Drop it by hand: DROP DATABASE {};",
                    name,
                    describe(server),
                    e.getMessage(),
                    name);
        }
    }

    private void empty() {
        try (Connection connection = login.connect();
                Statement statement = connection.createStatement()) {
            List<String> extensions = strings(
                    statement,
                    "SELECT quote_ident(extname) FROM pg_extension" + " WHERE extname <> 'plpgsql' ORDER BY extname");
            for (String extension : extensions) {
                statement.execute("DROP EXTENSION IF EXISTS " + extension + " CASCADE");
            }
            String publicComment = null;
            String publicOwner = null;
            try (ResultSet rs = statement.executeQuery("SELECT obj_description(oid, 'pg_namespace'),"
                    + " quote_ident(pg_get_userbyid(nspowner)) FROM pg_namespace WHERE nspname = 'public'")) {
                if (rs.next()) {
                    publicComment = rs.getString(1);
                    publicOwner = rs.getString(2);
                }
            }
            List<String> schemas = strings(
                    statement,
                    "SELECT quote_ident(nspname) FROM pg_namespace"
                            + " WHERE nspname NOT IN ('pg_catalog', 'information_schema') AND nspname NOT LIKE 'pg\\_toast%'"
                            + " AND nspname NOT LIKE 'pg\\_temp\\_%' ORDER BY nspname");
            for (String schema : schemas) {
                statement.execute("DROP SCHEMA " + schema + " CASCADE");
            }
            statement.execute("CREATE SCHEMA public");
            if (publicComment != null) {
                statement.execute("COMMENT ON SCHEMA public IS '" + publicComment.replace("'", "''") + "'");
            }
            if (publicOwner != null) {
                try {
                    statement.execute("ALTER SCHEMA public OWNER TO " + publicOwner);
                } catch (SQLException e) {
                    log.debug("Could not give schema public back to {}: {}", publicOwner, e.getMessage());
                }
            }
            statement.execute("GRANT USAGE ON SCHEMA public TO PUBLIC");
        } catch (SQLException e) {
            throw new SlipwayException(
                    SlipwayError.DATABASE_ERROR,
                    "Could not empty the shadow database " + describe(login) + ": " + e.getMessage(),
                    Action.text("The shadow database must be one the login owns and that nothing else uses:"
                            + " Slipway drops every schema in it."),
                    e);
        }
    }

    private static List<String> strings(Statement statement, String sql) throws SQLException {
        List<String> values = new ArrayList<>();
        try (ResultSet rs = statement.executeQuery(sql)) {
            while (rs.next()) {
                values.add(rs.getString(1));
            }
        }
        return values;
    }

    private static String describe(ServerLogin login) {
        return (login.user() == null ? "" : login.user() + " at ") + login.maskedUrl();
    }

    private static String randomSuffix() {
        String alphabet = "abcdefghijklmnopqrstuvwxyz0123456789";
        StringBuilder suffix = new StringBuilder();
        for (int i = 0; i < 10; i++) {
            suffix.append(alphabet.charAt(RANDOM.nextInt(alphabet.length())));
        }
        return suffix.toString().toLowerCase(Locale.ROOT);
    }
}
