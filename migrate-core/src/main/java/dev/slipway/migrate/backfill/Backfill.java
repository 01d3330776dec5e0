package dev.slipway.migrate.backfill;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The definition of a backfill: which rows of which table to change, and how. It is immutable and holds no
 * state; the progress lives in {@code slipway_backfills}, under the backfill's {@link #name()}.
 *
 * <p>An SQL backfill sets columns with an SQL expression:
 * <pre>{@code
 * Backfill.named("users_display_name")
 *         .table("users")
 *         .set("display_name = name")
 *         .where("display_name IS NULL")
 *         .build();
 * }</pre>
 * A Java backfill computes the new values in Java, row by row:
 * <pre>{@code
 * Backfill.named("users_slug")
 *         .table("users")
 *         .select("name")
 *         .where("slug IS NULL")
 *         .process(row -> row.set("slug", Slugs.of(row.getString("name"))))
 *         .build();
 * }</pre>
 *
 * <p>Batches walk the table in primary-key order (keyset pagination: single or composite keys). Each batch is one
 * transaction that changes the rows of one key range that match {@code where} and saves the cursor. When the
 * cursor reaches the end of the table, a final sweep walks it again, batch by batch, and processes the rows that
 * still match {@code where} (rows written meanwhile by instances of the old version), pass after pass, until a pass
 * finds none. Without {@code where}, every row is processed once and there is no sweep.
 *
 * <p>Settings left unset here ({@code batchSize}, bounds, {@code targetBatchTime}, {@code pause}) come from the
 * {@link BackfillConfig} of the {@link Backfills} that runs it.
 */
