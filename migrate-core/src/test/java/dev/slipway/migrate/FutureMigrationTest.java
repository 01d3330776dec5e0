package dev.slipway.migrate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.slipway.migrate.internal.lock.AdvisoryLock;
import dev.slipway.migrate.test.PostgresExtension;
import dev.slipway.migrate.test.TestDatabase;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInfo;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.api.parallel.ResourceLock;
import org.junit.jupiter.api.parallel.Resources;

/**
 * An older version of the application beside a newer one that applied more migrations, as during a rolling release
 * or after the code was rolled back: the migrations above the older one's newest file are {@code FUTURE}, no
 * problem; an applied migration at or below it without its file is still {@code MISSING}.
 */
@ExtendWith(PostgresExtension.class)
class FutureMigrationTest {

    private final TestDatabase db;
    private MigrationFiles newer;
    private MigrationFiles older;
    private String schema;

    FutureMigrationTest(TestDatabase db) {
        this.db = db;
    }

    @BeforeEach
    void setUp(@TempDir Path newerDir, @TempDir Path olderDir, TestInfo test) {
        schema = MigrationFiles.schemaFor("f_", test);
        newer = new MigrationFiles(newerDir)
                .add("10_create_users", "CREATE TABLE users (id bigint PRIMARY KEY, name text);")
                .add("20_add_email", "ALTER TABLE users ADD COLUMN email text;")
                .add("30_add_display_name", "ALTER TABLE users ADD COLUMN display_name text;")
                .add("40_index_email", "CREATE INDEX CONCURRENTLY users_email_idx ON users (email);");
        older = new MigrationFiles(olderDir)
                .add("10_create_users", "CREATE TABLE users (id bigint PRIMARY KEY, name text);")
                .add("20_add_email", "ALTER TABLE users ADD COLUMN email text;");
    }

    private Slipway slipway(MigrationFiles files) {
        return slipway(files.config());
    }

    private Slipway slipway(SlipwayConfig.Builder config) {
        return Slipway.builder(db.dataSource())
                .config(config.schema(schema).build())
                .build();
    }

    private List<String> states(Slipway slipway) {
        return slipway.status().migrations().stream()
                .map(m -> m.id() + " " + m.state())
                .toList();
    }

    private long historyRows() {
        return db.queryLong("SELECT count(*) FROM " + schema + ".slipway_migrations");
    }

    @Test
    @ResourceLock(Resources.SYSTEM_ERR)
    void anOlderVersionSeesTheNewerOnesMigrationsAsFutureStartsAndSaysSoOnce() throws Exception {
        slipway(newer).migrate();
        long rows = historyRows();
        Slipway old = slipway(older);

        List<String> log = StandardErrorCapture.linesWrittenBy(() -> {
            assertThat(old.migrate().appliedCount()).isZero();
            old.status();
            old.validate();
            assertThat(old.contract().applied()).isEmpty();
            old.contract();
        });

        assertThat(states(old))
                .containsExactly(
                        "10_create_users APPLIED",
                        "20_add_email APPLIED",
                        "30_add_display_name FUTURE",
                        "40_index_email FUTURE");
        assertThat(old.status().isUpToDate()).isTrue();
        assertThat(old.status().pending()).isEmpty();
        assertThat(old.validate().isValid()).isTrue();
        assertThat(old.status().inState(MigrationState.FUTURE)).allSatisfy(future -> {
            assertThat(future.finishedAt()).isNotNull();
            assertThat(future.appliedBy()).isNotNull();
            assertThat(future.source()).isNull();
        });
        assertThat(historyRows()).isEqualTo(rows);
        assertThat(log)
                .filteredOn(line -> line.contains(schema))
                .filteredOn(line -> line.contains("newer version"))
                .singleElement()
                .asString()
                .contains(
                        "INFO",
                        "Schema " + schema + " has 2 migrations applied by a newer version of the application"
                                + " (newest 40_index_email): left alone");
        assertThat(log)
                .filteredOn(line -> line.contains(schema))
                .noneMatch(line -> line.contains("WARN") || line.contains("ERROR"));
    }

