package io.vellum.storage;

import io.vellum.blockifier.core.BlockNumber;
import java.util.Objects;

/**
 * A prover's hold on one proving job until {@code expiresAtMs}. {@code attempt} is the job's lease count when it
 * was granted: a later lease of the same job has a higher attempt, so an old lease can be recognised as stale.
 */
public record Lease(BlockNumber height, String owner, int attempt, long expiresAtMs) {
    public Lease {
        Objects.requireNonNull(height, "height");
        ProverJob.checkOwner(owner, false);
        if (attempt < 1) {
            throw new IllegalArgumentException("attempt must be positive: " + attempt);
        }
    }
}