public final class Backfill {

    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9_.-]{0,99}");

    private final String name;
    private final String schema;
    private final String table;
    private final String set;
    private final String where;
    private final List<String> select;
    private final RowProcessor processor;
    private final Integer batchSize;
    private final Integer minBatchSize;
    private final Integer maxBatchSize;
    private final Duration targetBatchTime;
    private final Duration pause;
    private final List<String> requiredMigrations;

    private Backfill(Builder b) {
        this.name = b.name;
        this.schema = b.schema;
        this.table = b.table;
        this.set = b.set;
        this.where = b.where;
        this.select = List.copyOf(b.select);
        this.processor = b.processor;
        this.batchSize = b.batchSize;
        this.minBatchSize = b.minBatchSize;
        this.maxBatchSize = b.maxBatchSize;
        this.targetBatchTime = b.targetBatchTime;
        this.pause = b.pause;
        this.requiredMigrations = List.copyOf(b.requiredMigrations);
    }

    /**
     * Starts the definition of a backfill.
     * @param name its unique, stable name: letters, digits, {@code _ . -}, at most 100 characters; its progress is
     *     kept under this name, so renaming a backfill starts it over
     * @return a builder
     */
    public static Builder named(String name) {
        return new Builder(name);
    }

    /** @return the backfill's name */
    public String name() {
        return name;
    }

    /** @return the schema of the table, empty when the table is found through the connection's search path */
    public Optional<String> schema() {
        return Optional.ofNullable(schema);
    }

    /** @return the table's name */
    public String table() {
        return table;
    }

    /** @return the SQL {@code SET} list of an SQL backfill, empty for a Java backfill */
    public Optional<String> set() {
        return Optional.ofNullable(set);
    }

    /** @return the SQL condition of the rows to change, empty when every row is */
    public Optional<String> where() {
        return Optional.ofNullable(where);
    }

    /** @return the columns read for a Java backfill (besides the primary key) */
    public List<String> select() {
        return select;
    }

    /** @return the row processor of a Java backfill, empty for an SQL backfill */
    public Optional<RowProcessor> processor() {
        return Optional.ofNullable(processor);
    }

    /** @return the batch size to start with, empty for the configured default */
    public Optional<Integer> batchSize() {
        return Optional.ofNullable(batchSize);
    }

    /** @return the smallest batch the adaptive sizing may choose, empty for the configured default */
    public Optional<Integer> minBatchSize() {
        return Optional.ofNullable(minBatchSize);
    }

    /** @return the largest batch the adaptive sizing may choose, empty for the configured default */
    public Optional<Integer> maxBatchSize() {
        return Optional.ofNullable(maxBatchSize);
    }

    /** @return the duration the batch size is steered towards, empty for the configured default */
    public Optional<Duration> targetBatchTime() {
        return Optional.ofNullable(targetBatchTime);
    }

    /** @return the pause between batches, empty for the configured default */
    public Optional<Duration> pause() {
        return Optional.ofNullable(pause);
    }

    /** @return versions of the migrations that must be applied before the first batch runs */
    public List<String> requiredMigrations() {
        return requiredMigrations;
    }

    @Override
    public String toString() {
        return "Backfill " + name + " of " + (schema == null ? "" : schema + ".") + table;
    }

    /** Builder of {@link Backfill}. Every SQL fragment is the application's own SQL, used as written. */
    public static final class Builder {

        private final String name;
        private String schema;
        private String table;
        private String set;
        private String where;
        private final List<String> select = new ArrayList<>();
        private RowProcessor processor;
        private Integer batchSize;
        private Integer minBatchSize;
        private Integer maxBatchSize;
        private Duration targetBatchTime;
        private Duration pause;
        private final List<String> requiredMigrations = new ArrayList<>();

        private Builder(String name) {
            Objects.requireNonNull(name, "'name' must not be null");
            if (!NAME.matcher(name).matches()) {
                throw new IllegalArgumentException("Backfill name '" + name + "' is not valid: use 1 to 100 letters,"
                        + " digits, '_', '.' or '-', starting with a letter or digit (e.g. users_display_name)");
            }
            this.name = name;
        }

        /**
         * The table to backfill, found through the connection's search path unless {@link #schema} is set.
         * @param table the table's name, exactly as in the catalog (it is quoted)
         * @return this builder
         */
        public Builder table(String table) {
            this.table = requireText(table, "table");
            return this;
        }

        /**
         * The schema of the table.
         * @param schema the schema's name, exactly as in the catalog (it is quoted)
         * @return this builder
         */
        public Builder schema(String schema) {
            this.schema = requireText(schema, "schema");
            return this;
        }

        /**
         * What an SQL backfill sets: the list after {@code UPDATE table SET}, e.g. {@code display_name = name}.
         * @param set the assignments
         * @return this builder
         */
        public Builder set(String set) {
            this.set = requireText(set, "set");
            return this;
        }

        /**
         * Which rows to change: an SQL condition on the table's columns, e.g. {@code display_name IS NULL}. It
         * must turn false for every row the backfill processes, so that the final sweep finds only the rows still to
         * do and ends: a batch that leaves a processed row matching it fails the backfill, naming the row.
         * @param where the condition
         * @return this builder
         */
        public Builder where(String where) {
            this.where = requireText(where, "where");
            return this;
        }

        /**
         * The columns a Java backfill reads, besides the primary key, which is always read.
         * @param columns column names, exactly as in the catalog
         * @return this builder
         */
        public Builder select(String... columns) {
            for (String column : columns) {
                select.add(requireText(column, "select"));
            }
            return this;
        }

        /**
         * Makes this a Java backfill: each row of a batch that matches {@code where} is given to the processor,
         * and the values it sets are written in the batch's transaction.
         * @param processor computes the new values of a row
         * @return this builder
         */
        public Builder process(RowProcessor processor) {
            this.processor = Objects.requireNonNull(processor, "'processor' must not be null");
            return this;
        }

        /**
         * The number of rows (of the key range) of the first batch; the adaptive sizing changes it from there.
         * @param batchSize at least 1
         * @return this builder
         */
        public Builder batchSize(int batchSize) {
            this.batchSize = positive(batchSize, "batchSize");
            return this;
        }

        /**
         * The bounds of the adaptive batch size.
         * @param min the smallest batch, at least 1
         * @param max the largest batch, at least {@code min}
         * @return this builder
         */
        public Builder batchSizeBounds(int min, int max) {
            positive(min, "min batch size");
            positive(max, "max batch size");
            if (min > max) {
                throw new IllegalArgumentException(
                        "Backfill " + name + ": min batch size " + min + " is larger than max batch size " + max);
            }
            this.minBatchSize = min;
            this.maxBatchSize = max;
            return this;
        }

        /**
         * The duration that the batch size is steered towards: shorter batches hold row locks for less time,
         * longer ones move data faster.
         * @param target a positive duration
         * @return this builder
         */
        public Builder targetBatchTime(Duration target) {
            Objects.requireNonNull(target, "'target' must not be null");
            if (target.isNegative() || target.isZero()) {
                throw new IllegalArgumentException("Backfill " + name + ": targetBatchTime must be positive");
            }
            this.targetBatchTime = target;
            return this;
        }

        /**
         * The pause between two batches, which leaves room for the application's own work.
         * @param pause zero or more
         * @return this builder
         */
        public Builder pause(Duration pause) {
            Objects.requireNonNull(pause, "'pause' must not be null");
            if (pause.isNegative()) {
                throw new IllegalArgumentException("Backfill " + name + ": pause must not be negative");
            }
            this.pause = pause;
            return this;
        }

        /**
         * Migrations that must be applied before the first batch, e.g. the expand migration that adds the column.
         * @param versions migration versions, as shown by {@code status()}
         * @return this builder
         */
        public Builder requires(String... versions) {
            Collections.addAll(requiredMigrations, versions);
            requiredMigrations.forEach(v -> requireText(v, "requires"));
            return this;
        }

        /**
         * Checks the definition and builds it.
         * @return the backfill
         * @throws IllegalArgumentException naming what is missing or contradictory
         */
        public Backfill build() {
            if (table == null) {
                throw new IllegalArgumentException("Backfill " + name + " has no table: call table(\"...\")");
            }
            if (set == null && processor == null) {
                throw new IllegalArgumentException("Backfill " + name + " changes nothing: call set(\"column ="
                        + " expression\") for an SQL backfill or process(row -> ...) for a Java backfill");
            }
            if (set != null && processor != null) {
                throw new IllegalArgumentException(
                        "Backfill " + name + " has both set(...) and process(...):" + " keep one of them");
            }
            if (processor == null && !select.isEmpty()) {
                throw new IllegalArgumentException("Backfill " + name + " selects columns but has no"
                        + " process(...): select(...) is for Java backfills");
            }
            if (batchSize != null && minBatchSize != null && (batchSize < minBatchSize || batchSize > maxBatchSize)) {
                throw new IllegalArgumentException("Backfill " + name + ": batchSize " + batchSize
                        + " is outside its bounds [" + minBatchSize + ", " + maxBatchSize + "]");
            }
            return new Backfill(this);
        }

        private String requireText(String value, String what) {
            Objects.requireNonNull(value, "'" + what + "' must not be null");
            if (value.isBlank()) {
                throw new IllegalArgumentException("Backfill " + name + ": '" + what + "' must not be blank");
            }
            return value;
        }

        private int positive(int value, String what) {
            if (value < 1) {
                throw new IllegalArgumentException(
                        "Backfill " + name + ": " + what + " must be at least 1, not " + value);
            }
            return value;
        }
    }
}
