package dev.slipway.migrate.autoconfigure.actuate;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.slipway.migrate.ContractResult;
import dev.slipway.migrate.InstanceInfo;
import dev.slipway.migrate.LockHolder;
import dev.slipway.migrate.MigrationInfo;
import dev.slipway.migrate.MigrationPhase;
import dev.slipway.migrate.MigrationState;
import dev.slipway.migrate.Resolution;
import dev.slipway.migrate.Slipway;
import dev.slipway.migrate.SlipwayException;
import dev.slipway.migrate.ValidationProblem;
import dev.slipway.migrate.autoconfigure.ContractMode;
import dev.slipway.migrate.autoconfigure.diagnostics.SpringSettings;
import dev.slipway.migrate.backfill.BackfillState;
import dev.slipway.migrate.backfill.BackfillStateException;
import dev.slipway.migrate.backfill.BackfillStatus;
import dev.slipway.migrate.backfill.Backfills;
import dev.slipway.migrate.backfill.NoSuchBackfillException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.actuate.endpoint.OperationResponseBody;
import org.springframework.boot.actuate.endpoint.annotation.Endpoint;
import org.springframework.boot.actuate.endpoint.annotation.ReadOperation;
import org.springframework.boot.actuate.endpoint.annotation.Selector;
import org.springframework.boot.actuate.endpoint.annotation.WriteOperation;

/**
 * The {@code slipway} Actuator endpoint.
 *
 * <ul>
 *   <li>{@code GET /actuator/slipway}: the overall {@link SlipwayState state} of the migrations, the session
 *       holding the migration lock (if any), every migration (the versioned ones, then the repeatable ones, which
 *       have no version and say {@code "repeatable": true}), the validation problems, and every backfill recorded
 *       in {@code slipway_backfills} with its progress.</li>
 *   <li>{@code POST /actuator/slipway/{version}} with {@code {"resolution": "applied"}} or
 *       {@code {"resolution": "rolled-back"}}: resolves a failed migration, as {@link Slipway#resolve} does.</li>
 *   <li>{@code POST /actuator/slipway/migrations/contract} (body {@code {}}): applies the pending contract
 *       migrations whose conditions hold, as {@link Slipway#contract()} does, and answers what still waits and
 *       why; refused in {@code slipway.contract.mode=off}.</li>
 *   <li>{@code POST /actuator/slipway/migrations/rollback/{version}} (body {@code {}}): rolls back, for
 *       development, the migrations above that version with their {@code down.sql}, as {@link Slipway#rollback}
 *       does; refused unless {@code slipway.actuator.rollback.enabled=true} too.</li>
 *   <li>{@code POST /actuator/slipway/backfills/{name}/pause}, {@code .../resume} and {@code .../retry} (body
 *       {@code {}}): pauses, resumes or retries a backfill, as {@link Backfills#pause}, {@link Backfills#resume} and
 *       {@link Backfills#retry} do, and answers the backfill in its new state.</li>
 * </ul>
 *
 * Every write operation takes a JSON body ({@code Content-Type: application/json}; {@code {}} when it needs no
 * value, or {@code {"reason": "..."}} to log why): a POST without one, or with a form's content type, is answered
 * 415 and changes nothing, so a page on another site cannot trigger one from a browser without a CORS preflight.
 * Each write request is logged (INFO) with its reason. A write request is checked in one order: an operation or
 * value the endpoint does not know (a backfill action other than {@code pause}, {@code resume} or {@code retry}, a
 * resolution other than {@code applied} or {@code rolled-back}, a migrations action other than {@code contract} or
 * {@code rollback}) is refused as {@link OperationRefusedException.Reason#UNKNOWN_OPERATION}, naming the allowed
 * values; then every write operation is refused unless {@code slipway.actuator.write-operations.enabled=true} (one
 * check for all of them, {@link OperationRefusedException.Reason#DISABLED}). Like any
 * Actuator endpoint, it must be exposed ({@code management.endpoints.web.exposure.include=slipway}), and its write
 * operations exist only while its access is not limited to read-only. Fields that are null (the lock holder when
 * the lock is free, the error of a migration that did not fail) are left out of the JSON, as Actuator's endpoint
 * JSON mapper does; a backfill shows every field, null when empty (the owner of a backfill that no instance runs,
 * its ETA, its error, when it finished).
 *
 * <p>The read operation also lists the live instances of the fleet ({@code slipway_instances}) and the contract
 * mode; an {@code AWAITING} contract migration carries what it waits for.
 */
