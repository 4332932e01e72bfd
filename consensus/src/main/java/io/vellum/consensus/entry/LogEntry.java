package io.vellum.consensus.entry;

/**
 * An entry of Vellum's replicated log. Raft orders them; every node applies them in that order, so the protocol's
 * decisions (admission, finality, discarding) are the same everywhere.
 */
public sealed interface LogEntry permits TransactionBatch, Proposal, Vote, ProposalTimeout, MembershipChange {
}
