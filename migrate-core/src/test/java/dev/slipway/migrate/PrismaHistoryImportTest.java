package dev.slipway.migrate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import dev.slipway.migrate.test.DdlLog;
import dev.slipway.migrate.test.PostgresExtension;
import dev.slipway.migrate.test.TestDatabase;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInfo;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.api.parallel.ResourceLock;
import org.junit.jupiter.api.parallel.Resources;

/**
 * A Prisma project switching to Slipway: {@code _prisma_migrations} written as Prisma writes it ({@link PrismaMigrate}),
 * then Slipway's first {@code migrate()} with the same migration folders imports that history and runs nothing, or
 * refuses, listing every problem, and writes nothing.
 */
@ExtendWith(PostgresExtension.class)
class PrismaHistoryImportTest {

    private static final String INIT = "20210303082025_init";
    private static final String PROFILE = "20210306221035_add_profile";
    private static final String COMMENTS = "20210315084039_comments";
    private static final String USER_UPDATED_AT = "20210401133911_user_updated_at";

    private static final String ACCOUNTS = "20240101000000_init";
    private static final String ORDERS = "20240102000000_orders";
    private static final String ORDER_TOTAL = "20240103000000_order_total";
    private static final String ACCOUNT_NAME = "20240104000000_account_name";

    private final TestDatabase db;

    PrismaHistoryImportTest(TestDatabase db) {
        this.db = db;
    }