@Endpoint(id = "slipway")
public class SlipwayEndpoint {

    /** The path segment before a backfill's name: {@code /actuator/slipway/backfills/{name}/{action}}. */
    static final String BACKFILLS = "backfills";

    /** The path segment before an action on the migrations: {@code /actuator/slipway/migrations/{action}}. */
    static final String MIGRATIONS = "migrations";

    /** The action that applies contract migrations: {@code /actuator/slipway/migrations/contract}. */
    static final String CONTRACT = "contract";

    /** The action that rolls back migrations: {@code /actuator/slipway/migrations/rollback/{version}}. */
    static final String ROLLBACK = "rollback";

    private static final Logger log = LoggerFactory.getLogger(SlipwayEndpoint.class);

    private final Slipway slipway;

    private final Backfills backfills;

    private final boolean writeOperationsEnabled;

    private final boolean rollbackEnabled;

    private final ContractMode contractMode;

    /**
     * Creates the endpoint.
     * @param slipway the Slipway whose migrations it reports
     * @param backfills the backfills it reports and changes, or null when there are none
     * @param writeOperationsEnabled whether write operations may change the history table and the backfills
     * @param rollbackEnabled whether the rollback write operation may run {@code down.sql} files (it also needs
     * {@code writeOperationsEnabled})
     * @param contractMode when this application applies contract migrations; the trigger is refused in
     * {@link ContractMode#OFF}
     */
    public SlipwayEndpoint(
            Slipway slipway,
            Backfills backfills,
            boolean writeOperationsEnabled,
            boolean rollbackEnabled,
            ContractMode contractMode) {
        this.slipway = Objects.requireNonNull(slipway, "'slipway' must not be null");
        this.backfills = backfills;
        this.writeOperationsEnabled = writeOperationsEnabled;
        this.rollbackEnabled = rollbackEnabled;
        this.contractMode = Objects.requireNonNull(contractMode, "'contractMode' must not be null");
    }

    /**
     * Reads the state of every migration, who holds the migration lock, and every backfill.
     * @return the descriptor
     */
    @ReadOperation
    public SlipwayDescriptor slipway() {
        SlipwaySnapshot snapshot = SlipwaySnapshot.of(this.slipway);
        List<BackfillStatus> backfills = (this.backfills != null) ? this.backfills.status() : List.of();
        return new SlipwayDescriptor(
                snapshot.state(),
                snapshot.status().lockHolder().map(LockHolderDescriptor::of).orElse(null),
                snapshot.status().migrations().stream()
                        .map(MigrationDescriptor::of)
                        .toList(),
                snapshot.problems().stream().map(ValidationProblem::message).toList(),
                backfills.stream().map(BackfillDescriptor::of).toList(),
                this.contractMode,
                this.slipway.instances().stream().map(InstanceDescriptor::of).toList());
    }

