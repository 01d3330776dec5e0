package dev.slipway.migrate;

/**
 * The database is not one Slipway can migrate: another product than PostgreSQL (H2, MySQL, ...), or a PostgreSQL
 * server older than {@value #MINIMUM_POSTGRESQL_VERSION}. Thrown as soon as Slipway has a connection, before it
 * sends any SQL, with the product and version the JDBC driver reports.
 *
 * <p>The {@linkplain #getAction() action} names the connection ({@link Setting#DATASOURCE_URL}) and, for another
 * product, turning Slipway off ({@link Setting#ENABLED}).
 */
public class UnsupportedDatabaseException extends SlipwayException {

    /** The oldest PostgreSQL major version Slipway migrates. */
    public static final int MINIMUM_POSTGRESQL_VERSION = 12;

    private final String productName;
    private final String productVersion;
    private final int majorVersion;

    /**
     * @param productName the product, as {@code DatabaseMetaData.getDatabaseProductName()} reports it
     * @param productVersion the version, as {@code DatabaseMetaData.getDatabaseProductVersion()} reports it
     * @param majorVersion the major version, as {@code DatabaseMetaData.getDatabaseMajorVersion()} reports it
     */
    public UnsupportedDatabaseException(String productName, String productVersion, int majorVersion) {
        this(productName, productVersion, majorVersion, describe(productName, productVersion), advise(productName));
    }

    private UnsupportedDatabaseException(
            String productName, String productVersion, int majorVersion, String description, Action action) {
        super(SlipwayError.UNSUPPORTED_DATABASE, description, action);
        this.productName = productName;
        this.productVersion = productVersion;
        this.majorVersion = majorVersion;
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

    private static String describe(String productName, String productVersion) {
        if ("PostgreSQL".equals(productName)) {
            return "Slipway needs PostgreSQL " + MINIMUM_POSTGRESQL_VERSION + " or newer, but the database is "
                    + "PostgreSQL " + productVersion + ".";
        }
        return "Slipway migrates PostgreSQL only, but the database is " + productName + " " + productVersion + ".";
    }

    private static Action advise(String productName) {
        if ("PostgreSQL".equals(productName)) {
            return Action.of(
                    "Upgrade the server to PostgreSQL " + MINIMUM_POSTGRESQL_VERSION + " or newer, or point "
                            + "Slipway at another server that is ({}).",
                    Setting.DATASOURCE_URL);
        }
        return Action.of(
                "Connect Slipway to a PostgreSQL database (" + MINIMUM_POSTGRESQL_VERSION + " or newer) with "
                        + "{}, or, where the application runs on " + productName
                        + " on purpose, turn Slipway off there: set "
                        + "{}.",
                Setting.DATASOURCE_URL,
                Setting.ENABLED.to("false"));
    }
}
