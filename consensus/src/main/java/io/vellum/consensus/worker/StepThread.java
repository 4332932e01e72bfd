package io.vellum.consensus.worker;

import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Consumer;
import java.util.function.LongSupplier;

/**
 * A daemon thread that runs a step again and again: after each step it parks for as long as the step asks (0: not at
 * all), or until {@link #wakeUp()}. A step that throws ends the thread: the error is kept ({@link #failure()}) and
 * handed to the failure callback. It may be started again after {@link #stop()} or a failure (which it forgets).
 */
public final class StepThread {
    private final String what;
    private final String threadName;
    private final long stopTimeoutMs;
    private final LongSupplier step;
    private final Consumer<RuntimeException> onFailure;

    /** Written under {@code this} (start and stop); read by {@link #wakeUp()} without it. */
    private volatile Thread thread;
    private volatile boolean running;
    private volatile RuntimeException failure;

    /**
     * @param what names the worker in errors ("the committer")
     * @param threadName the thread's name
     * @param stopTimeoutMs how long {@link #stop()} waits for the thread
     * @param step one step; returns how long to park after it, in nanoseconds (0: run the next step at once)
     * @param onFailure told of the error the thread stopped on, on that thread
     */
    public StepThread(String what, String threadName, long stopTimeoutMs, LongSupplier step,
            Consumer<RuntimeException> onFailure) {
        this.what = Objects.requireNonNull(what, "what");
        this.threadName = Objects.requireNonNull(threadName, "threadName");
        this.stopTimeoutMs = stopTimeoutMs;
        this.step = Objects.requireNonNull(step, "step");
        this.onFailure = Objects.requireNonNull(onFailure, "onFailure");
    }

    /** @throws IllegalStateException if it is running */
    public synchronized void start() {
        if (thread != null && thread.isAlive()) {
            throw new IllegalStateException(what + " is already running");
        }
        failure = null;
        running = true;
        thread = new Thread(this::loop, threadName);
        thread.setDaemon(true);
        thread.start();
    }

    /** Ends a park early. Cheap; any thread. */
    public void wakeUp() {
        // Not synchronized: stop() holds the monitor while it waits for the thread, and a wake-up must not wait.
        Thread current = thread;
        if (current != null) {
            LockSupport.unpark(current);
        }
    }

    /**
     * Stops the thread after the step in progress, waiting up to the stop timeout. Idempotent.
     *
     * @throws IllegalStateException if the thread did not end in time, or the caller was interrupted
     */
    public synchronized void stop() {
        running = false;
        if (thread == null) {
            return;
        }
        LockSupport.unpark(thread);
        try {
            thread.join(stopTimeoutMs);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while stopping " + what, e);
        }
        if (thread.isAlive()) {
            throw new IllegalStateException(what + " did not stop within " + stopTimeoutMs + " ms");
        }
        thread = null;
    }

    public boolean isRunning() {
        return running;
    }

    /** The error the thread stopped on, if it did. */
    public Optional<RuntimeException> failure() {
        return Optional.ofNullable(failure);
    }

    private void loop() {
        while (running) {
            long parkNanos;
            try {
                parkNanos = step.getAsLong();
            } catch (RuntimeException e) {
                failure = e;
                running = false;
                onFailure.accept(e);
                return;
            }
            if (parkNanos > 0 && running) {
                LockSupport.parkNanos(this, parkNanos);
            }
        }
    }
}
