package dev.slipway.migrate.backfill;

import java.time.Duration;
import java.util.Objects;

/**
 * Immutable defaults and limits for running backfills; a {@link Backfill} may override the batch settings. Every
 * default is a named constant, shared with the Spring Boot properties {@code slipway.backfill.*}.
 */
public final class BackfillConfig {

    /** Rows (of the key range) in the first batch. */
    public static final int DEFAULT_BATCH_SIZE = 1_000;
    /** The smallest batch the adaptive sizing chooses. */
    public static final int DEFAULT_MIN_BATCH_SIZE = 10;
    /** The largest batch the adaptive sizing chooses. */
    public static final int DEFAULT_MAX_BATCH_SIZE = 50_000;
    /** The duration the batch size is steered towards: well below a second, so row locks are held briefly. */
    public static final Duration DEFAULT_TARGET_BATCH_TIME = Duration.ofMillis(50);
    /** The pause between batches. */
    public static final Duration DEFAULT_PAUSE = Duration.ofMillis(10);
    /** {@code lock_timeout} of a batch: how long it may wait for a row that the application has locked. */
    public static final Duration DEFAULT_LOCK_TIMEOUT = Duration.ofSeconds(2);
    /** {@code statement_timeout} of a batch's statements. */
    public static final Duration DEFAULT_STATEMENT_TIMEOUT = Duration.ofMinutes(1);
    /** How many times a batch is tried in a row when it fails with a transient error before the backfill fails. */
    public static final int DEFAULT_MAX_ATTEMPTS = 10;
    /** Upper bound of the first back-off after a transient error (full jitter). */
    public static final Duration DEFAULT_RETRY_INITIAL_BACKOFF = Duration.ofMillis(200);
    /** Upper bound that the back-off never exceeds. */
    public static final Duration DEFAULT_RETRY_MAX_BACKOFF = Duration.ofSeconds(10);
    /**
     * How often an instance that does not run a backfill checks whether it may: the runner died, the backfill was
     * resumed or retried, its migrations were applied.
     */
    public static final Duration DEFAULT_POLL_INTERVAL = Duration.ofSeconds(5);
    /** The least time between two progress lines in the log. */
    public static final Duration DEFAULT_PROGRESS_LOG_INTERVAL = Duration.ofSeconds(5);

    private final int batchSize;
    private final int minBatchSize;
    private final int maxBatchSize;
    private final Duration targetBatchTime;
    private final Duration pause;
    private final Duration lockTimeout;
    private final Duration statementTimeout;
    private final int maxAttempts;
    private final Duration retryInitialBackoff;
    private final Duration retryMaxBackoff;
    private final Duration pollInterval;
    private final Duration progressLogInterval;

    private BackfillConfig(Builder b) {
        this.batchSize = b.batchSize;
        this.minBatchSize = b.minBatchSize;
        this.maxBatchSize = b.maxBatchSize;
        this.targetBatchTime = b.targetBatchTime;
        this.pause = b.pause;
        this.lockTimeout = b.lockTimeout;
        this.statementTimeout = b.statementTimeout;
        this.maxAttempts = b.maxAttempts;
        this.retryInitialBackoff = b.retryInitialBackoff;
        this.retryMaxBackoff = b.retryMaxBackoff;
        this.pollInterval = b.pollInterval;
        this.progressLogInterval = b.progressLogInterval;
    }

    /** @return a builder holding every default */
    public static Builder builder() {
        return new Builder();
    }

    /** @return the defaults */
    public static BackfillConfig defaults() {
        return builder().build();
    }

    /** @return a builder that starts from this configuration */
    public Builder toBuilder() {
        return new Builder()
                .batchSize(batchSize)
                .batchSizeBounds(minBatchSize, maxBatchSize)
                .targetBatchTime(targetBatchTime)
                .pause(pause)
                .lockTimeout(lockTimeout)
                .statementTimeout(statementTimeout)
                .maxAttempts(maxAttempts)
                .retryBackoff(retryInitialBackoff, retryMaxBackoff)
                .pollInterval(pollInterval)
                .progressLogInterval(progressLogInterval);
    }

    /** @return rows in the first batch of a backfill that sets none */
    public int batchSize() {
        return batchSize;
    }

    /** @return the smallest adaptive batch */
    public int minBatchSize() {
        return minBatchSize;
    }

    /** @return the largest adaptive batch */
    public int maxBatchSize() {
        return maxBatchSize;
    }

    /** @return the duration batches are steered towards */
    public Duration targetBatchTime() {
        return targetBatchTime;
    }

    /** @return the pause between batches */
    public Duration pause() {
        return pause;
    }

    /** @return {@code lock_timeout} of a batch */
    public Duration lockTimeout() {
        return lockTimeout;
    }

    /** @return {@code statement_timeout} of a batch's statements */
    public Duration statementTimeout() {
        return statementTimeout;
    }

    /** @return how many times in a row a batch is tried before the backfill fails */
    public int maxAttempts() {
        return maxAttempts;
    }

    /** @return the upper bound of the first back-off */
    public Duration retryInitialBackoff() {
        return retryInitialBackoff;
    }

    /** @return the upper bound of every back-off */
    public Duration retryMaxBackoff() {
        return retryMaxBackoff;
    }

    /** @return how often a waiting instance checks whether it may run a backfill */
    public Duration pollInterval() {
        return pollInterval;
    }

