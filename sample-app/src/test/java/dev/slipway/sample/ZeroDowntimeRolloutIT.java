package dev.slipway.sample;

import static org.assertj.core.api.Assertions.assertThat;

import dev.slipway.migrate.test.PostgresExtension;
import dev.slipway.migrate.test.TestDatabase;
import dev.slipway.sample.rollout.Await;
import dev.slipway.sample.rollout.FailedRequest;
import dev.slipway.sample.rollout.Fleet;
import dev.slipway.sample.rollout.HealthChecks;
import dev.slipway.sample.rollout.LoadGenerator;
import dev.slipway.sample.rollout.Rotation;
import dev.slipway.sample.rollout.SampleData;
import dev.slipway.sample.rollout.SlipwayActuator;
import dev.slipway.sample.rollout.UserLedger;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The proof that the three releases roll out without downtime: real instances of the packaged jar (child JVMs, one
 * database), a load that never stops, and a rollout as a load balancer and a deploy tool would run it. The load
 * balancer routes by health: it polls every instance's {@code /actuator/health} ({@link HealthChecks}) and sends
 * requests only to instances that answer {@code UP}, so an old instance that reports {@code DOWN} once the new
 * release changed the schema would be taken out of the fleet in the middle of the rollout.
 *
 * <ol>
 *   <li>Two v1 instances serve 5,000 seeded users and 5,000 seeded posts; the load starts.</li>
 *   <li>Two v2 instances start (expand migrations, then the {@code users_display_name} backfill in the
 *       background) and join the rotation; v1 and v2 serve side by side.</li>
 *   <li>The v1 instances leave the rotation (in-flight requests drain), then stop. Once the backfill is
 *       COMPLETED (the precondition of v3, which reads only {@code display_name}), two v3 instances start and join;
 *       the contract migration must still wait: v2 instances run.</li>
 *   <li>The v2 instances leave the rotation and stop. Nothing else is done: the contract migration must be applied
 *       by the v3 instances by themselves, which {@code /actuator/slipway} shows as APPLIED.</li>
 * </ol>
 *
 * Then: no instance was taken out by health (the only removals are the planned drains) and every health answer of an
 * instance in rotation was {@code UP} (an answer that did not come in time counts only towards a removal), not one
 * request failed (every status as expected, every answer showing the name last written), every user
 * has the name last written to it in {@code display_name}, {@code users.name} is gone, every post has its unique
 * slug. The latency of each phase is printed (not asserted: speed belongs to the benchmarks).
 */
@ExtendWith(PostgresExtension.class)
class ZeroDowntimeRolloutIT {

    static final int SEED_USERS = 5_000;
    static final int SEED_POSTS = 5_000;
    static final long REQUESTS_PER_PHASE = 300;
    static final Duration PHASE_TIMEOUT = Duration.ofMinutes(2);
    private static final Duration STARTUP_TIMEOUT = Duration.ofMinutes(3);
    /** A bound on how long the fleet may take to notice the last v2 instance is gone; not a speed assertion. */
    private static final Duration CONTRACT_TIMEOUT = Duration.ofMinutes(5);

    private static final String CONTRACT = "20250301090000";

