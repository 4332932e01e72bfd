package io.vellum.consensus.core;

import io.vellum.blockifier.crypto.Felt;
import io.vellum.consensus.entry.Member;
import io.vellum.proposer.NodeId;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.SortedSet;
import java.util.TreeSet;

/**
 * The part of the core's state that every node holds identically at the same log index (the mempool aside, which
 * lives in the pending queue): the final head, the voters, the open proposal with its votes, and who lost its turn
 * at the next height. It is stored with every apply that changes it, so a restarted node or one installing a
 * snapshot resumes exactly here.
 *
 * @param finalHeight the height of the last final block (0: genesis)
 * @param finalCommitment its proposal commitment (0 for genesis)
 * @param finalTimestampSeconds its timestamp (0 for genesis)
 * @param finalIndex the log index at which it became final (0 for genesis)
 * @param voters the voting members, sorted by id
 * @param open the proposal being voted on, if any
 * @param lostTurns proposers that lost their turn at height {@code finalHeight + 1}
 */
public record ReplicatedState(
        long finalHeight,
        Felt finalCommitment,
        long finalTimestampSeconds,
        long finalIndex,
        List<Member> voters,
        Optional<OpenProposal> open,
        SortedSet<NodeId> lostTurns) {

    public ReplicatedState {
        if (finalHeight < 0 || finalTimestampSeconds < 0 || finalIndex < 0) {
            throw new IllegalArgumentException("final height, timestamp and index must not be negative");
        }
        Objects.requireNonNull(finalCommitment, "finalCommitment");
        List<Member> sorted = new ArrayList<>(voters);
        sorted.sort(Comparator.comparing(Member::id));
        voters = List.copyOf(sorted);
        if (voters.isEmpty()) {
            throw new IllegalArgumentException("there must be at least one voter");
        }
        Objects.requireNonNull(open, "open");
        lostTurns = Collections.unmodifiableSortedSet(new TreeSet<>(lostTurns));
    }

    /** The state at genesis: nothing final, the initial voters. */
    public static ReplicatedState genesis(List<Member> voters) {
        return new ReplicatedState(0, Felt.ZERO, 0, 0, voters, Optional.empty(), new TreeSet<>());
    }

    public Optional<Member> voter(NodeId id) {
        for (Member member : voters) {
            if (member.id().equals(id)) {
                return Optional.of(member);
            }
        }
        return Optional.empty();
    }

    public List<NodeId> voterIds() {
        return voters.stream().map(Member::id).toList();
    }

    ReplicatedState withOpen(Optional<OpenProposal> newOpen) {
        return new ReplicatedState(finalHeight, finalCommitment, finalTimestampSeconds, finalIndex, voters, newOpen,
                lostTurns);
    }

    ReplicatedState withVoters(List<Member> newVoters) {
        return new ReplicatedState(finalHeight, finalCommitment, finalTimestampSeconds, finalIndex, newVoters, open,
                lostTurns);
    }

    ReplicatedState withLostTurn(NodeId proposer) {
        TreeSet<NodeId> more = new TreeSet<>(lostTurns);
        more.add(proposer);
        return new ReplicatedState(finalHeight, finalCommitment, finalTimestampSeconds, finalIndex, voters,
                Optional.empty(), more);
    }

    ReplicatedState finalized(long height, Felt commitment, long timestampSeconds, long index) {
        return new ReplicatedState(height, commitment, timestampSeconds, index, voters, Optional.empty(),
                new TreeSet<>());
    }
}
