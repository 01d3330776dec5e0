package dev.slipway.migrate.autoconfigure.actuate;

import static org.assertj.core.api.Assertions.assertThat;

import dev.slipway.migrate.test.PostgresExtension;
import dev.slipway.migrate.test.TestDatabase;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * The tester's situation: an application with a 256 MB heap whose migrations include a 50 MB {@code INSERT}. It
 * starts (the migration applied), and then 20 concurrent health reads over HTTP all answer 200: health reuses what
 * startup read instead of reading and hashing the file on each request.
 */
@ExtendWith(PostgresExtension.class)
class HugeMigrationHealthTests {

    private static final int ROWS = 1_050_000;

    private final HttpClient http = HttpClient.newHttpClient();

    @Test
    void twentyConcurrentHealthReadsAnswer200WithAFiftyMegabyteMigrationApplied(TestDatabase db, @TempDir Path dir)
            throws Exception {
        Path migrations = dir.resolve("migrations");
        write(
                migrations.resolve("1_big").resolve("migration.sql"),
                "CREATE TABLE big (id int PRIMARY KEY, payload text NOT NULL);");
        Path huge = writeHugeInsert(migrations.resolve("2_huge_insert").resolve("migration.sql"));
        write(migrations.resolve("3_after").resolve("migration.sql"), "CREATE TABLE after_big (id int);");
        assertThat(Files.size(huge)).isGreaterThan(50L * 1024 * 1024);
        Path out = dir.resolve("app.log");
        Process app = start(db, "filesystem:" + migrations, out);
        try {
            int port = awaitPort(app, out);

            List<CompletableFuture<HttpResponse<String>>> reads = new ArrayList<>();
            for (int i = 0; i < 20; i++) {
                reads.add(http.sendAsync(
                        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port
                                        + (i % 2 == 0 ? "/actuator/health" : "/actuator/health/slipway")))
                                .GET()
                                .build(),
                        HttpResponse.BodyHandlers.ofString()));
            }
            for (CompletableFuture<HttpResponse<String>> read : reads) {
                HttpResponse<String> response = read.get(2, TimeUnit.MINUTES);
                assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
                assertThat(response.body()).contains("\"status\":\"UP\"");
            }
            long started = System.nanoTime();
            HttpResponse<String> slipway = http.send(
                    HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/actuator/health/slipway"))
                            .GET()
                            .build(),
                    HttpResponse.BodyHandlers.ofString());
            long readMillis = (System.nanoTime() - started) / 1_000_000;
            assertThat(slipway.body()).contains("\"applied\":3", "\"pending\":0");
            try (OutputStream in = app.getOutputStream()) {
                in.write("peak\n".getBytes(StandardCharsets.UTF_8));
                in.flush();
                long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
                while (!Files.readString(out).lines().anyMatch(l -> l.matches("peak heap \\d+ MB"))
                        && System.nanoTime() < deadline) {
                    Thread.sleep(100);
                }
            }
            String log = Files.readString(out);
            System.out.println("Application with -Xmx256m and a " + Files.size(huge) / (1024 * 1024) + " MB migration: "
                    + log.lines().filter(l -> l.startsWith("peak heap")).toList() + "; one health read after the 20: "
                    + readMillis + " ms");
            assertThat(log).doesNotContain("OutOfMemoryError");
            assertThat(db.queryLong("SELECT count(*) FROM big")).isEqualTo(ROWS);
        } finally {
            app.destroy();
            if (!app.waitFor(30, TimeUnit.SECONDS)) {
                app.destroyForcibly();
            }
        }
    }

    private static Process start(TestDatabase db, String location, Path out) throws IOException {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        List<String> command = List.of(
                java,
                "-Xmx256m",
                "-cp",
                System.getProperty("java.class.path"),
                HealthApplication.class.getName(),
                "--spring.datasource.url=" + db.jdbcUrl(),
                "--spring.datasource.username=" + db.username(),
                "--spring.datasource.password=" + (db.password() == null ? "" : db.password()),
                "--slipway.locations=" + location,
                "--server.port=0",
                "--server.address=127.0.0.1",
                "--management.endpoints.web.exposure.include=health",
                "--management.endpoint.health.show-details=always");
        return new ProcessBuilder(command)
                .redirectErrorStream(true)
                .redirectOutput(out.toFile())
                .start();
    }

    private static int awaitPort(Process app, Path out) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(3);
        while (System.nanoTime() < deadline) {
            String log = Files.readString(out);
            for (String line : log.lines().toList()) {
                if (line.startsWith("port ")) {
                    return Integer.parseInt(line.substring("port ".length()).trim());
                }
            }
            assertThat(app.isAlive()).as("the application stopped: %s", log).isTrue();
            Thread.sleep(200);
        }
        throw new AssertionError("the application did not start: " + Files.readString(out));
    }

    private static void write(Path file, String sql) throws IOException {
        Files.createDirectories(file.getParent());
        Files.writeString(file, sql);
    }

    private static Path writeHugeInsert(Path file) throws IOException {
        Files.createDirectories(file.getParent());
        try (BufferedWriter out = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
            out.write("INSERT INTO big (id, payload) VALUES\n");
            for (int i = 1; i <= ROWS; i++) {
                out.write("(" + i + ", 'row " + i + " of the imported data set, text')");
                out.write(i == ROWS ? ";\n" : ",\n");
            }
        }
        return file;
    }
}
