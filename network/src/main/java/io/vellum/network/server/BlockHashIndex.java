package io.vellum.network.server;

import io.vellum.blockifier.core.BlockNumber;
import io.vellum.blockifier.crypto.Felt;
import io.vellum.storage.BlockCommitment;
import io.vellum.storage.Store;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.function.Supplier;

/**
 * Block hash to height, for {@code GetBlock} by hash. The store keys blocks by height only; this index grows on
 * demand from the committer's records (a lookup first indexes every block committed since the last one), so it
 * costs one map entry per committed block and no work when nobody asks. At most {@link #ENTRIES_MAX} blocks are
 * indexed; a hash above that is looked up by a bounded scan from the top.
 */
final class BlockHashIndex {
    /** The most blocks held in memory (about 100 bytes each). */
    static final int ENTRIES_MAX = 2_000_000;
    /** The most blocks one scan past the index reads. */
    static final int SCAN_MAX = 10_000;

    private final Supplier<Store> store;
    /** Guarded by "this". */
    private final Map<Felt, Long> heights = new HashMap<>();
    /** Guarded by "this": every committed block up to here is indexed. */
    private long indexedHeight = -1;

    BlockHashIndex(Supplier<Store> store) {
        this.store = store;
    }

    /** The height of the committed block with this hash, if this node committed one. */
    synchronized OptionalLong heightOf(Felt blockHash) {
        Store current = store.get();
        long committed = current.committedHeight().map(BlockNumber::value).orElse(-1L);
        while (indexedHeight < committed && heights.size() < ENTRIES_MAX) {
            long next = indexedHeight + 1;
            Optional<BlockCommitment> commitment = current.commitment(new BlockNumber(next));
            if (commitment.isEmpty()) {
                break;
            }
            heights.putIfAbsent(commitment.get().blockHash(), next);
            indexedHeight = next;
        }
        Long known = heights.get(blockHash);
        if (known != null) {
            return OptionalLong.of(known);
        }
        for (long height = committed; height > indexedHeight && height > committed - SCAN_MAX; height--) {
            Optional<BlockCommitment> commitment = current.commitment(new BlockNumber(height));
            if (commitment.isPresent() && commitment.get().blockHash().equals(blockHash)) {
                return OptionalLong.of(height);
            }
        }
        return OptionalLong.empty();
    }
}
