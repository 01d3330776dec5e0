package dev.slipway.migrate.internal.backfill;

import dev.slipway.migrate.Action;
import dev.slipway.migrate.SlipwayConfig;
import dev.slipway.migrate.SlipwayError;
import dev.slipway.migrate.SlipwayException;
import dev.slipway.migrate.backfill.BackfillState;
import dev.slipway.migrate.backfill.BackfillStateException;
import dev.slipway.migrate.backfill.BackfillStatus;
import dev.slipway.migrate.backfill.NoSuchBackfillException;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What an operator does to backfills from any instance, without running them: read their status, pause, resume and
 * retry. Each call borrows a connection of its own and takes no lock.
 *
 * <ol>
 *   <li>A status is read from {@code slipway_backfills}, the owner shown only while a session holds the backfill's
 *       lock ({@link BackfillStatusReader}).</li>
 *   <li>An action is one conditional update of the record's state ({@link BackfillTable#transition}): pause from
 *       {@code PENDING}, {@code RUNNING} or {@code PAUSED}; resume from {@code PAUSED} (a {@code PENDING} or
 *       {@code RUNNING} one stays as it is); retry from {@code FAILED}. Any other state, or a state changed
 *       meanwhile, is refused with a {@link BackfillStateException} that says what to do.</li>
 *   <li>The runner sees the change at its next batch save (a pause makes the save fail, so the batch in flight is
 *       rolled back and the runner waits) or its next poll (a resume or retry lets it run again).</li>
 * </ol>
 */
final class BackfillOperations {

    /** Backfill logs all go to one logger, {@code BackfillEngine}, as they did before the engine was split. */
    private static final Logger log = LoggerFactory.getLogger(BackfillEngine.class);

    private final DataSource dataSource;
    private final SlipwayConfig config;

    BackfillOperations(DataSource dataSource, SlipwayConfig config) {
        this.dataSource = dataSource;
        this.config = config;
    }

    List<BackfillStatus> status() {
        try (Connection c = dataSource.getConnection()) {
            BackfillTable table = BackfillStatusReader.table(c, config);
            if (!table.exists(c)) {
                return List.of();
            }
            Set<Long> held = BackfillStatusReader.heldLocks(c);
            List<BackfillStatus> statuses = new ArrayList<>();
            for (BackfillRecord record : table.readAll(c)) {
                boolean ownerLive = held.contains(BackfillStatusReader.lockKey(table, record.name()));
                statuses.add(BackfillStatusReader.of(record, ownerLive));
            }
            return statuses;
        } catch (SQLException e) {
            throw readFailed("read " + BackfillTable.NAME, e);
        }
    }

    Optional<BackfillStatus> status(String name) {
        try (Connection c = dataSource.getConnection()) {
            BackfillTable table = BackfillStatusReader.table(c, config);
            if (!table.exists(c)) {
                return Optional.empty();
            }
            Optional<BackfillRecord> record = table.read(c, name);
            return record.isEmpty() ? Optional.empty() : Optional.of(BackfillStatusReader.of(c, table, record.get()));
        } catch (SQLException e) {
            throw readFailed("read " + BackfillTable.NAME, e);
        }
    }

    BackfillStatus pause(String name) {
        return transition(
                name,
                List.of(BackfillState.PENDING, BackfillState.RUNNING, BackfillState.PAUSED),
                BackfillState.PAUSED,
                "pause");
    }

    BackfillStatus resume(String name) {
        return transition(
                name,
                List.of(BackfillState.PAUSED, BackfillState.PENDING, BackfillState.RUNNING),
                BackfillState.RUNNING,
                "resume");
    }

    BackfillStatus retry(String name) {
        return transition(name, List.of(BackfillState.FAILED), BackfillState.RUNNING, "retry");
    }

    private BackfillStatus transition(String name, List<BackfillState> from, BackfillState to, String operation) {
        try (Connection c = dataSource.getConnection()) {
            BackfillTable table = BackfillStatusReader.table(c, config);
            if (!table.exists(c)) {
                throw new NoSuchBackfillException(name, List.of());
            }
            Optional<BackfillRecord> found = table.read(c, name);
            if (found.isEmpty()) {
                throw new NoSuchBackfillException(name, namesOf(c, table));
            }
            BackfillRecord record = found.get();
            if (!from.contains(record.state())) {
                throw refusal(name, record.state(), operation);
            }
            BackfillState target =
                    to == BackfillState.RUNNING && record.state() == BackfillState.PENDING ? BackfillState.PENDING : to;
            if (table.transition(c, name, from, target) == 0) {
                BackfillRecord now = table.read(c, name).orElseThrow();
                throw refusal(name, now.state(), operation);
            }
            log.info("Backfill {}: {} ({} -> {})", name, operation, record.state(), target);
            return BackfillStatusReader.of(c, table, table.read(c, name).orElseThrow());
        } catch (SQLException e) {
            throw readFailed(operation + " backfill " + name, e);
        }
    }

    private static BackfillStateException refusal(String name, BackfillState state, String operation) {
        String description =
                "Backfill " + name + " is " + state + ", so it cannot be " + past(operation) + "; nothing was changed.";
        Action action = switch (state) {
            case COMPLETED ->
                Action.text("There is nothing left to do. To run it again, declare a backfill with a new name.");
            case FAILED ->
                Action.text("Fix the cause shown in its last error, then retry it: it goes on from its saved cursor.");
            case PAUSED -> Action.text("Resume it instead: only a FAILED backfill is retried.");
            default -> Action.text("It runs, or will when an instance takes it up: only a FAILED backfill is retried.");
        };
        return new BackfillStateException(name, state, description, action);
    }

    private static String past(String operation) {
        return switch (operation) {
            case "pause" -> "paused";
            case "resume" -> "resumed";
            default -> "retried";
        };
    }

    private static SlipwayException readFailed(String what, SQLException e) {
        return new SlipwayException(
                SlipwayError.DATABASE_ERROR,
                "Could not " + what + ": " + e.getMessage(),
                Action.text("Check that the database is reachable and that the login may read and write "
                        + BackfillTable.NAME + "."),
                e);
    }

    private static List<String> namesOf(Connection c, BackfillTable table) throws SQLException {
        return table.readAll(c).stream().map(BackfillRecord::name).toList();
    }
}
