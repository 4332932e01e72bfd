package io.vellum.consensus.entry;

import io.vellum.blockifier.crypto.Felt;
import io.vellum.proposer.NodeId;
import java.util.Objects;

/** A node saw a proposal stay open past its deadline. The first one applied discards the proposal, if still open. */
public record ProposalTimeout(long height, Felt proposalCommitment, NodeId reporter) implements LogEntry {
    public ProposalTimeout {
        Objects.requireNonNull(proposalCommitment, "proposalCommitment");
        Objects.requireNonNull(reporter, "reporter");
    }
}