    /**
     * Resolves a failed migration: {@code applied} when its changes were completed by hand, {@code rolled-back}
     * when they were undone so that it runs again. A pending migration never attempted can be resolved
     * {@code applied} (its changes were made by hand): it is recorded as applied without running.
     * @param version the migration's version, as shown by the read operation
     * @param resolution {@code applied} or {@code rolled-back}
     * @param reason why the operator asks, written to the log with the request (optional)
     * @return the migration in its new state
     * @throws OperationRefusedException when the resolution is neither {@code applied} nor {@code rolled-back},
     * write operations are disabled, the version is unknown, or the migration cannot be resolved
     */
    @WriteOperation
    public MigrationDescriptor resolve(@Selector String version, String resolution, @Nullable String reason) {
        audit("resolve migration " + version + " as " + resolution, reason);
        Resolution wanted = parseResolution(resolution);
        requireWriteOperations(
                "migration " + version + " was not resolved",
                "resolve it where the application runs with Slipway#resolve");
        boolean known = this.slipway.status().migrations().stream()
                .anyMatch((m) -> version.equals(m.version()) || m.repeatable() && version.equals(m.id()));
        if (!known) {
            throw new OperationRefusedException(
                    OperationRefusedException.Reason.UNKNOWN_MIGRATION,
                    "There is no migration with version " + version + ". GET the slipway endpoint for the "
                            + "versions and states of every migration.");
        }
        try {
            return MigrationDescriptor.of(this.slipway.resolve(version, wanted));
        } catch (SlipwayException ex) {
            throw new OperationRefusedException(OperationRefusedException.Reason.NOT_RESOLVABLE, refusal(ex));
        }
    }

    /**
     * Pauses, resumes or retries a backfill: {@code POST /actuator/slipway/backfills/{name}/{action}}; and, on the
     * path {@code /actuator/slipway/migrations/rollback/{version}}, rolls migrations back, see
     * {@link #rollback(String)}.
     * @param collection the path segment {@code backfills} (or {@code migrations})
     * @param name the backfill's name, as shown by the read operation (or {@code rollback})
     * @param action {@code pause}, {@code resume} or {@code retry} (or the version to roll back to)
     * @param reason why the operator asks, written to the log with the request (optional)
     * @return the backfill in its new state (or the migrations rolled back)
     * @throws OperationRefusedException when the action is not one of the three, write operations are disabled,
     * the backfill is unknown, or its state does not allow the action
     */
    @WriteOperation
    public OperationResponseBody backfill(
            @Selector String collection, @Selector String name, @Selector String action, @Nullable String reason) {
        audit(collection + "/" + name + "/" + action, reason);
        if (MIGRATIONS.equals(collection) && ROLLBACK.equalsIgnoreCase(name.trim())) {
            return rollback(action);
        }
        if (!BACKFILLS.equals(collection)) {
            throw new OperationRefusedException(
                    OperationRefusedException.Reason.UNKNOWN_BACKFILL,
                    "There is nothing to change at /actuator/slipway/" + collection + "/" + name + "/" + action
                            + ". A backfill is paused, resumed or retried at"
                            + " /actuator/slipway/backfills/{name}/{pause|resume|retry}, and migrations are rolled back"
                            + " at /actuator/slipway/migrations/rollback/{version}.");
        }
        BackfillAction wanted = BackfillAction.parse(action);
        requireWriteOperations(
                "backfill " + name + " was not changed",
                "call Backfills#pause, #resume or #retry where the application runs");
        if (this.backfills == null) {
            throw new OperationRefusedException(
                    OperationRefusedException.Reason.UNKNOWN_BACKFILL,
                    "This application has no Backfills bean, so there is no backfill named '" + name + "'.");
        }
        try {
            return BackfillDescriptor.of(
                    switch (wanted) {
                        case PAUSE -> this.backfills.pause(name);
                        case RESUME -> this.backfills.resume(name);
                        case RETRY -> this.backfills.retry(name);
                    });
        } catch (NoSuchBackfillException ex) {
            throw new OperationRefusedException(OperationRefusedException.Reason.UNKNOWN_BACKFILL, refusal(ex));
        } catch (BackfillStateException ex) {
            throw new OperationRefusedException(OperationRefusedException.Reason.BACKFILL_STATE_CONFLICT, refusal(ex));
        }
    }

