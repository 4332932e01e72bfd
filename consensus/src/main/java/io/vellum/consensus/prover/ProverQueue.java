package io.vellum.consensus.prover;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import io.vellum.blockifier.core.BlockNumber;
import io.vellum.blockifier.crypto.Felt;
import io.vellum.storage.ApplyBatch;
import io.vellum.storage.Lease;
import io.vellum.storage.LeaseException;
import io.vellum.storage.ProofConflictException;
import io.vellum.storage.ProverJob;
import io.vellum.storage.Store;
import java.util.Objects;
import java.util.Optional;
import java.util.function.LongSupplier;
import java.util.function.Supplier;

/**
 * The prover queue's API: lease the lowest available proving job, complete it, or fail it. The simulated prover
 * calls it in-process; the gRPC prover service will call the same methods for external provers, passing back the
 * lease's height, owner and attempt (the store checks those three; the expiry is the job's own).
 *
 * <p>Jobs move QUEUED → LEASED → PROVEN, or LEASED → FAILED → LEASED again (the table is on {@link ProverJob}). A
 * lease lasts {@code leaseMs} by this queue's clock; an expired lease returns the job to the queue and goes stale
 * — even if the same owner leases the job again, since the attempt number changes.
 *
 * <h2>Failure model and errors</h2>
 * Each call is one {@link ApplyBatch}: it waits for the store's writer lock (the apply thread's and the committer's
 * batches go first if they hold it) and writes atomically or not at all. What the caller should do next, for each
 * error (and the gRPC status that says so):
 * <ul>
 *   <li>{@link LeaseException}: the lease is stale (expired, re-leased, or the job failed) — lease again
 *       ({@code ABORTED});</li>
 *   <li>{@link IllegalArgumentException}: an owner that is empty or longer than {@link ProverJob#OWNER_BYTES_MAX}
 *       bytes, a lease length out of (0, {@link ApplyBatch#LEASE_MS_MAX}] ({@code INVALID_ARGUMENT});</li>
 *   <li>{@code StorageIoException}, {@code CorruptionException}: the node's store failed; nothing was written
 *       ({@code UNAVAILABLE}, or {@code INTERNAL} for corruption).</li>
 * </ul>
 * Completion is idempotent: completing a proven job, with any lease, is {@link Completion#ALREADY_PROVEN} and
 * changes nothing. A job is never dropped: a job that keeps failing is retried forever ({@link ProverJob#attempts()}
 * and {@link ProverJob#lastFailure()} are there for alerting).
 *
 * <h2>Threads</h2>
 * Any thread; the store serializes the batches. The store is obtained from the supplier at every call, so the queue
 * follows a store replaced by a snapshot install (callers must hold off while it is replaced, as with every use of
 * the store).
 */
public final class ProverQueue {
    /** What completing a job did. */
    public enum Completion {
        /** This call proved the job. */
        PROVEN,
        /** The job was proven already: nothing changed. */
        ALREADY_PROVEN
    }

    private final Supplier<Store> store;
    private final LongSupplier clockMs;
    private final Counter leased;
    private final Counter proven;
    private final Counter duplicate;
    private final Counter failed;
    private final Counter stale;

    /**
     * @param store the node's store (for instance {@code coreStore::store})
     * @param clockMs the clock that leases are given and checked with (milliseconds)
     * @param registry where the queue's meters go
     * @param tags the node's tags
     */
    public ProverQueue(Supplier<Store> store, LongSupplier clockMs, MeterRegistry registry, Tags tags) {
        this.store = Objects.requireNonNull(store, "store");
        this.clockMs = Objects.requireNonNull(clockMs, "clockMs");
        Objects.requireNonNull(registry, "registry");
        Objects.requireNonNull(tags, "tags");
        Gauge.builder("vellum.prover.queue.depth", this, q -> q.status().depth()).tags(tags).baseUnit("jobs")
                .description("proving jobs enqueued and not yet proven").register(registry);
        Gauge.builder("vellum.prover.lag", this, q -> q.status().lagBlocks()).tags(tags).baseUnit("blocks")
                .description("committed height minus proven height").register(registry);
        Gauge.builder("vellum.prover.proven.height", this, q -> q.status().provenHeight()).tags(tags)
                .baseUnit("blocks").description("the height up to which every block is proven").register(registry);
        leased = jobs(registry, tags, "leased", "leases granted");
        proven = jobs(registry, tags, "proven", "jobs proven");
        duplicate = jobs(registry, tags, "duplicate", "completions of jobs already proven (harmless)");
        failed = jobs(registry, tags, "failed", "jobs failed by their prover (retried)");
        stale = jobs(registry, tags, "stale", "completions or failures refused: the lease was stale");
    }

