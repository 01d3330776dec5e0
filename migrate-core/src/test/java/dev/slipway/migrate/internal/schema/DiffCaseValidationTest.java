package dev.slipway.migrate.internal.schema;

import static org.assertj.core.api.Assertions.assertThat;

import dev.slipway.migrate.test.PostgresExtension;
import dev.slipway.migrate.test.TestDatabase;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The acceptance corpus itself is sound, without the reader or the planner: every case parses, each group has
 * cases, there are enough of them, and each case's {@code old} and {@code new} apply cleanly to a fresh database,
 * differ, and keep the columns that both have in the same order with new ones last (a plan never reorders columns).
 */
@ExtendWith(PostgresExtension.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class DiffCaseValidationTest {

    private static final int MINIMUM_CASES = 150;

    private DiffCaseDatabase scratch;

    @BeforeAll
    void createScratchDatabase(TestDatabase db) {
        scratch = DiffCaseDatabase.create(db, "validate");
    }

    @AfterAll
    void dropScratchDatabase() {
        if (scratch != null) {
            scratch.close();
        }
    }

    @Test
    void everyCaseParsesAndTheCorpusIsLargeEnough() {
        List<DiffCase> cases = DiffCaseCorpus.all();
        assertThat(cases).as("cases in the corpus").hasSizeGreaterThanOrEqualTo(MINIMUM_CASES);
    }

    @Test
    void everyGroupHasCasesAndNoOtherFolderExists() {
        assertThat(DiffCaseCorpus.groupFolders())
                .as("group folders under %s", DiffCaseCorpus.ROOT)
                .containsExactlyInAnyOrderElementsOf(DiffCaseCorpus.GROUPS);
        for (String group : DiffCaseCorpus.GROUPS) {
            assertThat(DiffCaseCorpus.group(group))
                    .as("cases of group %s", group)
                    .hasSizeGreaterThanOrEqualTo(3);
        }
    }

    @Test
    void caseNumbersAreUniqueInEachGroup() {
        for (String group : DiffCaseCorpus.GROUPS) {
            Map<String, List<String>> byNumber = DiffCaseCorpus.group(group).stream()
                    .map(DiffCase::name)
                    .collect(Collectors.groupingBy(name -> name.substring(0, 3)));
            assertThat(byNumber.values().stream().filter(names -> names.size() > 1))
                    .as("cases of group %s that share a number", group)
                    .isEmpty();
        }
    }

    @TestFactory
    Stream<DynamicTest> oldAndNewApplyToAFreshDatabaseAndDiffer() {
        return DiffCaseCorpus.all().stream()
                .map(diffCase -> DynamicTest.dynamicTest(diffCase.id(), () -> {
                    scratch.reset();
                    scratch.apply(diffCase.oldSql(), diffCase.file() + " (-- old)");
                    String oldDump = SchemaDump.of(scratch);
                    Map<String, List<String>> oldColumns = columnsByTable();
                    List<String> oldExtensions = extensionVersions();

                    scratch.reset();
                    scratch.apply(diffCase.newSql(), diffCase.file() + " (-- new)");
                    String newDump = SchemaDump.of(scratch);
                    Map<String, List<String>> newColumns = columnsByTable();
                    List<String> newExtensions = extensionVersions();

                    assertThat(oldDump.equals(newDump) && oldExtensions.equals(newExtensions))
                            .as("%s: old and new give the same schema, so the case tests nothing", diffCase.file())
                            .isFalse();
                    for (Map.Entry<String, List<String>> table : newColumns.entrySet()) {
                        List<String> before = oldColumns.get(table.getKey());
                        if (before == null) {
                            continue;
                        }
                        List<String> kept = before.stream()
                                .filter(table.getValue()::contains)
                                .toList();
                        List<String> expected = new ArrayList<>(kept);
                        table.getValue().stream()
                                .filter(column -> !before.contains(column))
                                .forEach(expected::add);
                        assertThat(table.getValue())
                                .as(
                                        "%s: columns of %s in -- new; a plan adds columns at the end and never reorders"
                                                + " them, so write new columns last",
                                        diffCase.file(), table.getKey())
                                .containsExactlyElementsOf(expected);
                    }
                }));
    }

    private Map<String, List<String>> columnsByTable() throws SQLException {
        String sql = """
                SELECT format('%I.%I', n.nspname, c.relname), a.attname
                FROM pg_attribute a
                JOIN pg_class c ON c.oid = a.attrelid
                JOIN pg_namespace n ON n.oid = c.relnamespace
                WHERE c.relkind IN ('r', 'p') AND a.attnum > 0 AND NOT a.attisdropped
                  AND n.nspname NOT IN ('pg_catalog', 'information_schema')
                ORDER BY 1, a.attnum""";
        Map<String, List<String>> columns = new LinkedHashMap<>();
        try (Connection connection = scratch.connect();
                Statement statement = connection.createStatement();
                ResultSet rows = statement.executeQuery(sql)) {
            while (rows.next()) {
                columns.computeIfAbsent(rows.getString(1), key -> new ArrayList<>())
                        .add(rows.getString(2));
            }
        }
        return columns;
    }

    private List<String> extensionVersions() throws SQLException {
        try (Connection connection = scratch.connect();
                Statement statement = connection.createStatement();
                ResultSet rows =
                        statement.executeQuery("SELECT extname || ' ' || extversion FROM pg_extension ORDER BY 1")) {
            List<String> versions = new ArrayList<>();
            while (rows.next()) {
                versions.add(rows.getString(1));
            }
            return versions;
        }
    }
}
