package dev.slipway.migrate.autoconfigure;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;

import org.junit.jupiter.api.Test;

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
class SlipwayBackgroundTasksTests {

    private final ApplicationContextRunner runner = new ApplicationContextRunner()
            .withConfiguration(AutoConfigurations.of(SlipwayBackgroundTasksAutoConfiguration.class));

    @Test
    void startsNoTaskUntilTheApplicationIsReady() {
        TestBackgroundTask task = TestBackgroundTask.cooperative("heartbeat");
        runner.withBean("heartbeat", SlipwayBackgroundTask.class, () -> task).run(context -> {
            SlipwayBackgroundTasks tasks = context.getBean(SlipwayBackgroundTasks.class);
            Thread.sleep(200);
            assertThat(task.hasStarted()).as("started before the application was ready").isFalse();
            assertThat(tasks.isRunning()).isFalse();

            context.publishEvent(readyEvent(context.getSourceApplicationContext()));

            assertThat(task.awaitStarted()).as("started once the application was ready").isTrue();
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
                .run(context -> assertThat(context).getBean(SlipwayBackgroundTasks.class).isSameAs(own));
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
            assertThat(context.getBean(SlipwayBackgroundTasks.class).isRunning()).isTrue();
        }
    }

    @Test
    void neverStartsTasksWhenTheStartupFails() throws Exception {
        TestBackgroundTask task = TestBackgroundTask.cooperative("heartbeat");
        SpringApplicationBuilder failing = application(task).initializers(context -> ((GenericApplicationContext) context)
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
                .initializers(initialized -> ((GenericApplicationContext) initialized).registerBean("dataSourceLike",
                        DisposableBean.class, () -> () -> taskHadReturnedWhenTheResourceWasDestroyed.set(task.hasReturned())))
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
        assertThat(cooperative.interrupted).as("the cooperative task was not interrupted").isFalse();
        assertThat(closing).as("waited half of the 600 ms before interrupting, not the whole default 30 s")
                .isGreaterThanOrEqualTo(Duration.ofMillis(300))
                .isLessThan(Duration.ofSeconds(10));
    }

    @Test
    void aTaskThatFailsDoesNotStopTheOthers() throws Exception {
        TestBackgroundTask failing = TestBackgroundTask.failing("failing");
        TestBackgroundTask healthy = TestBackgroundTask.cooperative("healthy");
        try (ConfigurableApplicationContext context = application(failing, healthy).run()) {
            assertThat(failing.awaitReturned()).isTrue();
            assertThat(healthy.awaitStarted()).isTrue();
            int steps = healthy.steps;
            Thread.sleep(200);
            assertThat(healthy.hasReturned()).as("the other task still runs").isFalse();
            assertThat(healthy.steps).as("and still works").isGreaterThan(steps);
            assertThat(context.getBean(SlipwayBackgroundTasks.class).isRunning()).isTrue();
        }
        assertThat(healthy.hasReturned()).isTrue();
        assertThat(healthy.sawStopRequest).isTrue();
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
                        ((GenericApplicationContext) context).registerBean("task" + i, SlipwayBackgroundTask.class,
                                () -> task);
                    }
                });
    }

    private static ApplicationReadyEvent readyEvent(ConfigurableApplicationContext context) {
        return new ApplicationReadyEvent(new SpringApplication(), new String[0], context, Duration.ZERO);
    }

    @Configuration(proxyBeanMethods = false)
    @ImportAutoConfiguration(SlipwayBackgroundTasksAutoConfiguration.class)
    static class TasksApplication {
    }
}
