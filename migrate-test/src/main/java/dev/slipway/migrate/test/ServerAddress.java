package dev.slipway.migrate.test;

/**
 * How to reach a PostgreSQL server's admin database, where test databases are created and dropped.
 *
 * @param jdbcUrl URL of the admin database
 * @param username the user, or {@code null} to leave it to the URL (its {@code user} parameter, else the driver's
 *     default)
 * @param password the password, or {@code null} to leave it to the URL
 * @param description where the address comes from, for messages
 */
record ServerAddress(String jdbcUrl, String username, String password, String description) {}
