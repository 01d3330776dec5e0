package dev.slipway.benchmarks;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * What the startup benchmark measured, by variant, round by round (index {@code i} of every variant's samples is
 * round {@code i}, so rounds can be compared variant against variant).
 */
final class StartupResults {

    /**
     * One variant's starts: time to the ready line and to health UP (from launch), and the JVM's uptime and CPU time
     * at ready.
     */
    record Starts(Samples ready, Samples healthy, Samples uptime, Samples cpu) {

        Starts() {
            this(new Samples(), new Samples(), new Samples(), new Samples());
        }
    }

    private final Map<StartupVariant, Starts> starts = new EnumMap<>(StartupVariant.class);

    StartupResults() {
        for (StartupVariant variant : StartupVariant.values()) {
            starts.put(variant, new Starts());
        }
    }

    void add(StartupVariant variant, AppProcess.Ready ready, long healthyNanos) {
        Starts of = starts.get(variant);
        of.ready().add(ready.nanosSinceLaunch());
        of.healthy().add(healthyNanos);
        of.uptime().add(ready.jvmUptimeMillis() * 1_000_000);
        of.cpu().add(ready.cpuMillis() * 1_000_000);
    }

    Starts of(StartupVariant variant) {
        return starts.get(variant);
    }

    /** Round by round, {@code variant}'s time minus the baseline's, in milliseconds. */
    List<Double> addedPerRound(StartupVariant variant, Function<Starts, Samples> measure) {
        List<Long> tool = measure.apply(of(variant)).nanos();
        List<Long> baseline = measure.apply(of(StartupVariant.BASELINE)).nanos();
        List<Double> added = new ArrayList<>();
        for (int i = 0; i < Math.min(tool.size(), baseline.size()); i++) {
            added.add((tool.get(i) - baseline.get(i)) / 1_000_000.0);
        }
        return added;
    }
}
