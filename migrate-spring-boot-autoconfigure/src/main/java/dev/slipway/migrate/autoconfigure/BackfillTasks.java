package dev.slipway.migrate.autoconfigure;

import dev.slipway.migrate.backfill.Backfill;
import dev.slipway.migrate.backfill.Backfills;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The background tasks that run the application's {@link Backfill} beans, one {@link BackfillTask} each, in bean
 * registration order; {@link SlipwayBackgroundTasksAutoConfiguration} starts them with the other background tasks.
 * Two beans that declare the same backfill name are refused, since a backfill's progress is kept under its name.
 */
final class BackfillTasks {

    private final List<SlipwayBackgroundTask> tasks;

    private BackfillTasks(List<SlipwayBackgroundTask> tasks) {
        this.tasks = List.copyOf(tasks);
    }

    /**
     * @param beans the {@code Backfill} beans by bean name
     * @param backfills runs them
     * @param pollInterval how often a failed backfill is checked for a retry
     * @throws IllegalStateException when two beans declare the same backfill name
     */
    static BackfillTasks of(Map<String, Backfill> beans, Backfills backfills, Duration pollInterval) {
        Map<String, String> beanByName = new LinkedHashMap<>();
        List<SlipwayBackgroundTask> tasks = new ArrayList<>();
        beans.forEach((beanName, backfill) -> {
            String other = beanByName.putIfAbsent(backfill.name(), beanName);
            if (other != null) {
                throw new IllegalStateException("Backfill beans '" + other + "' and '" + beanName
                        + "' are both named '" + backfill.name() + "'. A backfill's progress is kept in"
                        + " slipway_backfills under its name, so each must have its own: rename one of them"
                        + " (Backfill.named(\"...\")).");
            }
            tasks.add(new BackfillTask(backfill, backfills, pollInterval));
        });
        return new BackfillTasks(tasks);
    }

    List<SlipwayBackgroundTask> tasks() {
        return tasks;
    }
}
