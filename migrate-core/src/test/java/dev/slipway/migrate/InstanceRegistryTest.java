package dev.slipway.migrate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.slipway.migrate.test.PostgresExtension;
import dev.slipway.migrate.test.TestDatabase;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInfo;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/** {@code slipway_instances}: heartbeats register and refresh an instance, leave removes it, expiry hides it. */
@ExtendWith(PostgresExtension.class)
class InstanceRegistryTest {

    private final TestDatabase db;
    private MigrationFiles files;
    private String schema;

    InstanceRegistryTest(TestDatabase db) {
        this.db = db;
    }

    @BeforeEach
    void setUp(@TempDir Path dir, TestInfo test) {
        files = new MigrationFiles(dir)
                .add("1_create", "CREATE TABLE t (id int);")
                .add("10_more", "CREATE TABLE u (id int);")
                .add("9_drop", "-- slipway:phase contract\nDROP TABLE t;");
        schema = MigrationFiles.schemaFor("r_", test);
    }

    private Slipway slipway(SlipwayConfig.Builder config) {
        return Slipway.builder(db.dataSource())
                .config(config.schema(schema).build())
                .build();
    }

    private Slipway slipway() {
        return slipway(files.config().applicationName("shop"));
    }

    private String instances() {
        return schema + ".slipway_instances";
    }

    @Test
    void theFirstHeartbeatRegistersTheInstanceWithTheNewestMigrationItShips() {
        Slipway slipway = slipway();
        assertThat(slipway.instances()).isEmpty();

        slipway.heartbeat();

        assertThat(slipway.instances()).singleElement().satisfies(instance -> {
            assertThat(instance.id()).isEqualTo(slipway.instanceId());
            assertThat(instance.thisInstance()).isTrue();
            assertThat(instance.pid()).isEqualTo(ProcessHandle.current().pid());
            assertThat(instance.host()).isNotBlank();
            assertThat(instance.application()).isEqualTo("shop");
            assertThat(instance.newestMigration()).as("10 is newer than 9").isEqualTo("10");
            assertThat(instance.startedAt()).isEqualTo(instance.lastSeen());
            assertThat(instance.expiresAt())
                    .isEqualTo(instance.lastSeen().plus(SlipwayConfig.DEFAULT_HEARTBEAT_INTERVAL.multipliedBy(3)));
        });
        assertThat(db.queryString("SELECT obj_description('" + instances() + "'::regclass)"))
                .contains("Slipway instance registry");
    }

    @Test
    void laterHeartbeatsKeepTheStartAndMoveLastSeenAndExpiryByTheDatabaseClock() throws Exception {
        Slipway slipway = slipway(files.config().heartbeatInterval(Duration.ofSeconds(2)));
        slipway.heartbeat();
        InstanceInfo first = slipway.instances().get(0);
        db.execute("SELECT pg_sleep(0.01)");

        slipway.heartbeat();

        InstanceInfo second = slipway.instances().get(0);
        assertThat(second.startedAt()).isEqualTo(first.startedAt());
        assertThat(second.lastSeen()).isAfter(first.lastSeen());
        assertThat(second.expiresAt()).isEqualTo(second.lastSeen().plusSeconds(6));
        assertThat(db.queryLong("SELECT count(*) FROM " + instances())).isEqualTo(1);
    }

    @Test
    void everyInstanceSeesTheWholeFleetAndKnowsWhichOneItIs() {
        Slipway one = slipway();
        Slipway two = slipway();
        one.heartbeat();
        two.heartbeat();

        assertThat(one.instances())
                .extracting(InstanceInfo::id, InstanceInfo::thisInstance)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple(one.instanceId(), true),
                        org.assertj.core.groups.Tuple.tuple(two.instanceId(), false));
        assertThat(two.instances())
                .filteredOn(InstanceInfo::thisInstance)
                .extracting(InstanceInfo::id)
                .containsExactly(two.instanceId());
        assertThat(one.instanceId()).isNotEqualTo(two.instanceId());
    }

    @Test
    void leaveRemovesTheInstanceAndAHeartbeatRegistersItAgain() {
        Slipway leaving = slipway();
        Slipway staying = slipway();
        leaving.leave(); // before any heartbeat, even before the table exists
        leaving.heartbeat();
        staying.heartbeat();

        leaving.leave();

        assertThat(staying.instances()).extracting(InstanceInfo::id).containsExactly(staying.instanceId());
        assertThat(db.queryLong("SELECT count(*) FROM " + instances() + " WHERE id = '" + leaving.instanceId() + "'"))
                .isZero();
        leaving.heartbeat();
        assertThat(staying.instances()).hasSize(2);
    }

    @Test
    void anInstanceWhoseRegistrationExpiredIsNotLiveAndIsDeletedADayLater() {
        Slipway slipway = slipway();
        slipway.heartbeat();
        db.execute("INSERT INTO " + instances() + " (id, history_table, host, pid, started_at, last_seen, expires_at,"
                + " newest_migration) VALUES"
                + " ('expired-an-hour-ago', 'slipway_migrations', 'web-1', 41, now() - interval '2 hours',"
                + " now() - interval '2 hours', now() - interval '1 hour', '1'),"
                + " ('expired-two-days-ago', 'slipway_migrations', 'web-2', 42, now() - interval '3 days',"
                + " now() - interval '3 days', now() - interval '2 days', '1')");

        assertThat(slipway.instances()).extracting(InstanceInfo::id).containsExactly(slipway.instanceId());

        slipway.heartbeat();

        assertThat(db.queryStrings("SELECT id FROM " + instances() + " ORDER BY started_at"))
                .containsExactly("expired-an-hour-ago", slipway.instanceId());
    }

    @Test
    void instancesOfAnotherHistoryTableInTheSameSchemaAreNotCounted() {
        Slipway mine = slipway();
        Slipway other = slipway(files.config().table("other_history"));
        mine.heartbeat();
        other.heartbeat();

        assertThat(mine.instances()).extracting(InstanceInfo::id).containsExactly(mine.instanceId());
        assertThat(other.instances()).extracting(InstanceInfo::id).containsExactly(other.instanceId());
    }

    @Test
    void instancesStartingTogetherCreateTheRegistryOnceWithoutError() throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(8);
        CountDownLatch start = new CountDownLatch(1);
        List<Future<String>> ids = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            ids.add(pool.submit(() -> {
                Slipway slipway = slipway();
                start.await();
                slipway.heartbeat();
                return slipway.instanceId();
            }));
        }
        start.countDown();
        List<String> registered = new ArrayList<>();
        for (Future<String> id : ids) {
            registered.add(id.get(1, TimeUnit.MINUTES));
        }
        pool.shutdown();

        assertThat(db.queryStrings("SELECT id FROM " + instances())).containsExactlyInAnyOrderElementsOf(registered);
        assertThat(slipway().instances()).hasSize(8);
    }

    @Test
    void theHeartbeatIntervalMustBePositive() {
        assertThat(SlipwayConfig.defaults().heartbeatInterval()).isEqualTo(Duration.ofSeconds(10));
        assertThat(SlipwayConfig.builder().heartbeatInterval(Duration.ofMillis(1)).build().toBuilder()
                        .build()
                        .heartbeatInterval())
                .isEqualTo(Duration.ofMillis(1));
        assertThatThrownBy(() -> SlipwayConfig.builder().heartbeatInterval(Duration.ZERO))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("'heartbeatInterval' must be positive");
        assertThatThrownBy(() -> SlipwayConfig.builder().heartbeatInterval(null))
                .isInstanceOf(NullPointerException.class)
                .hasMessage("'heartbeatInterval' must not be null");
    }
}
