package io.vellum.storage;

import io.vellum.blockifier.core.BlockNumber;
import io.vellum.blockifier.crypto.Felt;
import java.util.Objects;

/** A final block's global state root and Starknet block hash, as the committer recorded them. */
public record BlockCommitment(BlockNumber block, Felt stateRoot, Felt blockHash) {
    public BlockCommitment {
        Objects.requireNonNull(block, "block");
        Objects.requireNonNull(stateRoot, "state root");
        Objects.requireNonNull(blockHash, "block hash");
    }
}
