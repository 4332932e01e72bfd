package io.vellum.consensus.faults;

import java.util.ArrayDeque;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One direction of one gRPC call: its events (messages, half-close, close) run in the order they were submitted,
 * each no earlier than its due time. An event due now on an empty lane runs at once on the caller's thread; others
 * wait in the lane and run on the scheduler. Every event runs under the lane's lock, so the call's delegate is never
 * entered by two threads at once (gRPC requires that of listeners and of server calls).
 */
final class OrderedLane {
    private static final Logger LOG = LoggerFactory.getLogger(OrderedLane.class);

    private record Pending(long dueNanos, Runnable action) {
    }

    private final ScheduledExecutorService scheduler;
    private final LongSupplier nanoTime;
    /** Guarded by this. */
    private final ArrayDeque<Pending> queue = new ArrayDeque<>();
    /** Guarded by this: the due time of the last event queued (a later one never runs before it). */
    private long lastDueNanos = Long.MIN_VALUE;
    /** Guarded by this. */
    private boolean drainScheduled;

    OrderedLane(ScheduledExecutorService scheduler, LongSupplier nanoTime) {
        this.scheduler = scheduler;
        this.nanoTime = nanoTime;
    }

    /**
     * Runs {@code action} at {@code dueNanos} (of {@code nanoTime}), after everything submitted before.
     *
     * @return true if it was queued, false if it ran already
     */
    synchronized boolean submit(long dueNanos, Runnable action) {
        long now = nanoTime.getAsLong();
        if (queue.isEmpty() && dueNanos <= now) {
            action.run();
            return false;
        }
        long due = Math.max(dueNanos, lastDueNanos);
        lastDueNanos = due;
        queue.add(new Pending(due, action));
        if (!drainScheduled) {
            scheduleDrain(due - now);
        }
        return true;
    }

    /** Forgets what waits and runs {@code action} now (a cancelled call delivers nothing more). */
    synchronized void discardAndRun(Runnable action) {
        queue.clear();
        action.run();
    }

    synchronized int queued() {
        return queue.size();
    }

    private void scheduleDrain(long delayNanos) {
        drainScheduled = true;
        try {
            scheduler.schedule(this::drain, Math.max(0, delayNanos), TimeUnit.NANOSECONDS);
        } catch (RejectedExecutionException closed) {
            // The link layer was closed: deliver what waits now rather than never.
            drainScheduled = false;
            runAll();
        }
    }

    private synchronized void drain() {
        drainScheduled = false;
        long now = nanoTime.getAsLong();
        while (!queue.isEmpty() && queue.peek().dueNanos() <= now) {
            run(queue.poll());
        }
        if (!queue.isEmpty()) {
            scheduleDrain(queue.peek().dueNanos() - now);
        }
    }

    private void runAll() {
        while (!queue.isEmpty()) {
            run(queue.poll());
        }
    }

    private static void run(Pending pending) {
        try {
            pending.action().run();
        } catch (RuntimeException e) {
            LOG.warn("a delayed gRPC event failed: {}", e.toString());
        }
    }
}
