package dev.slipway.sample;

import static org.assertj.core.api.Assertions.assertThat;

import dev.slipway.migrate.test.PostgresExtension;
import dev.slipway.migrate.test.TestDatabase;
import dev.slipway.sample.rollout.Await;
import dev.slipway.sample.rollout.SlipwayActuator;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Starts the repackaged {@code sample-app.jar} with {@code java -jar}, as a user does, without choosing a release
 * (so the default, v3, runs), against a fresh database in which nothing was created by hand, and checks what the
 * user sees: the app becomes healthy, the REST API works, the history table lists every expand migration of v1 and
 * v2, which proves that Slipway finds the {@code classpath:db/migrations/...} locations inside a Spring Boot fat
 * jar, the backfills complete in the background and show in {@code /actuator/slipway}, and the contract migration
 * of v3 is applied by the instance itself, the only one of the fleet.
 */
@ExtendWith(PostgresExtension.class)
class SampleAppJarIT {

    private static final Duration STARTUP_TIMEOUT = Duration.ofSeconds(90);

    @Test
    void migratesAtStartupAndServesTheApi(TestDatabase db) throws Exception {
        Path jar = Path.of(System.getProperty("sample-app.jar", "target/sample-app.jar"));
        Path log = Path.of(System.getProperty("sample-app.log", "target/sample-app-it.log"));
        assertThat(jar).as("the repackaged jar (built by the package phase)").exists();

        SampleAppProcess app = SampleAppProcess.start(
                jar,
                log,
                List.of(
                        "--spring.datasource.url=" + db.jdbcUrl()
                                + (db.jdbcUrl().contains("?") ? "&" : "?") + "currentSchema=slipway_sample",
                        "--spring.datasource.username=" + db.username(),
                        "--spring.datasource.password=" + db.password()));
        try {
            app.awaitHealthy(STARTUP_TIMEOUT);

            assertThat(db.queryStrings("""
                    SELECT version || '_' || name FROM slipway_sample.slipway_migrations
                    WHERE finished_at IS NOT NULL AND phase = 'expand' ORDER BY version"""))
                    .containsExactly(
                            "20250106090000_create_users",
                            "20250106090100_create_posts",
                            "20250107120000_index_posts_by_user",
                            "20250108090000_add_users_email_domain",
                            "20250201090000_add_users_display_name",
                            "20250201090100_sync_users_display_name",
                            "20250201090200_add_posts_slug",
                            "20250201090300_index_posts_slug");
            assertThat(db.queryString("""
                    SELECT i.indisvalid FROM pg_index i JOIN pg_class c ON c.oid = i.indexrelid
                    JOIN pg_namespace n ON n.oid = c.relnamespace
                    WHERE n.nspname = 'slipway_sample' AND c.relname = 'posts_user_id_created_at_idx'"""))
                    .as("the index built CONCURRENTLY is valid")
                    .isEqualTo("t");

            HttpResponse<String> created = app.post("/users", """
                    {"email": "ada@example.com", "name": "Ada Lovelace"}""");
            assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
            assertThat(created.body())
                    .contains(
                            "\"email\":\"ada@example.com\"",
                            "\"name\":\"Ada Lovelace\"",
                            "\"emailDomain\":\"example.com\"");
            String userLocation = created.headers().firstValue("Location").orElseThrow();
            assertThat(userLocation).matches("/users/\\d+");

            HttpResponse<String> renamed = app.put(userLocation, """
                    {"name": "Augusta Ada King"}""");
            assertThat(renamed.statusCode()).as(renamed.body()).isEqualTo(200);
            assertThat(app.get(userLocation).body()).contains("\"name\":\"Augusta Ada King\"");
            assertThat(app.put("/users/999999", """
                    {"name": "Nobody"}""").statusCode()).isEqualTo(404);

            HttpResponse<String> duplicate = app.post("/users", """
                    {"email": "ada@example.com", "name": "Someone Else"}""");
            assertThat(duplicate.statusCode()).isEqualTo(409);
            assertThat(duplicate.body()).contains("already exists");

            HttpResponse<String> post = app.post(userLocation + "/posts", """
                    {"title": "Notes on the Analytical Engine", "body": "It weaves algebraic patterns."}""");
            assertThat(post.statusCode()).as(post.body()).isEqualTo(201);

            assertThat(post.body()).containsPattern("\"slug\":\"notes-on-the-analytical-engine-\\d+\"");

            HttpResponse<String> posts = app.get(userLocation + "/posts");
            assertThat(posts.statusCode()).isEqualTo(200);
            assertThat(posts.body()).contains("\"title\":\"Notes on the Analytical Engine\"");

            assertThat(app.get("/users/999999/posts").statusCode()).isEqualTo(404);
            assertThat(app.get("/actuator/metrics").statusCode()).isEqualTo(200);
            assertThat(db.queryLong("SELECT count(*) FROM slipway_sample.posts"))
                    .isEqualTo(1);

            awaitBackfillCompleted(db, "users_email_domain");
            awaitBackfillCompleted(db, "users_display_name");
            awaitBackfillCompleted(db, "posts_slug");
            HttpResponse<String> slipway = app.get("/actuator/slipway");
            assertThat(slipway.statusCode()).isEqualTo(200);
            assertThat(slipway.body())
                    .contains(
                            "\"name\":\"users_email_domain\"",
                            "\"name\":\"users_display_name\"",
                            "\"name\":\"posts_slug\"",
                            "\"state\":\"COMPLETED\"");

            SlipwayActuator actuator = new SlipwayActuator(app.baseUri());
            Await.until(
                    "contract migration 20250301090000 APPLIED",
                    Duration.ofMinutes(2),
                    () -> "APPLIED".equals(actuator.migrationState("20250301090000")),
                    () -> actuator.migration("20250301090000").toString());
            assertThat(
                            db.queryLong(
                                    "SELECT count(*) FROM information_schema.columns"
                                            + " WHERE table_schema = 'slipway_sample' AND table_name = 'users' AND column_name = 'name'"))
                    .as("users.name after the contract")
                    .isZero();
            assertThat(app.get(userLocation).body()).contains("\"name\":\"Augusta Ada King\"");
        } finally {
            app.stop();
        }
        assertThat(Files.readString(log)).doesNotContain("ERROR");
    }

    private static void awaitBackfillCompleted(TestDatabase db, String name) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        String query = "SELECT count(*) FROM slipway_sample.slipway_backfills WHERE name = '" + name
                + "' AND state = 'COMPLETED'";
        while (db.queryLong("SELECT count(*) FROM pg_tables WHERE schemaname = 'slipway_sample'"
                                + " AND tablename = 'slipway_backfills'")
                        == 0
                || db.queryLong(query) == 0) {
            assertThat(System.nanoTime())
                    .as("backfill %s completed within 30 s", name)
                    .isLessThan(deadline);
            Thread.sleep(100);
        }
    }
}
