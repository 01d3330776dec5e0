package dev.slipway.migrate.internal.engine;

import dev.slipway.migrate.internal.sql.SqlStatement;
import dev.slipway.migrate.internal.sql.SqlStatements;
import java.util.List;
import java.util.Set;

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
 * </ol>
 * Anything else leaves the migration {@code FAILED} until a person checks and resolves it.
 */
public final class Resumption {

    private static final Set<String> REPEATABLE = Set.of("VACUUM", "ANALYZE", "ANALYSE", "REINDEX");

    private Resumption() {
    }

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
            if (words.get(i).equals("IF") && (words.get(i + 1).equals("EXISTS")
                    || (words.get(i + 1).equals("NOT") && i + 2 < words.size() && words.get(i + 2).equals("EXISTS")))) {
                return true;
            }
        }
        return false;
    }
}
