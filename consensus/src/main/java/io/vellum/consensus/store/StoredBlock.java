package io.vellum.consensus.store;

import io.vellum.blockifier.execution.BlockContext;
import io.vellum.blockifier.commitment.BlockCommitments;
import io.vellum.blockifier.commitment.StarknetVersion;
import io.vellum.blockifier.crypto.Felt;
import io.vellum.blockifier.execution.Rejection;
import io.vellum.blockifier.transaction.ExecutableTransaction;
import io.vellum.consensus.entry.Proposal;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * A final block as a node stored it: the proposal voted on, the context it executed in, its transactions in order,
 * the transactions its proposal rejected with this node's reasons, its commitments, and the log index at which it
 * became final. Receipts are stored beside it ({@link RocksCoreStore#receipts}).
 */
public record StoredBlock(
        long height,
        long finalIndex,
        Proposal proposal,
        BlockContext context,
        StarknetVersion starknetVersion,
        List<ExecutableTransaction> transactions,
        Map<Felt, Rejection> rejected,
        BlockCommitments commitments) {

    public StoredBlock {
        Objects.requireNonNull(proposal, "proposal");
        Objects.requireNonNull(context, "context");
        Objects.requireNonNull(starknetVersion, "starknetVersion");
        transactions = List.copyOf(transactions);
        rejected = Map.copyOf(rejected);
        Objects.requireNonNull(commitments, "commitments");
        if (proposal.height() != height || context.blockNumber().value() != height) {
            throw new IllegalArgumentException("block " + height + " holds a proposal or context of another height");
        }
    }
}
