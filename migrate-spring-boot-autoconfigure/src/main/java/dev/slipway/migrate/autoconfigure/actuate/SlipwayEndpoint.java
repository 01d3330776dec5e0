package dev.slipway.migrate.autoconfigure.actuate;

import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

import dev.slipway.migrate.LockHolder;
import dev.slipway.migrate.MigrationInfo;
import dev.slipway.migrate.MigrationPhase;
import dev.slipway.migrate.MigrationState;
import dev.slipway.migrate.Resolution;
import dev.slipway.migrate.Slipway;
import dev.slipway.migrate.SlipwayException;
import dev.slipway.migrate.ValidationProblem;

import org.springframework.boot.actuate.endpoint.InvalidEndpointRequestException;
import org.springframework.boot.actuate.endpoint.OperationResponseBody;
import org.springframework.boot.actuate.endpoint.annotation.Endpoint;
import org.springframework.boot.actuate.endpoint.annotation.ReadOperation;
import org.springframework.boot.actuate.endpoint.annotation.Selector;
import org.springframework.boot.actuate.endpoint.annotation.WriteOperation;

/**
 * The {@code slipway} Actuator endpoint.
 *
 * <ul>
 *   <li>{@code GET /actuator/slipway}: the overall {@link SlipwayState state}, the session holding the
 *       migration lock (if any), every migration, and the validation problems.</li>
 *   <li>{@code POST /actuator/slipway/{version}} with {@code {"resolution": "applied"}} or
 *       {@code {"resolution": "rolled-back"}}: resolves a failed migration, as {@link Slipway#resolve} does.
 *       Refused unless {@code slipway.actuator.write-operations.enabled=true}.</li>
 * </ul>
 *
 * Like any Actuator endpoint, it must be exposed ({@code management.endpoints.web.exposure.include=slipway}),
 * and its write operation exists only while its access is not limited to read-only. Fields that are null (the
 * lock holder when the lock is free, the error of a migration that did not fail) are left out of the JSON.
 *
 * <p>The response has room for what later parts of Slipway report (backfills, live instances): they will be
 * added as further fields of {@link SlipwayDescriptor}.
 */
@Endpoint(id = "slipway")
public class SlipwayEndpoint {

    private final Slipway slipway;

    private final boolean writeOperationsEnabled;

    /**
     * Creates the endpoint.
     * @param slipway the Slipway whose migrations it reports
     * @param writeOperationsEnabled whether write operations may change the history table
     */
    public SlipwayEndpoint(Slipway slipway, boolean writeOperationsEnabled) {
        this.slipway = Objects.requireNonNull(slipway, "'slipway' must not be null");
        this.writeOperationsEnabled = writeOperationsEnabled;
    }

    /**
     * Reads the state of every migration and who holds the migration lock.
     * @return the descriptor
     */
    @ReadOperation
    public SlipwayDescriptor slipway() {
        SlipwaySnapshot snapshot = SlipwaySnapshot.of(this.slipway);
        return new SlipwayDescriptor(snapshot.state(),
                snapshot.status().lockHolder().map(LockHolderDescriptor::of).orElse(null),
                snapshot.status().migrations().stream().map(MigrationDescriptor::of).toList(),
                snapshot.problems().stream().map(ValidationProblem::message).toList());
    }

    /**
     * Resolves a failed migration: {@code applied} when its changes were completed by hand, {@code rolled-back}
     * when they were undone so that it runs again.
     * @param version the migration's version, as shown by the read operation
     * @param resolution {@code applied} or {@code rolled-back}
     * @return the migration in its new state
     * @throws OperationRefusedException when write operations are disabled, the version is unknown, or the
     * migration cannot be resolved
     * @throws InvalidEndpointRequestException when the resolution is neither {@code applied} nor
     * {@code rolled-back}
     */
    @WriteOperation
    public MigrationDescriptor resolve(@Selector String version, String resolution) {
        if (!this.writeOperationsEnabled) {
            throw new OperationRefusedException(OperationRefusedException.Reason.DISABLED,
                    "Write operations of the slipway endpoint are disabled, so migration " + version
                            + " was not resolved. Set slipway.actuator.write-operations.enabled=true to allow them, "
                            + "or resolve it where the application runs with Slipway#resolve.");
        }
        Resolution wanted = parseResolution(resolution);
        boolean known = this.slipway.status().migrations().stream().anyMatch(m -> m.version().equals(version));
        if (!known) {
            throw new OperationRefusedException(OperationRefusedException.Reason.UNKNOWN_MIGRATION,
                    "There is no migration with version " + version + ". GET the slipway endpoint for the "
                            + "versions and states of every migration.");
        }
        try {
            return MigrationDescriptor.of(this.slipway.resolve(version, wanted));
        }
        catch (SlipwayException ex) {
            throw new OperationRefusedException(OperationRefusedException.Reason.NOT_RESOLVABLE, ex.getMessage());
        }
    }