    /**
     * The 122 migrations of the Prisma history, deployed as a real project would have: one migration failed at first,
     * was rolled back with {@code prisma migrate resolve --rolled-back}, fixed and deployed again; one was applied by
     * hand and recorded with {@code prisma migrate resolve --applied}.
     */
    @Test
    @ResourceLock(Resources.SYSTEM_ERR)
    void importsAPrismaProjectsHistoryWithoutRunningAnyMigrationThenAppliesTheNextOne(@TempDir Path dir)
            throws Exception {
        TestDatabase project = db.createAnother("prisma_project");
        Path migrations = copyOfThePrismaHistory(dir);
        PrismaMigrate prisma = new PrismaMigrate(project, "public", migrations);
        Path comments = migrations.resolve(COMMENTS).resolve("migration.sql");
        String fixed = Files.readString(comments);
        Files.writeString(comments, fixed.replace("REFERENCES \"Post\"(\"id\")", "REFERENCES \"Posts\"(\"id\")"));
        PrismaMigrate.Deploy first = prisma.deploy();
        assertThat(first.applied()).containsExactly(INIT, PROFILE);
        assertThat(first.failed()).isEqualTo(COMMENTS);
        assertThat(first.error()).contains("relation \"Posts\" does not exist");
        prisma.resolveRolledBack(COMMENTS);
        Files.writeString(comments, fixed);
        project.execute(Files.readString(migrations.resolve(USER_UPDATED_AT).resolve("migration.sql")));
        prisma.resolveApplied(USER_UPDATED_AT);
        PrismaMigrate.Deploy second = prisma.deploy();
        assertThat(second.failed())
                .as("second deploy failed: %s", second.error())
                .isNull();
        assertThat(second.applied()).hasSize(119).contains(COMMENTS).doesNotContain(USER_UPDATED_AT);
        List<String> prismaRows = prisma.rows();
        assertThat(prismaRows).as("122 migrations and the rolled-back attempt").hasSize(123);

        DdlLog ddl = DdlLog.install(project);
        String schemaBefore = HistoriesOnAFreshDatabaseTest.schemaOf(project);
        Slipway slipway = Slipway.builder(project.dataSource())
                .config(SlipwayConfig.builder()
                        .locations("filesystem:" + migrations)
                        .build())
                .build();
        MigrateResult[] result = new MigrateResult[1];
        List<String> log = StandardErrorCapture.linesWrittenBy(() -> result[0] = slipway.migrate());

        assertThat(result[0].appliedCount()).isZero();
        assertThat(log)
                .anySatisfy(line -> assertThat(line)
                        .contains("Imported the history of Prisma from "
                                + "public._prisma_migrations into public.slipway_migrations: 122 migrations, 1 of them applied again "
                                + "after a rolled-back attempt, 1 of them marked applied by prisma migrate resolve; 0 migrations not "
                                + "applied yet"));
        assertThat(ddl.objects())
                .as("DDL run during the import")
                .isNotEmpty()
                .allSatisfy(object -> assertThat(object).startsWith("public.slipway_"));
        assertThat(HistoriesOnAFreshDatabaseTest.schemaOf(project)).isEqualTo(schemaBefore);
        assertThat(prisma.rows()).as("_prisma_migrations after the import").isEqualTo(prismaRows);

        MigrationStatus status = slipway.status();
        assertThat(status.migrations()).hasSize(122).allSatisfy(m -> {
            assertThat(m.state()).as(m.id()).isEqualTo(MigrationState.BASELINE);
            assertThat(m.appliedBy()).as(m.id()).startsWith("_prisma_migrations (Prisma");
        });
        assertThat(status.migrations())
                .filteredOn(m -> m.id().equals(USER_UPDATED_AT))
                .singleElement()
                .satisfies(m ->
                        assertThat(m.appliedBy()).isEqualTo("_prisma_migrations (Prisma migrate resolve --applied)"));
        assertThat(project.queryLong("SELECT count(*) FROM slipway_migrations s JOIN _prisma_migrations p"
                        + " ON p.migration_name = s.version || '_' || s.name"
                        + " AND p.finished_at IS NOT NULL AND p.rolled_back_at IS NULL"
                        + " WHERE s.kind = 'baseline' AND s.started_at = p.started_at AND s.finished_at = p.finished_at"
                        + " AND s.execution_ms = floor(extract(epoch FROM p.finished_at) * 1000)::bigint"
                        + "   - floor(extract(epoch FROM p.started_at) * 1000)::bigint"))
                .as("rows keeping Prisma's times")
                .isEqualTo(122);
        assertThat(project.queryString(
                        "SELECT logs FROM slipway_migrations WHERE version || '_' || name = '" + COMMENTS + "'"))
                .contains("applied on attempt 2, after 1 rolled back");
        assertThat(slipway.validate().isValid()).isTrue();

        ddl.clear();
        Path next = Files.createDirectories(migrations.resolve("20230201000000_user_nickname"));
        Files.writeString(next.resolve("migration.sql"), "ALTER TABLE \"User\" ADD COLUMN \"nickname\" TEXT;\n");
        MigrateResult after = slipway.migrate();

        assertThat(after.applied()).extracting(MigrationInfo::id).containsExactly("20230201000000_user_nickname");
        assertThat(ddl.objects()).contains("public.\"User\"");
        assertThat(slipway.status().isUpToDate()).isTrue();
        ddl.uninstall();
    }

    @Test
    void refusesAFileEditedAfterPrismaAppliedIt(@TempDir Path dir, TestInfo test) throws IOException {
        String schema = MigrationFiles.schemaFor("p_", test);
        MigrationFiles files = fixture(dir);
        PrismaMigrate prisma = new PrismaMigrate(db, schema, files.root());
        assertThat(prisma.deploy().failed()).isNull();
        String applied = PrismaMigrate.checksum(bytes(files, ORDERS));
        files.add(ORDERS, text(files, ORDERS) + "CREATE INDEX orders_account ON orders (account_id);\n");
        String now = PrismaMigrate.checksum(bytes(files, ORDERS));

        MigrationAdoptionException refusal = refusal(schema, files, prisma);

        assertThat(refusal.getProblems()).singleElement().satisfies(problem -> {
            assertThat(problem.migration()).isEqualTo(ORDERS);
            assertThat(problem.description())
                    .contains("changed after Prisma applied it")
                    .contains(applied)
                    .contains(now)
                    .contains(ORDERS + "/migration.sql");
            assertThat(problem.action().toString()).contains("restore the file as Prisma applied it");
        });
        assertThat(refusal.getMessage())
                .contains("Cannot take over the history in " + schema + "._prisma_migrations")
                .contains("Nothing was imported and no migration ran");
    }