    /**
     * Applies the pending contract migrations whose conditions hold: {@code POST
     * /actuator/slipway/migrations/contract} (body {@code {}}), as {@link Slipway#contract()} does. Answers those it
     * applied and those that still wait, with the reason. Refused in {@code slipway.contract.mode=off}.
     * @param collection the path segment {@code migrations}
     * @param action {@code contract}
     * @param reason why the operator asks, written to the log with the request (optional)
     * @return the migrations applied, and those that still wait
     * @throws OperationRefusedException when the action is not {@code contract}, write operations are disabled,
     * contract migrations are off, or a contract migration failed
     */
    @WriteOperation
    public MigrationsChangeDescriptor migrations(
            @Selector String collection, @Selector String action, @Nullable String reason) {
        audit(collection + "/" + action, reason);
        if (!MIGRATIONS.equals(collection)) {
            throw new OperationRefusedException(
                    OperationRefusedException.Reason.UNKNOWN_MIGRATION,
                    "There is nothing to change at /actuator/slipway/" + collection + "/" + action
                            + ". Contract migrations are applied at /actuator/slipway/migrations/contract.");
        }
        if (!action.trim().equalsIgnoreCase(CONTRACT)) {
            throw new OperationRefusedException(
                    OperationRefusedException.Reason.UNKNOWN_OPERATION,
                    "Unknown migrations action '" + action + "': use POST /actuator/slipway/migrations/contract, or"
                            + " POST /actuator/slipway/migrations/rollback/{version} to roll back to a version.");
        }
        requireWriteOperations("no contract migration was applied", null);
        return contract();
    }

    /**
     * Rolls back, for development, every applied migration above a target by running its {@code down.sql}, newest
     * first: {@code POST /actuator/slipway/migrations/rollback/{version}} (body {@code {}}), as
     * {@link Slipway#rollback} does ({@code 0} rolls back every migration). Refused unless both
     * {@code slipway.actuator.write-operations.enabled} and {@code slipway.actuator.rollback.enabled} are true.
     * @param target the version of the newest migration to keep
     * @return the migrations rolled back, newest first
     * @throws OperationRefusedException when rollback is disabled, the target is unknown, or the migrations cannot
     * be rolled back now (a missing or malformed down file, a failed migration to settle first)
     */
    MigrationsChangeDescriptor rollback(String target) {
        requireWriteOperations("no migration was rolled back", null);
        return rollbackTo(target);
    }

    /** Logs a write request, with the reason the operator gave (control characters dropped, at most 200 long). */
    private static void audit(String request, @Nullable String reason) {
        String given =
                (reason == null) ? "" : reason.replaceAll("\\p{Cntrl}", " ").strip();
        if (given.length() > 200) {
            given = given.substring(0, 197) + "...";
        }
        log.info(
                "Slipway endpoint: {} requested{}",
                request.replaceAll("\\p{Cntrl}", " "),
                given.isEmpty() ? "" : "; reason: " + given);
    }

    /**
     * The check every write operation passes once its request is understood: refused unless
     * {@code slipway.actuator.write-operations.enabled=true}.
     * @param consequence what did not happen, e.g. {@code migration 2 was not resolved}
     * @param elsewhere how else to do it, or null
     */
    private void requireWriteOperations(String consequence, @Nullable String elsewhere) {
        if (!this.writeOperationsEnabled) {
            throw new OperationRefusedException(
                    OperationRefusedException.Reason.DISABLED,
                    "Write operations of the slipway endpoint are disabled, so " + consequence
                            + ". Set slipway.actuator.write-operations.enabled=true to allow them"
                            + ((elsewhere != null) ? ", or " + elsewhere : "") + ".");
        }
    }

