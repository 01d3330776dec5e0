package dev.slipway.migrate.autoconfigure;

import dev.slipway.migrate.Slipway;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.context.annotation.Bean;
import org.springframework.core.env.Environment;

/**
 * Auto-configuration of {@link SlipwayBackgroundTasks}, which runs, once the application is ready, the instance's
 * {@link HeartbeatTask heartbeat} into {@code slipway_instances}, the {@link ContractTask contract} task (in
 * {@link ContractMode#AUTO}), a task for every {@code Backfill} bean ({@link SlipwayBackfillAutoConfiguration}) and
 * the application's own {@link SlipwayBackgroundTask} beans, in that order, and stops them in reverse order (the
 * heartbeat last) within {@code spring.lifecycle.timeout-per-shutdown-phase} when it shuts down. Backs off when
 * {@code slipway.enabled=false} or when the application defines its own {@link SlipwayBackgroundTasks}.
 */
@AutoConfiguration(after = SlipwayAutoConfiguration.class)
@ConditionalOnBooleanProperty(name = "slipway.enabled", matchIfMissing = true)
public final class SlipwayBackgroundTasksAutoConfiguration {

    /** Spring Boot's default of {@code spring.lifecycle.timeout-per-shutdown-phase}. */
    static final Duration DEFAULT_SHUTDOWN_TIMEOUT = Duration.ofSeconds(30);

    @Bean
    @ConditionalOnMissingBean
    SlipwayBackgroundTasks slipwayBackgroundTasks(
            ObjectProvider<SlipwayBackgroundTask> tasks,
            ObjectProvider<BackfillTasks> backfillTasks,
            ObjectProvider<Slipway> slipway,
            ObjectProvider<SlipwayProperties> properties,
            Environment environment) {
        Duration shutdownTimeout = Binder.get(environment)
                .bind("spring.lifecycle.timeout-per-shutdown-phase", Duration.class)
                .orElse(DEFAULT_SHUTDOWN_TIMEOUT);
        List<SlipwayBackgroundTask> all = new ArrayList<>();
        Slipway instance = slipway.getIfUnique();
        SlipwayProperties settings = properties.getIfAvailable();
        if (instance != null && settings != null) {
            Duration interval = settings.getInstances().getHeartbeatInterval();
            all.add(new HeartbeatTask(instance, interval));
            if (settings.getContract().getMode() == ContractMode.AUTO) {
                all.add(new ContractTask(instance, interval));
            }
        }
        backfillTasks.stream().forEach((backfills) -> all.addAll(backfills.tasks()));
        tasks.orderedStream().forEach(all::add);
        return new SlipwayBackgroundTasks(all, shutdownTimeout);
    }
}
