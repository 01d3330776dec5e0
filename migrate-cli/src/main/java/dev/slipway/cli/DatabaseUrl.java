package dev.slipway.cli;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A database URL as given to the command line, turned into what the PostgreSQL JDBC driver takes.
 * <ul>
 *   <li>{@code jdbc:postgresql://host:port/db?params} is taken as is.</li>
 *   <li>{@code postgresql://user:password@host:port/db?params} (also {@code postgres://}), as Prisma and libpq users
 *       have it in {@code DATABASE_URL}: user and password are percent-decoded out of the user-info; Prisma's
 *       {@code schema} parameter becomes the schema (and the JDBC {@code currentSchema}); parameters only Prisma's
 *       engine knows ({@code connection_limit}, {@code pool_timeout}, {@code pgbouncer}, ...) are dropped; the
 *       others ({@code sslmode}, ...) are passed to the driver.</li>
 * </ul>
 * {@link #masked(String)} hides a password wherever a URL is printed.
 *
 * @param jdbcUrl the URL for the driver, without user or password in it
 * @param user the user from the URL's user-info, or null
 * @param password the password from the URL's user-info, or null
 * @param schema the schema from Prisma's {@code schema} parameter, or null
 */
public record DatabaseUrl(String jdbcUrl, String user, String password, String schema) {

    private static final Pattern URI = Pattern.compile(
            "(?i)(?:postgresql|postgres)://(?:(?<userinfo>[^@/?#]*)@)?(?<hostport>[^/?#]*)(?:/(?<db>[^?#]*))?"
                    + "(?:\\?(?<query>[^#]*))?(?:#.*)?");

    /** Prisma engine parameters that mean nothing to the JDBC driver. */
    private static final Set<String> PRISMA_ONLY = Set.of(
            "connection_limit",
            "pool_timeout",
            "pgbouncer",
            "sslaccept",
            "statement_cache_size",
            "schema",
            "socket_timeout",
            "sslidentity",
            "sslpassword");

    private static final Pattern SECRET_PARAMETER = Pattern.compile("(?i)([?&;](?:password|sslpassword)=)[^&;#]*");

    private static final Pattern USER_INFO_PASSWORD = Pattern.compile("(?i)(://[^:@/?#]*:)[^@/?#]*@");

    static DatabaseUrl parse(String url) {
        String trimmed = url.trim();
        if (trimmed.regionMatches(true, 0, "jdbc:postgresql:", 0, 16)) {
            return new DatabaseUrl(trimmed, null, null, null);
        }
        Matcher m = URI.matcher(trimmed);
        if (!m.matches()) {
            throw new CliException(
                    "The database URL " + masked(trimmed) + " is not a PostgreSQL URL.",
                    "Give --url as jdbc:postgresql://host:5432/db or postgresql://user:password@host:5432/db.");
        }
        String user = null;
        String password = null;
        String userInfo = m.group("userinfo");
        if (userInfo != null && !userInfo.isEmpty()) {
            int colon = userInfo.indexOf(':');
            user = decode(colon < 0 ? userInfo : userInfo.substring(0, colon));
            password = colon < 0 ? null : decode(userInfo.substring(colon + 1));
            if (user.isEmpty()) {
                user = null;
            }
        }
        String hostPort = m.group("hostport");
        String db = m.group("db") == null ? "" : decode(m.group("db"));
        String schema = null;
        List<String> passed = new ArrayList<>();
        String query = m.group("query");
        if (query != null && !query.isEmpty()) {
            for (String pair : query.split("&")) {
                if (pair.isEmpty()) {
                    continue;
                }
                int eq = pair.indexOf('=');
                String key = decode(eq < 0 ? pair : pair.substring(0, eq));
                String value = eq < 0 ? "" : decode(pair.substring(eq + 1));
                String lower = key.toLowerCase(Locale.ROOT);
                if (lower.equals("schema")) {
                    schema = value.isEmpty() ? null : value;
                } else if (lower.equals("user") && user == null) {
                    user = value;
                } else if (lower.equals("password") && password == null) {
                    password = value;
                } else if (!PRISMA_ONLY.contains(lower) && !lower.equals("user") && !lower.equals("password")) {
                    passed.add(pair);
                }
            }
        }
        if (schema != null) {
            passed.add("currentSchema=" + encode(schema));
        }
        StringBuilder jdbc = new StringBuilder("jdbc:postgresql://")
                .append(hostPort)
                .append('/')
                .append(encode(db));
        if (!passed.isEmpty()) {
            jdbc.append('?').append(String.join("&", passed));
        }
        return new DatabaseUrl(jdbc.toString(), user, password, schema);
    }

    /** The URL with any password (user-info or {@code password=} parameter) replaced by {@code ****}. */
    public static String masked(String url) {
        if (url == null) {
            return null;
        }
        String masked = USER_INFO_PASSWORD.matcher(url).replaceAll("$1****@");
        return SECRET_PARAMETER.matcher(masked).replaceAll("$1****");
    }

    @Override
    public String toString() {
        return "DatabaseUrl[" + masked(jdbcUrl) + ", user=" + user + ", password="
                + (password == null ? "none" : "****") + ", schema=" + schema + "]";
    }

    private static String decode(String text) {
        return URLDecoder.decode(text.replace("+", "%2B"), StandardCharsets.UTF_8);
    }

    private static String encode(String text) {
        return java.net.URLEncoder.encode(text, StandardCharsets.UTF_8).replace("+", "%20");
    }
}
