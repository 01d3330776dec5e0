package dev.slipway.migrate.internal.lint;

import dev.slipway.migrate.MigrationPhase;
import dev.slipway.migrate.internal.discovery.MigrationScript;
import dev.slipway.migrate.internal.sql.SecretMasker;
import dev.slipway.migrate.internal.sql.SqlStatement;
import dev.slipway.migrate.internal.sql.Tokens;
import dev.slipway.migrate.lint.LintFinding;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The linting of one migration: what it has created so far (tables created in the same migration are new and
 * empty, so building an index on them blocks nobody), the existing tables it locks, and its findings. At
 * {@code migrate()}, what earlier migrations of the same run created is new too ({@link RunObjects}). Findings
 * that an {@code -- slipway:allow} accepts are dropped here.
 */
final class MigrationLint {

    private static final int SHOWN_SQL_LENGTH = 160;

    /** An existing table the migration locks, and the statements that lock it. */
    record Locked(String written, List<SqlStatement> statements) {}

    final MigrationScript script;
    final SchemaModel schema;
    private final boolean reporting;
    /** What the run created so far, or null when the lint does not know the live schema (the offline lint). */
    private final RunObjects run;

    private final Set<String> createdTables = new HashSet<>();
    private final Set<String> createdIndexes = new HashSet<>();
    private final Set<String> createdViews = new HashSet<>();
    private final Set<String> createdDomains = new HashSet<>();
    private final Map<String, Rule> notValidAddedHere = new HashMap<>();
    private final Map<String, Locked> locked = new LinkedHashMap<>();
    private final List<LintFinding> findings = new ArrayList<>();
    private final List<Runnable> deferred = new ArrayList<>();

    MigrationLint(MigrationScript script, SchemaModel schema, boolean reporting) {
        this(script, schema, reporting, null);
    }

    MigrationLint(MigrationScript script, SchemaModel schema, boolean reporting, RunObjects run) {
        this.script = script;
        this.schema = schema;
        this.reporting = reporting;
        this.run = run;
    }

    boolean expand() {
        return script.phase() == MigrationPhase.EXPAND;
    }

    /**
     * Whether the table was created earlier in this migration, or at {@code migrate()} earlier in the run: new, used
     * by no running instance, holding only the rows the run wrote.
     */
    boolean isNew(String table) {
        return createdTables.contains(table) || run != null && run.isNew(table);
    }

    void createdTable(String table) {
        createdTables.add(table);
    }

    /**
     * A {@code CREATE TABLE}; returns whether it creates a table (at {@code migrate()}, {@code IF NOT EXISTS} on a
     * table that exists creates none).
     */
    boolean createdTable(Tokens.Name table, boolean ifNotExists) {
        if (run != null && !run.created(table, ifNotExists)) {
            return false;
        }
        createdTables.add(table.key());
        return true;
    }

    void droppedTable(String table) {
        createdTables.remove(table);
        schema.dropTable(table);
        if (run != null) {
            run.dropped(table);
        }
    }

    /** Notes the qualifiers of the schema-qualified names in a statement: what the run creates stays apart from them. */
    /** The schemas that qualify names in a statement ({@link Tokens#qualifiers}), read without keeping its tokens. */
    void mentions(String sql) {
        if (run == null) {
            return;
        }
        Tokens.qualifiers(sql, run::mentioned);
    }

    /** {@code ALTER TABLE from RENAME TO to}. */
    void renamedTable(String from, String to) {
        if (run != null) {
            run.renamed(from, to);
        }
    }

    void createdIndex(String index) {
        createdIndexes.add(index);
    }

    /** A named {@code CREATE INDEX}; at {@code migrate()} the run remembers it too. */
    void createdIndex(Tokens.Name index, boolean ifNotExists) {
        createdIndexes.add(index.key());
        if (run != null) {
            run.created(index, ifNotExists);
        }
    }

    boolean isNewIndex(String index) {
        return createdIndexes.contains(index) || run != null && run.isNew(index);
    }

    /** {@code ADD COLUMN}: at {@code migrate()}, a column the run adds to an older table is new to old instances. */
    void addedColumn(String table, String column, boolean ifNotExists) {
        if (run != null && !isNew(table)) {
            run.addedColumn(table, column, ifNotExists);
        }
    }

