package io.vellum.proposer.builder;

import io.vellum.blockifier.block.ExecutedBlock;
import io.vellum.blockifier.commitment.BlockCommitments;
import io.vellum.blockifier.crypto.Felt;
import java.util.List;
import java.util.Objects;

/**
 * A block built (or re-executed) on this node: the executed block, every offered transaction with its result, the
 * block's commitments and its proposal commitment.
 */
public record BuiltBlock(ExecutedBlock block, List<OfferedTransaction> offered, BlockCommitments commitments,
        Felt proposalCommitment) {
    public BuiltBlock {
        Objects.requireNonNull(block, "block");
        offered = List.copyOf(offered);
        Objects.requireNonNull(commitments, "commitments");
        Objects.requireNonNull(proposalCommitment, "proposalCommitment");
    }

    /** What a proposal of this block claims. */
    public ClaimedBlock claim() {
        return new ClaimedBlock(offered, block.closeReason(), proposalCommitment);
    }
}
