package io.vellum.consensus.entry;

import io.vellum.blockifier.crypto.Felt;
import io.vellum.blockifier.crypto.Poseidon;
import io.vellum.blockifier.crypto.Signature;
import io.vellum.proposer.NodeId;
import java.util.Objects;

/**
 * A voter's verdict on a proposal, signed with its node key: an approval, or a rejection naming the offer position
 * of the first transaction whose result differed ({@code -1} when the block as a whole differs) and what differed.
 */
public record Vote(
        long height,
        Felt proposalCommitment,
        NodeId voter,
        boolean approve,
        int firstDifference,
        String reason,
        Signature signature) implements LogEntry {

    private static final Felt DOMAIN = Felt.fromShortString("VELLUM_VOTE0");

    public Vote {
        Objects.requireNonNull(proposalCommitment, "proposalCommitment");
        Objects.requireNonNull(voter, "voter");
        Objects.requireNonNull(reason, "reason");
        Objects.requireNonNull(signature, "signature");
        if (approve && (firstDifference != -1 || !reason.isEmpty())) {
            throw new IllegalArgumentException("an approval names no difference");
        }
        if (firstDifference < -1) {
            throw new IllegalArgumentException("first difference must be -1 or an offer position: " + firstDifference);
        }
    }

    /** What a voter signs: poseidon("VELLUM_VOTE0", height, commitment, approve). */
    public static Felt signedMessage(long height, Felt proposalCommitment, boolean approve) {
        return Poseidon.hashMany(DOMAIN, Felt.of(height), proposalCommitment, approve ? Felt.ONE : Felt.ZERO);
    }

    public Felt signedMessage() {
        return signedMessage(height, proposalCommitment, approve);
    }
}