    /**
     * The fast paths of a restart split no SQL: to see that they are taken, 20's file is one the splitter refuses,
     * recorded as applied under its checksum, and another session holds the migration lock that they do not wait
     * for. The slow path would refuse the file, or wait for the lock.
     */
    @Test
    void aRestartOfTheOlderVersionTakesTheFastPathsThatSplitNothingAndWaitForNoLock() throws Exception {
        slipway(newer).migrate();
        String unsplittable = "ALTER TABLE users ADD COLUMN email text;\n\\connect other\n";
        older.add("20_add_email", unsplittable);
        db.execute("UPDATE " + schema + ".slipway_migrations SET checksum = '" + sha256(unsplittable)
                + "' WHERE version = '20'");
        try (Connection other = db.connect();
                Statement s = other.createStatement()) {
            s.execute("SELECT pg_advisory_lock(" + AdvisoryLock.keyFor(schema, "slipway_migrations") + ")");
            Slipway impatient = Slipway.builder(db.dataSource())
                    .config(older.config()
                            .schema(schema)
                            .lockWaitTimeout(Duration.ZERO)
                            .build())
                    .build();

            assertThat(impatient.migrate().appliedCount()).isZero();
            older.add("25_drop_name_later", "-- slipway:phase contract\nALTER TABLE users DROP COLUMN name;");
            assertThat(impatient.migrate().appliedCount())
                    .as("with a contract migration pending")
                    .isZero();

            older.remove("25_drop_name_later").add("15_add_phone", "ALTER TABLE users ADD COLUMN phone text;");
            assertThatThrownBy(impatient::migrate)
                    .as("the slow path, with a migration pending")
                    .isInstanceOf(InvalidMigrationException.class)
                    .hasMessageContaining("20_add_email");
        }
        assertThat(historyRows()).isEqualTo(4);
    }

    private static String sha256(String text) throws Exception {
        byte[] digest = MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
        return HexFormat.of().formatHex(digest);
    }

    @Test
    void anOlderVersionAppliesItsOwnPendingMigrationBelowTheFutureOnesAsAnyPendingMigrationBelowAppliedOnes() {
        slipway(newer).migrate();
        older.add("25_add_phone", "ALTER TABLE users ADD COLUMN phone text;");
        Slipway old = slipway(older);

        MigrateResult result = old.migrate();

        assertThat(result.applied()).extracting(MigrationInfo::id).containsExactly("25_add_phone");
        assertThat(states(old))
                .containsExactly(
                        "10_create_users APPLIED",
                        "20_add_email APPLIED",
                        "25_add_phone APPLIED",
                        "30_add_display_name FUTURE",
                        "40_index_email FUTURE");
        assertThat(old.validate().isValid()).isTrue();
        assertThat(db.queryLong("SELECT count(*) FROM information_schema.columns WHERE table_schema = '" + schema
                        + "' AND table_name = 'users' AND column_name = 'phone'"))
                .isEqualTo(1);
        assertThat(old.migrate().appliedCount()).isZero();
    }

    /**
     * A contract migration applies only once no instance of an older version runs, and removes what the older code
     * may use: an older version that comes back after it must not start (see also {@code ContractFleetRaceTest}).
     */
    @Test
    @ResourceLock(Resources.SYSTEM_ERR)
    void aContractMigrationAppliedByANewerVersionIsFutureTooButStopsTheOlderVersion() throws Exception {
        newer.add("50_drop_name", "-- slipway:phase contract\nALTER TABLE users DROP COLUMN name;");
        Slipway current = slipway(newer);
        current.migrate();
        assertThat(current.contract().applied()).extracting(MigrationInfo::id).containsExactly("50_drop_name");
        Slipway old = slipway(older);

        assertThat(states(old))
                .containsExactly(
                        "10_create_users APPLIED",
                        "20_add_email APPLIED",
                        "30_add_display_name FUTURE",
                        "40_index_email FUTURE",
                        "50_drop_name FUTURE");
        assertThat(old.status().migrations().get(4).phase()).isEqualTo(MigrationPhase.CONTRACT);
        assertThat(old.status().isUpToDate()).isFalse();
        assertThat(old.validate().problems()).singleElement().satisfies(problem -> {
            assertThat(problem.migration().id()).isEqualTo("50_drop_name");
            assertThat(problem.message())
                    .contains(
                            "Migration 50_drop_name is a contract migration that a newer version of the application applied",
                            "-> the newest migration file of this version is 20",
                            "Run a version of the application that ships migration 50_drop_name")
                    .doesNotContain("ignore-missing");
        });
        List<String> log = StandardErrorCapture.linesWrittenBy(() -> assertThatThrownBy(old::migrate)
                .isInstanceOf(MigrationValidationException.class)
                .hasMessageContaining("50_drop_name"));
        assertThat(log).filteredOn(line -> line.contains(schema)).noneMatch(line -> line.contains("left alone"));
        assertThatThrownBy(() -> slipway(older.config().ignoreMissing(true)).migrate())
                .as("ignoring missing migrations does not ignore a contract from the future")
                .isInstanceOf(MigrationValidationException.class);
        assertThat(slipway(newer).validate().isValid()).isTrue();
    }

