package dev.slipway.migrate.internal.schema.dev;

import dev.slipway.migrate.Action;
import dev.slipway.migrate.MigrationPhase;
import dev.slipway.migrate.SlipwayError;
import dev.slipway.migrate.SlipwayException;
import dev.slipway.migrate.internal.schema.SchemaDiffer;
import dev.slipway.migrate.schema.Column;
import dev.slipway.migrate.schema.DatabaseSchema;
import dev.slipway.migrate.schema.DevMigrations;
import dev.slipway.migrate.schema.Hazard;
import dev.slipway.migrate.schema.Identifiers;
import dev.slipway.migrate.schema.PlanStep;
import dev.slipway.migrate.schema.QualifiedName;
import dev.slipway.migrate.schema.SchemaPlan;
import dev.slipway.migrate.schema.Table;
import java.math.BigInteger;
import java.time.Clock;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * Turns the difference between two schemas into the migration files {@code slipway dev} writes.
 *
 * <ol>
 *   <li>Resolve the rename hints ({@link Renames}); plan from the schema as it is, with renamed tables under their
 *       new names, to the desired schema in which each renamed column's old column is kept and its new one is
 *       nullable without a default; then plan from there to the desired schema (the rename's contract part).</li>
 *   <li>Expand: each table rename ({@code ALTER TABLE ... RENAME TO}, its constraints and indexes renamed, a view
 *       under the old name that old code reads and writes through), then the expand steps of the first plan, with a
 *       sync trigger right after each renamed column is added. Consecutive transactional steps form one migration;
 *       a non-transactional step is a migration of its own ({@code -- slipway:transaction off}).</li>
 *   <li>Contract: the views under old names dropped, the contract steps of the first plan, then every step of the
 *       second, grouped the same way, each migration with {@code -- slipway:phase contract} and
 *       {@code -- slipway:requires-backfill} for every backfill. A renamed column's sync trigger and its function are
 *       dropped right before its old column, in the same migration: new code does not write the old column, which may
 *       be {@code NOT NULL}, so the trigger fills it until it is gone.</li>
 *   <li>A type change the planner puts in the contract phase (not a widening) of a column outside the primary key
 *       moves through a temporary column {@code <column>_slipway_new}: added in the expand migration with a trigger
 *       that converts every write of the column into it, backfilled, and swapped in by the contract (the old column
 *       dropped, the temporary one renamed, its default, {@code NOT NULL}, indexes and constraints made again).</li>
 *   <li>Backfills: a renamed column ({@code set new = old} where they differ), a type change ({@code set tmp =
 *       column::type}), a column of an existing table that becomes {@code NOT NULL} with a default ({@code set
 *       column = default} where it is null; its {@code NOT NULL} steps wait in the contract), and one that becomes
 *       {@code NOT NULL} without a default (the value for old rows is the user's to write: the snippet says so and
 *       does not compile until written).</li>
 *   <li>Versions: {@code yyyyMMddHHmmss} of the clock in UTC, or one second after the newest existing migration when
 *       that is later, one second apart.</li>
 * </ol>
 */
public final class DevPlanner {

    private static final DateTimeFormatter VERSION = DateTimeFormatter.ofPattern("yyyyMMddHHmmss");
    private static final Pattern ADD_NOT_VALID =
            Pattern.compile("^ALTER TABLE .* ADD CONSTRAINT (\\S+) .* NOT VALID$", Pattern.DOTALL);
    private static final Pattern VALIDATE = Pattern.compile("^ALTER TABLE .* VALIDATE CONSTRAINT (\\S+)$");
    /** The table a transactional statement of a plan locks: altered, given or losing a trigger, or indexed. */
    private static final Pattern LOCKED_TABLE = Pattern.compile(
            "^(?:ALTER TABLE (?:IF EXISTS )?(?:ONLY )?(\\S+)"
                    + "|(?:CREATE|DROP) TRIGGER \\S+ (?:[^;]*? )?ON (\\S+)"
                    + "|CREATE (?:UNIQUE )?INDEX \\S+ ON (?:ONLY )?(\\S+))",
            Pattern.DOTALL);

    /** One statement of a migration, with the lines written above it. */
    private record Statement(
            String sql, Set<Hazard> hazards, boolean transactional, List<String> above, boolean startsMigration) {
        Statement(String sql, Set<Hazard> hazards, boolean transactional, List<String> above) {
            this(sql, hazards, transactional, above, false);
        }

        Statement(PlanStep step) {
            this(step.sql(), step.hazards(), step.transactional(), List.of());
        }
    }

    /** The migrations of one phase, each a list of statements. */
    private record Group(boolean transactional, List<Statement> statements) {}

    private DevPlanner() {}

    /**
     * The migrations from one schema to another.
     *
     * @param from the schema the migrations give
     * @param to the desired schema
     * @param hints the rename hints of the desired schema's files
     * @param name the name of the change ({@code add_email}): the migrations are {@code <version>_<name>} and
     *     {@code <version>_<name>_contract}
     * @param clock the clock the first version is taken from
     * @param newestVersion the newest existing migration's version, or null
     */
    public static Result plan(
            DatabaseSchema from,
            DatabaseSchema to,
            RenameHints.Hints hints,
            String name,
            Clock clock,
            String newestVersion) {
        String changeName = migrationName(name);
        Renames renames = Renames.resolve(hints, from, to);
        DatabaseSchema start = renames.renamedTables(from);
        DatabaseSchema both = renames.bothColumns(to);
        SchemaPlan main = SchemaDiffer.plan(start, both);
        findTypeChanges(main, start, to, renames);
        if (!renames.types.isEmpty()) {
            both = renames.withTemporaryColumns(both, start);
            main = SchemaDiffer.plan(start, both);
        }
        SchemaPlan renameContract = SchemaDiffer.plan(renames.swapped(both), to);

        Map<String, DevMigrations.BackfillToDeclare> backfills = new LinkedHashMap<>();
        List<Statement> expand = new ArrayList<>();
        List<Statement> contract = new ArrayList<>();

        for (Renames.TableRename rename : renames.tables) {
            String why = "a view under the old name keeps old code reading and writing the table until the contract"
                    + " migration drops it";
            expand.add(new Statement(
                    "ALTER TABLE " + rename.from().toSql() + " RENAME TO "
                            + Identifiers.quote(rename.to().name()),
                    EnumSet.of(Hazard.ACQUIRES_ACCESS_EXCLUSIVE_LOCK),
                    true,
                    List.of("-- slipway:allow renaming-table " + why),
                    true));
            int second = expand.size();
            List<String> sameTable = List.of("-- slipway:allow multiple-tables-locked " + rename.from() + " and "
                    + rename.to() + " are one table, renamed by the statement before");
            for (String[] constraint : rename.constraints()) {
                expand.add(new Statement(
                        "ALTER TABLE " + rename.to().toSql() + " RENAME CONSTRAINT " + Identifiers.quote(constraint[0])
                                + " TO " + Identifiers.quote(constraint[1]),
                        EnumSet.of(Hazard.ACQUIRES_ACCESS_EXCLUSIVE_LOCK),
                        true,
                        List.of()));
            }
            for (String[] index : rename.indexes()) {
                expand.add(new Statement(
                        "ALTER INDEX " + new QualifiedName(rename.to().schema(), index[0]).toSql() + " RENAME TO "
                                + Identifiers.quote(index[1]),
                        EnumSet.of(Hazard.ACQUIRES_ACCESS_EXCLUSIVE_LOCK),
                        true,
                        List.of()));
            }
            expand.add(new Statement(
                    "CREATE VIEW " + rename.from().toSql() + " AS SELECT * FROM "
                            + rename.to().toSql(),
                    Set.of(),
                    true,
                    List.of()));
            Statement next = expand.get(second);
            expand.set(second, new Statement(next.sql(), next.hazards(), true, sameTable));
            contract.add(new Statement(
                    "DROP VIEW " + rename.from().toSql(), EnumSet.of(Hazard.BREAKS_OLD_CODE), true, List.of()));
        }

        boolean afterRenames = !expand.isEmpty();
        Map<Renames.ColumnRename, Statement> syncTriggers = new java.util.HashMap<>();
        Map<String, Statement> addedColumns = new java.util.HashMap<>();
        Map<Renames.TypeChange, Statement> typeTriggers = new java.util.HashMap<>();
        // NOT NULL of a column that exists and may hold NULLs waits for its backfill, even with a default
        Set<String> filledColumns = new java.util.HashSet<>();
        for (Table table : to.tables()) {
            Optional<Table> before = start.table(table.name());
            for (Column column : table.columns()) {
                Optional<Column> was = before.flatMap(t -> t.column(column.name()));
                if (column.notNull() && was.isPresent() && !was.get().notNull()) {
                    filledColumns.add("column " + table.name() + "." + column.name());
                }
            }
        }
        List<Statement> waiting = new ArrayList<>();
        for (PlanStep step : main.steps()) {
            if (step.phase() == MigrationPhase.EXPAND
                    && filledColumns.contains(step.object())
                    && (step.sql().contains(" NOT NULL") || step.sql().contains("_not_null"))) {
                waiting.add(new Statement(step));
                continue;
            }
            if (step.phase() == MigrationPhase.EXPAND) {
                Statement statement =
                        new Statement(step.sql(), step.hazards(), step.transactional(), List.of(), afterRenames);
                expand.add(statement);
                afterRenames = false;
                if (step.sql().contains(" ADD COLUMN ")) {
                    addedColumns.put(step.object(), statement);
                }
                for (Renames.ColumnRename rename : renames.columns) {
                    if (step.object().equals("column " + rename.table() + "." + rename.to())
                            && step.sql().contains(" ADD COLUMN ")) {
                        List<Statement> sync = syncTrigger(rename);
                        expand.addAll(sync);
                        syncTriggers.put(rename, sync.get(1));
                    }
                }
                for (Renames.TypeChange change : renames.types) {
                    if (step.object().equals("column " + change.table() + "." + change.temporary())
                            && step.sql().contains(" ADD COLUMN ")) {
                        List<Statement> sync = typeSyncTrigger(change);
                        expand.addAll(sync);
                        typeTriggers.put(change, sync.get(1));
                    }
                }
            }
        }
        // A rename's sync trigger goes in the migration that drops the old column, right before the drop: new code
        // does not write the old column, which may be NOT NULL, so until it is gone the trigger must fill it.
        Map<Renames.ColumnRename, List<Statement>> syncDrops = new LinkedHashMap<>();
        for (Renames.ColumnRename rename : renames.columns) {
            QualifiedName function = syncFunction(rename);
            syncDrops.put(
                    rename,
                    List.of(
                            new Statement(
                                    "DROP TRIGGER " + Identifiers.quote(function.name()) + " ON "
                                            + rename.table().toSql(),
                                    EnumSet.of(Hazard.ACQUIRES_SHARE_ROW_EXCLUSIVE_LOCK),
                                    true,
                                    List.of()),
                            new Statement("DROP FUNCTION " + function.toSql() + "()", Set.of(), true, List.of())));
        }
        for (Renames.TypeChange change : renames.types) {
            QualifiedName function = syncFunction(change.table(), change.temporary());
            contract.add(new Statement(
                    "DROP TRIGGER " + Identifiers.quote(function.name()) + " ON "
                            + change.table().toSql(),
                    EnumSet.of(Hazard.ACQUIRES_SHARE_ROW_EXCLUSIVE_LOCK),
                    true,
                    List.of()));
            contract.add(new Statement("DROP FUNCTION " + function.toSql() + "()", Set.of(), true, List.of()));
        }
        contract.addAll(waiting);
        for (PlanStep step : main.steps()) {
            if (step.phase() == MigrationPhase.CONTRACT) {
                contract.add(new Statement(step));
            }
        }
        for (Renames.TypeChange change : renames.types) {
            String alter = "ALTER TABLE " + change.table().toSql();
            contract.add(new Statement(
                    alter + " DROP COLUMN " + Identifiers.quote(change.column()),
                    EnumSet.of(Hazard.ACQUIRES_ACCESS_EXCLUSIVE_LOCK, Hazard.DELETES_DATA, Hazard.BREAKS_OLD_CODE),
                    true,
                    List.of("-- slipway:allow data-loss the values were copied as "
                            + change.newColumn().type()
                            + " to " + change.temporary() + " by the backfill "
                            + backfillName(change.table(), change.column())
                            + ", which this migration requires, and kept equal by a trigger until now")));
            contract.add(new Statement(
                    alter + " RENAME COLUMN " + Identifiers.quote(change.temporary()) + " TO "
                            + Identifiers.quote(change.column()),
                    EnumSet.of(Hazard.ACQUIRES_ACCESS_EXCLUSIVE_LOCK),
                    true,
                    List.of()));
        }
        for (PlanStep step : renameContract.steps()) {
            Statement statement = new Statement(step);
            for (Renames.ColumnRename rename : renames.columns) {
                if (step.hazards().contains(Hazard.DELETES_DATA)
                        && step.object().equals("column " + rename.table() + "." + rename.from())) {
                    contract.addAll(syncDrops.remove(rename));
                    statement = new Statement(
                            step.sql(),
                            step.hazards(),
                            step.transactional(),
                            List.of("-- slipway:allow data-loss the values were copied to " + rename.to()
                                    + " by the backfill " + backfillName(rename.table(), rename.to())
                                    + ", which this migration requires, and kept equal by a trigger until now"));
                }
            }
            contract.add(statement);
        }

        syncDrops.values().forEach(contract::addAll); // a rename whose old column the plan does not drop
        Set<String> existing =
                start.tables().stream().map(t -> t.name().toSql()).collect(Collectors.toSet());
        Set<String> existingAtContract = new java.util.HashSet<>(existing);
        to.tables().forEach(t -> existingAtContract.add(t.name().toSql()));
        List<Group> expandGroups = groups(expand, existing);
        List<Group> contractGroups = groups(contract, existingAtContract);
        List<String> versions = versions(clock, newestVersion, expandGroups.size() + contractGroups.size());

        List<String> expandIds = new ArrayList<>();
        for (int i = 0; i < expandGroups.size(); i++) {
            expandIds.add(versions.get(i) + "_" + changeName + (i == 0 ? "" : "_" + (i + 1)));
        }
        // backfills: renamed columns, then columns that become NOT NULL without a default
        for (Renames.ColumnRename rename : renames.columns) {
            Statement trigger = syncTriggers.get(rename);
            if (trigger == null) {
                throw new IllegalStateException("The plan adds no column " + rename.to() + " to " + rename.table());
            }
            String requires = expandIds.get(groupOf(expandGroups, trigger));
            backfills.put(
                    backfillName(rename.table(), rename.to()),
                    renameBackfill(rename, requires == null ? null : requires.substring(0, requires.indexOf('_'))));
        }
        for (Renames.TypeChange change : renames.types) {
            Statement trigger = typeTriggers.get(change);
            if (trigger == null) {
                throw new IllegalStateException(
                        "The plan adds no column " + change.temporary() + " to " + change.table());
            }
            String requires = expandIds.get(groupOf(expandGroups, trigger));
            backfills.put(
                    backfillName(change.table(), change.column()),
                    typeBackfill(change, requires.substring(0, requires.indexOf('_'))));
        }
        for (Table table : to.tables()) {
            Optional<Table> before = start.table(table.name());
            if (before.isEmpty()) {
                continue;
            }
            for (Column column : table.columns()) {
                if (!column.notNull()
                        || column.identity() != null
                        || column.generatedExpression() != null
                        || renames.columns.stream()
                                .anyMatch(r -> r.table().equals(table.name()) && r.to().equals(column.name()))) {
                    continue;
                }
                Optional<Column> was = before.get().column(column.name());
                if (was.isPresent() && was.get().notNull()
                        || was.isEmpty() && column.defaultExpression() != null
                        || backfills.containsKey(backfillName(table.name(), column.name()))) {
                    continue; // nothing to fill, the default fills the rows, or the type change's backfill
                }
                Statement add = addedColumns.get("column " + table.name() + "." + column.name());
                String requires = add == null ? null : expandIds.get(groupOf(expandGroups, add));
                backfills.put(
                        backfillName(table.name(), column.name()),
                        requiredBackfill(
                                table.name(),
                                column,
                                was.isEmpty(),
                                requires == null ? null : requires.substring(0, requires.indexOf('_'))));
            }
        }

        List<DevMigrations.File> files = new ArrayList<>();
        List<String> contractIds = new ArrayList<>();
        for (int i = 0; i < expandGroups.size(); i++) {
            files.add(file(expandIds.get(i), expandGroups.get(i), MigrationPhase.EXPAND, List.of()));
        }
        for (int i = 0; i < contractGroups.size(); i++) {
            String id = versions.get(expandGroups.size() + i) + "_" + changeName + "_contract"
                    + (i == 0 ? "" : "_" + (i + 1));
            contractIds.add(id);
            files.add(file(id, contractGroups.get(i), MigrationPhase.CONTRACT, List.copyOf(backfills.keySet())));
        }
        return new Result(files, List.copyOf(backfills.values()), renames, start, contractIds);
    }

    /**
     * What {@link #plan} found.
     *
     * @param files the migration files
     * @param backfills the backfills to declare
     * @param renames the renames resolved
     * @param start the schema as it is with the tables renamed
     * @param contractMigrations the ids of the contract migrations
     */
    public record Result(
            List<DevMigrations.File> files,
            List<DevMigrations.BackfillToDeclare> backfills,
            Renames renames,
            DatabaseSchema start,
            List<String> contractMigrations) {}

    /** The index of the group that holds the statement (the same object). */
    private static int groupOf(List<Group> groups, Statement statement) {
        for (int i = 0; i < groups.size(); i++) {
            for (Statement s : groups.get(i).statements()) {
                if (s == statement) {
                    return i;
                }
            }
        }
        throw new IllegalStateException("The statement is in no migration: " + statement.sql());
    }

    /**
     * Consecutive transactional statements in one migration, each other statement alone; a {@code VALIDATE
     * CONSTRAINT} of a constraint added {@code NOT VALID} in the same migration starts the next one (in one
     * transaction the validation would run under the lock of the {@code ADD}, and {@code NOT VALID} gain nothing),
     * and so does a statement that locks another existing table than the migration's (a transaction that holds the
     * lock of one table while it waits for another's queues the first table's queries, and can deadlock: the
     * linter's {@code multiple-tables-locked}).
     *
     * @param existing the tables that exist when the migrations run, as {@link QualifiedName#toSql()} writes them
     */
    private static List<Group> groups(List<Statement> statements, Set<String> existing) {
        List<Group> groups = new ArrayList<>();
        Group current = null;
        Set<String> addedNotValid = new java.util.HashSet<>();
        String lockedTable = null;
        for (Statement statement : statements) {
            if (!statement.transactional()) {
                groups.add(new Group(false, List.of(statement)));
                current = null;
                continue;
            }
            Matcher validate = VALIDATE.matcher(statement.sql());
            String table = lockedTable(statement.sql(), existing);
            if (current == null
                    || statement.startsMigration()
                    || validate.find() && addedNotValid.contains(validate.group(1))
                    || table != null && lockedTable != null && !table.equals(lockedTable)) {
                current = new Group(true, new ArrayList<>());
                groups.add(current);
                addedNotValid.clear();
                lockedTable = null;
            }
            if (table != null) {
                lockedTable = table;
            }
            Matcher add = ADD_NOT_VALID.matcher(statement.sql());
            if (add.find()) {
                addedNotValid.add(add.group(1));
            }
            current.statements().add(statement);
        }
        return groups;
    }

    /** The existing table a statement locks, or null. */
    private static String lockedTable(String sql, Set<String> existing) {
        Matcher matcher = LOCKED_TABLE.matcher(sql);
        if (!matcher.find()) {
            return null;
        }
        for (int i = 1; i <= matcher.groupCount(); i++) {
            if (matcher.group(i) != null) {
                return existing.contains(matcher.group(i)) ? matcher.group(i) : null;
            }
        }
        return null;
    }

    private static DevMigrations.File file(String id, Group group, MigrationPhase phase, List<String> backfills) {
        StringBuilder text = new StringBuilder();
        text.append("-- Written by slipway dev: the ")
                .append(phase == MigrationPhase.EXPAND ? "expand" : "contract")
                .append(" part of the change between the migrations and the desired schema.\n");
        if (phase == MigrationPhase.CONTRACT) {
            text.append("-- slipway:phase contract\n");
            if (!backfills.isEmpty()) {
                text.append("-- slipway:requires-backfill ")
                        .append(String.join(", ", backfills))
                        .append('\n');
            }
        }
        if (!group.transactional()) {
            text.append("-- slipway:transaction off\n");
        }
        boolean explained = false;
        for (Statement statement : group.statements()) {
            text.append('\n');
            boolean unreasonedLoss = statement.hazards().contains(Hazard.DELETES_DATA)
                    && statement.above().isEmpty();
            if (unreasonedLoss && !explained) {
                text.append("-- The next statement deletes data. Slipway cannot know why that is fine, so the\n")
                        .append("-- -- slipway:allow data-loss line below has no reason, and slipway lint (and\n")
                        .append("-- migrate, which lints first) refuses this file until you write after\n")
                        .append("-- 'data-loss' why the data may go, or change the desired schema.\n");
                explained = true;
            }
            if (!statement.hazards().isEmpty()) {
                text.append("-- hazards: ")
                        .append(EnumSet.copyOf(statement.hazards()).stream()
                                .map(Enum::name)
                                .collect(Collectors.joining(", ")))
                        .append('\n');
            }
            statement.above().forEach(line -> text.append(line).append('\n'));
            if (unreasonedLoss) {
                text.append("-- slipway:allow data-loss\n");
            }
            text.append(statement.sql()).append(";\n");
        }
        return new DevMigrations.File(id + "/migration.sql", text.toString());
    }

    private static List<Statement> syncTrigger(Renames.ColumnRename rename) {
        QualifiedName function = syncFunction(rename);
        String o = Identifiers.quote(rename.from());
        String n = Identifiers.quote(rename.to());
        String body = "CREATE FUNCTION " + function.toSql() + "() RETURNS trigger LANGUAGE plpgsql AS $slipway$\n"
                + "BEGIN\n"
                + "    -- keeps " + rename.from() + " (old code) and " + rename.to() + " (new code) equal while both"
                + " exist\n"
                + "    IF TG_OP = 'INSERT' THEN\n"
                + "        IF NEW." + n + " IS NULL THEN\n"
                + "            NEW." + n + " := NEW." + o + ";\n"
                + "        ELSE\n"
                + "            NEW." + o + " := NEW." + n + ";\n"
                + "        END IF;\n"
                + "    ELSIF NEW." + n + " IS DISTINCT FROM OLD." + n + " THEN\n"
                + "        NEW." + o + " := NEW." + n + ";\n"
                + "    ELSIF NEW." + o + " IS DISTINCT FROM OLD." + o + " THEN\n"
                + "        NEW." + n + " := NEW." + o + ";\n"
                + "    END IF;\n"
                + "    RETURN NEW;\n"
                + "END\n"
                + "$slipway$";
        return List.of(
                new Statement(
                        body,
                        Set.of(),
                        true,
                        List.of(
                                "-- Until the contract migration, old code writes " + rename.from() + " and new code "
                                        + rename.to() + ":",
                                "-- this trigger copies whichever was written to the other (an insert that sets "
                                        + rename.to() + " wins).")),
                new Statement(
                        "CREATE TRIGGER " + Identifiers.quote(function.name()) + " BEFORE INSERT OR UPDATE ON "
                                + rename.table().toSql() + " FOR EACH ROW EXECUTE FUNCTION " + function.toSql() + "()",
                        EnumSet.of(Hazard.ACQUIRES_SHARE_ROW_EXCLUSIVE_LOCK),
                        true,
                        List.of()));
    }

    static QualifiedName syncFunction(Renames.ColumnRename rename) {
        return syncFunction(rename.table(), rename.to());
    }

    static QualifiedName syncFunction(QualifiedName table, String column) {
        String name = "slipway_sync_" + table.name() + "_" + column;
        return new QualifiedName(table.schema(), name.length() > 63 ? name.substring(0, 63) : name);
    }

    /**
     * Columns whose type changes in a way the planner puts in the contract phase (not a widening) and that can move
     * through a temporary column: not identity or generated, not in the primary key of a table that has one (the
     * backfill walks it), not of a partitioned table or partition, and not an enum recreated around removed labels.
     */
    private static void findTypeChanges(SchemaPlan plan, DatabaseSchema start, DatabaseSchema to, Renames renames) {
        for (PlanStep step : plan.steps()) {
            if (step.phase() != MigrationPhase.CONTRACT
                    || !step.hazards().contains(Hazard.DELETES_DATA)
                    || !step.sql().contains(" TYPE ")
                    || !step.object().startsWith("column ")) {
                continue;
            }
            for (Table table : to.tables()) {
                Optional<Table> before = start.table(table.name());
                if (before.isEmpty() || table.partitioned() || table.partitionOf() != null) {
                    continue;
                }
                for (Column now : table.columns()) {
                    Optional<Column> was = before.get().column(now.name());
                    if (!step.object().equals("column " + table.name() + "." + now.name())
                            || was.isEmpty()
                            || was.get().type().equals(now.type())
                            || was.get().identity() != null
                            || now.identity() != null
                            || was.get().generatedExpression() != null
                            || now.generatedExpression() != null
                            || renames.types.stream()
                                    .anyMatch(t -> t.table().equals(table.name())
                                            && t.column().equals(now.name()))) {
                        continue;
                    }
                    boolean keyed = before.get().constraints().stream()
                            .anyMatch(c -> c.kind() == dev.slipway.migrate.schema.Constraint.Kind.PRIMARY_KEY
                                    && !c.columns().contains(now.name()));
                    if (keyed) {
                        renames.changeType(before.get(), was.get(), now);
                    }
                }
            }
        }
    }

    private static List<Statement> typeSyncTrigger(Renames.TypeChange change) {
        QualifiedName function = syncFunction(change.table(), change.temporary());
        String c = Identifiers.quote(change.column());
        String t = Identifiers.quote(change.temporary());
        String type = change.newColumn().type();
        String body = "CREATE FUNCTION " + function.toSql() + "() RETURNS trigger LANGUAGE plpgsql AS $slipway$\n"
                + "BEGIN\n"
                + "    -- keeps " + change.temporary() + " equal to " + change.column() + " as " + type
                + " until the contract migration swaps them\n"
                + "    IF TG_OP = 'INSERT' THEN\n"
                + "        NEW." + t + " := NEW." + c + "::" + type + ";\n"
                + "    ELSIF NEW." + c + " IS DISTINCT FROM OLD." + c + " THEN\n"
                + "        NEW." + t + " := NEW." + c + "::" + type + ";\n"
                + "    END IF;\n"
                + "    RETURN NEW;\n"
                + "END\n"
                + "$slipway$";
        return List.of(
                new Statement(
                        body,
                        Set.of(),
                        true,
                        List.of(
                                "-- " + change.column() + " of " + change.table() + " becomes " + type + ", which old"
                                        + " code cannot live with: until the contract migration",
                                "-- swaps it in, " + change.temporary() + " holds the converted value of every write"
                                        + " (a value that does not convert fails the write).")),
                new Statement(
                        "CREATE TRIGGER " + Identifiers.quote(function.name()) + " BEFORE INSERT OR UPDATE ON "
                                + change.table().toSql() + " FOR EACH ROW EXECUTE FUNCTION " + function.toSql() + "()",
                        EnumSet.of(Hazard.ACQUIRES_SHARE_ROW_EXCLUSIVE_LOCK),
                        true,
                        List.of()));
    }

    private static DevMigrations.BackfillToDeclare typeBackfill(Renames.TypeChange change, String requires) {
        String t = Identifiers.quote(change.temporary());
        String value =
                Identifiers.quote(change.column()) + "::" + change.newColumn().type();
        String set = t + " = " + value;
        String where = t + " IS DISTINCT FROM " + value;
        String name = backfillName(change.table(), change.column());
        return new DevMigrations.BackfillToDeclare(
                name,
                change.table(),
                set,
                where,
                requires,
                "converts " + change.column() + " to " + change.newColumn().type() + " in " + change.temporary()
                        + " for the rows written before the sync trigger",
                java(name, change.table(), javaString(set), where, requires));
    }

    static String backfillName(QualifiedName table, String column) {
        return (table.name() + "_" + column).toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9_]", "_");
    }

    private static DevMigrations.BackfillToDeclare renameBackfill(Renames.ColumnRename rename, String requires) {
        String n = Identifiers.quote(rename.to());
        String value = Identifiers.quote(rename.from())
                + (rename.oldColumn().type().equals(rename.newColumn().type())
                        ? ""
                        : "::" + rename.newColumn().type());
        String set = n + " = " + value;
        String where = n + " IS DISTINCT FROM " + value;
        String name = backfillName(rename.table(), rename.to());
        return new DevMigrations.BackfillToDeclare(
                name,
                rename.table(),
                set,
                where,
                requires,
                "copies " + rename.from() + " into " + rename.to() + " (renamed) for the rows written before the sync"
                        + " trigger",
                java(name, rename.table(), javaString(set), where, requires));
    }

    private static DevMigrations.BackfillToDeclare requiredBackfill(
            QualifiedName table, Column column, boolean added, String requires) {
        String c = Identifiers.quote(column.name());
        String where = c + " IS NULL";
        String name = backfillName(table, column.name());
        if (column.defaultExpression() != null) {
            // a column that exists becomes NOT NULL with a default: the rows without a value take the default
            String set = c + " = " + column.defaultExpression();
            return new DevMigrations.BackfillToDeclare(
                    name,
                    table,
                    set,
                    where,
                    requires,
                    "the column " + column.name() + " of " + table + " becomes NOT NULL: the rows that hold no value"
                            + " take its default before the contract migration sets NOT NULL",
                    java(name, table, javaString(set), where, requires));
        }
        String reason = (added ? "the new column " : "the column ") + column.name() + " of " + table
                + " becomes NOT NULL without a default: the rows that hold no value need one before the contract"
                + " migration sets NOT NULL";
        String set = "/* write the value for the rows that have none, e.g. \""
                + column.name().replace("\"", "") + " = <expression over the other columns>\" */";
        return new DevMigrations.BackfillToDeclare(
                name, table, null, where, requires, reason, java(name, table, set, where, requires));
    }

    private static String java(String name, QualifiedName table, String setArgument, String where, String requires) {
        return "@Bean\nBackfill " + camel(name) + "() {\n"
                + "    return Backfill.named(" + javaString(name) + ")\n"
                + "            .schema(" + javaString(table.schema()) + ")\n"
                + "            .table(" + javaString(table.name()) + ")\n"
                + "            .set(" + setArgument + ")\n"
                + "            .where(" + javaString(where) + ")\n"
                + (requires == null ? "" : "            .requires(" + javaString(requires) + ")\n")
                + "            .build();\n}\n";
    }

    private static String javaString(String value) {
        return "\"" + value.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
    }

    private static String camel(String name) {
        StringBuilder out = new StringBuilder();
        boolean upper = false;
        for (char c : name.toCharArray()) {
            if (c == '_') {
                upper = out.length() > 0;
            } else {
                out.append(upper ? Character.toUpperCase(c) : c);
                upper = false;
            }
        }
        return out.length() == 0 || !Character.isJavaIdentifierStart(out.charAt(0)) ? "backfill" + out : out.toString();
    }

    /** {@code count} versions one second apart, from the clock or after the newest existing one. */
    static List<String> versions(Clock clock, String newestVersion, int count) {
        LocalDateTime first =
                LocalDateTime.ofInstant(clock.instant(), ZoneOffset.UTC).withNano(0);
        if (newestVersion != null && newestVersion.matches("\\d+")) {
            BigInteger newest = new BigInteger(newestVersion);
            if (newest.compareTo(new BigInteger(first.format(VERSION))) >= 0) {
                try {
                    first = LocalDateTime.parse(newestVersion, VERSION).plusSeconds(1);
                } catch (DateTimeParseException e) {
                    throw new SlipwayException(
                            SlipwayError.OTHER,
                            "The newest migration's version " + newestVersion + " is later than the clock and is not"
                                    + " a yyyyMMddHHmmss timestamp, so no later version can be made from the clock.",
                            Action.text("Write the migrations by hand with versions after " + newestVersion + "."));
                }
            }
        }
        List<String> versions = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            versions.add(first.plusSeconds(i).format(VERSION));
        }
        return versions;
    }

    private static String migrationName(String name) {
        String cleaned = name == null
                ? ""
                : name.strip()
                        .toLowerCase(Locale.ROOT)
                        .replaceAll("[^a-z0-9_]+", "_")
                        .replaceAll("^_+|_+$", "");
        if (cleaned.isEmpty()) {
            throw new SlipwayException(
                    SlipwayError.OTHER,
                    "'" + name + "' is no name for a migration.",
                    Action.text("Name the change in a few words of letters, digits and underscores, e.g."
                            + " add_customer_email."));
        }
        return cleaned;
    }
}