    @Test
    void rollsOutV1ToV3WithoutAFailedRequest(TestDatabase db) throws Exception {
        Path jar = Path.of(System.getProperty("sample-app.jar", "target/sample-app.jar"));
        Path logs = Path.of(System.getProperty("rollout.logs", "target/rollout-logs"));
        assertThat(jar).as("the repackaged jar (built by the package phase)").exists();

        Fleet.Settings settings = fleetSettings(db, jar, logs);
        Rotation rotation = new Rotation();
        LoadGenerator.Settings loadSettings = LoadGenerator.Settings.light();
        LoadGenerator load;
        try (Fleet fleet = new Fleet(settings, rotation)) {
            List<Fleet.Instance> v1 = new ArrayList<>(fleet.start("v1", 1, List.of()));
            seed(db);
            v1.addAll(fleet.start("v1", 1, List.of()));
            fleet.rotateIn(v1);

            load = new LoadGenerator(rotation, new UserLedger(seededNames(db), loadSettings.workers()), loadSettings);
            try {
                rollOut(fleet, load, v1);
            } finally {
                load.close(); // before the fleet stops
                System.out.println("Zero-downtime rollout: " + load.requests() + " requests, "
                        + load.failures().size() + " failed; "
                        + load.health().removals().size()
                        + " instance(s) taken out by health, "
                        + load.health().notUp().size()
                        + " health answer(s) not UP\n" + load.latencies().table());
                load.health().removals().forEach(r -> System.out.println("taken out: " + r));
                load.health().notUp().stream().limit(20).forEach(a -> System.out.println("health not UP: " + a));
                load.failures().stream().limit(20).forEach(f -> System.out.println("failed: " + f));
            }
        }

        assertThat(load.health().removals())
                .as(
                        "instances taken out by health (a load balancer polling /actuator/health stops sending them"
                                + " requests); instance logs in %s",
                        logs)
                .isEmpty();
        List<HealthChecks.Answer> notUp =
                load.health().notUp().stream().filter(a -> a.status() >= 0).toList();
        assertThat(notUp)
                .as("health answers other than 200 UP from instances in rotation; instance logs in %s", logs)
                .isEmpty();
        List<FailedRequest> failures = load.failures();
        assertThat(failures)
                .as(
                        "failed requests (%d of %d); instance logs in %s:%n%s",
                        failures.size(),
                        load.requests(),
                        logs,
                        String.join(
                                "\n",
                                failures.stream()
                                        .limit(40)
                                        .map(FailedRequest::toString)
                                        .toList()))
                .isEmpty();
        assertDataAfterContract(db, load.users());
    }

    /** Steps 1 to 4 of the class comment, with the load running throughout. */
    private static void rollOut(Fleet fleet, LoadGenerator load, List<Fleet.Instance> v1) throws Exception {
        load.phase("1 v1 x2");
        load.start();
        load.awaitRequestsInPhase(REQUESTS_PER_PHASE, PHASE_TIMEOUT);

        load.phase("2 v2 x2 starting: expand migrations");
        List<Fleet.Instance> v2 = fleet.start("v2", 2, List.of());
        fleet.rotateIn(v2);
        load.phase("3 v1 + v2: users_display_name backfill");
        SlipwayActuator v2Slipway = v2.get(0).slipway();
        awaitBackfillCompleted(v2Slipway, "users_display_name");
        load.awaitRequestsInPhase(REQUESTS_PER_PHASE, PHASE_TIMEOUT);

        load.phase("4 v1 drained and stopped");
        fleet.retire(v1);
        load.awaitRequestsInPhase(REQUESTS_PER_PHASE, PHASE_TIMEOUT);

        load.phase("5 v3 x2 starting");
        List<Fleet.Instance> v3 = fleet.start("v3", 2, List.of());
        fleet.rotateIn(v3);
        load.phase("6 v2 + v3: contract awaiting");
        SlipwayActuator v3Slipway = v3.get(0).slipway();
        load.awaitRequestsInPhase(REQUESTS_PER_PHASE, PHASE_TIMEOUT);
        assertThat(v3Slipway.migrationState(CONTRACT))
                .as("the contract migration while v2 instances still run (%s)", v3Slipway.migration(CONTRACT))
                .isEqualTo("AWAITING");

        load.phase("7 v2 drained and stopped");
        fleet.retire(v2);
        load.phase("8 v3 alone: contract applies by itself");
        Await.until(
                "contract migration " + CONTRACT + " APPLIED",
                CONTRACT_TIMEOUT,
                () -> "APPLIED".equals(v3Slipway.migrationState(CONTRACT)),
                () -> v3Slipway.migration(CONTRACT).toString());
        awaitBackfillCompleted(v3Slipway, "posts_slug");
        load.phase("9 v3 after the contract");
        load.awaitRequestsInPhase(REQUESTS_PER_PHASE, PHASE_TIMEOUT);
    }

    private static void awaitBackfillCompleted(SlipwayActuator slipway, String name) throws InterruptedException {
        Await.until(
                "backfill " + name + " COMPLETED",
                Duration.ofMinutes(3),
                () -> "COMPLETED".equals(slipway.backfillState(name)),
                () -> slipway.backfill(name).toString());
    }

