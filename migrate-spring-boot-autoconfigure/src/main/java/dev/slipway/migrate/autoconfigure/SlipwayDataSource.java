package dev.slipway.migrate.autoconfigure;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.springframework.beans.factory.annotation.Qualifier;

/**
 * Qualifier of the {@link javax.sql.DataSource} bean that Slipway migrates with, when it is not the
 * application's own: annotate a {@code @Bean} method with it, and Slipway runs its migrations through that
 * data source while the rest of the application keeps using its primary one. If the application defines a
 * second {@code DataSource} this way, mark the application's one {@code @Primary}.
 */
@Target({ElementType.FIELD, ElementType.METHOD, ElementType.PARAMETER, ElementType.TYPE, ElementType.ANNOTATION_TYPE})
@Retention(RetentionPolicy.RUNTIME)
@Documented
@Qualifier
public @interface SlipwayDataSource {}
