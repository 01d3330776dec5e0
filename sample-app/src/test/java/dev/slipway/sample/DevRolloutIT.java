package dev.slipway.sample;

import static org.assertj.core.api.Assertions.assertThat;

import dev.slipway.migrate.lint.LintFinding;
import dev.slipway.migrate.lint.SlipwayLint;
import dev.slipway.migrate.schema.DevMigrations;
import dev.slipway.migrate.schema.SchemaDiff;
import dev.slipway.migrate.schema.SchemaPlan;
import dev.slipway.migrate.test.PostgresExtension;
import dev.slipway.migrate.test.TestDatabase;
import dev.slipway.sample.rollout.Await;
import dev.slipway.sample.rollout.FailedRequest;
import dev.slipway.sample.rollout.Fleet;
import dev.slipway.sample.rollout.HealthChecks;
import dev.slipway.sample.rollout.LoadGenerator;
import dev.slipway.sample.rollout.Rotation;
import dev.slipway.sample.rollout.SlipwayActuator;
import dev.slipway.sample.rollout.UserLedger;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * {@code slipway dev} end to end: the migrations it writes for a changed desired schema pass Slipway's linter and roll
 * out under load without a failed request, as the hand-written v2 and v3 migrations do in {@link
 * ZeroDowntimeRolloutIT}.
 *
 * <ol>
 *   <li>The desired schema ({@code src/test/resources/dev-rollout/schema}) is the one release v3 needs:
 *       {@code users.display_name NOT NULL -- slipway:renamed-from name}, and {@code posts.slug} with its unique
 *       index. {@link SchemaDiff#dev} (what {@code slipway dev --create-only} runs) writes the migrations from v1's
 *       migrations to it: the expand migrations go into release v2's location, the contract migrations into v3's.</li>
 *   <li>The linter judges them as release v3 runs them (v1's migrations, then the generated ones).</li>
 *   <li>The rollout of {@link ZeroDowntimeRolloutIT} (v1 under load, v2 beside it, v1 leaves, v3 beside v2, v2
 *       leaves, the contract applied by v3 by itself), with the v2 and v3 instances' {@code slipway.locations} on v1's
 *       migrations and the generated ones, and the app's backfills {@code users_display_name} (the name dev gives in
 *       {@code requires-backfill}) and {@code posts_slug} waiting for the versions dev wrote.</li>
 *   <li>Then: no request failed, no instance was taken out by health, every user has the name last written in
 *       {@code display_name}, {@code users.name} and the sync trigger are gone, every post has its unique slug, and
 *       the database is the desired schema: the plan from it to the desired schema is empty.</li>
 * </ol>
 */
@ExtendWith(PostgresExtension.class)
class DevRolloutIT {

    private static final Path DESIRED = Path.of("src/test/resources/dev-rollout/schema");
    /** After v1's newest migration, so the versions dev writes are these, one second apart. */
    private static final Clock CLOCK = Clock.fixed(Instant.parse("2025-02-01T09:00:00Z"), ZoneOffset.UTC);

    private static final String SCHEMA = "slipway_sample";
    private static final String V1 = "classpath:db/migrations/v1";
    private static final String USERS_DISPLAY_NAME = "users_display_name";
    private static final String POSTS_SLUG = "posts_slug";
    private static final Duration CONTRACT_TIMEOUT = Duration.ofMinutes(5);

    @Test
    void migrationsWrittenByDevRollOutWithoutAFailedRequest(TestDatabase db) throws Exception {
        Path jar = Path.of(System.getProperty("sample-app.jar", "target/sample-app.jar"));
        Path work = Path.of(System.getProperty("dev-rollout.dir", "target/dev-rollout"))
                .toAbsolutePath();
        Path logs = work.resolve("logs");
        assertThat(jar).as("the repackaged jar (built by the package phase)").exists();
        deleteTree(work);
        Files.createDirectories(logs);

        SchemaDiff diff = SchemaDiff.builder()
                .connection(db.jdbcUrl(), db.username(), db.password())
                .schema(SCHEMA)
                .locations(List.of(V1))
                .schemaFolder(DESIRED)
                .build();
        Generated generated = generate(diff, work);

        Fleet.Settings settings = ZeroDowntimeRolloutIT.fleetSettings(db, jar, logs);
        Rotation rotation = new Rotation();
        LoadGenerator.Settings loadSettings = LoadGenerator.Settings.light();
        LoadGenerator load;
        try (Fleet fleet = new Fleet(settings, rotation)) {
            List<Fleet.Instance> v1 = new ArrayList<>(fleet.start("v1", 1, List.of()));
            ZeroDowntimeRolloutIT.seed(db);
            v1.addAll(fleet.start("v1", 1, List.of()));
            fleet.rotateIn(v1);

            load = new LoadGenerator(
                    rotation,
                    new UserLedger(ZeroDowntimeRolloutIT.seededNames(db), loadSettings.workers()),
                    loadSettings);
            try {
                rollOut(fleet, load, v1, generated);
            } finally {
                load.close(); // before the fleet stops
                System.out.println("Rollout of the migrations dev wrote: " + load.requests() + " requests, "
                        + load.failures().size() + " failed; "
                        + load.health().removals().size() + " instance(s) taken out by health, "
                        + load.health().notUp().size() + " health answer(s) not UP\n"
                        + load.latencies().table());
                load.health().removals().forEach(r -> System.out.println("taken out: " + r));
                load.health().notUp().stream().limit(20).forEach(a -> System.out.println("health not UP: " + a));
                load.failures().stream().limit(20).forEach(f -> System.out.println("failed: " + f));
            }
        }

        assertThat(load.health().removals())
                .as("instances taken out by health; instance logs in %s", logs)
                .isEmpty();
        List<HealthChecks.Answer> notUp =
                load.health().notUp().stream().filter(a -> a.status() >= 0).toList();
        assertThat(notUp)
                .as("health answers other than 200 UP from instances in rotation; instance logs in %s", logs)
                .isEmpty();
        List<FailedRequest> failures = load.failures();
        assertThat(failures)
                .as(
                        "failed requests (%d of %d); instance logs in %s, migrations in %s:%n%s",
                        failures.size(),
                        load.requests(),
                        logs,
                        work,
                        String.join(
                                "\n",
                                failures.stream()
                                        .limit(40)
                                        .map(FailedRequest::toString)
                                        .toList()))
                .isEmpty();
        assertUsersAndPosts(db, load.users());

        SchemaPlan rest = diff.plan("url:" + db.jdbcUrl(), "schema:" + DESIRED.toAbsolutePath());
        assertThat(rest.isEmpty())
                .as("the database after the rollout is the desired schema; what is left:%n%s", rest.script())
                .isTrue();
    }

    /** What dev wrote, where the releases find it, and the versions the backfills wait for. */
    private record Generated(
            Path expand, Path contract, List<String> contractVersions, String syncVersion, String slugVersion) {}

    /**
     * Steps 1 and 2 of the class comment: dev's migrations written as {@code slipway dev --create-only} writes them,
     * then moved into the folders of release v2 (expand) and v3 (contract), and linted.
     */
    private static Generated generate(SchemaDiff diff, Path work) throws IOException {
        DevMigrations dev = diff.dev("schema:" + DESIRED.toAbsolutePath(), "rename_users_name", CLOCK);
        System.out.println(dev.describe());

        assertThat(dev.backfills())
                .as("the backfills dev asks for: the app declares users_display_name (UserBackfills)")
                .extracting(DevMigrations.BackfillToDeclare::name)
                .containsExactly(USERS_DISPLAY_NAME);
        DevMigrations.BackfillToDeclare backfill = dev.backfills().get(0);
        assertThat(backfill.set())
                .as("what the backfill sets; the app's bean sets the same")
                .isEqualTo("display_name = name");

        Path written = work.resolve("written");
        dev.writeTo(written);
        Path expand = Files.createDirectories(work.resolve("v2"));
        Path contract = Files.createDirectories(work.resolve("v3"));
        List<String> contractVersions = new ArrayList<>();
        String slugVersion = null;
        for (DevMigrations.File file : dev.files()) {
            String migration = file.migration();
            boolean isContract = file.text().lines().anyMatch(l -> l.equals("-- slipway:phase contract"));
            if (isContract) {
                assertThat(file.text())
                        .as("contract migration %s waits for the backfill", migration)
                        .contains("-- slipway:requires-backfill " + USERS_DISPLAY_NAME);
                contractVersions.add(version(migration));
            } else if (file.text().contains("ADD COLUMN slug ")) {
                slugVersion = version(migration);
            }
            Files.move(written.resolve(migration), (isContract ? contract : expand).resolve(migration));
        }
        assertThat(contractVersions).as("contract migrations written by dev").isNotEmpty();
        assertThat(slugVersion).as("the expand migration that adds posts.slug").isNotNull();

        List<String> locations = List.of(V1, "filesystem:" + expand, "filesystem:" + contract);
        // Slipway's own linter accepts them as they are: dev splits what old code cannot live with, builds indexes
        // CONCURRENTLY, locks one existing table per migration, and a rename hinted in the desired schema needs no
        // reason from the user (dev writes why the old column may go: the backfill copied it), so there is not even
        // a reasonless data-loss allowance to fill in.
        assertThat(lint(locations))
                .as("the linter's findings on the migrations dev wrote (in %s)", work)
                .isEmpty();

        return new Generated(expand, contract, contractVersions, backfill.requires(), slugVersion);
    }

    private static List<LintFinding> lint(List<String> locations) {
        List<LintFinding> findings =
                SlipwayLint.lint(locations, DevRolloutIT.class.getClassLoader()).findings();
        findings.forEach(f -> System.out.println("lint: " + f));
        return findings;
    }

    /** Steps 3 and 4 of {@link ZeroDowntimeRolloutIT}'s class comment, on the migrations dev wrote. */
    private static void rollOut(Fleet fleet, LoadGenerator load, List<Fleet.Instance> v1, Generated generated)
            throws Exception {
        long requests = ZeroDowntimeRolloutIT.REQUESTS_PER_PHASE;
        Duration timeout = ZeroDowntimeRolloutIT.PHASE_TIMEOUT;
        String v2Locations = V1 + ",filesystem:" + generated.expand();
        List<String> v2Arguments = List.of(
                "--slipway.locations=" + v2Locations,
                "--sample.backfills.users-display-name.requires=" + generated.syncVersion());
        List<String> v3Arguments = List.of(
                "--slipway.locations=" + v2Locations + ",filesystem:" + generated.contract(),
                "--sample.backfills.users-display-name.requires=" + generated.syncVersion(),
                "--sample.backfills.posts-slug.requires=" + generated.slugVersion());

        load.phase("1 v1 x2");
        load.start();
        load.awaitRequestsInPhase(requests, timeout);

        load.phase("2 v2 x2 starting: dev's expand migrations");
        List<Fleet.Instance> v2 = fleet.start("v2", 2, v2Arguments);
        fleet.rotateIn(v2);
        load.phase("3 v1 + v2: users_display_name backfill");
        SlipwayActuator v2Slipway = v2.get(0).slipway();
        awaitBackfillCompleted(v2Slipway, USERS_DISPLAY_NAME);
        load.awaitRequestsInPhase(requests, timeout);

        load.phase("4 v1 drained and stopped");
        fleet.retire(v1);
        load.awaitRequestsInPhase(requests, timeout);

        load.phase("5 v3 x2 starting");
        List<Fleet.Instance> v3 = fleet.start("v3", 2, v3Arguments);
        fleet.rotateIn(v3);
        load.phase("6 v2 + v3: dev's contract awaiting");
        SlipwayActuator v3Slipway = v3.get(0).slipway();
        load.awaitRequestsInPhase(requests, timeout);
        for (String version : generated.contractVersions()) {
            assertThat(v3Slipway.migrationState(version))
                    .as(
                            "contract migration %s while v2 instances still run (%s)",
                            version, v3Slipway.migration(version))
                    .isEqualTo("AWAITING");
        }

        load.phase("7 v2 drained and stopped");
        fleet.retire(v2);
        load.phase("8 v3 alone: dev's contract applies by itself");
        for (String version : generated.contractVersions()) {
            Await.until(
                    "contract migration " + version + " APPLIED",
                    CONTRACT_TIMEOUT,
                    () -> "APPLIED".equals(v3Slipway.migrationState(version)),
                    () -> v3Slipway.migration(version).toString());
        }
        awaitBackfillCompleted(v3Slipway, POSTS_SLUG);
        load.phase("9 v3 after the contract");
        load.awaitRequestsInPhase(requests, timeout);
    }

    private static void awaitBackfillCompleted(SlipwayActuator slipway, String name) throws InterruptedException {
        Await.until(
                "backfill " + name + " COMPLETED",
                Duration.ofMinutes(3),
                () -> "COMPLETED".equals(slipway.backfillState(name)),
                () -> slipway.backfill(name).toString());
    }

    private static void assertUsersAndPosts(TestDatabase db, UserLedger ledger) throws Exception {
        assertThat(db.queryLong("SELECT count(*) FROM information_schema.columns WHERE table_schema = 'slipway_sample'"
                        + " AND table_name = 'users' AND column_name = 'name'"))
                .as("users.name after dev's contract")
                .isZero();
        assertThat(db.queryLong("SELECT count(*) FROM pg_trigger WHERE tgrelid = 'slipway_sample.users'::regclass"
                        + " AND NOT tgisinternal"))
                .as("triggers left on users after dev's contract (the sync trigger is dropped)")
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
        assertThat(expected.size())
                .as("users whose last write is known")
                .isGreaterThan(ZeroDowntimeRolloutIT.SEED_USERS / 2);
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
                String wanted = Slugs.of(rows.getString(2), rows.getLong(1));
                if (!wanted.equals(rows.getString(3))) {
                    badSlugs.add("post " + rows.getLong(1) + ": expected slug '" + wanted + "', stored '"
                            + rows.getString(3) + "'");
                }
            }
        }
        assertThat(posts).isGreaterThan(ZeroDowntimeRolloutIT.SEED_POSTS);
        assertThat(badSlugs).as("posts without their slug").isEmpty();
        assertThat(db.queryLong("SELECT count(DISTINCT slug) FROM slipway_sample.posts"))
                .as("distinct slugs")
                .isEqualTo(posts);
    }

    private static String version(String migration) {
        return migration.substring(0, migration.indexOf('_'));
    }

    private static void deleteTree(Path root) throws IOException {
        if (!Files.exists(root)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(root)) {
            for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(path);
            }
        }
    }
}
