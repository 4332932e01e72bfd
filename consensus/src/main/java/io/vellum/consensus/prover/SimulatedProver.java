package io.vellum.consensus.prover;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.Timer;
import io.vellum.consensus.worker.StepThread;
import io.vellum.storage.Lease;
import io.vellum.storage.LeaseException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.LongSupplier;

/**
 * The built-in prover: {@link ProverModel#workers()} simulated workers that lease proving jobs from the
 * {@link ProverQueue}, "prove" each for the model's latency, and then complete it, fail it (it is retried) or
 * abandon it (its lease expires and the job is leased again), by one seeded draw per lease.
 *
 * <h2>Design</h2>
 * Like the protocol core, the prover is a state machine driven by time: {@link #poll()} reads the injected clock,
 * finishes every proof due by then (in order of due time, then worker), gives idle workers the lowest available
 * jobs, and returns how long until its next deadline. Nothing sleeps: the prover's own thread ({@link #start()})
 * parks for that long (or until {@link #wakeUp()}), and a test calls {@link #poll()} on a manual clock, which makes
 * a run deterministic for a given seed and store.
 *
 * <h2>Guarantees</h2>
 * Every operation goes through the queue, so the store's rules hold whoever else proves: a job is proven at most
 * once (a second completion is harmless and counted as a duplicate), a stale lease is refused (counted; the worker
 * drops the job), a failed or expired job is leased again, lowest height first. With one worker that never
 * abandons, jobs are proven in height order; otherwise completions may come out of order, but the proven height
 * (below which every job is proven) only grows.
 *
 * <h2>Threads and failure model</h2>
 * Worker state is guarded by a lock held for one whole {@link #poll()}, so the thread and direct calls never
 * overlap. {@link #pause()} holds polls off until {@link #resume()} (around a snapshot install); a job in progress
 * keeps its simulated deadline and its lease. A store error ends the thread: it is kept in {@link #failure()}, and
 * a restart with {@link #start()} goes on (leases held then expire and their jobs are leased again).
 */
public final class SimulatedProver implements AutoCloseable {
    /** How long {@link #stop()} waits for a poll in progress. */
    private static final long STOP_TIMEOUT_MS = 30_000;

    /** What a lease's draw decided. */
    private enum Outcome { PROVE, FAIL, ABANDON }

    /** One worker's current job; guarded by the step lock. */
    private static final class Worker {
        final String owner;
        Lease lease;
        long leasedAtMs;
        long dueAtMs;
        Outcome outcome;

        Worker(String owner) {
            this.owner = owner;
        }

        boolean isBusy() {
            return lease != null;
        }
    }

    private final ProverQueue queue;
    private final TransactionCounts counts;
    private final ProverModel model;
    private final String name;
    private final LongSupplier clockMs;
    private final SplittableRandom random;
    private final List<Worker> workers = new ArrayList<>();
    private final Timer latency;
    private final Counter abandoned;

    /** Held for one whole poll; guards {@link #workers}' state, {@link #random} and {@link #paused}. */
    private final ReentrantLock stepLock = new ReentrantLock();
    private boolean paused;
    private volatile int busyWorkers;

    /** Polls, then parks until the next proof is due or it is woken. */
    private final StepThread stepThread;

    /**
     * @param queue the prover queue
     * @param counts the transaction count of each block, for the latency
     * @param model workers, latency, faults and seed
     * @param name names the workers' lease owners ({@code name/0}, {@code name/1}, ...) and the thread; the node id
     *     fits
     * @param clockMs the clock, in milliseconds (the queue's)
     * @param registry where the prover's meters go
     * @param tags the node's tags
     */
    public SimulatedProver(ProverQueue queue, TransactionCounts counts, ProverModel model, String name,
            LongSupplier clockMs, MeterRegistry registry, Tags tags) {
        this.queue = Objects.requireNonNull(queue, "queue");
        this.counts = Objects.requireNonNull(counts, "counts");
        this.model = Objects.requireNonNull(model, "model");
        this.name = Objects.requireNonNull(name, "name");
        if (name.isBlank() || name.length() > 64) {
            throw new IllegalArgumentException("the prover's name must be 1 to 64 characters, not blank: " + name);
        }
        this.clockMs = Objects.requireNonNull(clockMs, "clockMs");
        this.random = new SplittableRandom(model.seed());
        this.stepThread = new StepThread("the prover", "vellum-prover-" + name, STOP_TIMEOUT_MS,
                () -> TimeUnit.MILLISECONDS.toNanos(poll()), error -> {
                    // kept in failure() and the vellum.prover.failed gauge
                });
        for (int i = 0; i < model.workers(); i++) {
            workers.add(new Worker(name + "/" + i));
        }
        latency = Timer.builder("vellum.prover.latency").tags(tags)
                .description("simulated proving time of a job, lease to completion").register(registry);
        abandoned = Counter.builder("vellum.prover.jobs").tags(tags).tag("outcome", "abandoned").baseUnit("jobs")
                .description("jobs a simulated worker dropped without a word (their leases expire)").register(registry);
        Gauge.builder("vellum.prover.workers.busy", this, p -> p.busyWorkers).tags(tags).baseUnit("workers")
                .description("simulated workers holding a job").register(registry);
        Gauge.builder("vellum.prover.failed", this, p -> p.failure().isPresent() ? 1 : 0).tags(tags)
                .description("1 once the simulated prover's thread has stopped on an error").register(registry);
    }

