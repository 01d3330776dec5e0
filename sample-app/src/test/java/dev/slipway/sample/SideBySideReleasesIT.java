package dev.slipway.sample;

import static org.assertj.core.api.Assertions.assertThat;

import dev.slipway.migrate.test.PostgresExtension;
import dev.slipway.migrate.test.TestDatabase;
import dev.slipway.sample.rollout.Await;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * v1 and v2 of the packaged jar side by side on one database, as in the middle of a rolling release, checked the
 * way a load balancer checks an instance: its {@code /actuator/health}.
 *
 * <ol>
 *   <li>A v1 instance starts and migrates; then a v2 instance starts and applies its four expand migrations, which
 *       v1 does not ship: for v1 they are migrations from the future.</li>
 *   <li>v1's {@code /actuator/health} still answers 200 {@code UP}, its {@code slipway} details counting the future
 *       migrations and naming the newest applied version; {@code /actuator/slipway} lists them as {@code FUTURE}.
 *       v1's contract task checks at least once after v2's migrations (its DEBUG line is counted) and says
 *       nothing.</li>
 *   <li>v1 is stopped and started again while v2 runs (rolling the code back is the escape hatch of a release
 *       whose expand migrations are applied): it starts, applies nothing, logs once that it leaves the future
 *       migrations alone, and is {@code UP}.</li>
 *   <li>Neither run of v1 logs an ERROR, nor a WARN from Slipway.</li>
 * </ol>
 */
@ExtendWith(PostgresExtension.class)
class SideBySideReleasesIT {

    private static final Duration STARTUP_TIMEOUT = Duration.ofMinutes(2);

    private static final List<String> V2_EXPAND =
            List.of("20250201090000", "20250201090100", "20250201090200", "20250201090300");

    /** What the engine logs at DEBUG each time a contract check finds nothing to apply. */
    private static final String CONTRACT_CHECKED = "no contract migration to apply";

    private final JsonMapper json = JsonMapper.builder().build();

    @Test
    void anOldInstanceStaysHealthyWhileANewerReleaseExpandsAndRestartsCleanly(TestDatabase db) throws Exception {
        Path jar = Path.of(System.getProperty("sample-app.jar", "target/sample-app.jar"));
        Path logs = Path.of(System.getProperty("sample-app.log", "target/sample-app-it.log"))
                .toAbsolutePath()
                .resolveSibling("side-by-side-logs");
        assertThat(jar).as("the repackaged jar (built by the package phase)").exists();
        Path v1Log = logs.resolve("v1.log");
        Path v1AgainLog = logs.resolve("v1-restarted.log");

        List<SampleAppProcess> started = new ArrayList<>();
        try {
            SampleAppProcess v1 = start(started, jar, v1Log, db, "v1");
            v1.awaitHealthy(STARTUP_TIMEOUT);
            SampleAppProcess v2 = start(started, jar, logs.resolve("v2.log"), db, "v2");
            v2.awaitHealthy(STARTUP_TIMEOUT);
            assertThat(db.queryStrings("SELECT version FROM slipway_sample.slipway_migrations"
                            + " WHERE finished_at IS NOT NULL AND version >= '20250201000000' ORDER BY version"))
                    .as("v2's expand migrations, applied by v2")
                    .isEqualTo(V2_EXPAND);

            assertHealthyWithFutureMigrations(v1);
            JsonNode migrations =
                    json.readTree(v1.get("/actuator/slipway").body()).path("migrations");
            List<String> future = new ArrayList<>();
            for (JsonNode migration : migrations) {
                if ("FUTURE".equals(migration.path("state").asString(null))) {
                    future.add(migration.path("version").asString());
                }
            }
            assertThat(future)
                    .as("v1's /actuator/slipway migrations in state FUTURE:%n%s", migrations)
                    .isEqualTo(V2_EXPAND);

            long checksBefore = count(v1Log, CONTRACT_CHECKED);
            Await.until(
                    "v1's contract task checked again after v2's migrations",
                    Duration.ofSeconds(30),
                    () -> count(v1Log, CONTRACT_CHECKED) > checksBefore,
                    v1::logTail);
            assertHealthyWithFutureMigrations(v1);
            long rows = db.queryLong("SELECT count(*) FROM slipway_sample.slipway_migrations");

            v1.stop();
            SampleAppProcess v1Again = start(started, jar, v1AgainLog, db, "v1");
            v1Again.awaitHealthy(STARTUP_TIMEOUT);
            assertHealthyWithFutureMigrations(v1Again);
            assertThat(db.queryLong("SELECT count(*) FROM slipway_sample.slipway_migrations"))
                    .as("history rows after v1 restarted")
                    .isEqualTo(rows);
            assertThat(Files.readAllLines(v1AgainLog))
                    .filteredOn(line -> line.contains("applied by a newer version of the application"))
                    .as("the restarted v1's line about the future migrations")
                    .singleElement()
                    .asString()
                    .contains(" INFO ", "4 migrations", "newest 20250201090300_index_posts_slug");
        } finally {
            for (SampleAppProcess process : started) {
                process.stop();
            }
        }
        for (Path log : List.of(v1Log, v1AgainLog)) {
            assertThat(Files.readAllLines(log))
                    .as("ERROR lines, and Slipway's WARN lines, in %s", log)
                    .noneMatch(line -> line.contains("ERROR") || line.contains(" WARN ") && line.contains(" d.s."));
        }
    }

    private void assertHealthyWithFutureMigrations(SampleAppProcess v1) throws Exception {
        HttpResponse<String> response = v1.get("/actuator/health");
        assertThat(response.statusCode())
                .as("v1's /actuator/health: %s", response.body())
                .isEqualTo(200);
        JsonNode health = json.readTree(response.body());
        assertThat(health.path("status").asString()).as(response.body()).isEqualTo("UP");
        JsonNode slipway = health.path("components").path("slipway");
        assertThat(slipway.path("status").asString()).as(response.body()).isEqualTo("UP");
        assertThat(slipway.path("details").path("future").asLong(-1))
                .as(response.body())
                .isEqualTo(4);
        assertThat(slipway.path("details").path("newestApplied").asString(null))
                .as(response.body())
                .isEqualTo("20250201090300");
        assertThat(slipway.path("details").path("applied").asLong(-1))
                .as(response.body())
                .isEqualTo(4);
    }

    private static SampleAppProcess start(
            List<SampleAppProcess> started, Path jar, Path log, TestDatabase db, String release) throws Exception {
        SampleAppProcess process = SampleAppProcess.start(
                jar,
                log,
                List.of("-Xmx384m", "-XX:+UseSerialGC"),
                List.of(
                        "--spring.datasource.url=" + db.jdbcUrl()
                                + (db.jdbcUrl().contains("?") ? "&" : "?") + "currentSchema=slipway_sample",
                        "--spring.datasource.username=" + db.username(),
                        "--spring.datasource.password=" + db.password(),
                        "--spring.profiles.active=" + release,
                        // The contract task checks every heartbeat interval: often, so the test sees a check soon.
                        "--slipway.instances.heartbeat-interval=1s",
                        "--logging.level.dev.slipway.migrate.internal.engine.MigrationEngine=DEBUG"));
        started.add(process);
        return process;
    }

    private static long count(Path log, String text) throws Exception {
        return Files.readAllLines(log).stream()
                .filter(line -> line.contains(text))
                .count();
    }
}
