package io.vellum.proposer.builder;

import io.vellum.blockifier.block.BlockCloseReason;
import io.vellum.blockifier.crypto.Felt;
import java.util.List;
import java.util.Objects;

/** What a proposal claims: the transactions offered in order with their results, why it closed, its commitment. */
public record ClaimedBlock(List<OfferedTransaction> offered, BlockCloseReason closeReason, Felt proposalCommitment) {
    public ClaimedBlock {
        offered = List.copyOf(offered);
        Objects.requireNonNull(closeReason, "closeReason");
        Objects.requireNonNull(proposalCommitment, "proposalCommitment");
    }
}
