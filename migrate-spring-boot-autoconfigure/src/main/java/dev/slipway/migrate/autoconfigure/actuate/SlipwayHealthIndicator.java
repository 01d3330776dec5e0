package dev.slipway.migrate.autoconfigure.actuate;

import dev.slipway.migrate.MigrationInfo;
import dev.slipway.migrate.MigrationState;
import dev.slipway.migrate.Slipway;
import dev.slipway.migrate.autoconfigure.SlipwayBackgroundTaskStatus;
import dev.slipway.migrate.autoconfigure.SlipwayBackgroundTasks;
import dev.slipway.migrate.autoconfigure.diagnostics.SpringSettings;
import dev.slipway.migrate.backfill.BackfillState;
import dev.slipway.migrate.backfill.BackfillStatus;
import dev.slipway.migrate.backfill.Backfills;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.springframework.boot.health.contributor.AbstractHealthIndicator;
import org.springframework.boot.health.contributor.Health;

/**
 * The {@code slipway} health contributor: {@code DOWN} when a migration failed or validation fails (a modified
 * or missing migration, or a contract migration applied by a newer version), {@code UP} otherwise. Details: the
 * overall {@link SlipwayState state}, the counts of applied, pending, awaiting and future migrations, and, when
 * down, the problems' messages. A database that cannot be read makes it {@code DOWN} with the error.
 *
 * <p>Migrations recorded without running ({@link MigrationState#BASELINE}: a baseline of a schema built without
 * history, or another tool's history imported) are applied: {@code applied} counts them, so that it goes on matching
 * the migrations shipped after the switch to Slipway, and {@code baseline} tells how many of them are such records.
 *
 * <p>Migrations from the future ({@link MigrationState#FUTURE}: applied by a newer version of the application,
 * above the newest migration this instance ships) leave the health {@code UP}: during a rolling release the old
 * instances keep serving beside the new ones, and a load balancer that checks this health must not take them out.
 * The details count them ({@code future}) and, while there are any, name the newest applied version
 * ({@code newestApplied}), so that an instance running an older release can be told apart. A contract migration
 * from the future is the exception: it applied only once no older instance was running and removed what the older
 * code may use, so an older instance that sees one is {@code DOWN}, with the problem.
 *
 * <p>Repeatable migrations ({@code R__<description>.sql}) count among {@code pending} when new or changed since their
 * latest apply, and among {@code applied} otherwise; one whose file is gone ({@link MigrationState#MISSING}: removed,
 * or added by a newer version of the application) leaves the health {@code UP}.
 *
 * <p>The details also hold {@code backfills}: for each backfill recorded in {@code slipway_backfills}, its
 * {@code state} and {@code progress} (0 to 1), and the {@code error} of a failed one. A {@code FAILED} backfill
 * leaves the health {@code UP}: the instance serves requests as well as before (the old and new columns are both
 * there), and taking it out of a load balancer would not fix the data. Watch the {@code FAILED} state in the
 * details or the endpoint, and retry the backfill once its cause is fixed.
 *
 * <p>The details also hold {@code tasks}, when background tasks run ({@link SlipwayBackgroundTasks}): for each task
 * (e.g. {@code heartbeat}, {@code contract}, {@code backfill-<name>}) its {@code state} ({@code RUNNING},
 * {@code RESTARTING}, {@code FINISHED}, {@code STOPPED}) and {@code restarts}, and, once it has died, its
 * {@code lastError} and {@code lastFailedAt} (and {@code nextStartAt} while it waits to be restarted). A task that
 * keeps dying leaves the health {@code UP}: the runner restarts it by itself, and {@code DOWN} would not bring it
 * back. The usual cause (the database, the migration login) is shared by the whole fleet, so {@code DOWN} would pull
 * every instance out of the load balancer at once, the outage Slipway exists to prevent (a database this instance
 * cannot read already makes it {@code DOWN}, above). Even a dead heartbeat, after which contract migrations stop
 * waiting for this instance, is not fixed by {@code DOWN}: the instance would keep running its version,
 * unregistered, merely out of rotation. Alert on {@code restarts} above zero and on the {@code ERROR} in the log,
 * and restart an instance whose heartbeat does not recover.
 *
 * <p>Each check reads the migration files and the history table ({@link Slipway#status()}); validation runs only
 * when the status shows a failed, modified or missing migration.
 */
