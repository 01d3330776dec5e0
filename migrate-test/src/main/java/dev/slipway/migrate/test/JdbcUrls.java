package dev.slipway.migrate.test;

/** Rewrites PostgreSQL JDBC URLs. */
final class JdbcUrls {

    private static final String PREFIX = "jdbc:postgresql:";

    private JdbcUrls() {}

    /**
     * The same URL (hosts, ports and parameters kept) naming another database: {@code jdbc:postgresql://h:5432/a?x=1}
     * becomes {@code jdbc:postgresql://h:5432/b?x=1}; {@code jdbc:postgresql:a} becomes {@code jdbc:postgresql:b}.
     */
    static String withDatabase(String url, String database) {
        if (!url.startsWith(PREFIX)) {
            throw new IllegalArgumentException("Not a PostgreSQL JDBC URL (jdbc:postgresql:...): " + url);
        }
        int question = url.indexOf('?');
        String path = url.substring(PREFIX.length(), question < 0 ? url.length() : question);
        String parameters = question < 0 ? "" : url.substring(question);
        if (path.startsWith("//")) {
            int slash = path.indexOf('/', 2);
            String hosts = slash < 0 ? path : path.substring(0, slash);
            return PREFIX + hosts + "/" + database + parameters;
        }
        return PREFIX + database + parameters;
    }

    /** The URL with the value of a {@code password} parameter hidden, for messages. */
    static String redact(String url) {
        return url.replaceAll("([?&]password=)[^&]*", "$1***");
    }
}
