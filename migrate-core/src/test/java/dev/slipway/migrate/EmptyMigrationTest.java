package dev.slipway.migrate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.slipway.migrate.test.PostgresExtension;
import dev.slipway.migrate.test.TestDatabase;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInfo;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * A migration with only comments (Prisma writes {@code -- This is an empty migration.} for
 * {@code migrate dev --create-only}), or with nothing at all, applies as a no-op and is recorded, in every path:
 * {@code migrate()}, its restart fast path, {@code contract()}, {@code status()} and {@code rollback()}.
 */
@ExtendWith(PostgresExtension.class)
class EmptyMigrationTest {

    /** What Prisma writes into the migration.sql of an empty migration, without a line break. */
    private static final String PRISMA_EMPTY = "-- This is an empty migration.";

    private final TestDatabase db;
    private MigrationFiles files;
    private String schema;

    EmptyMigrationTest(TestDatabase db) {
        this.db = db;
    }

    @BeforeEach
    void setUp(@TempDir Path dir, TestInfo test) {
        files = new MigrationFiles(dir);
        schema = MigrationFiles.schemaFor("e_", test);
    }

    private Slipway slipway() {
        return Slipway.builder(db.dataSource())
                .config(files.config().schema(schema).build())
                .build();
    }

    private List<String> history() {
        return db.queryStrings("SELECT version || ' ' || name || ' ' || phase || ' ' || applied_steps"
                + " || ' ' || (finished_at IS NOT NULL) || ' ' || (rolled_back_at IS NOT NULL)"
                + " FROM " + schema + ".slipway_migrations ORDER BY started_at, version");
    }

    private boolean columnExists(String table, String column) {
        return db.queryLong("SELECT count(*) FROM information_schema.columns WHERE table_schema = '" + schema
                        + "' AND table_name = '" + table + "' AND column_name = '" + column + "'")
                == 1;
    }

    @Test
    void appliesACommentOnlyMigrationInTheMiddleOfAHistoryAndRecordsIt() throws Exception {
        files.add("20240101000000_create_users", "CREATE TABLE users (id bigint PRIMARY KEY);")
                .add("20240102000000_placeholder", PRISMA_EMPTY)
                .add("20240103000000_add_email", "-- Adds the email.\nALTER TABLE users ADD COLUMN email text;\n");

        MigrateResult result = slipway().migrate();

        assertThat(result.applied())
                .extracting(MigrationInfo::id)
                .containsExactly(
                        "20240101000000_create_users", "20240102000000_placeholder", "20240103000000_add_email");
        assertThat(result.applied()).allSatisfy(m -> assertThat(m.state()).isEqualTo(MigrationState.APPLIED));
        assertThat(history())
                .containsExactly(
                        "20240101000000 create_users expand 1 true false",
                        "20240102000000 placeholder expand 0 true false",
                        "20240103000000 add_email expand 1 true false");
        assertThat(columnExists("users", "email")).isTrue();
        MigrationStatus status = slipway().status();
        assertThat(status.isUpToDate()).isTrue();
        assertThat(status.migrations())
                .filteredOn(m -> m.id().equals("20240102000000_placeholder"))
                .singleElement()
                .satisfies(m -> {
                    assertThat(m.state()).isEqualTo(MigrationState.APPLIED);
                    assertThat(m.checksum()).isEqualTo(m.appliedChecksum()).matches("[0-9a-f]{64}");
                });

        // A restart finds every file applied under its checksum: the fast path, which neither parses nor waits for
        // the migration lock.
        long key = dev.slipway.migrate.internal.lock.AdvisoryLock.keyFor(schema, "slipway_migrations");
        try (Connection other = db.connect();
                Statement s = other.createStatement()) {
            s.execute("SELECT pg_advisory_lock(" + key + ")");
            Slipway impatient = Slipway.builder(db.dataSource())
                    .config(files.config()
                            .schema(schema)
                            .lockWaitTimeout(Duration.ZERO)
                            .build())
                    .build();

            assertThat(impatient.migrate().appliedCount()).isZero();
        }
        assertThat(slipway().migrate().appliedCount()).isZero();
        assertThat(history()).hasSize(3);
    }

    @Test
    void aCommentOnlyMigrationWhoseCommentChangesIsModifiedLikeAnyOther() {
        files.add("1_create", "CREATE TABLE t (id int);").add("2_placeholder", PRISMA_EMPTY);
        slipway().migrate();

        files.add("2_placeholder", PRISMA_EMPTY + "\n-- edited later");

        assertThatThrownBy(() -> slipway().migrate())
                .isInstanceOf(MigrationValidationException.class)
                .hasMessageContaining("2_placeholder");
    }

    @Test
    void appliesAPrismaHistoryWithAnEmptyMigration() throws IOException {
        Path prisma = files.root();
        Files.writeString(prisma.resolve("migration_lock.toml"), "provider = \"postgresql\"\n");
        files.add("20230105101010_init", """
                -- CreateTable
                CREATE TABLE "User" (
                    "id" SERIAL NOT NULL,
                    "email" TEXT NOT NULL,

                    CONSTRAINT "User_pkey" PRIMARY KEY ("id")
                );
                """)
                .add("20230210120000_empty", PRISMA_EMPTY)
                .add("20230301090000_add_name", """
                        -- AlterTable
                        ALTER TABLE "User" ADD COLUMN "name" TEXT;
                        """);

        assertThat(slipway().migrate().applied())
                .extracting(MigrationInfo::id)
                .containsExactly("20230105101010_init", "20230210120000_empty", "20230301090000_add_name");

        assertThat(columnExists("User", "name")).isTrue();
        assertThat(history()).contains("20230210120000 empty expand 0 true false");
        assertThat(slipway().migrate().appliedCount()).isZero();
    }

