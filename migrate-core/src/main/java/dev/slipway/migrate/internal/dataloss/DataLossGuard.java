package dev.slipway.migrate.internal.dataloss;

import dev.slipway.migrate.Action;
import dev.slipway.migrate.MigrationDataLossException;
import dev.slipway.migrate.internal.discovery.MigrationScript;
import dev.slipway.migrate.internal.lint.Rule;
import dev.slipway.migrate.internal.postgres.Identifiers;
import dev.slipway.migrate.internal.postgres.RunSnapshot;
import dev.slipway.migrate.internal.postgres.ServerError;
import dev.slipway.migrate.internal.postgres.SqlStates;
import dev.slipway.migrate.internal.sql.SecretMasker;
import dev.slipway.migrate.internal.sql.SqlStatement;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Savepoint;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Checks a statement against the live data right before it runs, as Prisma does before it applies a migration:
 * <ol>
 *   <li>Skip the statement when {@code -- slipway:allow data-loss} covers it, or when it is none of the forms
 *       {@link RiskReader} knows.</li>
 *   <li>For each risky part, resolve the table through the session's search path; when the table or the column
 *       does not exist (or, for {@code IF NOT EXISTS}, the index does), skip it: PostgreSQL reports or skips that
 *       itself.</li>
 *   <li>Skip what this run wrote itself ({@link RunSnapshot}, taken before the run's first migration): the rows of
 *       a table created by the run (its oid is not in the snapshot), and the values of a column the run added to
 *       an older table (its {@code attnum} is above the table's column count in the snapshot): a dropped column,
 *       {@code SET NOT NULL} on it, a unique key made only of such columns. Whatever PostgreSQL itself refuses
 *       (NULLs under {@code SET NOT NULL}, duplicates under a unique index) still fails, with its own error.</li>
 *   <li>Count the rows in the way, exactly: all rows for a required column added, NULLs for {@code SET NOT NULL}
 *       and primary keys, duplicated keys for unique constraints and indexes, values for a dropped column, rows
 *       for a dropped table.</li>
 *   <li>Refuse the first part with rows in the way: {@link MigrationDataLossException} names the migration,
 *       statement, line, table, column, count and fix.</li>
 * </ol>
 * It runs on the migration connection, in the migration's transaction when there is one, so the statements before
 * it count. Its queries run in a savepoint there: a query that fails for another reason than a lock conflict or
 * the statement timeout (say, an index expression PostgreSQL rejects) is rolled back and the statement runs
 * unchecked, to fail with PostgreSQL's own error. Lock conflicts and timeouts are thrown, for the runner to
 * retry or report as for the statement itself.
 */
public final class DataLossGuard {

    private static final Logger log = LoggerFactory.getLogger(DataLossGuard.class);

    private final Connection connection;
    private final RunSnapshot before;

    /** A guard for which every table and column counts as older than the run. */
    public DataLossGuard(Connection connection) {
        this(connection, null);
    }

    /**
     * A guard that lets go of what the run wrote itself.
     *
     * @param before the catalog before the run's first migration, or null to guard every table and column
     */
    public DataLossGuard(Connection connection, RunSnapshot before) {
        this.connection = connection;
        this.before = before;
    }

    /**
     * Checks one statement before it runs.
     *
     * @param appliedSteps for a non-transactional migration, how many of its statements are applied
     * @throws MigrationDataLossException when the data in the database is in the way
     * @throws SQLException when a check query ran into a lock conflict or the statement timeout, or the
     *     connection failed
     */
    public void check(MigrationScript script, SqlStatement statement, int appliedSteps) throws SQLException {
        if (script.allows(Rule.DATA_LOSS, statement.number())) {
            return;
        }
        List<Risk> risks = RiskReader.read(statement.sql());
        if (risks.isEmpty()) {
            return;
        }
        Savepoint savepoint = connection.getAutoCommit() ? null : connection.setSavepoint();
        Optional<Refusal> refusal = Optional.empty();
        try {
            for (Risk risk : risks) {
                refusal = check(risk);
                if (refusal.isPresent()) {
                    break;
                }
            }
        } catch (SQLException e) {
            String sqlState = ServerError.from(e).sqlState();
            if (sqlState == null
                    || sqlState.startsWith("08")
                    || SqlStates.isLockConflict(sqlState)
                    || SqlStates.QUERY_CANCELED.equals(sqlState)) {
                throw e;
            }
            if (savepoint != null) {
                connection.rollback(savepoint);
                connection.releaseSavepoint(savepoint);
            }
            log.warn(
                    "Migration {}: the data-loss check of statement {} (line {}) could not run ({}); the statement"
                            + " runs unchecked",
                    script.id(),
                    statement.number(),
                    statement.line(),
                    e.getMessage());
            return;
        }
        if (savepoint != null) {
            connection.releaseSavepoint(savepoint);
        }
        if (refusal.isPresent()) {
            throw refusal.get().exception(script, statement, appliedSteps);
        }
    }

    private Optional<Refusal> check(Risk risk) throws SQLException {
        Optional<LiveData.Table> found = LiveData.table(connection, risk.table());
        if (found.isEmpty() || !found.get().holdsRows()) {
            return Optional.empty();
        }
        LiveData.Table table = found.get();
        if (before != null && !before.existed(table.oid())) {
            return Optional.empty(); // created by this run: the rows in it were written by this run
        }
        if (risk instanceof Risk.AddRequiredColumn add) {
            return addRequiredColumn(add, table);
        } else if (risk instanceof Risk.SetNotNull set) {
            return setNotNull(set, table);
        } else if (risk instanceof Risk.UniqueKey unique) {
            return uniqueKey(unique, table);
        } else if (risk instanceof Risk.DropColumn drop) {
            return dropColumn(drop, table);
        } else if (risk instanceof Risk.DropTable drop) {
            return dropTable(drop, table);
        }
        throw new IllegalStateException("Unknown risk " + risk);
    }

    private Optional<Refusal> addRequiredColumn(Risk.AddRequiredColumn add, LiveData.Table table) throws SQLException {
        if (LiveData.hasColumn(connection, table, add.column().key())) {
            return Optional.empty();
        }
        long rows = LiveData.rows(connection, table, add.only());
        if (rows == 0) {
            return Optional.empty();
        }
        String t = table.shown();
        String c = LiveData.shown(add.column().key());
        String type = add.type().isEmpty() ? "<type>" : add.type();
        String problem = t + " holds " + rows(rows) + ", and the column " + c + " is added "
                + (add.primaryKey() ? "as PRIMARY KEY" : "NOT NULL") + " without a default: it would be NULL in "
                + (rows == 1 ? "that row" : "every one of them") + ".";
        String fix = "Give the column a constant default:\n"
                + "  ALTER TABLE " + t + " ADD COLUMN " + c + " " + type + " NOT NULL DEFAULT <value>;\n"
                + "or add it nullable, fill it (a Backfill for a large table), then set NOT NULL in a contract"
                + " migration:\n"
                + "  ALTER TABLE " + t + " ADD COLUMN " + c + " " + type + ";\n"
                + "  UPDATE " + t + " SET " + c + " = <value> WHERE " + c + " IS NULL;\n"
                + "  ALTER TABLE " + t + " ALTER COLUMN " + c + " SET NOT NULL;";
        return Optional.of(new Refusal(add, table, c, rows, problem, fix));
    }

    private Optional<Refusal> setNotNull(Risk.SetNotNull set, LiveData.Table table) throws SQLException {
        if (addedByThisRun(table, set.column().key())) {
            return Optional.empty();
        }
        return nulls(set, table, set.only(), set.column().key(), "so SET NOT NULL would fail.", "SET NOT NULL");
    }

    private Optional<Refusal> nulls(
            Risk risk, LiveData.Table table, boolean only, String column, String consequence, String before)
            throws SQLException {
        if (!LiveData.hasColumn(connection, table, column)) {
            return Optional.empty();
        }
        long rows = LiveData.rowsWhere(connection, table, only, column, true);
        if (rows == 0) {
            return Optional.empty();
        }
        String t = table.shown();
        String c = LiveData.shown(column);
        String problem = rows(rows) + (rows == 1 ? " holds" : " hold") + " NULL in " + t + "." + c + ", " + consequence;
        String fix = "Fill the column before " + before + ", earlier in this migration or in an earlier one (a Backfill"
                + " for a large table):\n"
                + "  UPDATE " + t + " SET " + c + " = <value> WHERE " + c + " IS NULL;\n"
                + "Find the rows with SELECT * FROM " + t + " WHERE " + c + " IS NULL;";
        return Optional.of(new Refusal(risk, table, c, rows, problem, fix));
    }

    private Optional<Refusal> uniqueKey(Risk.UniqueKey unique, LiveData.Table table) throws SQLException {
        if (unique.onlyParent() && table.kind() == 'p') {
            return Optional.empty();
        }
        if (unique.indexName() != null && LiveData.relationExists(connection, table.schema(), unique.indexName())) {
            return Optional.empty();
        }
        boolean allAddedByThisRun = true;
        for (Risk.Key key : unique.keys()) {
            if (key.column() != null
                    && !LiveData.hasColumn(connection, table, key.column().key())) {
                return Optional.empty();
            }
            allAddedByThisRun &=
                    key.column() != null && addedByThisRun(table, key.column().key());
        }
        if (allAddedByThisRun) {
            return Optional.empty();
        }
        if (unique.primaryKey()) {
            for (Risk.Key key : unique.keys()) {
                Optional<Refusal> nulls = nulls(
                        unique,
                        table,
                        false,
                        key.column().key(),
                        "which a primary key column cannot hold.",
                        "adding the primary key");
                if (nulls.isPresent()) {
                    return nulls;
                }
            }
        }
        List<String> keys = unique.keys().stream()
                .map(key ->
                        key.column() != null ? Identifiers.quote(key.column().key()) : key.expression())
                .toList();
        long[] duplicates = LiveData.duplicates(connection, table, keys, unique.nullsNotDistinct(), unique.predicate());
        if (duplicates[0] == 0) {
            return Optional.empty();
        }
        String t = table.shown();
        String shownKeys = unique.keys().stream().map(DataLossGuard::shown).collect(Collectors.joining(", "));
        String where = unique.predicate() == null ? "" : " WHERE " + flat(unique.predicate());
        String what = unique.primaryKey() ? "primary key" : unique.index() ? "unique index" : "unique constraint";
        String values = String.format(Locale.ROOT, "%,d", duplicates[0]);
        String problem = (duplicates[0] == 1 ? "1 value of " : values + " values of ")
                + (unique.keys().size() > 1
                        ? "(" + shownKeys + ") in " + t
                        : unique.keys().get(0).column() == null ? shownKeys + " in " + t : t + "." + shownKeys)
                + (duplicates[0] == 1 ? " occurs" : " occur") + " more than once (" + rows(duplicates[1]) + ")"
                + (where.isEmpty() ? "" : " among the rows" + where) + ", so the " + what + " cannot be built.";
        String fix = "Remove or merge the duplicates first, earlier in this migration or in an earlier one. List them"
                + " with:\n  SELECT " + shownKeys + ", count(*) FROM " + t + where + " GROUP BY " + shownKeys
                + " HAVING count(*) > 1;";
        return Optional.of(new Refusal(unique, table, shownKeys, duplicates[1], problem, fix));
    }

    private Optional<Refusal> dropColumn(Risk.DropColumn drop, LiveData.Table table) throws SQLException {
        if (!LiveData.hasColumn(connection, table, drop.column().key())
                || addedByThisRun(table, drop.column().key())) {
            return Optional.empty();
        }
        long rows =
                LiveData.rowsWhere(connection, table, drop.only(), drop.column().key(), false);
        if (rows == 0) {
            return Optional.empty();
        }
        String t = table.shown();
        String c = LiveData.shown(drop.column().key());
        String problem = "the column " + t + "." + c + " holds data in " + rows(rows) + ", which dropping it loses.";
        String fix = "Copy the data you still need before dropping the column: into the column that replaces it (a"
                + " Backfill), or into an archive:\n  CREATE TABLE "
                + LiveData.shown(table.name() + "_" + drop.column().key() + "_archive") + " AS SELECT <key columns>, "
                + c + " FROM " + t + ";";
        return Optional.of(new Refusal(drop, table, c, rows, problem, fix));
    }

    private Optional<Refusal> dropTable(Risk.DropTable drop, LiveData.Table table) throws SQLException {
        if (table.kind() == 'm') {
            return Optional.empty();
        }
        long rows = LiveData.rows(connection, table, false);
        if (rows == 0) {
            return Optional.empty();
        }
        String t = table.shown();
        String problem = "the table " + t + " holds " + rows(rows) + ", which dropping it loses.";
        String fix = "Copy the rows you still need before dropping the table, into an archive:\n  CREATE TABLE "
                + LiveData.shown(table.name() + "_archive") + " AS TABLE " + t + ";\nor out of the database with"
                + " pg_dump --table='" + t + "'.";
        return Optional.of(new Refusal(drop, table, null, rows, problem, fix));
    }

    /** Whether this run added the column to a table older than the run, so that its values are the run's own. */
    private boolean addedByThisRun(LiveData.Table table, String column) throws SQLException {
        if (before == null) {
            return false;
        }
        Optional<Integer> attnum = LiveData.attnum(connection, table, column);
        return attnum.isPresent() && !before.columnExisted(table.oid(), attnum.get());
    }

    private static String shown(Risk.Key key) {
        return key.column() != null ? LiveData.shown(key.column().key()) : flat(key.expression());
    }

    /** SQL on one line, with its secrets hidden ({@link SecretMasker}). */
    private static String flat(String sql) {
        return SecretMasker.mask(sql).replaceAll("\\s+", " ").strip();
    }

    /** {@code 1 row}, {@code 1,204 rows}. */
    static String rows(long count) {
        return count == 1 ? "1 row" : String.format(Locale.ROOT, "%,d rows", count);
    }

    /** What is in the way of one risky part, with the fix. */
    private record Refusal(Risk risk, LiveData.Table table, String column, long rows, String problem, String fix) {

        MigrationDataLossException exception(MigrationScript script, SqlStatement statement, int appliedSteps) {
            int line = statement.lineOf(risk.offset() + 1);
            String sql = flat(statement.sql());
            StringBuilder m = new StringBuilder();
            m.append("Migration ")
                    .append(script.id())
                    .append(" was stopped before statement ")
                    .append(statement.number())
                    .append(" (line ")
                    .append(line)
                    .append(") of ")
                    .append(script.source())
                    .append(", because of the data in the database:\n");
            m.append("-> ").append(problem).append('\n');
            String shown = sql.length() <= 200 ? sql : sql.substring(0, 197) + "...";
            m.append("-> statement ").append(statement.number()).append(": ").append(shown);
            String description = m.toString();
            m.setLength(0);
            m.append(fix).append('\n');
            m.append("If this is intended, add '-- slipway:allow ")
                    .append(Rule.DATA_LOSS)
                    .append(" <reason>' on the"
                            + " line right before the statement (or at the top of the migration, for all of it): the check"
                            + " is then skipped.\n");
            if (script.transactional()) {
                m.append("Nothing of this migration was applied (it runs in one transaction).");
            } else if (script.repeatable()) {
                m.append("This repeatable migration runs outside a transaction: ")
                        .append(appliedSteps)
                        .append(" of its ")
                        .append(script.statements().size())
                        .append(" statements are applied; the"
                                + " next run applies it again from its first statement.");
            } else {
                m.append("This migration runs outside a transaction: ")
                        .append(appliedSteps)
                        .append(" of its ")
                        .append(script.statements().size())
                        .append(" statements are applied; the next run resumes at" + " statement ")
                        .append(appliedSteps + 1)
                        .append('.');
            }
            // the problem and the fix may quote parts of the statement: its secrets are hidden there too
            SecretMasker.Secrets secrets = SecretMasker.secretsOf(statement.sql());
            return new MigrationDataLossException(
                    secrets.maskIn(description),
                    Action.text(secrets.maskIn(m.toString())),
                    script.repeatable() ? null : script.version().toString(),
                    script.name(),
                    script.source(),
                    statement.number(),
                    line,
                    secrets.maskIn(shown),
                    secrets.maskIn(problem),
                    table.shown(),
                    column,
                    rows,
                    secrets.maskIn(fix));
        }
    }
}
