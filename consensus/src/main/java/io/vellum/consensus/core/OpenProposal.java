package io.vellum.consensus.core;

import io.vellum.consensus.entry.Proposal;
import io.vellum.proposer.NodeId;
import java.util.Collections;
import java.util.Objects;
import java.util.SortedMap;
import java.util.TreeMap;

/** The proposal being voted on: opened at {@code openedIndex}, with the votes applied so far (true = approve). */
public record OpenProposal(Proposal proposal, long openedIndex, SortedMap<NodeId, Boolean> votes) {
    public OpenProposal {
        Objects.requireNonNull(proposal, "proposal");
        votes = Collections.unmodifiableSortedMap(new TreeMap<>(votes));
    }

    OpenProposal withVote(NodeId voter, boolean approve) {
        TreeMap<NodeId, Boolean> more = new TreeMap<>(votes);
        more.put(voter, approve);
        return new OpenProposal(proposal, openedIndex, more);
    }
}