    // -------------------------------------------------------------------------------------------------------------
    // Steps.

    /**
     * Does everything due at the clock's time: finishes due proofs, then leases jobs for idle workers.
     *
     * @return milliseconds until the next proof is due, or {@link ProverModel#idlePollMs()} if a worker is idle
     *     and that is sooner (new and expired jobs are only noticed by looking); 0 never
     */
    public long poll() {
        stepLock.lock();
        try {
            if (paused) {
                return model.idlePollMs();
            }
            long nowMs = clockMs.getAsLong();
            List<Worker> due = new ArrayList<>();
            for (Worker worker : workers) {
                if (worker.isBusy() && worker.dueAtMs <= nowMs) {
                    due.add(worker);
                }
            }
            due.sort(Comparator.comparingLong((Worker w) -> w.dueAtMs));
            for (Worker worker : due) {
                finish(worker, nowMs);
            }
            for (Worker worker : workers) {
                if (!worker.isBusy() && !startNext(worker, nowMs)) {
                    break;
                }
            }
            long waitMs = Long.MAX_VALUE;
            int busy = 0;
            for (Worker worker : workers) {
                if (worker.isBusy()) {
                    busy++;
                    waitMs = Math.min(waitMs, worker.dueAtMs - nowMs);
                } else {
                    waitMs = Math.min(waitMs, model.idlePollMs());
                }
            }
            busyWorkers = busy;
            return Math.max(1, waitMs);
        } finally {
            stepLock.unlock();
        }
    }

    private void finish(Worker worker, long nowMs) {
        Lease lease = worker.lease;
        Outcome outcome = worker.outcome;
        worker.lease = null;
        worker.outcome = null;
        try {
            switch (outcome) {
                case PROVE -> {
                    if (queue.complete(lease) == ProverQueue.Completion.PROVEN) {
                        latency.record(nowMs - worker.leasedAtMs, TimeUnit.MILLISECONDS);
                    }
                }
                case FAIL -> queue.fail(lease, "simulated failure of " + worker.owner + " on attempt "
                        + lease.attempt());
                case ABANDON -> abandoned.increment();
            }
        } catch (LeaseException stale) {
            // The lease expired (the proof took longer than the lease) and the job went back to the queue; the queue
            // counted it. The worker drops the job.
        }
    }

    /** Leases the next job for {@code worker}; false if none is available. */
    private boolean startNext(Worker worker, long nowMs) {
        Optional<Lease> lease = queue.lease(worker.owner, model.leaseMs());
        if (lease.isEmpty()) {
            return false;
        }
        long transactions = counts.transactionCount(lease.get().height().value());
        double draw = random.nextDouble();
        worker.outcome = draw < model.failureProbability() ? Outcome.FAIL
                : draw < model.failureProbability() + model.abandonProbability() ? Outcome.ABANDON : Outcome.PROVE;
        worker.lease = lease.get();
        worker.leasedAtMs = nowMs;
        worker.dueAtMs = nowMs + model.latencyMs(transactions);
        return true;
    }

    /** How many workers hold a job. */
    public int busyWorkers() {
        return busyWorkers;
    }

    // -------------------------------------------------------------------------------------------------------------
    // Pausing and the thread.

    /** Waits for a poll in progress, then holds polls off until {@link #resume()}. */
    public void pause() {
        stepLock.lock();
        try {
            paused = true;
        } finally {
            stepLock.unlock();
        }
    }

    /** Lets polls run again, and wakes the thread. */
    public void resume() {
        stepLock.lock();
        try {
            paused = false;
        } finally {
            stepLock.unlock();
        }
        wakeUp();
    }

    /**
     * Starts the prover's thread (named {@code vellum-prover-<name>}). It may be started again after
     * {@link #stop()} or a failure (which it forgets).
     *
     * @throws IllegalStateException if it is running
     */
    public void start() {
        stepThread.start();
    }

    /** Tells the thread a job may be waiting (the committer enqueued one). Cheap; any thread. */
    public void wakeUp() {
        stepThread.wakeUp();
    }

    /**
     * Stops the thread after the poll in progress. Jobs in progress are left leased; their leases expire. Idempotent.
     *
     * @throws IllegalStateException if the thread did not end within 30 s
     */
    public void stop() {
        stepThread.stop();
    }

    @Override
    public void close() {
        stop();
    }

    public boolean isRunning() {
        return stepThread.isRunning();
    }

    /** The error the thread stopped on, if it did. */
    public Optional<RuntimeException> failure() {
        return stepThread.failure();
    }
}