public class SlipwayHealthIndicator extends AbstractHealthIndicator {

    private final Slipway slipway;

    private final Backfills backfills;

    private final SlipwayBackgroundTasks tasks;

    /**
     * Creates the indicator.
     * @param slipway the Slipway whose migrations it checks
     * @param backfills the backfills it reports, or null when there are none
     */
    public SlipwayHealthIndicator(Slipway slipway, Backfills backfills) {
        this(slipway, backfills, null);
    }

    /**
     * Creates the indicator.
     * @param slipway the Slipway whose migrations it checks
     * @param backfills the backfills it reports, or null when there are none
     * @param tasks the background tasks it reports, or null when there are none
     */
    public SlipwayHealthIndicator(Slipway slipway, Backfills backfills, SlipwayBackgroundTasks tasks) {
        super("Slipway health check failed");
        this.slipway = Objects.requireNonNull(slipway, "'slipway' must not be null");
        this.backfills = backfills;
        this.tasks = tasks;
    }

    @Override
    protected void doHealthCheck(Health.Builder builder) {
        SlipwaySnapshot snapshot = SlipwaySnapshot.of(this.slipway);
        boolean down = snapshot.state() == SlipwayState.FAILED || snapshot.state() == SlipwayState.INVALID;
        (down ? builder.down() : builder.up())
                .withDetail("state", snapshot.state())
                .withDetail("applied", snapshot.count(MigrationState.APPLIED) + snapshot.count(MigrationState.BASELINE))
                .withDetail("baseline", snapshot.count(MigrationState.BASELINE))
                .withDetail("pending", (long) snapshot.status().pending().size())
                .withDetail("awaiting", snapshot.count(MigrationState.AWAITING))
                .withDetail("future", snapshot.count(MigrationState.FUTURE));
        List<MigrationInfo> future = snapshot.status().inState(MigrationState.FUTURE);
        if (!future.isEmpty()) {
            builder.withDetail("newestApplied", future.get(future.size() - 1).version());
        }
        if (down) {
            builder.withDetail("failed", snapshot.count(MigrationState.FAILED))
                    .withDetail(
                            "problems",
                            snapshot.problems().stream()
                                    .map((problem) ->
                                            problem.description() + "\n" + SpringSettings.render(problem.action()))
                                    .toList());
        }
        if (this.backfills != null) {
            Map<String, Map<String, Object>> backfills = new LinkedHashMap<>();
            for (BackfillStatus status : this.backfills.status()) {
                backfills.put(status.name(), details(status));
            }
            if (!backfills.isEmpty()) {
                builder.withDetail("backfills", backfills);
            }
        }
        if (this.tasks != null) {
            Map<String, Map<String, Object>> tasks = new LinkedHashMap<>();
            for (SlipwayBackgroundTaskStatus status : this.tasks.status()) {
                tasks.put(status.name(), details(status));
            }
            if (!tasks.isEmpty()) {
                builder.withDetail("tasks", tasks);
            }
        }
    }

    private static Map<String, Object> details(SlipwayBackgroundTaskStatus status) {
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("state", status.state());
        details.put("restarts", status.restarts());
        if (status.lastError() != null) {
            details.put("lastError", status.lastError());
            details.put("lastFailedAt", status.lastFailedAt());
        }
        if (status.nextStartAt() != null) {
            details.put("nextStartAt", status.nextStartAt());
        }
        return details;
    }

    private static Map<String, Object> details(BackfillStatus status) {
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("state", status.state());
        details.put("progress", Math.floor(status.progress() * 10_000) / 10_000);
        if (status.state() == BackfillState.FAILED && status.lastError() != null) {
            details.put("error", status.lastError());
        }
        return details;
    }
}
