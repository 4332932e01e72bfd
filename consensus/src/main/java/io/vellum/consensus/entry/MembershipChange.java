package io.vellum.consensus.entry;

import io.vellum.proposer.NodeId;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * The voting members from this entry on. Raft's own configuration says who replicates the log; this entry says,
 * at a definite log position, whose votes count for finality — so every node counts the same quorum.
 */
public record MembershipChange(List<Member> voters) implements LogEntry {
    public MembershipChange {
        voters = List.copyOf(voters);
        if (voters.isEmpty()) {
            throw new IllegalArgumentException("there must be at least one voter");
        }
        Set<NodeId> seen = new HashSet<>();
        for (Member member : voters) {
            if (!seen.add(member.id())) {
                throw new IllegalArgumentException("voter " + member.id() + " is listed twice");
            }
        }
    }
}