    private MigrationsChangeDescriptor contract() {
        if (this.contractMode == ContractMode.OFF) {
            throw new OperationRefusedException(
                    OperationRefusedException.Reason.MIGRATIONS_CONFLICT,
                    "Contract migrations are turned off in this application (slipway.contract.mode=off), so none was"
                            + " applied. Set slipway.contract.mode=manual (applied on this trigger) or auto (applied"
                            + " in the background once their conditions hold).");
        }
        try {
            ContractResult result = this.slipway.contract();
            return new MigrationsChangeDescriptor(
                    CONTRACT,
                    result.applied().stream().map(MigrationDescriptor::of).toList(),
                    result.awaiting().stream().map(MigrationDescriptor::of).toList());
        } catch (SlipwayException ex) {
            throw new OperationRefusedException(OperationRefusedException.Reason.MIGRATIONS_CONFLICT, refusal(ex));
        }
    }

    private MigrationsChangeDescriptor rollbackTo(String target) {
        if (!this.rollbackEnabled) {
            throw new OperationRefusedException(
                    OperationRefusedException.Reason.DISABLED,
                    "Rollback is disabled, so no migration was rolled back. Rolling back runs the down.sql files and "
                            + "drops what the migrations created, data included: it is meant for development. "
                            + "Set slipway.actuator.rollback.enabled=true (besides "
                            + "slipway.actuator.write-operations.enabled=true) where that is wanted.");
        }
        String version = target.trim();
        boolean known = version.equals("0")
                || this.slipway.status().migrations().stream().anyMatch((m) -> version.equals(m.version()));
        if (!known) {
            throw new OperationRefusedException(
                    OperationRefusedException.Reason.UNKNOWN_MIGRATION,
                    "There is no migration with version " + version + " to roll back to. GET the slipway endpoint "
                            + "for the versions of every migration, or use 0 to roll back every migration.");
        }
        try {
            return new MigrationsChangeDescriptor(
                    ROLLBACK,
                    this.slipway.rollback(version).stream()
                            .map(MigrationDescriptor::of)
                            .toList(),
                    List.of());
        } catch (SlipwayException ex) {
            throw new OperationRefusedException(OperationRefusedException.Reason.MIGRATIONS_CONFLICT, refusal(ex));
        }
    }

    private enum BackfillAction {
        PAUSE,
        RESUME,
        RETRY;

        static BackfillAction parse(String action) {
            for (BackfillAction candidate : values()) {
                if (candidate.name().equalsIgnoreCase(action.trim())) {
                    return candidate;
                }
            }
            throw new OperationRefusedException(
                    OperationRefusedException.Reason.UNKNOWN_OPERATION,
                    "Unknown backfill action '" + action + "': use pause, resume or retry, as in POST"
                            + " /actuator/slipway/backfills/{name}/pause.");
        }
    }

    private static Resolution parseResolution(String resolution) {
        String normalized =
                resolution.trim().toUpperCase(Locale.ROOT).replace('-', '_').replace(' ', '_');
        for (Resolution candidate : Resolution.values()) {
            if (candidate.name().equals(normalized)) {
                return candidate;
            }
        }
        throw new OperationRefusedException(
                OperationRefusedException.Reason.UNKNOWN_OPERATION,
                "Unknown resolution '" + resolution + "': use \"applied\" when the migration's changes were completed"
                        + " by hand, or \"rolled-back\" when they were undone so that it runs again.");
    }

    /**
     * The {@code slipway} endpoint's answer.
     * @param state the overall state
     * @param lockHolder the session holding the migration lock, or null when it is free
     * @param migrations every migration, oldest version first
     * @param problems what validation found wrong, empty when nothing
     * @param backfills every backfill recorded in {@code slipway_backfills}, by name
     * @param contractMode when this application applies contract migrations
     * @param instances the live instances of the fleet, from {@code slipway_instances}
     */
    public record SlipwayDescriptor(
            SlipwayState state,
            LockHolderDescriptor lockHolder,
            List<MigrationDescriptor> migrations,
            List<String> problems,
            List<BackfillDescriptor> backfills,
            ContractMode contractMode,
            List<InstanceDescriptor> instances)
            implements OperationResponseBody {

        /**
         * Copies the lists.
         */
        public SlipwayDescriptor {
            migrations = List.copyOf(migrations);
            problems = List.copyOf(problems);
            backfills = List.copyOf(backfills);
            instances = List.copyOf(instances);
        }
    }

