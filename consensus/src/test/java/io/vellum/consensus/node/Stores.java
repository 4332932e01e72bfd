package io.vellum.consensus.node;

import io.vellum.blockifier.crypto.Felt;
import io.vellum.blockifier.execution.Receipt;
import io.vellum.blockifier.state.StateDiff;
import io.vellum.consensus.core.FinalBlock;
import io.vellum.blockifier.commitment.StarknetVersion;
import io.vellum.blockifier.core.BlockNumber;
import io.vellum.blockifier.testing.TestChain;
import io.vellum.blockifier.transaction.ExecutableTransaction;
import io.vellum.consensus.store.CoreStore;
import io.vellum.consensus.store.RocksCoreStore;
import io.vellum.consensus.store.StoredBlock;
import io.vellum.storage.StoreOptions;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

/** The stores the cluster tests run on, and how they read back what a store holds. */
final class Stores {
    private Stores() {
    }

    /** What a store holds for one final block, compared across nodes. */
    record BlockDigest(Felt commitment, List<Felt> transactions, List<Receipt> receipts, StateDiff stateDiff) {
    }

    /**
     * In-memory stores that survive a node's restart (one per directory), sharing checkpoint images.
     */
    static Function<Path, CoreStore> inMemory() {
        InMemoryCoreStore.Checkpoints checkpoints = new InMemoryCoreStore.Checkpoints();
        Map<Path, InMemoryCoreStore> byDirectory = new ConcurrentHashMap<>();
        return directory -> byDirectory.computeIfAbsent(directory, d -> new InMemoryCoreStore(checkpoints));
    }

    /** RocksDB stores (the real thing), without fsync: a test's crash is a closed process, not a power cut. */
    static Function<Path, CoreStore> rocks(TestChain chain) {
        return directory -> new RocksCoreStore(directory, StoreOptions.processCrashSafe(), TestChain.CHAIN_ID,
                chain.feeToken(), StarknetVersion.V0_14_0);
    }

    /** The final blocks a store holds, by height. */
    static TreeMap<Long, BlockDigest> blocks(CoreStore store) {
        TreeMap<Long, BlockDigest> out = new TreeMap<>();
        if (store instanceof RocksCoreStore rocks) {
            for (long height = 1; height <= rocks.finalHeight(); height++) {
                StoredBlock block = rocks.block(height).orElseThrow();
                out.put(height, new BlockDigest(block.proposal().proposalCommitment(),
                        block.transactions().stream().map(ExecutableTransaction::hash).toList(),
                        rocks.receipts(height).orElseThrow(),
                        rocks.store().stateDiff(new BlockNumber(height)).orElseThrow()));
            }
            return out;
        }
        if (store instanceof InMemoryCoreStore memory) {
            for (Map.Entry<Long, FinalBlock> entry : memory.finals().entrySet()) {
                FinalBlock block = entry.getValue();
                out.put(entry.getKey(), new BlockDigest(block.proposal().proposalCommitment(),
                        block.built().block().transactionHashes(), block.built().block().receipts(),
                        block.built().block().stateDiff()));
            }
            return out;
        }
        throw new IllegalArgumentException("cannot read blocks from " + store.getClass());
    }
}
