package dev.slipway.migrate.internal.engine;

import dev.slipway.migrate.Action;
import dev.slipway.migrate.MigrationInfo;
import dev.slipway.migrate.MigrationPhase;
import dev.slipway.migrate.MigrationState;
import dev.slipway.migrate.Setting;
import dev.slipway.migrate.SlipwayError;
import dev.slipway.migrate.ValidationProblem;
import dev.slipway.migrate.internal.discovery.MigrationScript;
import dev.slipway.migrate.internal.discovery.MigrationText;
import dev.slipway.migrate.internal.discovery.MigrationVersion;
import dev.slipway.migrate.internal.history.HistoryRow;
import dev.slipway.migrate.internal.sql.SecretMasker;
import dev.slipway.migrate.internal.sql.SqlStatement;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * Merges the migrations on disk with the history table into one ordered list of {@link Entry}s.
 *
 * <ol>
 *   <li>The latest row of each version (history is ordered oldest first) decides: applied (then checksum
 *       equal → {@code APPLIED}, different → {@code MODIFIED}, no file → {@code FUTURE} above the newest file,
 *       {@code MISSING} at or below it, or when there is no file at all), rolled back ({@code ROLLED_BACK}),
 *       failed with an error ({@code PENDING}, resumable, error shown), or interrupted without an error.</li>
 *   <li>An applied row whose version has a file under another name is a renamed migration: {@code MISSING},
 *       with the renamed file {@code PENDING} beside it (never {@code FUTURE}: its version is on disk).</li>
 *   <li>An interrupted attempt is running right now if another session holds the lock ({@code PENDING});
 *       otherwise it crashed, and it is {@code PENDING} when its next statement is safe to run again
 *       ({@link Resumption}) or {@code FAILED} when a person must look.</li>
 *   <li>{@code MODIFIED}, {@code MISSING} (unless ignored) and {@code FAILED} carry a validation problem worded
 *       as what happened, the facts side by side, and what to do. An expand migration {@code FUTURE} carries none:
 *       a newer version of the application applied it during a rolling release, and this one leaves it alone. A
 *       contract migration {@code FUTURE} does: it removed what this older version's code may use, so this
 *       version must not start or serve (an old instance that registers while one applies fails here).</li>
 *   <li>Repeatable migrations ({@code R__<description>.sql}, rows of version {@link HistoryRow#REPEATABLE}) come
 *       after the versioned ones, in description order ({@link #repeatables}): {@code APPLIED} (or
 *       {@code BASELINE}) when the latest successful apply of that name recorded the file's checksum, else
 *       {@code PENDING}, new or changed, with the checksum of the latest apply beside the file's, and the error of a
 *       failed or interrupted attempt since. A repeatable migration is never {@code MODIFIED} or {@code FAILED}: a
 *       change is what makes it run again, and it always runs again whole.</li>
 *   <li>An applied repeatable migration without a file is {@code MISSING} without a validation problem, even when
 *       missing migrations are not ignored: removing a repeatable migration (a view that is no longer wanted) is an
 *       ordinary change, and during a rolling release an older instance does not ship the repeatable migrations a
 *       newer one added. Nothing of it runs again, and its rows stay.</li>
 * </ol>
 */
public final class MigrationPlanner {

    private final String historyName;
    private final boolean ignoreMissing;

    public MigrationPlanner(String historyName, boolean ignoreMissing) {
        this.historyName = historyName;
        this.ignoreMissing = ignoreMissing;
    }

    /**
     * @param all the migrations on disk: the versioned ones in version order, and the repeatable ones (planned after
     *     them, in description order)
     * @param history every history row, oldest first
     * @param lockHeldElsewhere whether another session holds the migration lock now (an unfinished attempt
     *     may then be running rather than interrupted)
     */
    public List<Entry> plan(List<MigrationScript> all, List<HistoryRow> history, boolean lockHeldElsewhere) {
        List<MigrationScript> scripts =
                all.stream().filter(script -> !script.repeatable()).toList();
        Map<MigrationVersion, HistoryRow> latest = new LinkedHashMap<>();
        for (HistoryRow row : history) {
            if (!row.isRepeatable()) {
                latest.put(MigrationVersion.parse(row.version()), row);
            }
        }
        Map<MigrationVersion, MigrationScript> byVersion = new HashMap<>();
        for (MigrationScript script : scripts) {
            byVersion.put(script.version(), script);
        }
        List<Entry> entries = new ArrayList<>();
        for (MigrationScript script : scripts) {
            HistoryRow row = latest.get(script.version());
            if (row != null && row.isApplied() && !row.name().equals(script.name())) {
                // Same version, another name: the applied migration was renamed. Its file is gone as far as the
                // history can tell, and the renamed one must not run a second time.
                entries.add(missing(row, script, null));
                entries.add(new Entry(script, null, info(script, null, MigrationState.PENDING, null), null));
            } else {
                entries.add(entry(script, row, lockHeldElsewhere));
            }
        }
        MigrationVersion newest = scripts.stream()
                .map(MigrationScript::version)
                .max(Comparator.naturalOrder())
                .orElse(null);
        for (Map.Entry<MigrationVersion, HistoryRow> e : latest.entrySet()) {
            if (!byVersion.containsKey(e.getKey()) && e.getValue().isApplied()) {
                entries.add(
                        isFuture(e.getKey(), newest)
                                ? future(e.getValue(), newest)
                                : missing(e.getValue(), null, newest));
            }
        }
        entries.sort(Comparator.comparing(e -> MigrationVersion.parse(e.info().version())));
        entries.addAll(
                repeatables(all.stream().filter(MigrationScript::repeatable).toList(), history, lockHeldElsewhere));
        return entries;
    }

    /**
     * The repeatable migrations, in description order: each file, and each name without a file that was applied.
     * Per name, the latest successful apply decides whether the file is applied (same checksum) or pending (none, or
     * another checksum); an attempt after that apply that did not finish (it failed, or was interrupted: it left
     * nothing behind in a transaction, and outside one it runs again whole) gives its error.
     */
    private List<Entry> repeatables(
            List<MigrationScript> scripts, List<HistoryRow> history, boolean lockHeldElsewhere) {
        Map<String, Rows> byName = repeatableRows(history);
        Map<String, Entry> entries = new TreeMap<>();
        for (MigrationScript script : scripts) {
            Rows rows = byName.getOrDefault(script.name(), Rows.NONE);
            entries.put(script.name(), repeatable(script, rows, lockHeldElsewhere));
        }
        for (Map.Entry<String, Rows> e : byName.entrySet()) {
            HistoryRow applied = e.getValue().applied();
            if (!entries.containsKey(e.getKey()) && applied != null) {
                entries.put(e.getKey(), new Entry(null, applied, withoutFile(applied, MigrationState.MISSING), null));
            }
        }
        return new ArrayList<>(entries.values());
    }

    private Entry repeatable(MigrationScript script, Rows rows, boolean lockHeldElsewhere) {
        HistoryRow applied = rows.applied();
        HistoryRow attempt = rows.attempt();
        if (applied != null && applied.checksum().equals(script.checksum())) {
            return new Entry(
                    script,
                    applied,
                    repeatableInfo(
                            script,
                            applied,
                            applied,
                            applied.isBaseline() ? MigrationState.BASELINE : MigrationState.APPLIED,
                            null),
                    null);
        }
        String error = null;
        if (attempt != null) {
            error = attempt.logs();
            if (error == null && !lockHeldElsewhere) {
                error = "interrupted after " + attempt.appliedSteps() + " of its statements; a repeatable migration "
                        + "runs again from its first statement";
            }
        }
        HistoryRow shown = attempt != null ? attempt : applied;
        return new Entry(script, shown, repeatableInfo(script, shown, applied, MigrationState.PENDING, error), null);
    }

    /**
     * The rows of one repeatable migration that decide its state.
     *
     * @param applied the latest successful apply (not rolled back), or null
     * @param attempt the latest attempt, when it came after that apply and did not finish (failed or interrupted)
     */
    private record Rows(HistoryRow applied, HistoryRow attempt) {

        static final Rows NONE = new Rows(null, null);
    }

    /** The rows of the repeatable migrations by name, in name order. */
    private static Map<String, Rows> repeatableRows(List<HistoryRow> history) {
        Map<String, Rows> byName = new TreeMap<>();
        for (HistoryRow row : history) {
            if (!row.isRepeatable()) {
                continue;
            }
            Rows rows = byName.getOrDefault(row.name(), Rows.NONE);
            if (row.isApplied()) {
                rows = new Rows(row, null);
            } else if (row.isUnfinished()) {
                rows = new Rows(rows.applied(), row);
            }
            byName.put(row.name(), rows);
        }
        return byName;
    }

    /**
     * The fast path of a restart: whether every file is applied under its name with its checksum, and every
     * applied migration still has its file (unless missing ones are ignored) or is from the future (above the newest
     * file). A repeatable file among {@code all} is applied when the latest successful apply of its name recorded its
     * checksum; repeatable rows without a file are no problem. Needs no SQL parsing.
     */
    public boolean isUpToDate(List<MigrationText> all, List<HistoryRow> history) {
        if (!repeatablesApplied(all, history)) {
            return false;
        }
        List<MigrationText> files = versioned(all);
        Map<MigrationVersion, HistoryRow> latest = new HashMap<>();
        for (HistoryRow row : history) {
            if (!row.isRepeatable()) {
                latest.put(MigrationVersion.parse(row.version()), row);
            }
        }
        for (MigrationText file : files) {
            HistoryRow row = latest.remove(file.version());
            if (row == null
                    || !row.isApplied()
                    || !row.name().equals(file.name())
                    || !row.checksum().equals(file.checksum())) {
                return false;
            }
        }
        return noneMissing(files, latest.values());
    }

    /**
     * The fast path of a restart while contract migrations wait: like {@link #isUpToDate}, except that a file whose
     * header declares {@code -- slipway:phase contract} may also be pending (never attempted, rolled back, or after
     * a failed attempt that recorded its error), since {@code migrate()} leaves it alone. Repeatable files must be
     * applied, as for {@link #isUpToDate}. Reads only the headers of those files; splits nothing.
     */
    public boolean isUpToDateExceptContract(List<MigrationText> all, List<HistoryRow> history) {
        if (!repeatablesApplied(all, history)) {
            return false;
        }
        List<MigrationText> files = versioned(all);
        Map<MigrationVersion, HistoryRow> latest = new HashMap<>();
        for (HistoryRow row : history) {
            if (!row.isRepeatable()) {
                latest.put(MigrationVersion.parse(row.version()), row);
            }
        }
        for (MigrationText file : files) {
            HistoryRow row = latest.remove(file.version());
            boolean applied = row != null
                    && row.isApplied()
                    && row.name().equals(file.name())
                    && row.checksum().equals(file.checksum());
            boolean waitingContract = (row == null || !row.isApplied() && !row.isInterrupted())
                    && file.headerPhase().orElse(MigrationPhase.EXPAND) == MigrationPhase.CONTRACT;
            if (!applied && !waitingContract) {
                return false;
            }
        }
        return noneMissing(files, latest.values());
    }

    /**
     * The applied migrations from the future: the latest row of each version above the newest file that is applied,
     * oldest first; none when there is no file at all (see {@link MigrationState#FUTURE}). Contract migrations among
     * them are validation problems ({@link #plan}).
     */
    public List<HistoryRow> future(List<MigrationText> files, List<HistoryRow> history) {
        Optional<MigrationVersion> newest =
                versioned(files).stream().map(MigrationText::version).max(Comparator.naturalOrder());
        if (newest.isEmpty()) {
            return List.of();
        }
        Map<MigrationVersion, HistoryRow> latest = new LinkedHashMap<>();
        for (HistoryRow row : history) {
            if (!row.isRepeatable()) {
                latest.put(MigrationVersion.parse(row.version()), row);
            }
        }
        return latest.entrySet().stream()
                .filter(e -> e.getValue().isApplied() && isFuture(e.getKey(), newest.get()))
                .sorted(Map.Entry.comparingByKey())
                .map(Map.Entry::getValue)
                .toList();
    }

    /**
     * Whether the applied rows left without a file are all expand migrations from the future, or missing ones that
     * are ignored: a contract migration from the future is a problem, for {@link #plan} to word.
     */
    /**
     * Whether every repeatable file among {@code files} is applied: the latest successful apply of its name recorded
     * its checksum.
     */
    private static boolean repeatablesApplied(List<MigrationText> files, List<HistoryRow> history) {
        Map<String, String> appliedChecksum = new HashMap<>();
        for (HistoryRow row : history) {
            if (row.isRepeatable() && row.isApplied()) {
                appliedChecksum.put(row.name(), row.checksum());
            }
        }
        return files.stream()
                .filter(MigrationText::repeatable)
                .allMatch(file -> file.checksum().equals(appliedChecksum.get(file.name())));
    }

    private static List<MigrationText> versioned(List<MigrationText> files) {
        return files.stream().filter(file -> !file.repeatable()).toList();
    }

    private boolean noneMissing(List<MigrationText> files, Collection<HistoryRow> withoutFile) {
        MigrationVersion newest = files.stream()
                .map(MigrationText::version)
                .max(Comparator.naturalOrder())
                .orElse(null);
        return withoutFile.stream().filter(HistoryRow::isApplied).allMatch(row -> {
            if (isFuture(MigrationVersion.parse(row.version()), newest)) {
                return !isContract(row);
            }
            return ignoreMissing;
        });
    }

    /** Whether the history row records a contract migration. */
    static boolean isContract(HistoryRow row) {
        return phase(row.phase()) == MigrationPhase.CONTRACT;
    }

    /**
     * Whether an applied version without a file is from the future: above {@code newest}, the newest file. With no
     * file at all ({@code newest} null) nothing is: an application that ships no migrations is not an older release
     * of the one that applied them (more likely its locations are wrong), so its applied migrations are missing.
     */
    private static boolean isFuture(MigrationVersion version, MigrationVersion newest) {
        return newest != null && version.compareTo(newest) > 0;
    }

    private Entry entry(MigrationScript script, HistoryRow row, boolean lockHeldElsewhere) {
        if (row == null) {
            return new Entry(script, null, info(script, null, MigrationState.PENDING, null), null);
        }
        if (row.isApplied()) {
            if (row.checksum().equals(script.checksum())) {
                return new Entry(
                        script,
                        row,
                        info(script, row, row.isBaseline() ? MigrationState.BASELINE : MigrationState.APPLIED, null),
                        null);
            }
            MigrationInfo info = info(script, row, MigrationState.MODIFIED, null);
            return new Entry(script, row, info, modified(script, row, info));
        }
        if (row.isRolledBack()) {
            return new Entry(script, row, info(script, row, MigrationState.ROLLED_BACK, row.logs()), null);
        }
        if (!row.isInterrupted() || lockHeldElsewhere || script.transactional()) {
            return new Entry(script, row, info(script, row, MigrationState.PENDING, row.logs()), null);
        }
        List<SqlStatement> statements = script.statements();
        int next = row.appliedSteps();
        if (next >= statements.size() || Resumption.safeToRerun(statements.get(next))) {
            return new Entry(script, row, info(script, row, MigrationState.PENDING, null), null);
        }
        SqlStatement statement = statements.get(next);
        String error = "interrupted while running statement " + statement.number() + " (line " + statement.line() + ")";
        MigrationInfo info = info(script, row, MigrationState.FAILED, error);
        return new Entry(script, row, info, interrupted(script, row, statement, info));
    }

    /**
     * An applied migration above the newest file: a newer version of the application applied it. An expand migration
     * is no problem: the older code ran beside it during the rollout, and may run again. A contract migration is: it
     * applied only once no instance of an older version was left, and removed what that older code may use.
     */
    private Entry future(HistoryRow row, MigrationVersion newest) {
        MigrationInfo info = withoutFile(row, MigrationState.FUTURE);
        if (!isContract(row)) {
            return new Entry(null, row, info, null);
        }
        String description = "Migration " + info.id() + " is a contract migration that a newer version of the "
                + "application applied; this version does not ship it, and its code may still use what the migration "
                + "removed.\n"
                + "-> applied at: " + row.finishedAt() + " by " + row.appliedBy() + "\n"
                + "-> the newest migration file of this version is " + newest;
        Action action = Action.text("Run a version of the application that ships migration " + info.id() + ": a "
                + "contract migration applies only once no instance of an older version runs, and an older version "
                + "cannot come back after it.");
        return new Entry(
                null,
                row,
                info,
                new ValidationProblem(info, SlipwayError.CONTRACT_FROM_NEWER_VERSION, description, action));
    }

    /**
     * An applied migration whose file is gone: deleted, or renamed ({@code renamedTo}, the file now at its version).
     * @param newest the newest file, or null when there is none or the migration was renamed
     */
    private Entry missing(HistoryRow row, MigrationScript renamedTo, MigrationVersion newest) {
        MigrationInfo info = withoutFile(row, MigrationState.MISSING);
        if (ignoreMissing) {
            return new Entry(null, row, info, null);
        }
        String description = "Migration " + info.id() + " was applied but its file is gone.\n"
                + "-> applied at: " + row.finishedAt() + " by " + row.appliedBy() + "\n"
                + "-> recorded in " + historyName + " with checksum " + row.checksum() + "\n"
                + (renamedTo == null
                        ? ""
                        : "-> " + renamedTo.source() + " has the same version: was the migration " + "renamed from "
                                + info.id() + " to " + renamedTo.id() + "?\n")
                + (renamedTo != null
                        ? ""
                        : newest == null
                                ? "-> no migration file was found in the configured " + "locations\n"
                                : "-> the newest migration file is " + newest + ", so this one is not from a "
                                        + "newer version of the application\n");
        Action action = Action.of(
                "Restore the migration (a migration must keep its folder or file name once "
                        + "applied), or set {} if it was removed on purpose.",
                Setting.VALIDATE_IGNORE_MISSING.to("true"));
        return new Entry(
                null,
                row,
                info,
                new ValidationProblem(info, SlipwayError.MIGRATION_MISSING, description.stripTrailing(), action));
    }

    private static MigrationInfo withoutFile(HistoryRow row, MigrationState state) {
        return new MigrationInfo(
                row.isRepeatable() ? null : row.version(),
                row.name(),
                phase(row.phase()),
                state,
                null,
                row.checksum(),
                null,
                false,
                0,
                row.appliedSteps(),
                row.startedAt(),
                row.finishedAt(),
                row.rolledBackAt(),
                row.executionMs(),
                row.appliedBy(),
                null);
    }

    private ValidationProblem modified(MigrationScript script, HistoryRow row, MigrationInfo info) {
        return new ValidationProblem(
                info,
                SlipwayError.MIGRATION_MODIFIED,
                "Migration " + script.id() + " was changed after it was applied.\n"
                        + "-> checksum in " + historyName + ": " + row.checksum() + "\n"
                        + "-> checksum of the file now:" + " ".repeat(Math.max(1, historyName.length() - 11))
                        + script.checksum() + "\n"
                        + "-> file: " + script.source(),
                Action.text("Restore the file as it was applied, or write a new migration for the change."));
    }

    private ValidationProblem interrupted(
            MigrationScript script, HistoryRow row, SqlStatement statement, MigrationInfo info) {
        return new ValidationProblem(
                info,
                SlipwayError.MIGRATION_INTERRUPTED,
                "Migration " + script.id() + " was interrupted while it ran statement " + statement.number()
                        + " (line " + statement.line() + " of " + script.source()
                        + "); it runs outside a transaction, so "
                        + row.appliedSteps() + " of its " + script.statements().size() + " statements are applied and "
                        + "whether statement " + statement.number() + " took effect is not known.\n"
                        + "-> statement " + statement.number() + ": " + abbreviate(statement.sql()) + "\n"
                        + "-> attempt started at " + row.startedAt() + " by " + row.appliedBy(),
                Action.text("Check the database, then resolve it: finish the migration by hand and resolve it as "
                        + "applied, or undo its partial changes and resolve it as rolled back so that it runs again."));
    }

    MigrationInfo info(MigrationScript script, HistoryRow row, MigrationState state, String error) {
        return info(script, row, state, error, null);
    }

    /** The public view of a migration on disk; {@code awaitingReason} only for {@link MigrationState#AWAITING}. */
    MigrationInfo info(
            MigrationScript script, HistoryRow row, MigrationState state, String error, String awaitingReason) {
        return new MigrationInfo(
                script.repeatable() ? null : script.version().toString(),
                script.name(),
                script.phase(),
                state,
                script.checksum(),
                row == null ? null : row.checksum(),
                script.source(),
                script.transactional(),
                script.statements().size(),
                row == null ? 0 : row.appliedSteps(),
                row == null ? null : row.startedAt(),
                row == null ? null : row.finishedAt(),
                row == null ? null : row.rolledBackAt(),
                row == null ? null : row.executionMs(),
                row == null ? null : row.appliedBy(),
                error,
                awaitingReason);
    }

    /**
     * The public view of a repeatable migration on disk: the times, steps and error of {@code shown} (its latest
     * attempt that matters: the apply, or a failed or interrupted attempt after it), and the checksum of its latest
     * apply as {@link MigrationInfo#appliedChecksum()}, so that a changed one shows both checksums.
     */
    private MigrationInfo repeatableInfo(
            MigrationScript script, HistoryRow shown, HistoryRow applied, MigrationState state, String error) {
        MigrationInfo info = info(script, shown, state, error);
        return new MigrationInfo(
                info.version(),
                info.name(),
                info.phase(),
                info.state(),
                info.checksum(),
                applied == null ? null : applied.checksum(),
                info.source(),
                info.transactional(),
                info.statementCount(),
                info.appliedSteps(),
                info.startedAt(),
                info.finishedAt(),
                info.rolledBackAt(),
                info.executionMs(),
                info.appliedBy(),
                info.error(),
                info.awaitingReason());
    }

    /** A statement on one line, shortened, with its secrets hidden ({@link SecretMasker}). */
    static String abbreviate(String sql) {
        String flat = SecretMasker.mask(sql).replaceAll("\\s+", " ").trim();
        return flat.length() <= 160 ? flat : flat.substring(0, 157) + "...";
    }

    private static MigrationPhase phase(String phase) {
        try {
            return MigrationPhase.valueOf(phase.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException | NullPointerException e) {
            return MigrationPhase.EXPAND;
        }
    }
}
