package io.vellum.consensus.core;

import io.vellum.consensus.entry.Proposal;
import io.vellum.proposer.builder.BuiltBlock;
import java.util.Objects;

/** A block made final at log index {@code index}: the proposal voted on, and this node's execution of it. */
public record FinalBlock(long index, Proposal proposal, BuiltBlock built) {
    public FinalBlock {
        Objects.requireNonNull(proposal, "proposal");
        Objects.requireNonNull(built, "built");
    }

    public long height() {
        return proposal.height();
    }
}