    @Test
    void refusesAMigrationPrismaFailedToApply(@TempDir Path dir, TestInfo test) {
        String schema = MigrationFiles.schemaFor("p_", test);
        MigrationFiles files = fixture(dir).add(ORDER_TOTAL, "ALTER TABLE orderz ADD COLUMN total numeric;\n");
        PrismaMigrate prisma = new PrismaMigrate(db, schema, files.root());
        assertThat(prisma.deploy().failed()).isEqualTo(ORDER_TOTAL);

        MigrationAdoptionException refusal = refusal(schema, files, prisma);

        assertThat(refusal.getProblems()).singleElement().satisfies(problem -> {
            assertThat(problem.migration()).isEqualTo(ORDER_TOTAL);
            assertThat(problem.description())
                    .contains("failed and was not resolved")
                    .contains("relation \"orderz\" does not exist");
            assertThat(problem.action().toString())
                    .contains("prisma migrate resolve --applied " + ORDER_TOTAL)
                    .contains("prisma migrate resolve --rolled-back " + ORDER_TOTAL);
        });
    }

    @Test
    void refusesAMigrationRolledBackAndNotAppliedAgainAndImportsOnceItIs(@TempDir Path dir, TestInfo test) {
        String schema = MigrationFiles.schemaFor("p_", test);
        MigrationFiles files = fixture(dir).add(ORDER_TOTAL, "ALTER TABLE orderz ADD COLUMN total numeric;\n");
        PrismaMigrate prisma = new PrismaMigrate(db, schema, files.root());
        assertThat(prisma.deploy().failed()).isEqualTo(ORDER_TOTAL);
        prisma.resolveRolledBack(ORDER_TOTAL);

        MigrationAdoptionException refusal = refusal(schema, files, prisma);

        assertThat(refusal.getProblems()).singleElement().satisfies(problem -> {
            assertThat(problem.migration()).isEqualTo(ORDER_TOTAL);
            assertThat(problem.description())
                    .contains("marked rolled back")
                    .contains("Prisma would apply it again on its next deploy");
            assertThat(problem.action().toString())
                    .contains("prisma migrate deploy")
                    .contains("delete its folder");
        });

        files.add(ORDER_TOTAL, "ALTER TABLE orders ADD COLUMN total numeric;\n");
        assertThat(prisma.deploy().applied()).containsExactly(ORDER_TOTAL, ACCOUNT_NAME);
        Slipway slipway = slipway(files, schema);
        assertThat(slipway.migrate().appliedCount()).isZero();
        assertThat(slipway.status().migrations())
                .extracting(MigrationInfo::state)
                .containsOnly(MigrationState.BASELINE)
                .hasSize(4);
    }

    @Test
    void refusesAnAppliedMigrationWhoseFolderIsGone(@TempDir Path dir, TestInfo test) {
        String schema = MigrationFiles.schemaFor("p_", test);
        MigrationFiles files = fixture(dir);
        PrismaMigrate prisma = new PrismaMigrate(db, schema, files.root());
        assertThat(prisma.deploy().failed()).isNull();
        files.remove(ACCOUNT_NAME);

        MigrationAdoptionException refusal = refusal(schema, files, prisma);

        assertThat(refusal.getProblems()).singleElement().satisfies(problem -> {
            assertThat(problem.migration()).isEqualTo(ACCOUNT_NAME);
            assertThat(problem.description())
                    .contains("Prisma applied it")
                    .contains("no migration folder " + ACCOUNT_NAME);
            assertThat(problem.action().toString()).contains("restore the folder");
        });
    }

