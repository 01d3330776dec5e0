package dev.slipway.migrate.test;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Runs the annotated test class against its own fresh PostgreSQL database; shorthand for
 * {@code @ExtendWith(PostgresExtension.class)}. Declare a {@link TestDatabase} parameter wherever the database is
 * needed.
 *
 * <pre>{@code
 * @PostgresTest
 * class HistoryTableTests {
 *
 *     @Test
 *     void createsTheTable(TestDatabase db) {
 *         new HistoryTable(db.dataSource()).create();
 *         assertThat(db.queryLong("SELECT count(*) FROM slipway_migrations")).isZero();
 *     }
 * }
 * }</pre>
 *
 * @see PostgresExtension
 */
@Target({ElementType.TYPE, ElementType.ANNOTATION_TYPE})
@Retention(RetentionPolicy.RUNTIME)
@Documented
@Inherited
@ExtendWith(PostgresExtension.class)
public @interface PostgresTest {}