    void droppedColumn(String table, String column) {
        if (run != null) {
            run.droppedColumn(table, column);
        }
    }

    void renamedColumn(String table, String from, String to) {
        if (run != null) {
            run.renamedColumn(table, from, to);
        }
    }

    /** Whether the run added this column to a table from before the run (never for the offline lint). */
    boolean isNewColumn(String table, String column) {
        return run != null && run.isNewColumn(table, column);
    }

    void createdView(String view) {
        createdViews.add(view);
    }

    /**
     * A {@code CREATE MATERIALIZED VIEW}: a relation with rows of its own, new like a table created here (an index on
     * it, a refresh of it, lock nobody), and at {@code migrate()} new for the rest of the run too.
     */
    void createdMaterializedView(Tokens.Name view, boolean ifNotExists) {
        if (createdTable(view, ifNotExists)) {
            createdViews.add(view.key());
        }
    }

    boolean isNewView(String view) {
        return createdViews.contains(view) || run != null && run.isNew(view);
    }

    void createdDomain(String domain) {
        createdDomains.add(domain);
    }

    /** Whether the domain was created earlier in this migration: no column of an existing table uses it yet. */
    boolean isNewDomain(String domain) {
        return createdDomains.contains(domain);
    }

    /** A constraint added {@code NOT VALID} in this migration, whose validation belongs in a later one. */
    void addedNotValid(String table, String constraint, Rule rule) {
        notValidAddedHere.put(table + '\0' + constraint, rule);
    }

    Rule addedNotValidHere(String table, String constraint) {
        return notValidAddedHere.get(table + '\0' + constraint);
    }

    /** Records a lock that blocks reads or writes of an existing table until the migration commits. */
    void locks(Tokens.Name table, SqlStatement statement) {
        if (table == null || isNew(table.key())) {
            return;
        }
        locked.computeIfAbsent(table.key(), key -> new Locked(table.written(), new ArrayList<>()))
                .statements()
                .add(statement);
    }

    Map<String, Locked> locked() {
        return locked;
    }

    /** Adds a finding unless the migration allows the rule for this statement. */
    void report(Rule rule, SqlStatement statement, String lock, String problem, String fix) {
        if (!reporting || script.allows(rule.id(), statement.number())) {
            return;
        }
        // the problem and the fix may quote parts of the statement: its secrets are hidden there too
        SecretMasker.Secrets secrets = SecretMasker.secretsOf(statement.sql());
        findings.add(new LintFinding(
                rule.id(),
                rule.severity(),
                script.id(),
                script.source(),
                statement.line(),
                statement.number(),
                shown(statement.sql()),
                secrets.maskIn(lock),
                secrets.maskIn(problem),
                secrets.maskIn(fix)));
    }

    /**
     * Reports a table rename when the migration is over, unless it also creates a view under the old name (the
     * expand-safe way to rename: old instances keep working through the view).
     */
    void reportUnlessViewReplaces(
            String oldName, Rule rule, SqlStatement statement, String lock, String problem, String fix) {
        deferred.add(() -> {
            if (!isNewView(oldName)) {
                report(rule, statement, lock, problem, fix);
            }
        });
    }

    /** Reports what waits for the end of the migration. */
    void finish() {
        deferred.forEach(Runnable::run);
        deferred.clear();
    }

    void add(LintFinding finding) {
        if (reporting) {
            findings.add(finding);
        }
    }

    /** The findings in file order (a deferred finding is reported after later statements). */
    List<LintFinding> findings() {
        List<LintFinding> sorted = new ArrayList<>(findings);
        sorted.sort(java.util.Comparator.comparingInt(LintFinding::line));
        return sorted;
    }

    /** A statement on one line, shortened, with its secrets hidden ({@link SecretMasker}). */
    static String shown(String sql) {
        String flat = SecretMasker.mask(sql).replaceAll("\\s+", " ").strip();
        return flat.length() <= SHOWN_SQL_LENGTH ? flat : flat.substring(0, SHOWN_SQL_LENGTH - 3) + "...";
    }
}