    @Test
    void refusesAFolderBetweenMigrationsPrismaApplied(@TempDir Path dir, TestInfo test) {
        String schema = MigrationFiles.schemaFor("p_", test);
        MigrationFiles files = fixture(dir).remove(ORDER_TOTAL);
        PrismaMigrate prisma = new PrismaMigrate(db, schema, files.root());
        assertThat(prisma.deploy().applied()).containsExactly(ACCOUNTS, ORDERS, ACCOUNT_NAME);
        files.add(ORDER_TOTAL, "ALTER TABLE orders ADD COLUMN total numeric;\n");

        MigrationAdoptionException refusal = refusal(schema, files, prisma);

        assertThat(refusal.getProblems()).singleElement().satisfies(problem -> {
            assertThat(problem.migration()).isEqualTo(ORDER_TOTAL);
            assertThat(problem.description())
                    .contains("Prisma never applied it")
                    .contains("the newest is version 20240104000000");
            assertThat(problem.action().toString())
                    .contains("prisma migrate deploy")
                    .contains("above 20240104000000");
        });
    }

    @Test
    void listsEveryProblemAtOnce(@TempDir Path dir, TestInfo test) throws IOException {
        String schema = MigrationFiles.schemaFor("p_", test);
        MigrationFiles files =
                fixture(dir).remove(ACCOUNT_NAME).add("20240105000000_broken", "ALTER TABLE nope ADD COLUMN x int;\n");
        PrismaMigrate prisma = new PrismaMigrate(db, schema, files.root());
        assertThat(prisma.deploy().failed()).isEqualTo("20240105000000_broken");
        files.add(ACCOUNTS, text(files, ACCOUNTS) + "-- edited afterwards\n")
                .remove(ORDERS)
                .add("20240102120000_late_branch", "CREATE TABLE late (id int);\n");

        MigrationAdoptionException refusal = refusal(schema, files, prisma);

        assertThat(refusal.getProblems())
                .extracting(AdoptionProblem::migration)
                .containsExactly(ACCOUNTS, ORDERS, "20240102120000_late_branch", "20240105000000_broken");
        assertThat(refusal.getMessage())
                .contains("4 problems")
                .contains("changed after Prisma applied it")
                .contains("no migration folder " + ORDERS)
                .contains("Prisma never applied it")
                .contains("relation \"nope\" does not exist");
    }

    /**
     * Prisma compares a file with its checksum as it is, with CRLF turned into LF, and with LF turned into CRLF:
     * a checkout on another system does not stop it, and does not stop the import either.
     */
    @Test
    void importsFilesWhoseLineEndingsChangedSincePrismaTookTheirChecksums(@TempDir Path dir, TestInfo test)
            throws IOException {
        String schema = MigrationFiles.schemaFor("p_", test);
        MigrationFiles files = fixture(dir);
        files.add(ORDERS, text(files, ORDERS).replace("\n", "\r\n"));
        files.add(ORDER_TOTAL, text(files, ORDER_TOTAL).replace("\n", "\r\n"));
        PrismaMigrate prisma = new PrismaMigrate(db, schema, files.root());
        assertThat(prisma.deploy().failed()).isNull();
        files.add(ACCOUNTS, text(files, ACCOUNTS).replace("\n", "\r\n")); // deployed with LF, now CRLF
        files.add(ORDERS, text(files, ORDERS).replace("\r\n", "\n")); // deployed with CRLF, now LF
        // ORDER_TOTAL: deployed with CRLF and still CRLF; ACCOUNT_NAME: LF throughout
        assertThat(text(files, ACCOUNTS)).contains("\r\n");
        assertThat(PrismaMigrate.checksum(bytes(files, ACCOUNTS))).isNotEqualTo(prismaChecksum(schema, ACCOUNTS));
        assertThat(PrismaMigrate.checksum(bytes(files, ORDERS))).isNotEqualTo(prismaChecksum(schema, ORDERS));

        Slipway slipway = slipway(files, schema);
        assertThat(slipway.migrate().appliedCount()).isZero();

        assertThat(slipway.status().migrations())
                .extracting(MigrationInfo::state)
                .hasSize(4)
                .containsOnly(MigrationState.BASELINE);
    }

