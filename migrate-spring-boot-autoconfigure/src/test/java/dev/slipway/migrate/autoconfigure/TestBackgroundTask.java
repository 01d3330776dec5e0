package dev.slipway.migrate.autoconfigure;

import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * A background task for tests that records what happened to it: started (and on which thread), saw a stop request,
 * was interrupted, returned. It works in steps of 10 ms through {@link SlipwayBackgroundTaskContext#pause}, unless
 * it {@linkplain #ignoringStop ignores stop requests} or {@linkplain #failing fails} at once.
 */
final class TestBackgroundTask implements SlipwayBackgroundTask {

    private enum Behaviour { COOPERATIVE, IGNORES_STOP, FAILS }

    private final String name;
    private final Behaviour behaviour;
    final CountDownLatch started = new CountDownLatch(1);
    final CountDownLatch returned = new CountDownLatch(1);
    volatile String threadName;
    volatile boolean sawStopRequest;
    volatile boolean interrupted;
    volatile int steps;

    private TestBackgroundTask(String name, Behaviour behaviour) {
        this.name = name;
        this.behaviour = behaviour;
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

    @Override
    public String name() {
        return name;
    }

    @Override
    public void run(SlipwayBackgroundTaskContext context) throws Exception {
        threadName = Thread.currentThread().getName();
        started.countDown();
        try {
            switch (behaviour) {
                case FAILS -> throw new IllegalStateException("test task " + name + " fails");
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
        }
        catch (InterruptedException ex) {
            interrupted = true;
            throw ex;
        }
        finally {
            returned.countDown();
        }
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