    /** @return the least time between two progress lines */
    public Duration progressLogInterval() {
        return progressLogInterval;
    }

    /** Builder of {@link BackfillConfig}. */
    public static final class Builder {

        private int batchSize = DEFAULT_BATCH_SIZE;
        private int minBatchSize = DEFAULT_MIN_BATCH_SIZE;
        private int maxBatchSize = DEFAULT_MAX_BATCH_SIZE;
        private Duration targetBatchTime = DEFAULT_TARGET_BATCH_TIME;
        private Duration pause = DEFAULT_PAUSE;
        private Duration lockTimeout = DEFAULT_LOCK_TIMEOUT;
        private Duration statementTimeout = DEFAULT_STATEMENT_TIMEOUT;
        private int maxAttempts = DEFAULT_MAX_ATTEMPTS;
        private Duration retryInitialBackoff = DEFAULT_RETRY_INITIAL_BACKOFF;
        private Duration retryMaxBackoff = DEFAULT_RETRY_MAX_BACKOFF;
        private Duration pollInterval = DEFAULT_POLL_INTERVAL;
        private Duration progressLogInterval = DEFAULT_PROGRESS_LOG_INTERVAL;

        private Builder() {}

        /**
         * @param batchSize rows in the first batch, at least 1
         * @return this builder
         */
        public Builder batchSize(int batchSize) {
            this.batchSize = atLeastOne(batchSize, "batchSize");
            return this;
        }

        /**
         * @param min the smallest adaptive batch, at least 1
         * @param max the largest adaptive batch, at least {@code min}
         * @return this builder
         */
        public Builder batchSizeBounds(int min, int max) {
            atLeastOne(min, "minBatchSize");
            atLeastOne(max, "maxBatchSize");
            if (min > max) {
                throw new IllegalArgumentException("minBatchSize " + min + " is larger than maxBatchSize " + max);
            }
            this.minBatchSize = min;
            this.maxBatchSize = max;
            return this;
        }

        /**
         * @param target the duration batches are steered towards, positive
         * @return this builder
         */
        public Builder targetBatchTime(Duration target) {
            this.targetBatchTime = positive(target, "targetBatchTime");
            return this;
        }

        /**
         * @param pause the pause between batches, zero or more
         * @return this builder
         */
        public Builder pause(Duration pause) {
            this.pause = notNegative(pause, "pause");
            return this;
        }

        /**
         * @param timeout {@code lock_timeout} of a batch, positive
         * @return this builder
         */
        public Builder lockTimeout(Duration timeout) {
            this.lockTimeout = positive(timeout, "lockTimeout");
            return this;
        }

        /**
         * @param timeout {@code statement_timeout} of a batch's statements, positive
         * @return this builder
         */
        public Builder statementTimeout(Duration timeout) {
            this.statementTimeout = positive(timeout, "statementTimeout");
            return this;
        }

        /**
         * @param maxAttempts how many times in a row a batch is tried before the backfill fails, at least 1
         * @return this builder
         */
        public Builder maxAttempts(int maxAttempts) {
            this.maxAttempts = atLeastOne(maxAttempts, "maxAttempts");
            return this;
        }

        /**
         * @param initial upper bound of the first back-off, zero or more
         * @param max upper bound of every back-off, at least {@code initial}
         * @return this builder
         */
        public Builder retryBackoff(Duration initial, Duration max) {
            notNegative(initial, "retryInitialBackoff");
            notNegative(max, "retryMaxBackoff");
            if (initial.compareTo(max) > 0) {
                throw new IllegalArgumentException(
                        "retryInitialBackoff " + initial + " exceeds retryMaxBackoff " + max);
            }
            this.retryInitialBackoff = initial;
            this.retryMaxBackoff = max;
            return this;
        }

        /**
         * @param interval how often a waiting instance checks whether it may run a backfill, positive
         * @return this builder
         */
        public Builder pollInterval(Duration interval) {
            this.pollInterval = positive(interval, "pollInterval");
            return this;
        }

        /**
         * @param interval the least time between two progress lines, positive
         * @return this builder
         */
        public Builder progressLogInterval(Duration interval) {
            this.progressLogInterval = positive(interval, "progressLogInterval");
            return this;
        }

        /** @return the configuration */
        public BackfillConfig build() {
            if (batchSize < minBatchSize || batchSize > maxBatchSize) {
                throw new IllegalArgumentException("batchSize " + batchSize + " is outside its bounds [" + minBatchSize
                        + ", " + maxBatchSize + "]");
            }
            return new BackfillConfig(this);
        }

        private static int atLeastOne(int value, String what) {
            if (value < 1) {
                throw new IllegalArgumentException(what + " must be at least 1, not " + value);
            }
            return value;
        }

        private static Duration positive(Duration value, String what) {
            Objects.requireNonNull(value, "'" + what + "' must not be null");
            if (value.isNegative() || value.isZero()) {
                throw new IllegalArgumentException(what + " must be positive, not " + value);
            }
            return value;
        }

        private static Duration notNegative(Duration value, String what) {
            Objects.requireNonNull(value, "'" + what + "' must not be null");
            if (value.isNegative()) {
                throw new IllegalArgumentException(what + " must not be negative, not " + value);
            }
            return value;
        }
    }
}
