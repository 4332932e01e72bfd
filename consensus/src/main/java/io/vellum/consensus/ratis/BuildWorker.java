package io.vellum.consensus.ratis;

import io.vellum.consensus.core.BuildTask;
import io.vellum.proposer.builder.BlockProducer;
import io.vellum.proposer.builder.BuiltBlock;
import io.vellum.proposer.builder.Deadline;
import java.util.Objects;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Builds the core's blocks on one thread of its own, off the apply path: on the stored state after the parent
 * (read through {@link VellumStateMachine#readStore}),
 * stopping at the task's deadline, then hands the result back to the state machine. The core asks for one build at a
 * time, so one thread is enough.
 *
 * <p>Failure model: a build that throws (a state read error) is reported as failed; the core tries again at the next
 * interval.
 */
public final class BuildWorker implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(BuildWorker.class);

    private final BlockProducer producer;
    private final LongSupplier clockMs;
    private final VellumStateMachine stateMachine;
    private final DriverObserver observer;
    private final ExecutorService thread;

    public BuildWorker(String name, BlockProducer producer, LongSupplier clockMs,
            VellumStateMachine stateMachine, DriverObserver observer) {
        this.producer = Objects.requireNonNull(producer, "producer");
        this.clockMs = Objects.requireNonNull(clockMs, "clockMs");
        this.stateMachine = Objects.requireNonNull(stateMachine, "stateMachine");
        this.observer = Objects.requireNonNull(observer, "observer");
        this.thread = Executors.newSingleThreadExecutor(runnable -> {
            Thread t = new Thread(runnable, name);
            t.setDaemon(true);
            return t;
        });
    }

    /** Queues a build for the core of {@code generation}. */
    public void submit(long generation, BuildTask task) {
        try {
            thread.execute(() -> build(generation, task));
        } catch (RejectedExecutionException closed) {
            // closing: the build is dropped with the node
        }
    }

    private void build(long generation, BuildTask task) {
        long start = System.nanoTime();
        BuiltBlock built = null;
        try {
            Deadline deadline = () -> clockMs.getAsLong() >= task.deadlineMs();
            built = stateMachine.readStore(chain -> chain.withStateAfter(task.height() - 1, head -> producer.build(
                    head, task.context(), task.parentCommitment(), task.limits(), task.candidates(), deadline)));
        } catch (RuntimeException e) {
            LOG.warn("build of height {} failed: {}", task.height(), e.toString());
        }
        observer.blockBuilt(task.height(), System.nanoTime() - start, built != null);
        stateMachine.buildFinished(generation, task, built);
    }

    @Override
    public void close() {
        thread.shutdownNow();
        try {
            thread.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
