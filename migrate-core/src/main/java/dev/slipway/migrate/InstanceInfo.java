package dev.slipway.migrate;

import java.time.Instant;

/**
 * One live instance of the fleet, as it registered itself in {@code slipway_instances} with
 * {@link Slipway#heartbeat()}. Times come from the database's clock.
 *
 * @param id the instance's id: one random id per {@link Slipway} object ({@link Slipway#instanceId()})
 * @param host the host name the instance runs on
 * @param pid the process id of its JVM
 * @param application its {@link SlipwayConfig#applicationName()}, or null
 * @param startedAt when it first heartbeated
 * @param lastSeen when it last heartbeated
 * @param expiresAt when it stops counting as live unless it heartbeats again
 * @param newestMigration the highest version among its migration files, or null when it has none; a contract
 *     migration waits while a live instance's newest migration is older than it
 * @param thisInstance whether it is the {@code Slipway} object that was asked
 */
public record InstanceInfo(
        String id,
        String host,
        long pid,
        String application,
        Instant startedAt,
        Instant lastSeen,
        Instant expiresAt,
        String newestMigration,
        boolean thisInstance) {}
