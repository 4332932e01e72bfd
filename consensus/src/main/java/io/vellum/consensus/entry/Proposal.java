package io.vellum.consensus.entry;

import io.vellum.blockifier.block.BlockCloseReason;
import io.vellum.blockifier.crypto.Felt;
import io.vellum.blockifier.crypto.Signature;
import io.vellum.proposer.NodeId;
import io.vellum.proposer.builder.OfferedTransaction;
import java.util.List;
import java.util.Objects;

/**
 * A proposed block. It names, in offer order, every pending transaction the proposer offered and what each gave,
 * so a follower can recompute the offer order from its own mempool (as of {@code watermarkIndex}) under the
 * ordering policy, re-execute, and point at the first transaction whose result differs.
 *
 * @param height the block's height (the final height + 1)
 * @param parentCommitment the proposal commitment of the final block at {@code height - 1} (0 for height 1)
 * @param proposer the node that built it
 * @param term the Raft term the proposer led when it built it
 * @param watermarkIndex the proposer saw the transactions admitted at or before this log index
 * @param timestampSeconds the block's timestamp
 * @param executed every offered transaction, in offer order, with its result
 * @param closeReason why the block closed
 * @param proposalCommitment the commitment the voters check (see the commitment package)
 * @param signature the proposer's signature of the proposal commitment
 */
public record Proposal(
        long height,
        Felt parentCommitment,
        NodeId proposer,
        long term,
        long watermarkIndex,
        long timestampSeconds,
        List<OfferedTransaction> executed,
        BlockCloseReason closeReason,
        Felt proposalCommitment,
        Signature signature) implements LogEntry {

    public Proposal {
        if (height < 1) {
            throw new IllegalArgumentException("proposals start at height 1 (0 is genesis): " + height);
        }
        Objects.requireNonNull(parentCommitment, "parentCommitment");
        Objects.requireNonNull(proposer, "proposer");
        if (term < 0 || watermarkIndex < 0 || timestampSeconds < 0) {
            throw new IllegalArgumentException("term, watermark and timestamp must not be negative");
        }
        executed = List.copyOf(executed);
        Objects.requireNonNull(closeReason, "closeReason");
        Objects.requireNonNull(proposalCommitment, "proposalCommitment");
        Objects.requireNonNull(signature, "signature");
    }

    /** How many of the offered transactions were included. */
    public long includedCount() {
        return executed.stream().filter(e -> e instanceof OfferedTransaction.Included).count();
    }
}
