package dev.slipway.migrate;

import static org.assertj.core.api.Assertions.assertThat;

import dev.slipway.migrate.test.PostgresExtension;
import dev.slipway.migrate.test.TestDatabase;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Three project histories of more than a hundred migrations each (src/test/resources/histories: Prisma's layout,
 * Flyway's dotted versions in sub-folders, Django's sqlmigrate output in timestamp folders) applied the two ways a
 * new user compares:
 *
 * <ol>
 *   <li>psql applies the files in version order, stopping at the first error, into database A;</li>
 *   <li>Slipway with its default settings (lint mode {@code fail}, data-loss checks on) applies them into database
 *       B, which starts as empty as A;</li>
 *   <li>{@code pg_dump --schema-only} of both, without Slipway's own tables, must be the same text.</li>
 * </ol>
 *
 * The histories hold what real ones hold: seed rows dropped years later, a scratch column created, filled and
 * dropped in one migration, indexes and foreign keys on tables of earlier migrations, {@code CREATE INDEX
 * CONCURRENTLY} without a directive, {@code ALTER TYPE ... ADD VALUE}, dollar-quoted bodies and comment-only files.
 */
@ExtendWith(PostgresExtension.class)
class HistoriesOnAFreshDatabaseTest {

    private final TestDatabase db;

    HistoriesOnAFreshDatabaseTest(TestDatabase db) {
        this.db = db;
    }

    @Test
    void prismaHistoryGivesTheSchemaPsqlGives() {
        assertSameSchemaAsPsql("prisma");
    }

    @Test
    void flywayHistoryGivesTheSchemaPsqlGives() {
        assertSameSchemaAsPsql("flyway");
    }

    @Test
    void djangoStyleHistoryGivesTheSchemaPsqlGives() {
        assertSameSchemaAsPsql("django");
    }

    private void assertSameSchemaAsPsql(String history) {
        List<Path> files = Histories.migrationFilesInVersionOrder(history);
        assertThat(files).as("migrations of the %s history", history).hasSizeGreaterThanOrEqualTo(100);

        TestDatabase byPsql = db.createAnother("psql_" + history);
        List<String> psqlArguments = new ArrayList<>(List.of("--no-psqlrc", "--quiet", "-v", "ON_ERROR_STOP=1"));
        for (Path file : files) {
            psqlArguments.add("--file=" + file);
        }
        PostgresClientTools.Outcome psql = PostgresClientTools.run(byPsql, "psql", psqlArguments);
        assertThat(psql.exitCode())
                .as("psql exit code; it said:%n%s", psql.stderr())
                .isZero();
        assertThat(psql.stderr()).as("psql's messages").doesNotContain("ERROR:");

        TestDatabase bySlipway = db.createAnother("slipway_" + history);
        Slipway slipway = Slipway.builder(bySlipway.dataSource())
                .config(SlipwayConfig.builder()
                        .locations("classpath:histories/" + history)
                        .build())
                .build();
        MigrateResult result = slipway.migrate();
        assertThat(result.appliedCount()).as("migrations Slipway applied").isEqualTo(files.size());

        assertThat(schemaOf(bySlipway))
                .as("pg_dump --schema-only after Slipway, compared with after psql")
                .isEqualTo(schemaOf(byPsql));
    }

    /** The schema as pg_dump writes it, without Slipway's tables. */
    static String schemaOf(TestDatabase database) {
        PostgresClientTools.Outcome dump = PostgresClientTools.run(
                database, "pg_dump", List.of("--schema-only", "--no-owner", "--exclude-table=slipway_*"));
        assertThat(dump.exitCode())
                .as("pg_dump exit code; it said:%n%s", dump.stderr())
                .isZero();
        // pg_dump 15.14 and later fence the script with restrict and unrestrict meta-commands that carry a random key:
        // a
        // new key on each run, the only text that differs between two dumps of one schema.
        return dump.stdout()
                .lines()
                .filter(line -> !line.startsWith("\\restrict ") && !line.startsWith("\\unrestrict "))
                .collect(Collectors.joining("\n"));
    }
}
