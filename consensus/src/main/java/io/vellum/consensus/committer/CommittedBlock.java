package io.vellum.consensus.committer;

import io.vellum.blockifier.crypto.Felt;
import java.util.Objects;

/**
 * What the committer recorded for one final block.
 *
 * @param height the block's number (0 is genesis)
 * @param stateRoot the global state root after the block
 * @param blockHash the Starknet block hash ({@link Committer#GENESIS_BLOCK_HASH} for genesis)
 * @param contractsRoot the contracts-trie root after the block
 * @param classesRoot the classes-trie root after the block
 * @param transactionCount the block's transactions
 * @param contractsTouched the contracts whose leaf the block changed
 * @param hashCount the hashes computed: one per trie node created, three Pedersen per contract leaf, one Poseidon
 *     per class leaf, the global root and the block hash
 * @param durationNanos how long the block took, reading, hashing and writing (the meter registry's clock)
 */
public record CommittedBlock(long height, Felt stateRoot, Felt blockHash, Felt contractsRoot, Felt classesRoot,
        int transactionCount, int contractsTouched, int hashCount, long durationNanos) {

    public CommittedBlock {
        if (height < 0) {
            throw new IllegalArgumentException("height must not be negative: " + height);
        }
        Objects.requireNonNull(stateRoot, "stateRoot");
        Objects.requireNonNull(blockHash, "blockHash");
        Objects.requireNonNull(contractsRoot, "contractsRoot");
        Objects.requireNonNull(classesRoot, "classesRoot");
        if (transactionCount < 0 || contractsTouched < 0 || hashCount < 0 || durationNanos < 0) {
            throw new IllegalArgumentException("counts and duration must not be negative");
        }
    }
}
