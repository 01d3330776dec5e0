package dev.slipway.migrate.autoconfigure;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * A background task for tests that records what happened to it: started (and on which thread, and when each run
 * started and ended), saw a stop request, was interrupted, returned. It works in steps of 10 ms through
 * {@link SlipwayBackgroundTaskContext#pause}, unless it {@linkplain #ignoringStop ignores stop requests},
 * {@linkplain #failing fails} at once on every run, {@linkplain #dying dies} on its first runs, or
 * {@linkplain #finishing returns} at once.
 */
final class TestBackgroundTask implements SlipwayBackgroundTask {

    private enum Behaviour {
        COOPERATIVE,
        IGNORES_STOP,
        FAILS,
        FINISHES
    }

    private final String name;
    private final Behaviour behaviour;
    private final int deaths;
    private final boolean withError;
    final CountDownLatch started = new CountDownLatch(1);
    final CountDownLatch returned = new CountDownLatch(1);
    /** {@link System#nanoTime()} at the start of each run. */
    final List<Long> runStarts = new CopyOnWriteArrayList<>();
    /** {@link System#nanoTime()} at the end of each run. */
    final List<Long> runEnds = new CopyOnWriteArrayList<>();

    volatile String threadName;
    volatile boolean sawStopRequest;
    volatile boolean interrupted;
    volatile int steps;

    private TestBackgroundTask(String name, Behaviour behaviour) {
        this(name, behaviour, 0, false);
    }

    private TestBackgroundTask(String name, Behaviour behaviour, int deaths, boolean withError) {
        this.name = name;
        this.behaviour = behaviour;
        this.deaths = deaths;
        this.withError = withError;
    }

    static TestBackgroundTask cooperative(String name) {
        return new TestBackgroundTask(name, Behaviour.COOPERATIVE);
    }

    static TestBackgroundTask ignoringStop(String name) {
        return new TestBackgroundTask(name, Behaviour.IGNORES_STOP);
    }

    static TestBackgroundTask failing(String name) {
        return new TestBackgroundTask(name, Behaviour.FAILS);
    }

    /**
     * Dies at once on its first {@code times} runs, with an {@link IllegalStateException} or, {@code withError}, an
     * {@link AssertionError} naming the run; then works cooperatively.
     */
    static TestBackgroundTask dying(String name, int times, boolean withError) {
        return new TestBackgroundTask(name, Behaviour.COOPERATIVE, times, withError);
    }

    static TestBackgroundTask finishing(String name) {
        return new TestBackgroundTask(name, Behaviour.FINISHES);
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public void run(SlipwayBackgroundTaskContext context) throws Exception {
        threadName = Thread.currentThread().getName();
        runStarts.add(System.nanoTime());
        started.countDown();
        try {
            int run = runStarts.size();
            if (run <= deaths) {
                String message = "test task " + name + " dies on run " + run;
                if (withError) {
                    throw new AssertionError(message);
                }
                throw new IllegalStateException(message);
            }
            switch (behaviour) {
                case FAILS -> throw new IllegalStateException("test task " + name + " fails");
                case FINISHES -> {}
                case IGNORES_STOP -> {
                    while (true) {
                        Thread.sleep(60_000);
                    }
                }
                case COOPERATIVE -> {
                    while (context.pause(Duration.ofMillis(10))) {
                        steps++;
                    }
                    sawStopRequest = context.isStopRequested();
                }
            }
        } catch (InterruptedException ex) {
            interrupted = true;
            throw ex;
        } finally {
            runEnds.add(System.nanoTime());
            returned.countDown();
        }
    }

    int runs() {
        return runStarts.size();
    }

    /** Waits until the task has started {@code count} runs. */
    boolean awaitRuns(int count) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (runs() < count) {
            if (System.nanoTime() > deadline) {
                return false;
            }
            Thread.sleep(5);
        }
        return true;
    }

    boolean hasStarted() {
        return started.getCount() == 0;
    }

    boolean hasReturned() {
        return returned.getCount() == 0;
    }

    boolean awaitStarted() throws InterruptedException {
        return started.await(10, TimeUnit.SECONDS);
    }

    boolean awaitReturned() throws InterruptedException {
        return returned.await(10, TimeUnit.SECONDS);
    }
}
