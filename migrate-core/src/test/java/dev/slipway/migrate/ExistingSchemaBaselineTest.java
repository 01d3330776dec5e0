package dev.slipway.migrate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import dev.slipway.migrate.test.DdlLog;
import dev.slipway.migrate.test.PostgresExtension;
import dev.slipway.migrate.test.TestDatabase;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInfo;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.api.parallel.ResourceLock;
import org.junit.jupiter.api.parallel.Resources;

/**
 * A schema built without migration history (Spring PetClinic's {@code schema.sql}, run by hand), and the same schema
 * written as migrations: Slipway refuses to run its first migration over it, and with a baseline version records
 * the migrations up to it without running them. The schema uses {@code CREATE TABLE IF NOT EXISTS} and unnamed
 * {@code CREATE INDEX ON ...}, as PetClinic's does: running those migrations again would not fail, it would add a
 * second copy of every index, so the tests count indexes.
 */
@ExtendWith(PostgresExtension.class)
class ExistingSchemaBaselineTest {

    private static final String VETS = "CREATE TABLE IF NOT EXISTS vets (\n"
            + "  id         INT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,\n"
            + "  first_name TEXT,\n"
            + "  last_name  TEXT\n"
            + ");\n"
            + "CREATE INDEX ON vets (last_name);\n"
            + "\n"
            + "CREATE TABLE IF NOT EXISTS specialties (\n"
            + "  id   INT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,\n"
            + "  name TEXT\n"
            + ");\n"
            + "CREATE INDEX ON specialties (name);\n"
            + "\n"
            + "CREATE TABLE IF NOT EXISTS vet_specialties (\n"
            + "  vet_id       INT NOT NULL REFERENCES vets (id),\n"
            + "  specialty_id INT NOT NULL REFERENCES specialties (id),\n"
            + "  UNIQUE (vet_id, specialty_id)\n"
            + ");\n";
    private static final String OWNERS_AND_PETS = "CREATE TABLE IF NOT EXISTS types (\n"
            + "  id   INT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,\n"
            + "  name TEXT\n"
            + ");\n"
            + "CREATE INDEX ON types (name);\n"
            + "\n"
            + "CREATE TABLE IF NOT EXISTS owners (\n"
            + "  id         INT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,\n"
            + "  first_name TEXT,\n"
            + "  last_name  TEXT,\n"
            + "  address    TEXT,\n"
            + "  city       TEXT,\n"
            + "  telephone  TEXT\n"
            + ");\n"
            + "CREATE INDEX ON owners (last_name);\n"
            + "\n"
            + "CREATE TABLE IF NOT EXISTS pets (\n"
            + "  id         INT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,\n"
            + "  name       TEXT,\n"
            + "  birth_date DATE,\n"
            + "  type_id    INT NOT NULL REFERENCES types (id),\n"
            + "  owner_id   INT REFERENCES owners (id)\n"
            + ");\n"
            + "CREATE INDEX ON pets (name);\n"
            + "CREATE INDEX ON pets (owner_id);\n";
    private static final String VISITS = "CREATE TABLE IF NOT EXISTS visits (\n"
            + "  id          INT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,\n"
            + "  pet_id      INT REFERENCES pets (id),\n"
            + "  visit_date  DATE,\n"
            + "  description TEXT\n"
            + ");\n"
            + "CREATE INDEX ON visits (pet_id);\n";
    /** PetClinic's {@code schema.sql}: the three migrations in one file. */
    private static final String SCHEMA_SQL = VETS + "\n" + OWNERS_AND_PETS + "\n" + VISITS;

    private final TestDatabase db;

    ExistingSchemaBaselineTest(TestDatabase db) {
        this.db = db;
    }