    /** The data that v1 instances found when they started: users and one post per user. */
    static void seed(TestDatabase db) throws Exception {
        try (Connection connection = db.connect()) {
            connection.setSchema("slipway_sample");
            SampleData.seed(connection, SEED_USERS, SEED_POSTS);
        }
    }

    static Map<Long, String> seededNames(TestDatabase db) throws Exception {
        Map<Long, String> names;
        try (Connection connection = db.connect()) {
            connection.setSchema("slipway_sample");
            names = SampleData.names(connection);
        }
        assertThat(names).hasSize(SEED_USERS);
        return names;
    }

    /** The instances' settings: the packaged jar, small heaps, the test database, frequent heartbeats. */
    static Fleet.Settings fleetSettings(TestDatabase db, Path jar, Path logs) {
        return new Fleet.Settings(
                jar,
                logs,
                List.of("-Xmx384m", "-XX:+UseSerialGC"),
                List.of(
                        "--spring.datasource.url=" + db.jdbcUrl()
                                + (db.jdbcUrl().contains("?") ? "&" : "?") + "currentSchema=slipway_sample",
                        "--spring.datasource.username=" + db.username(),
                        "--spring.datasource.password=" + db.password(),
                        // A fleet of short-lived test instances: heartbeats often, so a stopped one is noticed soon.
                        "--slipway.instances.heartbeat-interval=1s"),
                STARTUP_TIMEOUT,
                Duration.ofSeconds(30));
    }

    private static void assertDataAfterContract(TestDatabase db, UserLedger ledger) throws Exception {
        assertThat(db.queryLong("SELECT count(*) FROM information_schema.columns WHERE table_schema = 'slipway_sample'"
                        + " AND table_name = 'users' AND column_name = 'name'"))
                .as("users.name after the contract")
                .isZero();
        assertThat(db.queryString("SELECT attnotnull::text FROM pg_attribute"
                        + " WHERE attrelid = 'slipway_sample.users'::regclass AND attname = 'display_name'"))
                .as("users.display_name is NOT NULL")
                .isEqualTo("true");
        assertThat(db.queryLong("SELECT count(*) FROM pg_trigger WHERE tgname = 'users_sync_display_name'"))
                .as("the sync trigger is dropped")
                .isZero();

        Map<Long, String> stored = new HashMap<>();
        try (Connection connection = db.connect();
                Statement statement = connection.createStatement();
                ResultSet rows = statement.executeQuery("SELECT id, display_name FROM slipway_sample.users")) {
            while (rows.next()) {
                stored.put(rows.getLong(1), rows.getString(2));
            }
        }
        Map<Long, String> expected = ledger.certainNames();
        assertThat(expected.size()).as("users whose last write is known").isGreaterThan(SEED_USERS / 2);
        List<String> wrong = new ArrayList<>();
        expected.forEach((id, name) -> {
            if (!name.equals(stored.get(id))) {
                wrong.add("user " + id + ": expected '" + name + "', stored '" + stored.get(id) + "'");
            }
        });
        assertThat(wrong)
                .as("users whose display_name is not the name last written")
                .isEmpty();

        List<String> badSlugs = new ArrayList<>();
        long posts = 0;
        try (Connection connection = db.connect();
                Statement statement = connection.createStatement();
                ResultSet rows = statement.executeQuery("SELECT id, title, slug FROM slipway_sample.posts")) {
            while (rows.next()) {
                posts++;
                String slug = rows.getString(3);
                String wanted = Slugs.of(rows.getString(2), rows.getLong(1));
                if (!wanted.equals(slug)) {
                    badSlugs.add("post " + rows.getLong(1) + ": expected slug '" + wanted + "', stored '" + slug + "'");
                }
            }
        }
        assertThat(posts).isGreaterThan(SEED_POSTS);
        assertThat(badSlugs).as("posts without their slug").isEmpty();
        assertThat(db.queryLong("SELECT count(DISTINCT slug) FROM slipway_sample.posts"))
                .as("distinct slugs")
                .isEqualTo(posts);
    }
}