    @Test
    void aFileDeletedBelowTheNewestShippedOneIsStillMissingAndFailsValidation() {
        slipway(newer).migrate();
        older.remove("20_add_email").add("30_add_display_name", "ALTER TABLE users ADD COLUMN display_name text;");
        Slipway old = slipway(older);

        assertThat(states(old))
                .containsExactly(
                        "10_create_users APPLIED",
                        "20_add_email MISSING",
                        "30_add_display_name APPLIED",
                        "40_index_email FUTURE");
        ValidationResult result = old.validate();
        assertThat(result.problems()).singleElement().satisfies(problem -> {
            assertThat(problem.migration().id()).isEqualTo("20_add_email");
            assertThat(problem.message())
                    .contains(
                            "Migration 20_add_email was applied but its file is gone.",
                            "-> the newest migration file is 30, so this one is not from a newer version of the application",
                            "set ignoring missing migrations to true if it was removed on purpose");
        });
        assertThatThrownBy(old::migrate).isInstanceOfSatisfying(MigrationValidationException.class, e -> {
            assertThat(e.getProblems()).extracting(p -> p.migration().id()).containsExactly("20_add_email");
            assertThat(e.getMessage()).doesNotContain("40_index_email");
        });
        assertThatThrownBy(old::contract).isInstanceOf(MigrationValidationException.class);
    }

    @Test
    void aMigrationRenamedAtTheNewestShippedVersionIsStillMissing() {
        slipway(newer).migrate();
        older.rename("20_add_email", "20_add_email_address");
        Slipway old = slipway(older);

        assertThat(states(old))
                .containsExactly(
                        "10_create_users APPLIED",
                        "20_add_email MISSING",
                        "20_add_email_address PENDING",
                        "30_add_display_name FUTURE",
                        "40_index_email FUTURE");
        assertThat(old.validate().problems())
                .singleElement()
                .satisfies(
                        problem -> assertThat(problem.message())
                                .contains(
                                        "Migration 20_add_email was applied but its file is gone.",
                                        "has the same version: was the migration renamed from 20_add_email to 20_add_email_address?"));
        assertThatThrownBy(old::migrate).isInstanceOf(MigrationValidationException.class);
    }

    @Test
    void anInstanceThatShipsNoMigrationAtAllSeesEveryAppliedOneAsMissing() {
        slipway(newer).migrate();
        older.remove("10_create_users").remove("20_add_email");
        Slipway none = slipway(older);

        assertThat(none.status().migrations()).extracting(MigrationInfo::state).containsOnly(MigrationState.MISSING);
        assertThat(none.validate().problems())
                .hasSize(4)
                .allSatisfy(problem -> assertThat(problem.message())
                        .contains("-> no migration file was found in the configured locations"));
        assertThatThrownBy(none::migrate).isInstanceOf(MigrationValidationException.class);
    }

    @Test
    void aRollbackOfTheOlderVersionLeavesTheFutureMigrationsToTheVersionThatShipsThem() throws Exception {
        slipway(newer).migrate();
        Files.writeString(
                older.root().resolve("20_add_email").resolve("down.sql"),
                "ALTER TABLE users DROP COLUMN email;",
                StandardCharsets.UTF_8);

        assertThatThrownBy(() -> slipway(older).rollback("10"))
                .isInstanceOf(SlipwayException.class)
                .hasMessageContaining("nothing was rolled back")
                .hasMessageContaining("-> 40_index_email: applied by a newer version of the application (")
                .hasMessageContaining("-> 30_add_display_name: applied by a newer version of the application (")
                .hasMessageContaining("roll it back from that version")
                .hasMessageNotContaining("20_add_email:");
        assertThat(historyRows()).isEqualTo(4);
    }
}
