package dev.slipway.migrate.autoconfigure;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.parallel.ResourceLock;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.boot.ApplicationRunner;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.autoconfigure.ImportAutoConfiguration;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.support.GenericApplicationContext;

/**
 * {@link SlipwayBackgroundTasks} and its auto-configuration: conditions with {@link ApplicationContextRunner}, the
 * lifecycle in real applications started with {@link SpringApplication}, so that the {@link ApplicationReadyEvent},
 * a failed startup and the close are Spring Boot's own.
 */
@ResourceLock(SpringLogging.SYSTEM)
class SlipwayBackgroundTasksTests {

    private final ApplicationContextRunner runner = new ApplicationContextRunner()
            .withConfiguration(AutoConfigurations.of(SlipwayBackgroundTasksAutoConfiguration.class));

    @Test
    void startsNoTaskUntilTheApplicationIsReady() {
        TestBackgroundTask task = TestBackgroundTask.cooperative("heartbeat");
        runner.withBean("heartbeat", SlipwayBackgroundTask.class, () -> task).run(context -> {
            SlipwayBackgroundTasks tasks = context.getBean(SlipwayBackgroundTasks.class);
            Thread.sleep(200);
            assertThat(task.hasStarted())
                    .as("started before the application was ready")
                    .isFalse();
            assertThat(tasks.isRunning()).isFalse();

            context.publishEvent(readyEvent(context.getSourceApplicationContext()));

            assertThat(task.awaitStarted())
                    .as("started once the application was ready")
                    .isTrue();
            assertThat(task.threadName).isEqualTo("slipway-heartbeat");
            assertThat(tasks.isRunning()).isTrue();
        });
        assertThat(task.hasReturned()).as("returned when the context closed").isTrue();
        assertThat(task.sawStopRequest).isTrue();
    }

    @Test
    void ignoresTheReadyEventOfAnotherContext() {
        TestBackgroundTask task = TestBackgroundTask.cooperative("heartbeat");
        runner.withBean("heartbeat", SlipwayBackgroundTask.class, () -> task).run(context -> {
            try (GenericApplicationContext other = new GenericApplicationContext()) {
                other.refresh();
                context.publishEvent(readyEvent(other));
            }
            Thread.sleep(200);
            assertThat(task.hasStarted()).isFalse();
        });
    }

    @Test
    void backsOffWhenSlipwayIsDisabled() {
        runner.withPropertyValues("slipway.enabled=false")
                .run(context -> assertThat(context).hasNotFailed().doesNotHaveBean(SlipwayBackgroundTasks.class));
    }

    @Test
    void backsOffWhenTheApplicationDefinesItsOwn() {
        SlipwayBackgroundTasks own = new SlipwayBackgroundTasks(List.of(), Duration.ofSeconds(1));
        runner.withBean("ownTasks", SlipwayBackgroundTasks.class, () -> own)
                .run(context -> assertThat(context)
                        .getBean(SlipwayBackgroundTasks.class)
                        .isSameAs(own));
    }

    @Test
    void startsTasksOnceASpringApplicationIsReady() throws Exception {
        TestBackgroundTask first = TestBackgroundTask.cooperative("first");
        TestBackgroundTask second = TestBackgroundTask.cooperative("second");
        try (ConfigurableApplicationContext context = application(first, second).run()) {
            assertThat(first.awaitStarted()).isTrue();
            assertThat(second.awaitStarted()).isTrue();
            assertThat(first.threadName).isEqualTo("slipway-first");
            assertThat(second.threadName).isEqualTo("slipway-second");
            assertThat(context.getBean(SlipwayBackgroundTasks.class).isRunning())
                    .isTrue();
        }
    }

    @Test
    void neverStartsTasksWhenTheStartupFails() throws Exception {
        TestBackgroundTask task = TestBackgroundTask.cooperative("heartbeat");
        SpringApplicationBuilder failing = application(task)
                .initializers(context -> ((GenericApplicationContext) context)
                        .registerBean("failingRunner", ApplicationRunner.class, () -> args -> {
                            throw new IllegalStateException("startup fails in a runner");
                        }));
        assertThatIllegalStateException().isThrownBy(failing::run).withMessageContaining("startup fails in a runner");
        Thread.sleep(300);
        assertThat(task.hasStarted()).isFalse();
    }

