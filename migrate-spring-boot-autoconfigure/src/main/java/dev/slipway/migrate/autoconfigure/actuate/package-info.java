/**
 * Slipway in Spring Boot Actuator: the {@code slipway} endpoint ({@code /actuator/slipway}) with its write
 * operations, and the {@code slipway} health contributor.
 */
package dev.slipway.migrate.autoconfigure.actuate;