    /**
     * One live instance of the fleet, from {@code slipway_instances}.
     * @param id its id (one per running application)
     * @param host the host it runs on
     * @param pid the process id of its JVM
     * @param application its {@code spring.application.name}, or null
     * @param startedAt when it registered
     * @param lastSeen when it last heartbeated
     * @param newestMigration the newest migration it ships; contract migrations newer than this wait for it to stop
     * @param self whether it is the instance that answers
     */
    public record InstanceDescriptor(
            String id,
            String host,
            long pid,
            String application,
            Instant startedAt,
            Instant lastSeen,
            String newestMigration,
            boolean self) {

        static InstanceDescriptor of(InstanceInfo info) {
            return new InstanceDescriptor(
                    info.id(),
                    info.host(),
                    info.pid(),
                    info.application(),
                    info.startedAt(),
                    info.lastSeen(),
                    info.newestMigration(),
                    info.thisInstance());
        }
    }

    /**
     * One backfill and its progress; counts and rates are the fleet's, as {@link BackfillStatus} describes them.
     * @param name the backfill's name
     * @param table its table, as {@code schema.table}
     * @param state its state
     * @param rowsProcessed rows the cursor has passed in the current pass
     * @param rowsUpdated rows changed so far
     * @param rowsEstimated the table's estimated row count, or null while unknown
     * @param progress from 0 to 1, rounded down to 4 decimals
     * @param rowsPerSecond rows processed per second since the current run started, rounded to 1 decimal; 0 when
     * not running
     * @param eta the estimated time left as an ISO-8601 duration in whole seconds (e.g. {@code PT2M13S}), or null
     * when unknown (not running, or no estimate)
     * @param batchSize the batch size the adaptive sizing uses now
     * @param sweeping whether the cursor reached the end and the final sweep runs
     * @param owner the instance running its batches, or null when none does
     * @param startedAt when its first batch ran, or null
     * @param updatedAt when its last batch committed, or null
     * @param finishedAt when it completed, or null
     * @param lastError the error that made it fail, or of the last retried batch; null when none
     */
    // Every field, null ones included: Actuator's endpoint JSON mapper leaves nulls out by default.
    @JsonInclude(JsonInclude.Include.ALWAYS)
    public record BackfillDescriptor(
            String name,
            String table,
            BackfillState state,
            long rowsProcessed,
            long rowsUpdated,
            Long rowsEstimated,
            double progress,
            double rowsPerSecond,
            String eta,
            int batchSize,
            boolean sweeping,
            String owner,
            Instant startedAt,
            Instant updatedAt,
            Instant finishedAt,
            String lastError)
            implements OperationResponseBody {

        static BackfillDescriptor of(BackfillStatus status) {
            return new BackfillDescriptor(
                    status.name(),
                    status.table(),
                    status.state(),
                    status.rowsProcessed(),
                    status.rowsUpdated(),
                    status.rowsEstimated(),
                    Math.floor(status.progress() * 10_000) / 10_000,
                    Math.round(status.rowsPerSecond() * 10) / 10.0,
                    isoSeconds(status.eta()),
                    status.batchSize(),
                    status.sweeping(),
                    status.owner(),
                    status.startedAt(),
                    status.updatedAt(),
                    status.finishedAt(),
                    status.lastError());
        }

        private static String isoSeconds(Duration eta) {
            if (eta == null) {
                return null;
            }
            long seconds = eta.getSeconds() + (eta.getNano() > 0 ? 1 : 0);
            return Duration.ofSeconds(seconds).toString();
        }
    }

