package io.vellum.consensus.committer;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import io.vellum.blockifier.commitment.GlobalRootRule;
import io.vellum.blockifier.commitment.Parallelism;
import io.vellum.blockifier.core.BlockNumber;
import io.vellum.blockifier.crypto.Felt;
import io.vellum.consensus.store.RocksCoreStore;
import io.vellum.consensus.worker.StepThread;
import io.vellum.storage.Store;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.LongSupplier;

/**
 * Commits final blocks, in height order and off the apply path: for each block above the committed height it
 * computes the per-contract storage roots, the contracts and classes roots and the global state root (blockifier's
 * {@link io.vellum.blockifier.commitment.StateCommitter} over the store's trie nodes, from the parent's roots and the
 * block's state diff), then the Starknet block hash, and writes everything with the block's proving job in one
 * {@link io.vellum.storage.ApplyBatch}.
 *
 * <h2>The batch and what it guarantees</h2>
 * One batch per block holds its new trie nodes, the new storage roots of the contracts it wrote, its trie roots
 * ({@code recordTrieRoots}), its state root and block hash ({@code recordCommitment}) and its proving job
 * ({@code enqueueProvingJob}). The store writes a batch atomically and refuses each of the last three out of height
 * order, so: after any crash, the three markers (trie height, committed height, next job height − 1) are equal, the
 * committer resumes at the block after them, and no block is committed or enqueued twice or skipped. Each block
 * reaches the prover queue exactly once, in height order, and only with its commitment. A store where the three
 * disagree was not written by this class and is refused ({@link CommitterException}).
 *
 * <h2>Genesis</h2>
 * Block 0 is the genesis state (the genesis file's state diff, no transactions and no header). It gets its tries and
 * its state root like any block, so that block 1 has parent roots, but no Starknet block hash: it records
 * {@link #GENESIS_BLOCK_HASH} (0), which is the parent block hash of block 1 — as the first block of a Starknet chain
 * has parent hash 0. There is nothing to prove about an initial state, but the prover queue starts at height 0, so
 * genesis's job is enqueued and recorded proven by owner {@link #GENESIS_PROVER} in the same batch; provers never see
 * it.
 *
 * <h2>Concurrency with the apply thread</h2>
 * The batches carry no applied index: {@code ApplyBatch} writes only the markers a batch changed, so the Raft applied
 * index stays where the apply thread put it and still says which log entries the store holds. The store has one
 * writer at a time — a batch holds the writer lock from {@code Store.batch()} to its commit, and reads the markers it
 * checks and changes under it — so committer batches and apply batches are serialized, never interleaved, and
 * neither can lose the other's marker updates. The committer computes everything <em>before</em> it opens its batch
 * (the apply thread waits only for the batch to be filled and written, not for hashing), from data no other thread
 * changes: blocks, state diffs and history at or below the head never change; trie nodes, storage roots, trie roots,
 * commitments and the next job height are written only by this committer. The apply thread only appends blocks above
 * the head. A committer batch for block N is written after the batch that stored block N (it read it), and RocksDB
 * recovers a prefix of the batches, so a crash never leaves a commitment for a block that was lost.
 *
 * <h2>Threads</h2>
 * {@link #start()} runs the committer on its own thread, which commits while there is work and otherwise waits for
 * {@link #wakeUp()} (call it when a block becomes final) or {@link CommitterSettings#idlePollMs}. {@link #commitNext()}
 * and {@link #runOnce()} do the same work on the caller's thread, for tests and benchmarks; a lock makes steps
 * one at a time whoever calls them. Hashing is spread over the injected {@link Parallelism}. {@link #pause()} waits
 * for the step in progress and holds off further steps until {@link #resume()}: the node must pause the committer
 * around {@link RocksCoreStore#replaceWith} (a snapshot install closes the store underneath).
 *
 * <h2>Failure model</h2>
 * A step that fails — a storage error ({@code StorageIoException}, {@code CorruptionException}), a
 * {@link CommitterException}, a block the commitment code refuses — writes nothing. Called directly, the exception
 * propagates. On the committer's thread it is recorded ({@link #failure()}, the {@code vellum.committer.failed}
 * gauge), passed to {@link Listener#failed}, and the thread ends: a store that cannot be read or written consistently
 * needs an operator, and a restart with {@link #start()} resumes from the store.
 */
public final class Committer implements AutoCloseable {
    /** The block hash recorded for genesis, and so block 1's parent block hash. */
    public static final Felt GENESIS_BLOCK_HASH = Felt.ZERO;
    /** The lease owner that records genesis's proving job proven. */
    public static final String GENESIS_PROVER = "genesis";
    /** Vellum's global-root rule (Starknet v0.14.0 and later). */
    public static final GlobalRootRule ROOT_RULE = GlobalRootRule.V0_14;

    /** Told what the committer did, on the thread that did it (the committer's own, or a caller of a step). */
    public interface Listener {
        /** Listens to nothing. */
        Listener NONE = new Listener() {
        };

        /** A block's batch was written. Called with the step lock held: return quickly. */
        default void committed(CommittedBlock block) {
        }

        /** The committer's thread stopped on this error. */
        default void failed(RuntimeException error) {
        }
    }

    private final RocksCoreStore chain;
    private final CommitterSettings settings;
    private final Parallelism parallelism;
    private final LongSupplier clockMs;
    private final Listener listener;
    private final CommitterMetrics metrics;