    @Test
    void aSchemaBuiltByHandIsRefusedWithoutABaselineAndLeftUntouched(@TempDir Path dir, TestInfo test) {
        String schema = MigrationFiles.schemaFor("b_", test);
        db.execute("CREATE SCHEMA " + schema + "; SET search_path TO " + schema + ";\n" + SCHEMA_SQL);
        long indexes = indexes(db, schema);
        Slipway slipway = Slipway.builder(db.dataSource())
                .config(petClinic(dir).config().schema(schema).build())
                .build();

        Throwable refusal = catchThrowable(slipway::migrate);

        assertThat(refusal).isInstanceOfSatisfying(ExistingSchemaException.class, e -> {
            assertThat(e.getSchema()).isEqualTo(schema);
            assertThat(e.getObjectCount()).isEqualTo(7);
            assertThat(e.getObjects())
                    .containsExactly(
                            "table owners", "table pets", "table specialties", "table types", "table vet_specialties");
            assertThat(e.getNewestVersion()).isEqualTo("3");
            assertThat(e.getMessage())
                    .contains("Schema " + schema + " already holds 7 objects (table owners, ")
                    .contains("Nothing ran")
                    .contains("record them as applied without running them: set the baseline "
                            + "version to 3 (the newest migration file)");
        });
        assertThat(db.queryLong("SELECT count(*) FROM pg_tables WHERE schemaname = '" + schema
                        + "' AND tablename LIKE 'slipway%'"))
                .as("Slipway tables after the refusal")
                .isZero();
        assertThat(indexes(db, schema)).as("indexes after the refusal").isEqualTo(indexes);
    }

    @Test
    @ResourceLock(Resources.SYSTEM_ERR)
    void withABaselineTheMigrationsUpToItAreRecordedNothingRunsAgainAndTheNextOneApplies(@TempDir Path dir)
            throws Exception {
        TestDatabase petClinic = db.createAnother("petclinic");
        petClinic.execute(SCHEMA_SQL);
        long indexes = indexes(petClinic, "public");
        DdlLog ddl = DdlLog.install(petClinic);
        String schemaBefore = HistoriesOnAFreshDatabaseTest.schemaOf(petClinic);
        MigrationFiles files = petClinic(dir);
        Slipway slipway = Slipway.builder(petClinic.dataSource())
                .config(files.config().baselineVersion("3").build())
                .build();
        MigrateResult[] result = new MigrateResult[1];

        List<String> log = StandardErrorCapture.linesWrittenBy(() -> result[0] = slipway.migrate());

        assertThat(result[0].appliedCount()).isZero();
        assertThat(log)
                .anySatisfy(line -> assertThat(line)
                        .contains("Schema public holds 7 objects but had no "
                                + "history: recorded a baseline at version 3: 3 migrations recorded as applied without running, 0 to "
                                + "apply"));
        assertThat(ddl.objects())
                .isNotEmpty()
                .allSatisfy(object -> assertThat(object).startsWith("public.slipway_"));
        assertThat(indexes(petClinic, "public")).as("indexes besides Slipway's").isEqualTo(indexes);
        assertThat(HistoriesOnAFreshDatabaseTest.schemaOf(petClinic)).isEqualTo(schemaBefore);
        assertThat(slipway.status().migrations())
                .extracting(MigrationInfo::id, MigrationInfo::state)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple("1_vets", MigrationState.BASELINE),
                        org.assertj.core.groups.Tuple.tuple("2_owners_and_pets", MigrationState.BASELINE),
                        org.assertj.core.groups.Tuple.tuple("3_visits", MigrationState.BASELINE));
        assertThat(slipway.status().migrations())
                .extracting(MigrationInfo::appliedBy)
                .allSatisfy(appliedBy -> assertThat(appliedBy).startsWith("baseline at version 3 by "));

        ddl.clear();
        files.add("4_vet_notes", "CREATE TABLE vet_notes (vet_id INT NOT NULL REFERENCES vets (id), note TEXT);\n");
        MigrateResult next = slipway.migrate();