    private static Counter jobs(MeterRegistry registry, Tags tags, String outcome, String description) {
        return Counter.builder("vellum.prover.jobs").tags(tags).tag("outcome", outcome).baseUnit("jobs")
                .description(description).register(registry);
    }

    /**
     * Leases the lowest-height available job (queued, failed, or leased with an expired lease) to {@code owner} for
     * {@code leaseMs}.
     *
     * @return the lease, or empty if no job is available
     */
    public Optional<Lease> lease(String owner, long leaseMs) {
        long nowMs = clockMs.getAsLong();
        try (ApplyBatch batch = store.get().batch()) {
            Optional<Lease> lease = batch.leaseProvingJob(owner, nowMs, leaseMs);
            batch.commit();
            lease.ifPresent(l -> leased.increment());
            return lease;
        }
    }

    /** Marks the job proven, with no proof digest (the simulated prover's way). */
    public Completion complete(Lease lease) {
        return complete(lease, Felt.ZERO);
    }

    /**
     * Marks the job proven; {@code proofDigest} (what the prover reported producing, zero for none) is kept with the
     * job ({@link ProverJob#proofDigest()}).
     *
     * @throws LeaseException if the job is not proven and {@code lease} does not hold it now
     * @throws ProofConflictException if the job is proven already with another non-zero digest
     */
    public Completion complete(Lease lease, Felt proofDigest) {
        Objects.requireNonNull(lease, "lease");
        Objects.requireNonNull(proofDigest, "proofDigest");
        long nowMs = clockMs.getAsLong();
        try (ApplyBatch batch = store.get().batch()) {
            boolean provedNow;
            try {
                provedNow = batch.completeProvingJob(lease, nowMs, proofDigest);
            } catch (LeaseException | ProofConflictException e) {
                stale.increment();
                throw e;
            }
            batch.commit();
            (provedNow ? proven : duplicate).increment();
            return provedNow ? Completion.PROVEN : Completion.ALREADY_PROVEN;
        }
    }

    /**
     * Marks the job failed; it will be leased again.
     *
     * @param reason why, kept with the job (cut to {@link ProverJob#FAILURE_CHARS_MAX} characters)
     * @throws LeaseException if {@code lease} does not hold the job now
     */
    public void fail(Lease lease, String reason) {
        Objects.requireNonNull(lease, "lease");
        Objects.requireNonNull(reason, "reason");
        long nowMs = clockMs.getAsLong();
        try (ApplyBatch batch = store.get().batch()) {
            try {
                batch.failProvingJob(lease, nowMs, reason);
            } catch (LeaseException e) {
                stale.increment();
                throw e;
            }
            batch.commit();
            failed.increment();
        }
    }

    /** The job of block {@code height}, if enqueued. */
    public Optional<ProverJob> job(long height) {
        return store.get().proverJob(new BlockNumber(height));
    }

    /** Where the queue stands. */
    public QueueStatus status() {
        Store current = store.get();
        // Each marker only grows; read in this order, lowest <= next and next - 1 <= committed hold between reads.
        long lowestUnproven = current.proverLowestUnproven().value();
        long nextHeight = current.proverNextHeight().value();
        long committedHeight = current.committedHeight().map(BlockNumber::value).orElse(-1L);
        return new QueueStatus(nextHeight, lowestUnproven, committedHeight);
    }
}
