package dev.slipway.migrate.backfill;

import dev.slipway.migrate.SlipwayConfig;
import dev.slipway.migrate.internal.backfill.BackfillEngine;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import javax.sql.DataSource;

/**
 * Runs backfills and reports on them. Progress is kept in the table {@code slipway_backfills}, next to the
 * migration history (the schema and application name come from the {@link SlipwayConfig}).
 *
 * <pre>{@code
 * Backfills backfills = Backfills.builder(dataSource).build();
 * StopSignal.Manual stop = StopSignal.create();
 * BackfillStatus done = backfills.run(usersDisplayName, stop); // blocks until COMPLETED, FAILED or stopped
 * }</pre>
 *
 * <p>Every instance of a fleet may call {@link #run} for the same backfill: one runs the batches while the others
 * wait, and one of them takes over from the saved cursor when the runner dies. Instances are immutable and
 * thread-safe; each {@code run} borrows one connection from the data source for as long as it runs batches.
 */
public final class Backfills {

    private final BackfillEngine engine;

    private Backfills(Builder builder) {
        this.engine = new BackfillEngine(builder.dataSource, builder.config, builder.backfillConfig, builder.listeners);
    }

    /**
     * Starts building over the given data source; its login must be allowed to update the backfilled tables and
     * to create {@code slipway_backfills} (or find it created).
     * @param dataSource the data source
     * @return a builder
     */
    public static Builder builder(DataSource dataSource) {
        return new Builder(dataSource);
    }

    /**
     * Runs a backfill on this thread until it is {@link BackfillState#COMPLETED} or {@link BackfillState#FAILED},
     * or a stop is requested.
     * <ol>
     *   <li>Records it in {@code slipway_backfills} as {@link BackfillState#PENDING} unless it is there.</li>
     *   <li>Waits, checking every {@link BackfillConfig#pollInterval()}, until the migrations it requires are
     *       applied, until no other instance runs it (at most one does, guarded by a PostgreSQL advisory lock held
     *       by the session that runs the batches), and while it is {@link BackfillState#PAUSED}.</li>
     *   <li>Runs batches from the saved cursor, each in one transaction that also saves the cursor, then the final
     *       sweep. Transient errors are retried with back-off up to {@link BackfillConfig#maxAttempts()} times in a
     *       row; then, or at once for any other error, the backfill is marked {@code FAILED} with the error.</li>
     * </ol>
     * A backfill that is already {@code COMPLETED} or {@code FAILED} returns at once.
     *
     * @param backfill the backfill
     * @param stop asked after every batch and wait
     * @return the backfill's status when this call ended
     * @throws InterruptedException when the thread is interrupted: between batches, or at the end of the batch in
     *     flight, which is then rolled back (a JDBC call in progress is not cut short; the batch's
     *     {@code statement_timeout} bounds it)
     */
    public BackfillStatus run(Backfill backfill, StopSignal stop) throws InterruptedException {
        Objects.requireNonNull(backfill, "'backfill' must not be null");
        Objects.requireNonNull(stop, "'stop' must not be null");
        return engine.run(backfill, stop);
    }

    /**
     * Every backfill recorded in {@code slipway_backfills}, by name; empty when the table does not exist yet.
     * @return the statuses
     */
    public List<BackfillStatus> status() {
        return engine.status();
    }

    /**
     * One backfill's status.
     * @param name the backfill's name
     * @return its status, empty when it was never recorded
     */
    public Optional<BackfillStatus> status(String name) {
        Objects.requireNonNull(name, "'name' must not be null");
        return engine.status(name);
    }

    /**
     * Pauses a {@code PENDING} or {@code RUNNING} backfill: the instance running it stops after its current batch
     * and every instance waits until it is resumed. Pausing a paused backfill changes nothing.
     * @param name the backfill's name
     * @return its new status
     * @throws NoSuchBackfillException when it was never recorded
     * @throws BackfillStateException when it is {@code COMPLETED} or {@code FAILED}
     */
    public BackfillStatus pause(String name) {
        Objects.requireNonNull(name, "'name' must not be null");
        return engine.pause(name);
    }

    /**
     * Resumes a paused backfill; an instance takes it up within {@link BackfillConfig#pollInterval()}. Resuming a
     * backfill that is not paused changes nothing, unless it is {@code COMPLETED} or {@code FAILED}.
     * @param name the backfill's name
     * @return its new status
     * @throws NoSuchBackfillException when it was never recorded
     * @throws BackfillStateException when it is {@code COMPLETED} or {@code FAILED} (retry a failed one)
     */
    public BackfillStatus resume(String name) {
        Objects.requireNonNull(name, "'name' must not be null");
        return engine.resume(name);
    }

    /**
     * Retries a {@code FAILED} backfill from its saved cursor, once what made it fail is fixed: it goes back to
     * {@code RUNNING} with the error cleared, and an instance takes it up within
     * {@link BackfillConfig#pollInterval()}.
     * @param name the backfill's name
     * @return its new status
     * @throws NoSuchBackfillException when it was never recorded
     * @throws BackfillStateException when it is not {@code FAILED}
     */
    public BackfillStatus retry(String name) {
        Objects.requireNonNull(name, "'name' must not be null");
        return engine.retry(name);
    }

    /** Builder of {@link Backfills}. */
    public static final class Builder {

        private final DataSource dataSource;
        private SlipwayConfig config = SlipwayConfig.defaults();
        private BackfillConfig backfillConfig = BackfillConfig.defaults();
        private final List<BackfillListener> listeners = new ArrayList<>();

        private Builder(DataSource dataSource) {
            this.dataSource = Objects.requireNonNull(dataSource, "'dataSource' must not be null");
        }

        /**
         * The Slipway configuration: {@code schema} (where {@code slipway_backfills} lives, next to the history
         * table), {@code table} (the history table, to check required migrations), {@code createSchema} and
         * {@code applicationName}.
         * @param config the configuration; defaults to {@link SlipwayConfig#defaults()}
         * @return this builder
         */
        public Builder config(SlipwayConfig config) {
            this.config = Objects.requireNonNull(config, "'config' must not be null");
            return this;
        }

        /**
         * Defaults and limits of backfills.
         * @param backfillConfig the configuration; defaults to {@link BackfillConfig#defaults()}
         * @return this builder
         */
        public Builder backfillConfig(BackfillConfig backfillConfig) {
            this.backfillConfig = Objects.requireNonNull(backfillConfig, "'backfillConfig' must not be null");
            return this;
        }

        /**
         * Adds a listener.
         * @param listener the listener
         * @return this builder
         */
        public Builder listener(BackfillListener listener) {
            listeners.add(Objects.requireNonNull(listener, "'listener' must not be null"));
            return this;
        }

        /** @return the backfills runner */
        public Backfills build() {
            return new Backfills(this);
        }
    }
}