        assertThat(next.applied()).extracting(MigrationInfo::id).containsExactly("4_vet_notes");
        assertThat(ddl.objects()).contains("public.vet_notes");
        assertThat(slipway.status().isUpToDate()).isTrue();
        ddl.uninstall();
    }

    @Test
    void migrationsAboveTheBaselineRunInTheSameStart(@TempDir Path dir, TestInfo test) {
        String schema = MigrationFiles.schemaFor("b_", test);
        db.execute("CREATE SCHEMA " + schema + "; SET search_path TO " + schema + ";\n" + VETS + OWNERS_AND_PETS);
        Slipway slipway = Slipway.builder(db.dataSource())
                .config(petClinic(dir)
                        .config()
                        .schema(schema)
                        .baselineVersion("2")
                        .build())
                .build();

        MigrateResult result = slipway.migrate();

        assertThat(result.applied()).extracting(MigrationInfo::id).containsExactly("3_visits");
        assertThat(slipway.status().migrations())
                .extracting(MigrationInfo::state)
                .containsExactly(MigrationState.BASELINE, MigrationState.BASELINE, MigrationState.APPLIED);
        assertThat(indexes(db, schema))
                .as("one index per CREATE INDEX, key and unique constraint")
                .isEqualTo(14);
    }

    @Test
    void anEmptySchemaWithABaselineRunsEveryMigration(@TempDir Path dir, TestInfo test) {
        String schema = MigrationFiles.schemaFor("b_", test);
        Slipway slipway = Slipway.builder(db.dataSource())
                .config(petClinic(dir)
                        .config()
                        .schema(schema)
                        .baselineVersion("2")
                        .build())
                .build();

        MigrateResult result = slipway.migrate();

        assertThat(result.applied())
                .extracting(MigrationInfo::id)
                .containsExactly("1_vets", "2_owners_and_pets", "3_visits");
        assertThat(slipway.status().migrations())
                .extracting(MigrationInfo::state)
                .containsOnly(MigrationState.APPLIED);
        assertThat(db.queryLong("SELECT count(*) FROM " + schema + ".slipway_migrations WHERE kind IS NOT NULL"))
                .isZero();
    }

    @Test
    void objectsOfExtensionsAreNotObjectsOfTheSchema(@TempDir Path dir) {
        TestDatabase withExtensions = db.createAnother("extensions");
        withExtensions.execute("CREATE EXTENSION citext SCHEMA public; CREATE EXTENSION pg_trgm SCHEMA public");
        assertThat(withExtensions.queryLong("SELECT count(*) FROM pg_type t JOIN pg_namespace n"
                        + " ON n.oid = t.typnamespace WHERE n.nspname = 'public' AND t.typname = 'citext'"))
                .as("citext's type in the schema")
                .isEqualTo(1);
        Slipway slipway = Slipway.builder(withExtensions.dataSource())
                .config(petClinic(dir).config().build())
                .build();

        MigrateResult result = slipway.migrate();

        assertThat(result.appliedCount()).isEqualTo(3);
    }

    @Test
    void twoInstancesStartingTogetherWithABaselineRecordItOnce(@TempDir Path dir, TestInfo test) throws Exception {
        String schema = MigrationFiles.schemaFor("b_", test);
        db.execute("CREATE SCHEMA " + schema + "; SET search_path TO " + schema + ";\n" + SCHEMA_SQL);
        MigrationFiles files = petClinic(dir);
        CyclicBarrier start = new CyclicBarrier(2);
        ExecutorService threads = Executors.newFixedThreadPool(2);
        try {
            List<Future<MigrateResult>> results = new ArrayList<>();
            for (int i = 0; i < 2; i++) {
                Slipway slipway = Slipway.builder(db.dataSource())
                        .config(files.config()
                                .schema(schema)
                                .baselineVersion("3")
                                .build())
                        .build();
                results.add(threads.submit(() -> {
                    start.await(30, TimeUnit.SECONDS);
                    return slipway.migrate();
                }));
            }
            for (Future<MigrateResult> result : results) {
                assertThat(result.get(2, TimeUnit.MINUTES).appliedCount()).isZero();
            }
        } finally {
            threads.shutdownNow();
        }
        assertThat(db.queryStrings("SELECT version FROM " + schema + ".slipway_migrations ORDER BY version"))
                .containsExactly("1", "2", "3");
        assertThat(indexes(db, schema)).isEqualTo(14);
    }

    /** PetClinic's schema as three migrations. */
    private static MigrationFiles petClinic(Path dir) {
        return new MigrationFiles(dir)
                .add("1_vets", VETS)
                .add("2_owners_and_pets", OWNERS_AND_PETS)
                .add("3_visits", VISITS);
    }

    /** The indexes of a schema, Slipway's own tables' left out. */
    private static long indexes(TestDatabase database, String schema) {
        return database.queryLong("SELECT count(*) FROM pg_indexes WHERE schemaname = '" + schema
                + "' AND tablename NOT LIKE 'slipway%'");
    }
}
