package io.vellum.blockifier.commitment;

import java.util.Objects;
import java.util.concurrent.Executor;

/**
 * Where the commitment code may run work in parallel: an executor and how many threads it is worth spreading work
 * over. The caller always takes part in the work itself and never waits for a task that has not started, so any
 * executor is safe — a direct one, a busy shared pool, or the very pool the caller is running on — and results do
 * not depend on it.
 *
 * @param executor runs helper tasks; a direct executor ({@code Runnable::run}) makes everything sequential
 * @param threads  how many threads, the caller's included, to spread work over (1 = the caller alone)
 */
public record Parallelism(Executor executor, int threads) {
    /** Everything on the caller's thread. */
    public static final Parallelism SEQUENTIAL = new Parallelism(Runnable::run, 1);

    public Parallelism {
        Objects.requireNonNull(executor, "executor");
        if (threads < 1 || threads > 1024) {
            throw new IllegalArgumentException("threads must be 1 to 1024: " + threads);
        }
    }

    /** Whether helpers are worth submitting at all. */
    boolean isParallel() {
        return threads > 1;
    }
}