    @Test
    void appliesFlywayFilesThatHoldOnlyCommentsOrNothing(@TempDir Path flyway) throws IOException {
        Files.writeString(
                flyway.resolve("V1__create_users.sql"),
                "CREATE TABLE users (id bigint PRIMARY KEY);\n",
                StandardCharsets.UTF_8);
        Files.writeString(
                flyway.resolve("V1.1__reserved.sql"),
                "/* reserved for the hotfix of release 1 */\n",
                StandardCharsets.UTF_8);
        Files.write(flyway.resolve("V2__nothing.sql"), new byte[0]);
        Files.writeString(flyway.resolve("V3__blank.sql"), "\n  \n\t\n", StandardCharsets.UTF_8);
        Files.writeString(
                flyway.resolve("V4__add_email.sql"),
                "ALTER TABLE users ADD COLUMN email text;\n",
                StandardCharsets.UTF_8);
        Slipway slipway = Slipway.builder(db.dataSource())
                .config(files.config()
                        .locations("filesystem:" + flyway)
                        .schema(schema)
                        .build())
                .build();

        assertThat(slipway.migrate().applied())
                .extracting(MigrationInfo::id)
                .containsExactly("1_create_users", "1.1_reserved", "2_nothing", "3_blank", "4_add_email");

        assertThat(history())
                .containsExactly(
                        "1 create_users expand 1 true false",
                        "1.1 reserved expand 0 true false",
                        "2 nothing expand 0 true false",
                        "3 blank expand 0 true false",
                        "4 add_email expand 1 true false");
        assertThat(slipway.migrate().appliedCount()).isZero();
    }

    @Test
    void aFileWithOnlyDirectivesRunsWithTheModeTheySay() {
        files.add("1_create", "CREATE TABLE t (id int);")
                .add("2_outside", "-- slipway:transaction off\n-- slipway:lock-timeout 2s\n");

        assertThat(slipway().migrate().applied())
                .extracting(MigrationInfo::id)
                .containsExactly("1_create", "2_outside");

        assertThat(history()).containsExactly("1 create expand 1 true false", "2 outside expand 0 true false");
    }

    @Test
    void aCommentOnlyContractMigrationWaitsForContractAndIsRecordedAsOne() {
        files.add("1_create", "CREATE TABLE t (id int, old text);")
                .add("2_drop_old_later", "-- slipway:phase contract\n-- The drop moved to a later release.\n")
                .add("3_add", "ALTER TABLE t ADD COLUMN added text;");
        Slipway slipway = slipway();

        assertThat(slipway.migrate().applied()).extracting(MigrationInfo::id).containsExactly("1_create", "3_add");
        assertThat(slipway.status().migrations())
                .filteredOn(m -> m.id().equals("2_drop_old_later"))
                .singleElement()
                .satisfies(m -> {
                    assertThat(m.phase()).isEqualTo(MigrationPhase.CONTRACT);
                    assertThat(m.state()).isEqualTo(MigrationState.PENDING);
                });
        assertThat(slipway.migrate().appliedCount())
                .as("the restart fast path with a contract migration pending")
                .isZero();

        assertThat(slipway.contract().applied()).extracting(MigrationInfo::id).containsExactly("2_drop_old_later");

        assertThat(history())
                .containsExactly(
                        "1 create expand 1 true false",
                        "3 add expand 1 true false",
                        "2 drop_old_later contract 0 true false");
        assertThat(columnExists("t", "old")).isTrue();
        assertThat(slipway.status().isUpToDate()).isTrue();
    }

    @Test
    void rollsBackACommentOnlyMigrationWithoutADownFileAndAppliesItAgain() throws IOException {
        files.add("1_create", "CREATE TABLE t (id int);")
                .add("2_placeholder", PRISMA_EMPTY)
                .add("3_add", "ALTER TABLE t ADD COLUMN added text;");
        Files.writeString(files.root().resolve("3_add").resolve("down.sql"), "ALTER TABLE t DROP COLUMN added;\n");
        Slipway slipway = slipway();
        slipway.migrate();

        List<MigrationInfo> rolledBack = slipway.rollback("1");

        assertThat(rolledBack).extracting(MigrationInfo::id).containsExactly("3_add", "2_placeholder");
        assertThat(rolledBack).allSatisfy(m -> assertThat(m.state()).isEqualTo(MigrationState.ROLLED_BACK));
        assertThat(columnExists("t", "added")).isFalse();
        assertThat(slipway.migrate().applied()).extracting(MigrationInfo::id).containsExactly("2_placeholder", "3_add");
        assertThat(slipway.status().isUpToDate()).isTrue();
    }

    @Test
    void aMigrationWithStatementsStillNeedsADownFileToBeRolledBack() {
        files.add("1_create", "CREATE TABLE t (id int);").add("2_placeholder", PRISMA_EMPTY);
        Slipway slipway = slipway();
        slipway.migrate();

        assertThatThrownBy(() -> slipway.rollback("0"))
                .isInstanceOf(SlipwayException.class)
                .hasMessageContaining("1_create: no down.sql in its folder")
                .hasMessageNotContaining("2_placeholder:");
        assertThat(history()).allSatisfy(row -> assertThat(row).endsWith("true false"));
    }
}