    /**
     * One migration.
     * @param version the version; null (left out of the JSON) for a repeatable migration
     * @param name the name; a repeatable migration's description
     * @param repeatable whether it is a repeatable migration ({@code R__<description>.sql}), applied again whenever
     * its file changes
     * @param phase expand or contract
     * @param state its state
     * @param checksum the SHA-256 of its file now, or null when the file is missing
     * @param appliedChecksum the SHA-256 recorded when it was applied (for a repeatable migration, at its latest
     * apply), or null when it was never applied; beside {@code checksum}, it shows what changed in a
     * {@code MODIFIED} migration or a repeatable one {@code PENDING} again
     * @param startedAt when its latest attempt started, or null
     * @param finishedAt when that attempt finished, or null
     * @param executionMs how long it took, or null
     * @param appliedBy the instance that ran it, or null
     * @param error the error of its latest failed attempt, or null
     * @param awaitingReason what an {@code AWAITING} contract migration waits for (a backfill, an instance of an
     * older version, an earlier migration), or null
     */
    public record MigrationDescriptor(
            String version,
            String name,
            boolean repeatable,
            MigrationPhase phase,
            MigrationState state,
            String checksum,
            String appliedChecksum,
            Instant startedAt,
            Instant finishedAt,
            Long executionMs,
            String appliedBy,
            String error,
            String awaitingReason)
            implements OperationResponseBody {

        static MigrationDescriptor of(MigrationInfo info) {
            return new MigrationDescriptor(
                    info.version(),
                    info.name(),
                    info.repeatable(),
                    info.phase(),
                    info.state(),
                    info.checksum(),
                    info.appliedChecksum(),
                    info.startedAt(),
                    info.finishedAt(),
                    info.executionMs(),
                    info.appliedBy(),
                    info.error(),
                    info.awaitingReason());
        }
    }

    /**
     * The answer of an action on the migrations as a whole.
     * @param action the action ({@code contract} or {@code rollback})
     * @param migrations the migrations it changed, in their new state, in the order they were changed
     * @param awaiting for {@code contract}, the contract migrations that still wait, with the reason
     */
    public record MigrationsChangeDescriptor(
            String action, List<MigrationDescriptor> migrations, List<MigrationDescriptor> awaiting)
            implements OperationResponseBody {

        /**
         * Copies the lists.
         */
        public MigrationsChangeDescriptor {
            migrations = List.copyOf(migrations);
            awaiting = List.copyOf(awaiting);
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
    public record LockHolderDescriptor(
            int pid, String applicationName, String clientAddress, Instant since, String state) {

        static LockHolderDescriptor of(LockHolder holder) {
            return new LockHolderDescriptor(
                    holder.pid(), holder.applicationName(), holder.clientAddress(), holder.since(), holder.state());
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

            /**
             * The endpoint knows no such operation or value: a backfill action other than {@code pause},
             * {@code resume} or {@code retry}, a resolution other than {@code applied} or {@code rolled-back}, a
             * migrations action other than {@code contract} or {@code rollback}.
             */
            UNKNOWN_OPERATION,

            /** No migration has the given version. */
            UNKNOWN_MIGRATION,

            /** The migration is not in a state that can be resolved. */
            NOT_RESOLVABLE,

            /** No backfill has the given name. */
            UNKNOWN_BACKFILL,

            /** The backfill's state does not allow the action (e.g. resuming a failed one). */
            BACKFILL_STATE_CONFLICT,

            /**
             * The migrations cannot be changed now (a missing or malformed down file, a failed migration to settle
             * first).
             */
            MIGRATIONS_CONFLICT
        }
    }

    /** A refused operation's text as the endpoint shows it: the description, then the action with property names. */
    private static String refusal(SlipwayException ex) {
        String action = SpringSettings.render(ex.getAction());
        return action.isEmpty() ? ex.getDescription() : ex.getDescription() + "\n" + action;
    }
}
