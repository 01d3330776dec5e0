package dev.slipway.migrate.internal.lint;

import static dev.slipway.migrate.lint.LintSeverity.ERROR;
import static dev.slipway.migrate.lint.LintSeverity.WARNING;

import dev.slipway.migrate.lint.LintRule;
import dev.slipway.migrate.lint.LintSeverity;
import dev.slipway.migrate.lint.SlipwayLint;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/** The linter's rules: stable ids (users write them in {@code -- slipway:allow}), severities and summaries. */
public enum Rule {
    REQUIRE_CONCURRENT_INDEX_CREATION(
            "require-concurrent-index-creation",
            ERROR,
            "CREATE INDEX without CONCURRENTLY on an existing table blocks writes for the whole build"),
    REQUIRE_CONCURRENT_INDEX_DELETION(
            "require-concurrent-index-deletion",
            WARNING,
            "DROP INDEX without CONCURRENTLY takes ACCESS EXCLUSIVE on the index's table"),
    ADDING_VOLATILE_DEFAULT(
            "adding-volatile-default",
            ERROR,
            "ADD COLUMN with a volatile default (random(), gen_random_uuid(), clock_timestamp(), ...) rewrites the table"),
    ADDING_SERIAL_COLUMN(
            "adding-serial-column",
            ERROR,
            "ADD COLUMN of a serial type or GENERATED AS IDENTITY fills every row and rewrites the table"),
    ADDING_STORED_GENERATED_COLUMN(
            "adding-stored-generated-column",
            ERROR,
            "ADD COLUMN ... GENERATED ALWAYS AS (...) STORED computes every row and rewrites the table"),
    ADDING_REQUIRED_COLUMN(
            "adding-required-column",
            ERROR,
            "ADD COLUMN ... NOT NULL without a default fails on a non-empty table and breaks inserts of running instances"),
    CHANGING_COLUMN_TYPE(
            "changing-column-type",
            ERROR,
            "ALTER COLUMN ... TYPE that rewrites the table (anything but widening varchar, numeric or varbit, or to text,"
                    + " with no USING or one that only casts the column)"),
    SETTING_NOT_NULL(
            "setting-not-null",
            ERROR,
            "SET NOT NULL without a validated CHECK (c IS NOT NULL) scans the table under ACCESS EXCLUSIVE"),
    CONSTRAINT_MISSING_NOT_VALID(
            "constraint-missing-not-valid",
            ERROR,
            "ADD CONSTRAINT ... CHECK without NOT VALID scans the table under ACCESS EXCLUSIVE"),
    ADDING_FOREIGN_KEY_CONSTRAINT(
            "adding-foreign-key-constraint",
            ERROR,
            "a foreign key without NOT VALID checks every row while both tables are locked against writes"),
    ADDING_UNIQUE_CONSTRAINT(
            "adding-unique-constraint",
            ERROR,
            "ADD UNIQUE / PRIMARY KEY / EXCLUDE without USING INDEX builds the index under ACCESS EXCLUSIVE"),
    RENAMING_COLUMN(
            "renaming-column",
            ERROR,
            "RENAME COLUMN in an expand migration breaks the running instances that use the old name"),
    RENAMING_TABLE(
            "renaming-table",
            ERROR,
            "RENAME TO in an expand migration breaks the running instances that use the old name"),
    DROPPING_COLUMN(
            "dropping-column",
            ERROR,
            "DROP COLUMN in an expand migration breaks the running instances that still read or write it"),
    DROPPING_TABLE(
            "dropping-table",
            ERROR,
            "DROP TABLE in an expand migration breaks the running instances that still use it"),
    VACUUM_FULL("vacuum-full", ERROR, "VACUUM FULL rewrites the table under ACCESS EXCLUSIVE"),
    CLUSTER("cluster", ERROR, "CLUSTER rewrites the table under ACCESS EXCLUSIVE"),
    TRUNCATE_CASCADE(
            "truncate-cascade", ERROR, "TRUNCATE ... CASCADE also empties every table that references it, however far"),
    MULTIPLE_TABLES_LOCKED(
            "multiple-tables-locked",
            WARNING,
            "a transactional migration that locks more than one existing table holds the first lock while it waits for the next"),
    LOCK_TABLE("lock-table", WARNING, "an explicit LOCK TABLE holds its lock until the migration commits"),
    REINDEX_WITHOUT_CONCURRENTLY(
            "reindex-without-concurrently",
            ERROR,
            "REINDEX without CONCURRENTLY blocks writes to the table, and reads through the index, for the rebuild"),
    REFRESH_WITHOUT_CONCURRENTLY(
            "refresh-without-concurrently",
            WARNING,
            "REFRESH MATERIALIZED VIEW without CONCURRENTLY blocks reads of the view for the whole refresh"),
    DETACH_PARTITION_WITHOUT_CONCURRENTLY(
            "detach-partition-without-concurrently",
            WARNING,
            "DETACH PARTITION without CONCURRENTLY takes ACCESS EXCLUSIVE on the partitioned table"),
    SETTING_TABLESPACE("setting-tablespace", ERROR, "SET TABLESPACE copies the table or index under ACCESS EXCLUSIVE"),
    CHANGING_TABLE_PERSISTENCE(
            "changing-table-persistence", ERROR, "SET LOGGED / SET UNLOGGED rewrites the table under ACCESS EXCLUSIVE"),
    BULK_DATA_CHANGE(
            "bulk-data-change",
            WARNING,
            "UPDATE or DELETE of an existing table in a migration locks the rows it changes until the migration commits"),
    DOMAIN_CONSTRAINT_MISSING_NOT_VALID(
            "domain-constraint-missing-not-valid",
            ERROR,
            "ALTER DOMAIN ... ADD CONSTRAINT without NOT VALID checks every column of the domain while their tables"
                    + " are locked against writes"),
    DROPPING_DATABASE(
            "dropping-database",
            ERROR,
            "DROP DATABASE deletes a whole database, every table and row in it, beyond any rollback"),
    PREFER_ROBUST_STMTS(
            "prefer-robust-stmts",
            WARNING,
            "a statement of a migration outside a transaction that fails when it runs a second time (no IF [NOT]"
                    + " EXISTS): after an interruption the migration cannot resume by itself");

    /** An id that {@code -- slipway:allow} accepts without being a lint rule: the live data-loss checks. */
    public static final String DATA_LOSS = "data-loss";

    private final String id;
    private final LintSeverity severity;
    private final String summary;

    Rule(String id, LintSeverity severity, String summary) {
        this.id = id;
        this.severity = severity;
        this.summary = summary;
    }

    public String id() {
        return id;
    }

    public LintSeverity severity() {
        return severity;
    }

    public String summary() {
        return summary;
    }

    /** The rule with this id, if there is one. */
    public static Optional<Rule> byId(String id) {
        return Arrays.stream(values()).filter(rule -> rule.id.equals(id)).findFirst();
    }

    /** The public descriptions of every rule, plus {@value SlipwayLint#INVALID_ALLOW}. */
    public static List<LintRule> descriptions() {
        List<LintRule> rules = new java.util.ArrayList<>();
        for (Rule rule : values()) {
            rules.add(new LintRule(rule.id, rule.severity, rule.summary));
        }
        rules.add(new LintRule(
                SlipwayLint.INVALID_ALLOW, ERROR, "-- slipway:allow with an unknown rule id or without a reason"));
        return List.copyOf(rules);
    }
}