    /** Prisma before 2.16 wrote checksums without zero padding; Prisma still accepts them, and so does the import. */
    @Test
    void importsAChecksumAnOlderPrismaWroteWithoutZeroPadding(@TempDir Path dir, TestInfo test) throws Exception {
        String schema = MigrationFiles.schemaFor("p_", test);
        MigrationFiles files = fixture(dir);
        PrismaMigrate prisma = new PrismaMigrate(db, schema, files.root());
        assertThat(prisma.deploy().failed()).isNull();
        String unpadded = unpaddedHex(HexFormat.of().parseHex(PrismaMigrate.checksum(bytes(files, ACCOUNT_NAME))));
        assertThat(unpadded).as("a digest with bytes below 0x10").hasSizeLessThan(64);
        String otherFile = unpaddedHex(HexFormat.of()
                .parseHex(PrismaMigrate.checksum(
                        (text(files, ACCOUNT_NAME) + "-- another text\n").getBytes(StandardCharsets.UTF_8))));
        db.execute("UPDATE " + schema + "._prisma_migrations SET checksum = '" + otherFile
                + "' WHERE migration_name = '" + ACCOUNT_NAME + "'");
        assertThat(refusal(schema, files, prisma).getProblems())
                .extracting(AdoptionProblem::migration)
                .containsExactly(ACCOUNT_NAME);
        db.execute("UPDATE " + schema + "._prisma_migrations SET checksum = '" + unpadded + "' WHERE migration_name = '"
                + ACCOUNT_NAME + "'");

        Slipway slipway = slipway(files, schema);
        assertThat(slipway.migrate().appliedCount()).isZero();
        assertThat(slipway.status().migrations())
                .extracting(MigrationInfo::state)
                .containsOnly(MigrationState.BASELINE);
    }

    @Test
    void withImportingTurnedOffTheSchemaIsRefusedNamingPrismasTable(@TempDir Path dir, TestInfo test) {
        String schema = MigrationFiles.schemaFor("p_", test);
        MigrationFiles files = fixture(dir);
        new PrismaMigrate(db, schema, files.root()).deploy();
        Slipway slipway = Slipway.builder(db.dataSource())
                .config(files.config().schema(schema).adoptMode(AdoptMode.OFF).build())
                .build();

        Throwable refusal = catchThrowable(slipway::migrate);

        assertThat(refusal)
                .isInstanceOf(ExistingSchemaException.class)
                .hasMessageContaining(schema + "._prisma_migrations is there, but importing it is turned off");
        assertThat(slipwayTables(schema)).isZero();
    }

