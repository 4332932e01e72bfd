package io.vellum.consensus.store;

import io.vellum.blockifier.execution.BlockContext;
import io.vellum.blockifier.commitment.BlockCommitments;
import io.vellum.blockifier.commitment.StarknetVersion;
import io.vellum.consensus.entry.Proposal;
import java.util.Objects;

/**
 * A final block as stored, without its transactions and rejections: what the committer needs for the block hash
 * (context, version, commitments) and the prover for its latency (the transaction count), read without decoding —
 * and so hashing — every transaction ({@link RocksCoreStore#blockHeader}).
 */
public record StoredBlockHeader(
        long height,
        long finalIndex,
        Proposal proposal,
        BlockContext context,
        StarknetVersion starknetVersion,
        BlockCommitments commitments) {

    public StoredBlockHeader {
        Objects.requireNonNull(proposal, "proposal");
        Objects.requireNonNull(context, "context");
        Objects.requireNonNull(starknetVersion, "starknetVersion");
        Objects.requireNonNull(commitments, "commitments");
        if (proposal.height() != height || context.blockNumber().value() != height) {
            throw new IllegalArgumentException("block " + height + " holds a proposal or context of another height");
        }
    }
}
