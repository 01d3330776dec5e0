package dev.slipway.migrate.internal.engine;

import dev.slipway.migrate.Action;
import dev.slipway.migrate.MigrationInfo;
import dev.slipway.migrate.MigrationState;
import dev.slipway.migrate.SlipwayError;
import dev.slipway.migrate.ValidationProblem;
import dev.slipway.migrate.internal.discovery.MigrationScript;
import dev.slipway.migrate.internal.history.HistoryRow;
import dev.slipway.migrate.internal.jdbc.Jdbc;
import dev.slipway.migrate.internal.postgres.IndexBuildLeftovers;
import dev.slipway.migrate.internal.sql.SqlStatement;
import dev.slipway.migrate.internal.sql.SqlStatements;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Whether a non-transactional migration interrupted by a crash may continue by itself. The statement that
 * was running when the process died may or may not have committed; running it again is safe only when it
 * is idempotent or when its outcome can be checked in the catalog:
 *
 * <ol>
 *   <li>{@code CREATE INDEX CONCURRENTLY} with a name: the runner finds the index valid (done), invalid
 *       (dropped and built again) or absent (built).</li>
 *   <li>Statements that say {@code IF EXISTS} / {@code IF NOT EXISTS}, and maintenance that may run any
 *       number of times ({@code VACUUM}, {@code ANALYZE}, {@code REINDEX}).</li>
 *   <li>{@code CREATE INDEX CONCURRENTLY} without a name, once the catalog is read under the migration lock
 *       ({@link #reviewInterrupted}): PostgreSQL named the index, so it is recognised by its definition
 *       ({@link IndexBuildLeftovers}). The only INVALID index of the table with the statement's definition is the
 *       build's: dropped and built again. No INVALID one, but a valid one with that definition: the build finished
 *       (or an equal index was already there, which serves the same queries): the statement is skipped. None at all:
 *       the build left nothing, and runs. More than one INVALID candidate, or a statement whose definition cannot be
 *       compared: the failure lists the table's INVALID indexes, each with the SQL that drops it.</li>
 * </ol>
 * Anything else leaves the migration {@code FAILED} until a person checks and resolves it.
 */
public final class Resumption {

    private static final Logger log = LoggerFactory.getLogger(Resumption.class);
    private static final Set<String> REPEATABLE = Set.of("VACUUM", "ANALYZE", "ANALYSE", "REINDEX");
    private static final Pattern LEADING_COMMENTS =
            Pattern.compile("^(?:\\s+|--[^\\n]*(?:\\n|$)|/\\*.*?\\*/)*", Pattern.DOTALL);

    private Resumption() {}

    public static boolean safeToRerun(SqlStatement statement) {
        String sql = statement.sql();
        if (SqlStatements.concurrentIndexBuild(sql).isPresent()) {
            return true;
        }
        List<String> words = SqlStatements.leadingWords(sql, 12);
        if (!words.isEmpty() && REPEATABLE.contains(words.get(0))) {
            return true;
        }
        for (int i = 0; i + 1 < words.size(); i++) {
            if (words.get(i).equals("IF")
                    && (words.get(i + 1).equals("EXISTS")
                            || (words.get(i + 1).equals("NOT")
                                    && i + 2 < words.size()
                                    && words.get(i + 2).equals("EXISTS")))) {
                return true;
            }
        }
        return false;
    }

    /** Whether the statement is a {@code CREATE [UNIQUE] INDEX CONCURRENTLY} that leaves the name to PostgreSQL. */
    static boolean isUnnamedIndexBuild(SqlStatement statement) {
        return SqlStatements.concurrentIndexBuild(statement.sql()).isEmpty()
                && SqlStatements.concurrentIndexTable(statement.sql()).isPresent();
    }

    /** The statement's text from its first token on. */
    static String withoutLeadingComments(String sql) {
        Matcher comments = LEADING_COMMENTS.matcher(sql);
        return comments.lookingAt() ? sql.substring(comments.end()) : sql;
    }

    /**
     * Looks, under the migration lock, at each migration that the plan found interrupted in a {@code CREATE INDEX
     * CONCURRENTLY} without a name ({@code FAILED}: the plan cannot read the catalog): {@code PENDING} again when the
     * catalog tells what the build left, otherwise still {@code FAILED}, with the table's INVALID indexes and the SQL
     * to drop each in its problem. Left as planned when the table is not found.
     *
     * @param schema the schema of the history table, first on the migration session's search path
     */
    static List<Entry> reviewInterrupted(Connection c, String schema, List<Entry> entries, MigrationPlanner planner)
            throws SQLException {
        List<Entry> reviewed = new ArrayList<>(entries.size());
        for (Entry entry : entries) {
            reviewed.add(review(c, schema, entry, planner));
        }
        return reviewed;
    }

    private static Entry review(Connection c, String schema, Entry entry, MigrationPlanner planner)
            throws SQLException {
        MigrationScript script = entry.script();
        HistoryRow row = entry.latest();
        if (entry.state() != MigrationState.FAILED
                || script == null
                || row == null
                || !row.isInterrupted()
                || script.transactional()
                || row.appliedSteps() >= script.statements().size()) {
            return entry;
        }
        SqlStatement statement = script.statements().get(row.appliedSteps());
        if (!isUnnamedIndexBuild(statement)) {
            return entry;
        }
        Optional<IndexBuildLeftovers> leftovers = leftovers(c, schema, statement);
        if (leftovers.isEmpty()) {
            return entry;
        }
        if (isResumable(leftovers.get())) {
            return new Entry(script, row, planner.info(script, row, MigrationState.PENDING, null), null);
        }
        return new Entry(
                script, row, entry.info(), unresolvedBuild(script, row, statement, leftovers.get(), entry.info()));
    }

    /**
     * Gets an interrupted unnamed {@code CREATE INDEX CONCURRENTLY} ready to run again when resuming at it: drops the
     * one INVALID index with its definition. Returns true when the statement must be skipped: a valid index with its
     * definition is there and no INVALID one.
     */
    static boolean prepareUnnamedBuild(Connection c, String schema, MigrationScript script, SqlStatement statement)
            throws SQLException {
        Optional<IndexBuildLeftovers> found = leftovers(c, schema, statement);
        if (found.isEmpty()) {
            return false;
        }
        IndexBuildLeftovers leftovers = found.get();
        Optional<IndexBuildLeftovers.Index> invalid = leftovers.onlyInvalidMatch();
        if (invalid.isPresent()) {
            log.warn(
                    "Migration {}: dropping INVALID index {} left by the interrupted build of statement {} (line {}), "
                            + "the only INVALID index of {} with the statement's definition, before building it again",
                    script.id(),
                    invalid.get().qualified(),
                    statement.number(),
                    statement.line(),
                    leftovers.table());
            Jdbc.execute(c, "DROP INDEX CONCURRENTLY IF EXISTS " + invalid.get().qualified());
            return false;
        }
        Optional<IndexBuildLeftovers.Index> valid = leftovers.indexes().stream()
                .filter(index -> index.valid() && index.matchesStatement())
                .findFirst();
        if (leftovers.probed()
                && valid.isPresent()
                && leftovers.indexes().stream().noneMatch(index -> !index.valid() && index.matchesStatement())) {
            log.info(
                    "Migration {}: valid index {} has the definition of statement {} (line {}), whose build was "
                            + "interrupted; continuing after it",
                    script.id(),
                    valid.get().qualified(),
                    statement.number(),
                    statement.line());
            return true;
        }
        return false;
    }

    /** Resumable: one INVALID candidate, or none at all while the definitions could be compared. */
    private static boolean isResumable(IndexBuildLeftovers leftovers) {
        if (leftovers.onlyInvalidMatch().isPresent()) {
            return true;
        }
        boolean anyInvalidMatch = leftovers.indexes().stream().anyMatch(i -> !i.valid() && i.matchesStatement());
        boolean anyInvalid = leftovers.indexes().stream().anyMatch(i -> !i.valid());
        return leftovers.probed() ? !anyInvalidMatch : !anyInvalid;
    }

    private static Optional<IndexBuildLeftovers> leftovers(Connection c, String schema, SqlStatement statement)
            throws SQLException {
        return IndexBuildLeftovers.of(
                c,
                schema,
                SqlStatements.concurrentIndexTable(statement.sql()).orElseThrow(),
                withoutLeadingComments(statement.sql()));
    }

    /** The failure of an interrupted unnamed build that the catalog does not settle: the candidates and their SQL. */
    private static ValidationProblem unresolvedBuild(
            MigrationScript script,
            HistoryRow row,
            SqlStatement statement,
            IndexBuildLeftovers leftovers,
            MigrationInfo info) {
        StringBuilder m = new StringBuilder();
        m.append("Migration ")
                .append(script.id())
                .append(" was interrupted while it ran statement ")
                .append(statement.number())
                .append(" (line ")
                .append(statement.line())
                .append(" of ")
                .append(script.source())
                .append("), a CREATE INDEX CONCURRENTLY without an index name; it runs outside" + " a transaction, so ")
                .append(row.appliedSteps())
                .append(" of its ")
                .append(script.statements().size())
                .append(" statements are applied. The build left an INVALID index "
                        + "with a name PostgreSQL chose, and Slipway cannot tell which of the INVALID indexes of ")
                .append(leftovers.table())
                .append(" it is");
        m.append(
                leftovers.probed()
                        ? " (more than one has the statement's definition).\n"
                        : " (the statement's definition could not be compared with theirs).\n");
        m.append("-> statement ")
                .append(statement.number())
                .append(": ")
                .append(MigrationPlanner.abbreviate(statement.sql()))
                .append('\n');
        m.append("-> attempt started at ")
                .append(row.startedAt())
                .append(" by ")
                .append(row.appliedBy())
                .append('\n');
        for (IndexBuildLeftovers.Index index : leftovers.indexes()) {
            m.append("-> ")
                    .append(index.valid() ? "valid" : "INVALID")
                    .append(" index ")
                    .append(index.qualified());
            List<String> looks = new ArrayList<>();
            if (index.matchesStatement()) {
                looks.add("same table and definition as statement " + statement.number());
            }
            if (index.hasDefaultNameFor(leftovers.tableName())) {
                looks.add("a name PostgreSQL gives an index without one");
            }
            if (!looks.isEmpty()) {
                m.append(" (").append(String.join("; ", looks)).append(')');
            }
            m.append(": ").append(index.definition());
            if (!index.valid()) {
                m.append("; drop it with: ").append(index.dropSql());
            }
            m.append('\n');
        }
        String description = m.toString().stripTrailing();
        m.setLength(0);
        m.append("Drop the INVALID index")
                .append(
                        leftovers.probed()
                                ? "es with the statement's definition"
                                : " that " + "statement " + statement.number() + " left")
                .append(" (DROP INDEX CONCURRENTLY as above; an INVALID "
                        + "index serves no query), then start again: once ")
                .append(leftovers.probed() ? "at most one of them " + "is" : "none of them is")
                .append(" left, the next start drops what remains of the build and resumes " + "at statement ")
                .append(statement.number())
                .append(". Or resolve the migration: finish it by hand "
                        + "and resolve it as applied, or undo its partial changes and resolve it as rolled back so that it "
                        + "runs again.");
        return new ValidationProblem(info, SlipwayError.MIGRATION_INTERRUPTED, description, Action.text(m.toString()));
    }
}
