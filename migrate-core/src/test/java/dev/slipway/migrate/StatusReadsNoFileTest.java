package dev.slipway.migrate;

import static org.assertj.core.api.Assertions.assertThat;

import dev.slipway.migrate.internal.discovery.MigrationCache;
import dev.slipway.migrate.test.PostgresExtension;
import dev.slipway.migrate.test.TestDatabase;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInfo;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * What health checks, the endpoint and meters ask for again and again ({@code status()}, {@code validate()}) reuses
 * what {@code migrate()} read: no file of the classpath is read again, a file of the file system only when its size
 * or modification time changed, and concurrent callers share one read.
 */
@ExtendWith(PostgresExtension.class)
class StatusReadsNoFileTest {

    private static final String USERS = "20240101000000_users";
    /** A classpath location no other test has, as the read counts are by location (tests run in parallel). */
    private static final String LOCATION = "db/status_reads_no_file";

    private final TestDatabase db;

    StatusReadsNoFileTest(TestDatabase db) {
        this.db = db;
    }

    @Test
    void statusAndValidateAfterMigrateReadNoClasspathFile(@TempDir Path dir, TestInfo test) throws Exception {
        String schema = MigrationFiles.schemaFor("c_", test);
        new MigrationFiles(dir.resolve(LOCATION))
                .add(USERS, "CREATE TABLE users (id int);")
                .add("20240102000000_names", "ALTER TABLE users ADD COLUMN name text;");
        try (URLClassLoader classLoader =
                new URLClassLoader(new URL[] {dir.toUri().toURL()}, null)) {
            Slipway slipway = Slipway.builder(db.dataSource())
                    .classLoader(classLoader)
                    .config(SlipwayConfig.builder()
                            .locations("classpath:" + LOCATION)
                            .schema(schema)
                            .build())
                    .build();
            assertThat(slipway.migrate().appliedCount()).isEqualTo(2);
            assertThat(MigrationCache.timesRead("classpath:" + LOCATION + "/")).isEqualTo(2);

            for (int i = 0; i < 20; i++) {
                assertThat(slipway.status().isUpToDate()).isTrue();
                assertThat(slipway.validate().isValid()).isTrue();
            }

            assertThat(MigrationCache.timesRead("classpath:" + LOCATION + "/")).isEqualTo(2);
        }
    }

    @Test
    void aFilesystemFileIsReadAgainOnlyWhenItsSizeOrModificationTimeChanged(@TempDir Path dir, TestInfo test)
            throws Exception {
        String schema = MigrationFiles.schemaFor("f_", test);
        MigrationFiles files = new MigrationFiles(dir).add(USERS, "CREATE TABLE users (id int);");
        Slipway slipway = Slipway.builder(db.dataSource())
                .config(files.config().schema(schema).build())
                .build();
        assertThat(slipway.migrate().appliedCount()).isEqualTo(1);
        String applied = slipway.status().migrations().get(0).checksum();
        String source = "filesystem:" + dir.toAbsolutePath() + "/";
        long read = MigrationCache.timesRead(source);
        assertThat(read).isEqualTo(1);
        for (int i = 0; i < 20; i++) {
            assertThat(slipway.status().isUpToDate()).isTrue();
        }
        assertThat(MigrationCache.timesRead(source) - read).isZero();

        // other bytes, same size and modification time: not looked at, so the checksum read at startup stands
        Path file = dir.resolve(USERS).resolve("migration.sql");
        FileTime modified = Files.getLastModifiedTime(file);
        Files.writeString(file, "CREATE TABLE users (id bigint)".substring(0, "CREATE TABLE users (id int);".length()));
        Files.setLastModifiedTime(file, modified);
        assertThat(Files.size(file)).isEqualTo("CREATE TABLE users (id int);".length());
        MigrationInfo unchanged = slipway.status().migrations().get(0);
        assertThat(unchanged.state()).isEqualTo(MigrationState.APPLIED);
        assertThat(unchanged.checksum()).isEqualTo(applied);
        assertThat(MigrationCache.timesRead(source) - read).isZero();

        // an edit as an editor makes it (another size): read again, and seen at once
        files.add(USERS, "CREATE TABLE users (id bigint);");
        MigrationInfo edited = slipway.status().migrations().get(0);
        assertThat(edited.state()).isEqualTo(MigrationState.MODIFIED);
        assertThat(edited.checksum()).isNotEqualTo(applied);
        assertThat(MigrationCache.timesRead(source) - read).isEqualTo(1);

        // a new migration is read once, however often the status is asked for afterwards
        files.add("20240102000000_names", "ALTER TABLE users ADD COLUMN name text;");
        for (int i = 0; i < 5; i++) {
            assertThat(slipway.status().pending())
                    .extracting(MigrationInfo::version)
                    .containsExactly("20240102000000");
        }
        assertThat(MigrationCache.timesRead(source) - read).isEqualTo(2);
    }

    @Test
    void concurrentStatusReadsShareOneReadOfAChangedFile(@TempDir Path dir, TestInfo test) throws Exception {
        String schema = MigrationFiles.schemaFor("s_", test);
        MigrationFiles files = new MigrationFiles(dir).add(USERS, "CREATE TABLE users (id int);");
        Slipway slipway = Slipway.builder(db.dataSource())
                .config(files.config().schema(schema).build())
                .build();
        slipway.migrate();
        StringBuilder large = new StringBuilder("INSERT INTO users VALUES (0)");
        for (int i = 1; i < 200_000; i++) {
            large.append(", (").append(i).append(')');
        }
        files.add("20240102000000_rows", large.toString());
        String source = "filesystem:" + dir.toAbsolutePath() + "/";
        long read = MigrationCache.timesRead(source);

        int threads = 10;
        CountDownLatch start = new CountDownLatch(1);
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            List<Future<MigrationStatus>> results = new ArrayList<>();
            for (int i = 0; i < threads; i++) {
                Callable<MigrationStatus> read10 = () -> {
                    start.await();
                    return slipway.status();
                };
                results.add(pool.submit(read10));
            }
            start.countDown();
            for (Future<MigrationStatus> result : results) {
                assertThat(result.get().pending())
                        .extracting(MigrationInfo::version)
                        .containsExactly("20240102000000");
            }
        } finally {
            pool.shutdownNow();
        }

        assertThat(MigrationCache.timesRead(source) - read).isEqualTo(1);
    }
}
