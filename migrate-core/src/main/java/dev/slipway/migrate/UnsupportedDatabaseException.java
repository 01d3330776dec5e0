package dev.slipway.migrate;

/**
 * The database is not one Slipway can migrate: another product than PostgreSQL (H2, MySQL, ...), or a PostgreSQL
 * server older than {@value #MINIMUM_POSTGRESQL_VERSION}. Thrown as soon as Slipway has a connection, before it
 * sends any SQL, with the product and version the JDBC driver reports.
 *
 * <p>The message is the {@linkplain #getDescription() description} and the {@linkplain #getAction() action} on
 * lines of their own; the action speaks of the database and the connection only, so that each front end (a Spring
 * Boot failure analysis, a command line) can say how to change them in its own terms.
 */
public class UnsupportedDatabaseException extends SlipwayException {

    /** The oldest PostgreSQL major version Slipway migrates. */
    public static final int MINIMUM_POSTGRESQL_VERSION = 12;

    private final String productName;
    private final String productVersion;
    private final int majorVersion;
    private final String description;
    private final String action;

    /**
     * @param productName the product, as {@code DatabaseMetaData.getDatabaseProductName()} reports it
     * @param productVersion the version, as {@code DatabaseMetaData.getDatabaseProductVersion()} reports it
     * @param majorVersion the major version, as {@code DatabaseMetaData.getDatabaseMajorVersion()} reports it
     */
    public UnsupportedDatabaseException(String productName, String productVersion, int majorVersion) {
        this(productName, productVersion, majorVersion, describe(productName, productVersion),
                advise(productName));
    }

    private UnsupportedDatabaseException(String productName, String productVersion, int majorVersion,
            String description, String action) {
        super(description + "\n" + action);
        this.productName = productName;
        this.productVersion = productVersion;
        this.majorVersion = majorVersion;
        this.description = description;
        this.action = action;
    }

    /** Whether the database is PostgreSQL, only older than {@value #MINIMUM_POSTGRESQL_VERSION}. */
    public boolean isPostgreSql() {
        return "PostgreSQL".equals(productName);
    }

    /** The product, as the JDBC driver names it: {@code H2}, {@code MySQL}, {@code PostgreSQL}, ... */
    public String getProductName() {
        return productName;
    }

    /** The product's version, as the JDBC driver reports it, e.g. {@code 2.4.240 (2025-09-22)} or {@code 11.22}. */
    public String getProductVersion() {
        return productVersion;
    }

    /** The product's major version, as the JDBC driver reports it. */
    public int getMajorVersion() {
        return majorVersion;
    }

    /** What is wrong: the product and version found, and what Slipway needs. */
    public String getDescription() {
        return description;
    }

    /** What to do, in terms of the database and the connection (no configuration property names). */
    public String getAction() {
        return action;
    }

    private static String describe(String productName, String productVersion) {
        if ("PostgreSQL".equals(productName)) {
            return "Slipway needs PostgreSQL " + MINIMUM_POSTGRESQL_VERSION + " or newer, but the database is "
                    + "PostgreSQL " + productVersion + ".";
        }
        return "Slipway migrates PostgreSQL only, but the database is " + productName + " " + productVersion + ".";
    }

    private static String advise(String productName) {
        if ("PostgreSQL".equals(productName)) {
            return "Upgrade the server to PostgreSQL " + MINIMUM_POSTGRESQL_VERSION + " or newer, or migrate "
                    + "another server that is.";
        }
        return "Connect Slipway to a PostgreSQL database (" + MINIMUM_POSTGRESQL_VERSION + " or newer), or do not "
                + "run Slipway where the application uses " + productName + ".";
    }
}
