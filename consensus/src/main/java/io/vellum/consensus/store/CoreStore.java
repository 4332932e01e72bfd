package io.vellum.consensus.store;

import io.vellum.consensus.core.ChainView;
import io.vellum.consensus.core.ReplicatedState;
import io.vellum.consensus.core.StoreWrites;
import io.vellum.proposer.mempool.PendingTransaction;
import java.nio.file.Path;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * What a node keeps across restarts for the protocol core: the applied index, the replicated state, the pending
 * transactions in log order, the final blocks with their state, and checkpoints of all of it for Raft snapshots.
 *
 * <h2>Guarantees</h2>
 * {@link #commit} writes everything one applied entry changed together with its index, atomically: after a crash
 * the store is exactly the state after some applied entry. Reads ({@link #withStateAfter}, {@link #isFinal}) may run on
 * other threads while one thread commits, and see whole commits only.
 *
 * <h2>Failure model</h2>
 * An I/O error or corruption is an unchecked exception; the caller stops applying (a node that cannot store the
 * log it applies must not vote).
 */
public interface CoreStore extends ChainView, AutoCloseable {

    /** What the store holds as of its applied index. */
    record Stored(long appliedTerm, long appliedIndex, ReplicatedState state, List<PendingTransaction> pending) {
        public Stored {
            Objects.requireNonNull(state, "state");
            pending = List.copyOf(pending);
        }
    }

    /** What is stored, or empty for a store that has not been initialized with a genesis. */
    Optional<Stored> load();

    /**
     * Writes the genesis (state at height 0) and the initial replicated state, once, into an empty store.
     * Refused if the store already holds a chain.
     */
    void initialize(io.vellum.blockifier.block.Genesis genesis, ReplicatedState initial);

    /** Writes what applying the entry at {@code index} changed, with the index, in one atomic batch. */
    void commit(long term, long index, StoreWrites writes);

    /**
     * Copies the whole store, consistently, into {@code directory} (which must not exist); returns the applied
     * index the copy holds.
     */
    long exportCheckpoint(Path directory);

    /** Replaces the store's contents with a checkpoint made by {@link #exportCheckpoint} (installing a snapshot). */
    void replaceWith(Path checkpointDirectory);

    @Override
    void close();
}
