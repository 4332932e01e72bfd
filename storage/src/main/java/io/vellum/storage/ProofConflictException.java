package io.vellum.storage;

import io.vellum.blockifier.core.BlockNumber;
import io.vellum.blockifier.crypto.Felt;

/**
 * A proving job was completed again with a proof digest other than the one it was proven with: two provers (or one
 * prover twice) claim different proofs of the same block. Nothing was written; the first digest stands.
 */
public final class ProofConflictException extends StorageException {
    private static final long serialVersionUID = 1L;

    ProofConflictException(BlockNumber height, Felt recorded, Felt offered) {
        super("block " + height.value() + " is proven with proof digest " + recorded.toHex()
                + "; a completion with a different digest " + offered.toHex() + " is refused");
    }
}