    private static Resolution parseResolution(String resolution) {
        String normalized = resolution.trim().toUpperCase(Locale.ROOT).replace('-', '_').replace(' ', '_');
        for (Resolution candidate : Resolution.values()) {
            if (candidate.name().equals(normalized)) {
                return candidate;
            }
        }
        throw new InvalidEndpointRequestException("Unknown resolution '" + resolution
                + "': use \"applied\" when the migration's changes were completed by hand, or \"rolled-back\" when "
                + "they were undone so that it runs again.", "Unknown resolution");
    }

    /**
     * The {@code slipway} endpoint's answer.
     * @param state the overall state
     * @param lockHolder the session holding the migration lock, or null when it is free
     * @param migrations every migration, oldest version first
     * @param problems what validation found wrong, empty when nothing
     */
    public record SlipwayDescriptor(SlipwayState state, LockHolderDescriptor lockHolder,
            List<MigrationDescriptor> migrations, List<String> problems) implements OperationResponseBody {

        /**
         * Copies the lists.
         */
        public SlipwayDescriptor {
            migrations = List.copyOf(migrations);
            problems = List.copyOf(problems);
        }
    }

    /**
     * One migration.
     * @param version the version
     * @param name the name
     * @param phase expand or contract
     * @param state its state
     * @param checksum the SHA-256 of its file now, or null when the file is missing
     * @param startedAt when its latest attempt started, or null
     * @param finishedAt when that attempt finished, or null
     * @param executionMs how long it took, or null
     * @param appliedBy the instance that ran it, or null
     * @param error the error of its latest failed attempt, or null
     */
    public record MigrationDescriptor(String version, String name, MigrationPhase phase, MigrationState state,
            String checksum, Instant startedAt, Instant finishedAt, Long executionMs, String appliedBy,
            String error) implements OperationResponseBody {

        static MigrationDescriptor of(MigrationInfo info) {
            return new MigrationDescriptor(info.version(), info.name(), info.phase(), info.state(), info.checksum(),
                    info.startedAt(), info.finishedAt(), info.executionMs(), info.appliedBy(), info.error());
        }
    }

    /**
     * The PostgreSQL session holding the migration lock.
     * @param pid its backend process id
     * @param applicationName its {@code application_name}, possibly empty
     * @param clientAddress its client address, or null for a Unix socket
     * @param since when it connected
     * @param state its state ({@code active}, {@code idle}, ...)
     */
    public record LockHolderDescriptor(int pid, String applicationName, String clientAddress, Instant since,
            String state) {

        static LockHolderDescriptor of(LockHolder holder) {
            return new LockHolderDescriptor(holder.pid(), holder.applicationName(), holder.clientAddress(),
                    holder.since(), holder.state());
        }
    }

    /**
     * A write operation that was refused; the web extension answers it with a 4xx status and the message.
     */
    public static class OperationRefusedException extends RuntimeException {

        private static final long serialVersionUID = 1L;

        private final Reason reason;

        OperationRefusedException(Reason reason, String message) {
            super(message);
            this.reason = reason;
        }

        /**
         * Why the operation was refused.
         * @return the reason
         */
        public Reason getReason() {
            return this.reason;
        }

        /** Why a write operation was refused. */
        public enum Reason {

            /** Write operations are disabled ({@code slipway.actuator.write-operations.enabled=false}). */
            DISABLED,

            /** No migration has the given version. */
            UNKNOWN_MIGRATION,

            /** The migration is not in a state that can be resolved. */
            NOT_RESOLVABLE
        }
    }
}
