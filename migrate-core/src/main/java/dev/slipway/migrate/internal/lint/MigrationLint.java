package dev.slipway.migrate.internal.lint;

import dev.slipway.migrate.MigrationPhase;
import dev.slipway.migrate.internal.discovery.MigrationScript;
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
 * empty, so building an index on them blocks nobody), the existing tables it locks, and its findings. Findings
 * that an {@code -- slipway:allow} accepts are dropped here.
 */
final class MigrationLint {

    private static final int SHOWN_SQL_LENGTH = 160;

    /** An existing table the migration locks, and the statements that lock it. */
    record Locked(String written, List<SqlStatement> statements) {
    }

    final MigrationScript script;
    final SchemaModel schema;
    private final boolean reporting;
    private final Set<String> createdTables = new HashSet<>();
    private final Set<String> createdIndexes = new HashSet<>();
    private final Set<String> createdViews = new HashSet<>();
    private final Set<String> createdDomains = new HashSet<>();
    private final Map<String, Rule> notValidAddedHere = new HashMap<>();
    private final Map<String, Locked> locked = new LinkedHashMap<>();
    private final List<LintFinding> findings = new ArrayList<>();
    private final List<Runnable> deferred = new ArrayList<>();

    MigrationLint(MigrationScript script, SchemaModel schema, boolean reporting) {
        this.script = script;
        this.schema = schema;
        this.reporting = reporting;
    }

    boolean expand() {
        return script.phase() == MigrationPhase.EXPAND;
    }

    /** Whether the table was created earlier in this migration: new and empty, used by no running instance. */
    boolean isNew(String table) {
        return createdTables.contains(table);
    }

    void createdTable(String table) {
        createdTables.add(table);
    }

    void droppedTable(String table) {
        createdTables.remove(table);
        schema.dropTable(table);
    }

    void createdIndex(String index) {
        createdIndexes.add(index);
    }

    boolean isNewIndex(String index) {
        return createdIndexes.contains(index);
    }

    void createdView(String view) {
        createdViews.add(view);
    }

    boolean isNewView(String view) {
        return createdViews.contains(view);
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
                .statements().add(statement);
    }

    Map<String, Locked> locked() {
        return locked;
    }

    /** Adds a finding unless the migration allows the rule for this statement. */
    void report(Rule rule, SqlStatement statement, String lock, String problem, String fix) {
        if (!reporting || script.allows(rule.id(), statement.number())) {
            return;
        }
        findings.add(new LintFinding(rule.id(), rule.severity(), script.id(), script.source(), statement.line(),
                statement.number(), shown(statement.sql()), lock, problem, fix));
    }

    /**
     * Reports a table rename when the migration is over, unless it also creates a view under the old name (the
     * expand-safe way to rename: old instances keep working through the view).
     */
    void reportUnlessViewReplaces(String oldName, Rule rule, SqlStatement statement, String lock, String problem,
            String fix) {
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

    static String shown(String sql) {
        String flat = sql.replaceAll("\\s+", " ").strip();
        return flat.length() <= SHOWN_SQL_LENGTH ? flat : flat.substring(0, SHOWN_SQL_LENGTH - 3) + "...";
    }
}