    @Test
    void stopsTasksWhenTheApplicationClosesBeforeTheBeansTheyUseAreDestroyed() throws Exception {
        TestBackgroundTask task = TestBackgroundTask.cooperative("backfill");
        AtomicBoolean taskHadReturnedWhenTheResourceWasDestroyed = new AtomicBoolean();
        ConfigurableApplicationContext context = application(task)
                .initializers(initialized -> ((GenericApplicationContext) initialized)
                        .registerBean(
                                "dataSourceLike",
                                DisposableBean.class,
                                () -> () -> taskHadReturnedWhenTheResourceWasDestroyed.set(task.hasReturned())))
                .run();
        assertThat(task.awaitStarted()).isTrue();
        assertThat(task.hasReturned()).isFalse();

        long start = System.nanoTime();
        context.close();

        assertThat(task.hasReturned()).as("returned by the end of close()").isTrue();
        assertThat(task.sawStopRequest).isTrue();
        assertThat(task.interrupted).isFalse();
        assertThat(taskHadReturnedWhenTheResourceWasDestroyed).isTrue();
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(5));
    }

    @Test
    void interruptsATaskThatIgnoresTheStopRequestAfterHalfTheShutdownTimeout() throws Exception {
        TestBackgroundTask stubborn = TestBackgroundTask.ignoringStop("stubborn");
        TestBackgroundTask cooperative = TestBackgroundTask.cooperative("cooperative");
        ConfigurableApplicationContext context = application(cooperative, stubborn)
                .properties("spring.lifecycle.timeout-per-shutdown-phase=600ms")
                .run();
        assertThat(stubborn.awaitStarted()).isTrue();
        assertThat(cooperative.awaitStarted()).isTrue();

        long start = System.nanoTime();
        context.close();
        Duration closing = Duration.ofNanos(System.nanoTime() - start);

        assertThat(stubborn.awaitReturned()).isTrue();
        assertThat(stubborn.interrupted).as("interrupted").isTrue();
        assertThat(cooperative.hasReturned()).isTrue();
        assertThat(cooperative.interrupted)
                .as("the cooperative task was not interrupted")
                .isFalse();
        assertThat(closing)
                .as("waited half of the 600 ms before interrupting, not the whole default 30 s")
                .isGreaterThanOrEqualTo(Duration.ofMillis(300))
                .isLessThan(Duration.ofSeconds(10));
    }

    @Test
    void aTaskThatFailsDoesNotStopTheOthers() throws Exception {
        TestBackgroundTask failing = TestBackgroundTask.failing("failing");
        TestBackgroundTask healthy = TestBackgroundTask.cooperative("healthy");
        try (ConfigurableApplicationContext context =
                application(failing, healthy).run()) {
            assertThat(failing.awaitReturned()).isTrue();
            assertThat(healthy.awaitStarted()).isTrue();
            int steps = healthy.steps;
            Thread.sleep(200);
            assertThat(healthy.hasReturned()).as("the other task still runs").isFalse();
            assertThat(healthy.steps).as("and still works").isGreaterThan(steps);
            assertThat(context.getBean(SlipwayBackgroundTasks.class).isRunning())
                    .isTrue();
        }
        assertThat(healthy.hasReturned()).isTrue();
        assertThat(healthy.sawStopRequest).isTrue();
    }

    @Test
    void restartsATaskThatDiesAfterABackOffThatGrowsWhileItKeepsDying() throws Exception {
        TestBackgroundTask flaky = TestBackgroundTask.dying("flaky", 3, false);
        TestBackgroundTask healthy = TestBackgroundTask.cooperative("healthy");
        RestartBackoff backoff = new RestartBackoff(Duration.ofMillis(100), Duration.ofSeconds(10));
        try (ConfigurableApplicationContext context =
                application(backoff, flaky, healthy).run()) {
            assertThat(flaky.awaitRuns(4)).as("restarted three times").isTrue();
            for (int restart = 1; restart <= 3; restart++) {
                Duration waited = Duration.ofNanos(flaky.runStarts.get(restart) - flaky.runEnds.get(restart - 1));
                assertThat(waited)
                        .as("wait before restart %d: at least half of %s", restart, backoff.base(restart))
                        .isGreaterThanOrEqualTo(backoff.base(restart).dividedBy(2));
            }
            SlipwayBackgroundTaskStatus status = status(context, "flaky");
            assertThat(status.state()).isEqualTo(SlipwayBackgroundTaskStatus.State.RUNNING);
            assertThat(status.restarts()).isEqualTo(3);
            assertThat(status.lastError()).isEqualTo("java.lang.IllegalStateException: test task flaky dies on run 3");
            assertThat(status.lastFailedAt()).isNotNull();
            assertThat(status.nextStartAt()).isNull();
            assertThat(status(context, "healthy").restarts()).isZero();
            assertThat(healthy.runs()).as("the other task was never restarted").isOne();
        }
        assertThat(flaky.hasReturned()).isTrue();
        assertThat(flaky.sawStopRequest).as("the restarted task stops cleanly").isTrue();
        assertThat(flaky.interrupted).isFalse();
    }

    @Test
    void restartsATaskThatDiesOfAnError() throws Exception {
        TestBackgroundTask broken = TestBackgroundTask.dying("broken", 1, true);
        try (ConfigurableApplicationContext context = application(
                        new RestartBackoff(Duration.ofMillis(50), Duration.ofSeconds(1)), broken)
                .run()) {
            assertThat(broken.awaitRuns(2)).isTrue();
            SlipwayBackgroundTaskStatus status = status(context, "broken");
            assertThat(status.restarts()).isOne();
            assertThat(status.lastError()).isEqualTo("java.lang.AssertionError: test task broken dies on run 1");
        }
        assertThat(broken.sawStopRequest).isTrue();
    }

    @Test
    void aTaskThatReturnsWithoutAStopRequestHasFinishedAndIsNotRestarted() throws Exception {
        TestBackgroundTask done = TestBackgroundTask.finishing("done");
        RestartBackoff backoff = new RestartBackoff(Duration.ofMillis(20), Duration.ofMillis(40));
        try (ConfigurableApplicationContext context = application(backoff, done).run()) {
            assertThat(done.awaitReturned()).isTrue();
            Thread.sleep(400); // ten times the longest back-off: a restart would have happened
            assertThat(done.runs()).isOne();
            SlipwayBackgroundTaskStatus status = status(context, "done");
            assertThat(status.state()).isEqualTo(SlipwayBackgroundTaskStatus.State.FINISHED);
            assertThat(status.restarts()).isZero();
            assertThat(status.lastError()).isNull();
        }
    }

    @Test
    void stoppingEndsTheWaitOfATaskThatDiedWithoutRestartingIt() throws Exception {
        TestBackgroundTask doomed = TestBackgroundTask.failing("doomed");
        RestartBackoff backoff = new RestartBackoff(Duration.ofMinutes(1), Duration.ofMinutes(1));
        ConfigurableApplicationContext context = application(backoff, doomed).run();
        assertThat(doomed.awaitReturned()).isTrue();
        SlipwayBackgroundTaskStatus waiting =
                awaitState(context, "doomed", SlipwayBackgroundTaskStatus.State.RESTARTING);
        assertThat(waiting.restarts()).as("not restarted yet").isZero();
        assertThat(waiting.lastError()).isEqualTo("java.lang.IllegalStateException: test task doomed fails");
        assertThat(waiting.nextStartAt()).isAfter(waiting.lastFailedAt().plusSeconds(29));
        SlipwayBackgroundTasks tasks = context.getBean(SlipwayBackgroundTasks.class);

        long start = System.nanoTime();
        context.close();

        assertThat(Duration.ofNanos(System.nanoTime() - start))
                .as("the stop ended the wait: no restart after 30 s or more, no interrupt after 15 s")
                .isLessThan(Duration.ofSeconds(10));
        assertThat(tasks.isRunning()).isFalse();
        assertThat(doomed.runs()).isOne();
        assertThat(doomed.interrupted).isFalse();
    }

    private static SlipwayBackgroundTaskStatus status(ConfigurableApplicationContext context, String name) {
        return context.getBean(SlipwayBackgroundTasks.class).status().stream()
                .filter((status) -> status.name().equals(name))
                .findFirst()
                .orElseThrow(() -> new AssertionError("No status of task " + name));
    }

    private static SlipwayBackgroundTaskStatus awaitState(
            ConfigurableApplicationContext context, String name, SlipwayBackgroundTaskStatus.State state)
            throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (true) {
            SlipwayBackgroundTaskStatus status = status(context, name);
            if (status.state() == state) {
                return status;
            }
            assertThat(System.nanoTime())
                    .as("task %s %s; it is %s", name, state, status)
                    .isLessThan(deadline);
            Thread.sleep(5);
        }
    }

    /**
     * A non-web application whose own {@link SlipwayBackgroundTasks} (the auto-configuration backs off) runs the given
     * tasks with the given restart back-off.
     */
    private static SpringApplicationBuilder application(RestartBackoff backoff, SlipwayBackgroundTask... tasks) {
        return new SpringApplicationBuilder(TasksApplication.class)
                .web(WebApplicationType.NONE)
                .registerShutdownHook(false)
                .properties("spring.main.banner-mode=off")
                .initializers(context -> ((GenericApplicationContext) context)
                        .registerBean(
                                "slipwayBackgroundTasks",
                                SlipwayBackgroundTasks.class,
                                () -> new SlipwayBackgroundTasks(List.of(tasks), Duration.ofSeconds(30), backoff)));
    }

    /** A non-web application with the auto-configuration and the given tasks, in that order. */
    private static SpringApplicationBuilder application(SlipwayBackgroundTask... tasks) {
        return new SpringApplicationBuilder(TasksApplication.class)
                .web(WebApplicationType.NONE)
                .registerShutdownHook(false)
                .properties("spring.main.banner-mode=off")
                .initializers(context -> {
                    for (int i = 0; i < tasks.length; i++) {
                        SlipwayBackgroundTask task = tasks[i];
                        ((GenericApplicationContext) context)
                                .registerBean("task" + i, SlipwayBackgroundTask.class, () -> task);
                    }
                });
    }

    private static ApplicationReadyEvent readyEvent(ConfigurableApplicationContext context) {
        return new ApplicationReadyEvent(new SpringApplication(), new String[0], context, Duration.ZERO);
    }

    @Configuration(proxyBeanMethods = false)
    @ImportAutoConfiguration(SlipwayBackgroundTasksAutoConfiguration.class)
    static class TasksApplication {}
}