    @Test
    void twoInstancesStartingTogetherImportOnce(@TempDir Path dir, TestInfo test) throws Exception {
        String schema = MigrationFiles.schemaFor("p_", test);
        MigrationFiles files = fixture(dir);
        new PrismaMigrate(db, schema, files.root()).deploy();
        CyclicBarrier start = new CyclicBarrier(2);
        ExecutorService threads = Executors.newFixedThreadPool(2);
        try {
            List<Future<MigrateResult>> results = new ArrayList<>();
            for (int i = 0; i < 2; i++) {
                Slipway slipway = slipway(files, schema);
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
        assertThat(db.queryLong("SELECT count(*) FROM " + schema + ".slipway_migrations"))
                .isEqualTo(4);
        assertThat(db.queryLong("SELECT count(DISTINCT version) FROM " + schema + ".slipway_migrations"))
                .isEqualTo(4);
    }

    // --- helpers

    /** A small Prisma project: four migrations in Prisma's folders. */
    private static MigrationFiles fixture(Path dir) {
        return new MigrationFiles(dir)
                .add(
                        ACCOUNTS,
                        "-- CreateTable\nCREATE TABLE account (\n    id INTEGER NOT NULL,\n    email TEXT NOT NULL,\n"
                                + "\n    CONSTRAINT account_pkey PRIMARY KEY (id)\n);\n")
                .add(
                        ORDERS,
                        "-- CreateTable\nCREATE TABLE orders (\n    id INTEGER NOT NULL,\n"
                                + "    account_id INTEGER NOT NULL REFERENCES account (id),\n\n"
                                + "    CONSTRAINT orders_pkey PRIMARY KEY (id)\n);\n")
                .add(ORDER_TOTAL, "-- AlterTable\nALTER TABLE orders ADD COLUMN total numeric;\n")
                .add(ACCOUNT_NAME, "-- AlterTable\nALTER TABLE account ADD COLUMN name text;\n");
    }

    private Slipway slipway(MigrationFiles files, String schema) {
        return Slipway.builder(db.dataSource())
                .config(files.config().schema(schema).build())
                .build();
    }

    /** Slipway's first start on the schema, which must refuse and leave everything as it was. */
    private MigrationAdoptionException refusal(String schema, MigrationFiles files, PrismaMigrate prisma) {
        List<String> prismaRows = prisma.rows();
        long columns =
                db.queryLong("SELECT count(*) FROM information_schema.columns WHERE table_schema = '" + schema + "'");

        Throwable thrown = catchThrowable(slipway(files, schema)::migrate);

        assertThat(thrown).isInstanceOf(MigrationAdoptionException.class);
        MigrationAdoptionException refusal = (MigrationAdoptionException) thrown;
        assertThat(refusal.getSource()).isEqualTo(schema + "._prisma_migrations");
        assertThat(slipwayTables(schema)).as("Slipway tables after the refusal").isZero();
        assertThat(prisma.rows()).as("_prisma_migrations after the refusal").isEqualTo(prismaRows);
        assertThat(db.queryLong(
                        "SELECT count(*) FROM information_schema.columns WHERE table_schema = '" + schema + "'"))
                .as("columns of the schema after the refusal")
                .isEqualTo(columns);
        return refusal;
    }

    private long slipwayTables(String schema) {
        return db.queryLong(
                "SELECT count(*) FROM pg_tables WHERE schemaname = '" + schema + "' AND tablename LIKE 'slipway%'");
    }

    private String prismaChecksum(String schema, String name) {
        return db.queryString("SELECT checksum FROM " + schema + "._prisma_migrations WHERE migration_name = '" + name
                + "' AND finished_at IS NOT NULL");
    }

    private static byte[] bytes(MigrationFiles files, String id) throws IOException {
        return Files.readAllBytes(files.root().resolve(id).resolve("migration.sql"));
    }

    private static String text(MigrationFiles files, String id) {
        try {
            return Files.readString(files.root().resolve(id).resolve("migration.sql"), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Hex without zero padding, as Prisma's schema engine wrote checksums before it was fixed. */
    private static String unpaddedHex(byte[] digest) {
        StringBuilder text = new StringBuilder();
        for (byte b : digest) {
            text.append(Integer.toHexString(b & 0xff));
        }
        return text.toString();
    }

    /** The Prisma history of the test resources, copied into a folder where a test may add migrations. */
    private static Path copyOfThePrismaHistory(Path dir) throws IOException, URISyntaxException {
        Path source = Path.of(PrismaHistoryImportTest.class
                .getClassLoader()
                .getResource("histories/prisma")
                .toURI());
        Path target = dir.resolve("migrations");
        try (Stream<Path> paths = Files.walk(source)) {
            for (Path path : paths.toList()) {
                Path copy = target.resolve(source.relativize(path).toString());
                if (Files.isDirectory(path)) {
                    Files.createDirectories(copy);
                } else {
                    Files.copy(path, copy);
                }
            }
        }
        return target;
    }
}
