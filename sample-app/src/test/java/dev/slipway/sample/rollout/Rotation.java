package dev.slipway.sample.rollout;

import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The instances that receive traffic, as a load balancer keeps them: requests go round-robin over the instances in
 * rotation that are healthy, and an instance is taken out by {@link #drain}, which returns once no request to it is
 * in flight, so that it can be stopped without failing a request.
 *
 * <ol>
 *   <li>{@link #acquire} picks the next instance among those in rotation whose {@link HealthChecks health checks}
 *       did not take it out, counts the request as in flight, and only then checks that the instance is still in
 *       rotation (if not, it gives the request back and picks again).</li>
 *   <li>{@link #drain} first takes the instance out, then waits for its in-flight count to reach zero. A request
 *       that saw the instance in rotation was counted before it looked, so the drain waits for it.</li>
 * </ol>
 *
 * An instance taken out by health stays in rotation (it is not drained: its requests in flight go on), receives no
 * new request, and receives them again once its health checks bring it back.
 */
public final class Rotation {

    private final List<Target> targets = new CopyOnWriteArrayList<>();

    private final AtomicLong next = new AtomicLong();

    /** One instance behind the balancer. */
    public static final class Target {

        private final String name;
        private final URI baseUri;
        private final AtomicInteger inFlight = new AtomicInteger();
        private volatile boolean inRotation = true;
        private volatile boolean healthy = true;

        Target(String name, URI baseUri) {
            this.name = name;
            this.baseUri = baseUri;
        }

        /** @return e.g. {@code v2-1} */
        public String name() {
            return name;
        }

        /** @return e.g. {@code http://127.0.0.1:41234} */
        public URI baseUri() {
            return baseUri;
        }

        /** Whether it is in rotation: added and not drained. */
        public boolean inRotation() {
            return inRotation;
        }

        /** Whether its health checks let it receive requests; true until they take it out. */
        public boolean isHealthy() {
            return healthy;
        }

        void healthy(boolean healthy) {
            this.healthy = healthy;
        }

        @Override
        public String toString() {
            return name + " (" + baseUri + ")";
        }
    }

    /** Puts an instance into rotation, healthy: call it once the instance answered its health check UP. */
    public Target add(String name, URI baseUri) {
        Target target = new Target(name, baseUri);
        targets.add(target);
        return target;
    }

    /**
     * Picks the next healthy instance for a request and counts the request as in flight there; call
     * {@link #release} when its answer (or error) has arrived.
     * @throws IllegalStateException when no instance is in rotation, or every one is taken out by health
     */
    public Target acquire() {
        while (true) {
            List<Target> inRotation = List.copyOf(targets);
            if (inRotation.isEmpty()) {
                throw new IllegalStateException("No instance is in rotation");
            }
            List<Target> current = inRotation.stream().filter(Target::isHealthy).toList();
            if (current.isEmpty()) {
                throw new IllegalStateException(
                        "No instance in rotation is healthy: " + inRotation + " are all taken out by health");
            }
            Target target = current.get((int) Math.floorMod(next.getAndIncrement(), (long) current.size()));
            target.inFlight.incrementAndGet();
            if (target.inRotation) {
                return target;
            }
            release(target);
        }
    }

    /** Ends a request begun with {@link #acquire}. */
    public void release(Target target) {
        target.inFlight.decrementAndGet();
    }

    /**
     * Takes an instance out of rotation and waits until no request to it is in flight.
     * @throws IllegalStateException when requests are still in flight after {@code timeout} (a request hangs)
     */
    public void drain(Target target, Duration timeout) throws InterruptedException {
        target.inRotation = false;
        targets.remove(target);
        long deadline = System.nanoTime() + timeout.toNanos();
        while (target.inFlight.get() > 0) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException(
                        target + " still has " + target.inFlight.get() + " request(s) in flight after " + timeout);
            }
            Thread.sleep(5);
        }
    }

    /** The instances in rotation now. */
    public List<Target> targets() {
        return List.copyOf(targets);
    }
}
