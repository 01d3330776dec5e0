package dev.slipway.migrate.internal.schema.source;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.Objects;
import java.util.Properties;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * How to log in to one database of a server: a JDBC URL with its user and password. The same login reaches another
 * database of the same server with {@link #withDatabase(String)}, which is how scratch databases are made.
 *
 * @param jdbcUrl {@code jdbc:postgresql://host:port/database?parameters}
 * @param user the user, or null to leave it to the URL
 * @param password the password, or null
 */
public record ServerLogin(String jdbcUrl, String user, String password) {

    /** {@code jdbc:postgresql:} then an optional {@code //hosts}, then the database, then the parameters. */
    private static final Pattern URL = Pattern.compile("(jdbc:postgresql:(?://[^/?]*/?)?)([^?]*)(\\?.*)?");

    public ServerLogin {
        Objects.requireNonNull(jdbcUrl, "'jdbcUrl' must not be null");
        if (!URL.matcher(jdbcUrl).matches()) {
            throw new IllegalArgumentException(
                    "'jdbcUrl' must be a PostgreSQL JDBC URL (jdbc:postgresql://host:port/database)");
        }
    }

    /** The database the URL names (empty when it names none: the driver then uses the user's name). */
    public String database() {
        Matcher m = matcher();
        return m.group(2);
    }

    /** The same login to another database of the same server. */
    public ServerLogin withDatabase(String database) {
        Matcher m = matcher();
        String prefix = m.group(1);
        if (prefix.startsWith("jdbc:postgresql://") && !prefix.endsWith("/")) {
            prefix = prefix + "/";
        }
        String parameters = m.group(3) == null ? "" : m.group(3);
        return new ServerLogin(prefix + database + parameters, user, password);
    }

    /** A new connection, in autocommit mode; the caller closes it. */
    public Connection connect() throws SQLException {
        Properties properties = new Properties();
        if (user != null) {
            properties.setProperty("user", user);
        }
        if (password != null) {
            properties.setProperty("password", password);
        }
        properties.setProperty("ApplicationName", "slipway schema diff");
        return DriverManager.getConnection(jdbcUrl, properties);
    }

    /** The URL without a password parameter, for messages. */
    public String maskedUrl() {
        return jdbcUrl.replaceAll("(?i)([?&](?:password|sslpassword)=)[^&]*", "$1****");
    }

    @Override
    public String toString() {
        return "ServerLogin[" + maskedUrl() + ", user=" + user + "]";
    }

    private Matcher matcher() {
        Matcher m = URL.matcher(jdbcUrl);
        if (!m.matches()) {
            throw new IllegalStateException("not a PostgreSQL JDBC URL: " + maskedUrl());
        }
        return m;
    }
}
