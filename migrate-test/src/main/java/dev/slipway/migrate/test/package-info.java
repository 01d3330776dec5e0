/**
 * JUnit Jupiter support for tests against a real PostgreSQL: {@link dev.slipway.migrate.test.PostgresTest} (or
 * {@code @ExtendWith(PostgresExtension.class)}) gives each test class a fresh database, injected as a
 * {@link dev.slipway.migrate.test.TestDatabase} parameter and dropped after the class.
 *
 * <p>The server comes from, in order: the {@code SLIPWAY_TEST_JDBC_URL} environment variable (with
 * {@code SLIPWAY_TEST_USERNAME} and {@code SLIPWAY_TEST_PASSWORD}; its database is the one connected to for
 * {@code CREATE DATABASE}); a Testcontainers {@code postgres:15} container when Docker is available; the local
 * server {@code jdbc:postgresql://127.0.0.1:5432/postgres} as {@code postgres}.
 */
package dev.slipway.migrate.test;
