package io.vellum.consensus.committer;

import io.vellum.blockifier.execution.GasPrices;
import io.vellum.blockifier.commitment.CommittedState;
import io.vellum.blockifier.commitment.GlobalRootRule;
import io.vellum.blockifier.commitment.InMemoryNodeStore;
import io.vellum.blockifier.commitment.Parallelism;
import io.vellum.blockifier.commitment.StateCommitter;
import io.vellum.blockifier.commitment.StateRoots;
import io.vellum.blockifier.commitment.StorageRootLookup;
import io.vellum.blockifier.core.BlockNumber;
import io.vellum.blockifier.crypto.Felt;
import io.vellum.blockifier.crypto.Poseidon;
import io.vellum.blockifier.state.StateDiff;
import io.vellum.consensus.store.RocksCoreStore;
import io.vellum.consensus.store.StoredBlock;
import io.vellum.storage.StateView;
import io.vellum.storage.Store;
import java.util.ArrayList;
import java.util.List;

/**
 * The committer's results computed another way, for tests: the state after every height from scratch (a fresh
 * in-memory node store, every diff from genesis merged and applied at once, the state view read directly), and the
 * block hash as the Poseidon hash of its elements listed here by hand (Starknet 0.13.4+ layout).
 */
final class Reference {
    /** The reference state root and block hash of a height. */
    record Expected(long height, Felt stateRoot, Felt contractsRoot, Felt classesRoot, Felt blockHash) {
    }

    private Reference() {
    }

    /** Expected values for heights 0 to {@code top}, in order. */
    static List<Expected> upTo(RocksCoreStore chain, long top) {
        Store store = chain.store();
        List<Expected> out = new ArrayList<>();
        StateDiff merged = StateDiff.EMPTY;
        Felt parentHash = Felt.ZERO;
        for (long h = 0; h <= top; h++) {
            merged = merged.then(store.stateDiff(new BlockNumber(h)).orElseThrow());
            CommittedState state;
            try (StateView after = store.at(new BlockNumber(h))) {
                state = new StateCommitter(new InMemoryNodeStore(), Parallelism.SEQUENTIAL, GlobalRootRule.V0_14)
                        .commit(StateRoots.EMPTY, StorageRootLookup.EMPTY, merged, after);
            }
            Felt blockHash = h == 0 ? Felt.ZERO : blockHash(chain.block(h).orElseThrow(), state.globalRoot(),
                    parentHash);
            out.add(new Expected(h, state.globalRoot(), state.roots().contractsRoot(), state.roots().classesRoot(),
                    blockHash));
            parentHash = blockHash;
        }
        return out;
    }

    /** poseidon_many(["STARKNET_BLOCK_HASH1", number, state_root, sequencer, timestamp, counts, ...]). */
    static Felt blockHash(StoredBlock block, Felt stateRoot, Felt parentHash) {
        var c = block.commitments();
        return Poseidon.hashMany(List.of(
                Felt.fromShortString("STARKNET_BLOCK_HASH1"),
                Felt.of(block.height()),
                stateRoot,
                block.context().sequencerAddress().value(),
                Felt.of(block.proposal().timestampSeconds()),
                c.concatenatedCounts(),
                c.stateDiffCommitment(),
                c.transactionCommitment(),
                c.eventCommitment(),
                c.receiptCommitment(),
                gasPricesHash(block.context().gasPrices()),
                Felt.fromShortString(block.starknetVersion().toString()),
                Felt.ZERO,
                parentHash));
    }

    /** poseidon_many(["STARKNET_GAS_PRICES0", l1 wei, l1 fri, l1 data wei, l1 data fri, l2 wei, l2 fri]). */
    static Felt gasPricesHash(GasPrices prices) {
        return Poseidon.hashMany(List.of(Felt.fromShortString("STARKNET_GAS_PRICES0"), prices.l1GasPriceWei(),
                prices.l1GasPriceFri(), prices.l1DataGasPriceWei(), prices.l1DataGasPriceFri(),
                prices.l2GasPriceWei(), prices.l2GasPriceFri()));
    }
}
