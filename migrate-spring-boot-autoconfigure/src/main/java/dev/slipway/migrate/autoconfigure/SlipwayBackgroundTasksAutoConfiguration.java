package dev.slipway.migrate.autoconfigure;

import java.time.Duration;
import java.util.List;
import java.util.stream.Stream;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.context.annotation.Bean;
import org.springframework.core.env.Environment;

/**
 * Auto-configuration of {@link SlipwayBackgroundTasks}, which runs the application's {@link SlipwayBackgroundTask}
 * beans, and a task for every {@code Backfill} bean ({@link SlipwayBackfillAutoConfiguration}), once it is ready, and
 * stops them within {@code spring.lifecycle.timeout-per-shutdown-phase} when it shuts down. Backs off when
 * {@code slipway.enabled=false} or when the application defines its own {@link SlipwayBackgroundTasks}.
 */
@AutoConfiguration(after = SlipwayAutoConfiguration.class)
@ConditionalOnBooleanProperty(name = "slipway.enabled", matchIfMissing = true)
public final class SlipwayBackgroundTasksAutoConfiguration {

    /** Spring Boot's default of {@code spring.lifecycle.timeout-per-shutdown-phase}. */
    static final Duration DEFAULT_SHUTDOWN_TIMEOUT = Duration.ofSeconds(30);

    @Bean
    @ConditionalOnMissingBean
    SlipwayBackgroundTasks slipwayBackgroundTasks(ObjectProvider<SlipwayBackgroundTask> tasks,
            ObjectProvider<BackfillTasks> backfillTasks, Environment environment) {
        Duration shutdownTimeout = Binder.get(environment)
                .bind("spring.lifecycle.timeout-per-shutdown-phase", Duration.class)
                .orElse(DEFAULT_SHUTDOWN_TIMEOUT);
        List<SlipwayBackgroundTask> all = Stream.concat(tasks.orderedStream(),
                backfillTasks.stream().flatMap((backfills) -> backfills.tasks().stream())).toList();
        return new SlipwayBackgroundTasks(all, shutdownTimeout);
    }
}