    /** Held for one whole step; guards {@link #paused}. */
    private final ReentrantLock stepLock = new ReentrantLock();
    private boolean paused;

    /** Commits while there is work; otherwise parks for the idle poll or until woken. */
    private final StepThread stepThread;

    /**
     * @param chain the node's store (read through {@link RocksCoreStore#store()} at every step)
     * @param settings thread name, idle poll, bounds
     * @param parallelism where hashing may run in parallel ({@link Parallelism#SEQUENTIAL} for the caller alone)
     * @param clockMs wall-clock milliseconds, for the genesis job's lease
     * @param registry where the meters go; durations use its clock
     * @param tags the node's tags for every meter
     * @param listener told of every block committed and of a failure
     */
    public Committer(RocksCoreStore chain, CommitterSettings settings, Parallelism parallelism, LongSupplier clockMs,
            MeterRegistry registry, Tags tags, Listener listener) {
        this.chain = Objects.requireNonNull(chain, "chain");
        this.settings = Objects.requireNonNull(settings, "settings");
        this.parallelism = Objects.requireNonNull(parallelism, "parallelism");
        this.clockMs = Objects.requireNonNull(clockMs, "clockMs");
        this.listener = Objects.requireNonNull(listener, "listener");
        long idleNanos = TimeUnit.MILLISECONDS.toNanos(settings.idlePollMs());
        this.stepThread = new StepThread("the committer", settings.threadName(), settings.stopTimeoutMs(),
                () -> runOnce() == 0 ? idleNanos : 0, listener::failed);
        this.metrics = new CommitterMetrics(Objects.requireNonNull(registry, "registry"),
                Objects.requireNonNull(tags, "tags"), chain, this);
    }

    // -------------------------------------------------------------------------------------------------------------
    // Steps.

    /**
     * Commits the next final block above the committed height, on the caller's thread.
     *
     * @return what was recorded, or empty if every final block is committed or the committer is paused
     * @throws CommitterException if the store's markers disagree or a block's data is missing
     */
    public Optional<CommittedBlock> commitNext() {
        stepLock.lock();
        try {
            if (paused) {
                return Optional.empty();
            }
            Store store = chain.store();
            long height = CommitStep.nextHeight(store);
            if (height < 0) {
                return Optional.empty();
            }
            long startNanos = metrics.nanoTime();
            CommitStep.Prepared prepared = CommitStep.prepare(chain, store, height, parallelism);
            long preparedNanos = metrics.nanoTime();
            CommitStep.write(store, prepared, clockMs.getAsLong());
            long endNanos = metrics.nanoTime();
            CommittedBlock block = new CommittedBlock(height, prepared.state().globalRoot(), prepared.blockHash(),
                    prepared.state().roots().contractsRoot(), prepared.state().roots().classesRoot(),
                    prepared.transactionCount(), prepared.state().contracts().size(), prepared.hashCount(),
                    endNanos - startNanos);
            metrics.committed(block, preparedNanos - startNanos, endNanos - preparedNanos);
            listener.committed(block);
            return Optional.of(block);
        } finally {
            stepLock.unlock();
        }
    }

    /** Commits final blocks until none is left or {@link CommitterSettings#blocksPerRunMax} are done; how many. */
    public int runOnce() {
        int committed = 0;
        while (committed < settings.blocksPerRunMax() && commitNext().isPresent()) {
            committed++;
        }
        return committed;
    }

    /** Final height minus committed height, from the store's markers (committed read first: never negative). */
    public long lagBlocks() {
        Store store = chain.store();
        long committed = store.committedHeight().map(BlockNumber::value).orElse(-1L);
        long head = store.head().map(BlockNumber::value).orElse(-1L);
        return Math.max(0, head - committed);
    }

    // -------------------------------------------------------------------------------------------------------------
    // Pausing (snapshot installs).

    /** Waits for the step in progress, then holds off steps until {@link #resume()}. */
    public void pause() {
        stepLock.lock();
        try {
            paused = true;
        } finally {
            stepLock.unlock();
        }
    }

    /** Lets steps run again, and wakes the thread. */
    public void resume() {
        stepLock.lock();
        try {
            paused = false;
        } finally {
            stepLock.unlock();
        }
        wakeUp();
    }

    // -------------------------------------------------------------------------------------------------------------
    // The thread.

    /**
     * Starts the committer's thread. It may be started again after {@link #stop()} or a failure (which it forgets).
     *
     * @throws IllegalStateException if it is running
     */
    public void start() {
        stepThread.start();
    }

    /** Tells the thread that a block may have become final. Cheap; any thread. */
    public void wakeUp() {
        stepThread.wakeUp();
    }

    /**
     * Stops the thread after the block in progress, waiting up to {@link CommitterSettings#stopTimeoutMs}.
     * Idempotent.
     *
     * @throws IllegalStateException if the thread did not end in time
     */
    public void stop() {
        stepThread.stop();
    }

    @Override
    public void close() {
        stop();
    }

    /** Whether the thread is running. */
    public boolean isRunning() {
        return stepThread.isRunning();
    }

    /** The error the thread stopped on, if it did. */
    public Optional<RuntimeException> failure() {
        return stepThread.failure();
    }
}
