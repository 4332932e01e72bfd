package io.vellum.consensus.committer;

import io.vellum.blockifier.commitment.BlockHash;
import io.vellum.blockifier.commitment.BlockHeaderFields;
import io.vellum.blockifier.commitment.CommittedState;
import io.vellum.blockifier.commitment.ContractLeaf;
import io.vellum.blockifier.commitment.Parallelism;
import io.vellum.blockifier.commitment.StateCommitter;
import io.vellum.blockifier.commitment.StateRoots;
import io.vellum.blockifier.core.BlockNumber;
import io.vellum.blockifier.core.ContractAddress;
import io.vellum.blockifier.crypto.Felt;
import io.vellum.blockifier.state.StateDiff;
import io.vellum.consensus.store.RocksCoreStore;
import io.vellum.consensus.store.StoredBlockHeader;
import io.vellum.storage.ApplyBatch;
import io.vellum.storage.BlockCommitment;
import io.vellum.storage.Lease;
import io.vellum.storage.StateView;
import io.vellum.storage.Store;
import io.vellum.storage.TrieRoots;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * One block's commitment in two halves: {@link #prepare} reads and hashes without holding the store's writer lock;
 * {@link #write} puts the result in one batch. Stateless; the {@link Committer} calls both on one thread.
 */
final class CommitStep {
    private CommitStep() {
    }

    /** What one block's batch holds. */
    record Prepared(long height, CommittedState state, Map<ContractAddress, Felt> storageRoots, Felt blockHash,
            int transactionCount, int declaredClasses) {
        Prepared {
            Objects.requireNonNull(state, "state");
            storageRoots = Map.copyOf(storageRoots);
            Objects.requireNonNull(blockHash, "blockHash");
        }

        /**
         * The hashes computed: every trie node created was hashed once; a contract leaf is three Pedersen hashes, a
         * class leaf one Poseidon; then the global root, and the block hash (not for genesis).
         */
        int hashCount() {
            return state.newNodes().size() + 3 * state.contracts().size() + declaredClasses + (height == 0 ? 1 : 2);
        }
    }

    /** The height the next block to commit has, once the store's markers are checked to agree; -1 if none. */
    static long nextHeight(Store store) {
        long committed = store.committedHeight().map(BlockNumber::value).orElse(-1L);
        long trie = store.trieHeight().map(BlockNumber::value).orElse(-1L);
        long proverNext = store.proverNextHeight().value();
        if (trie != committed || proverNext != committed + 1) {
            throw new CommitterException("the store's markers disagree: commitments recorded to " + committed
                    + ", trie roots to " + trie + ", proving jobs enqueued below " + proverNext
                    + " (the committer writes all three together)");
        }
        long head = store.head().map(BlockNumber::value).orElse(-1L);
        return committed < head ? committed + 1 : -1;
    }

    /** Reads block {@code height} and its parent's roots, and computes its tries, state root and block hash. */
    static Prepared prepare(RocksCoreStore chain, Store store, long height, Parallelism parallelism) {
        BlockNumber number = new BlockNumber(height);
        StateDiff diff = store.stateDiff(number).orElseThrow(() ->
                new CommitterException("block " + height + " has no stored state diff"));
        StateRoots previous = StateRoots.EMPTY;
        Felt parentHash = Committer.GENESIS_BLOCK_HASH;
        if (height > 0) {
            BlockNumber parent = new BlockNumber(height - 1);
            TrieRoots roots = store.trieRoots(parent).orElseThrow(() ->
                    new CommitterException("block " + (height - 1) + " has no recorded trie roots"));
            previous = new StateRoots(roots.contractsRoot(), roots.classesRoot());
            parentHash = store.commitment(parent).map(BlockCommitment::blockHash).orElseThrow(() ->
                    new CommitterException("block " + (height - 1) + " has no recorded commitment"));
        }
        Optional<StoredBlockHeader> block = height == 0 ? Optional.empty()
                : Optional.of(chain.blockHeader(height).orElseThrow(() ->
                        new CommitterException("block " + height + " is below the head but not stored")));

        TouchedState after;
        try (StateView view = store.at(number)) {
            after = TouchedState.read(diff, view);
        }
        // Storage roots are read from the latest roots: this committer is their only writer and has committed
        // every block below this one, so they are the roots after block height - 1.
        CommittedState state = new StateCommitter(store.nodeStore(), parallelism, Committer.ROOT_RULE)
                .commit(previous, store::contractStorageRoot, diff, after);

        Felt blockHash = Committer.GENESIS_BLOCK_HASH;
        int transactions = 0;
        if (block.isPresent()) {
            StoredBlockHeader stored = block.get();
            BlockHeaderFields header = new BlockHeaderFields(number, parentHash, state.globalRoot(),
                    stored.context().sequencerAddress(), stored.context().timestampSeconds(),
                    stored.context().gasPrices(), stored.starknetVersion());
            blockHash = BlockHash.compute(header, stored.commitments());
            transactions = Math.toIntExact(stored.commitments().transactionCount());
        }
        // Only contracts whose storage the block wrote can have a new storage root.
        Map<ContractAddress, Felt> storageRoots = new HashMap<>();
        for (ContractAddress contract : diff.storageUpdates().keySet()) {
            ContractLeaf leaf = state.contracts().get(contract);
            storageRoots.put(contract, leaf.storageRoot());
        }
        return new Prepared(height, state, storageRoots, blockHash, transactions, diff.declaredClasses().size());
    }

    /**
     * Writes a prepared block in one batch: its trie nodes, the new storage roots, its trie roots, its commitment and
     * its proving job (genesis's job is recorded proven at once). Carries no applied index.
     */
    static void write(Store store, Prepared prepared, long nowMs) {
        BlockNumber number = new BlockNumber(prepared.height());
        CommittedState state = prepared.state();
        try (ApplyBatch batch = store.batch()) {
            batch.putTrieNodes(state.newNodes())
                    .putContractStorageRoots(prepared.storageRoots())
                    .recordTrieRoots(number, state.roots().contractsRoot(), state.roots().classesRoot())
                    .recordCommitment(number, state.globalRoot(), prepared.blockHash())
                    .enqueueProvingJob(number);
            if (prepared.height() == 0) {
                long atMs = Math.max(0, nowMs);
                Lease lease = batch.leaseProvingJob(Committer.GENESIS_PROVER, atMs, 1).orElseThrow(() ->
                        new IllegalStateException("the genesis job was just enqueued but cannot be leased"));
                if (lease.height().value() != 0 || !batch.completeProvingJob(lease, atMs, Felt.ZERO)) {
                    throw new IllegalStateException("the genesis job could not be recorded proven: " + lease);
                }
            }
            batch.commit();
        }
    }
}
