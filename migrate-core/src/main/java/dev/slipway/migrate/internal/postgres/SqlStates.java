package dev.slipway.migrate.internal.postgres;

/** The SQLSTATE codes Slipway reacts to. */
public final class SqlStates {

    /** {@code lock_not_available}: {@code lock_timeout} expired, or NOWAIT. */
    public static final String LOCK_NOT_AVAILABLE = "55P03";
    /** {@code deadlock_detected}. */
    public static final String DEADLOCK_DETECTED = "40P01";
    /** {@code query_canceled}: {@code statement_timeout} expired, or a cancel request. */
    public static final String QUERY_CANCELED = "57014";
    /** {@code undefined_table}. */
    public static final String UNDEFINED_TABLE = "42P01";
    /** {@code invalid_schema_name}: the schema does not exist. */
    public static final String INVALID_SCHEMA_NAME = "3F000";
    /** {@code undefined_object}: e.g. an unknown configuration parameter. */
    public static final String UNDEFINED_OBJECT = "42704";
    /** Class 08, {@code connection_exception}: the driver lost (or never had) its connection. */
    public static final String CONNECTION_EXCEPTION_CLASS = "08";
    /** {@code admin_shutdown}: the server is shutting down, or an administrator ended the session. */
    public static final String ADMIN_SHUTDOWN = "57P01";
    /** {@code crash_shutdown}: another server process crashed and the server ends every session. */
    public static final String CRASH_SHUTDOWN = "57P02";

    private SqlStates() {}

    /** Whether a failure with this SQLSTATE goes away by itself when the statement is tried again later. */
    public static boolean isLockConflict(String sqlState) {
        return LOCK_NOT_AVAILABLE.equals(sqlState) || DEADLOCK_DETECTED.equals(sqlState);
    }
}
