package io.vellum.consensus.core;

import io.vellum.blockifier.execution.BlockContext;
import io.vellum.blockifier.block.BlockLimits;
import io.vellum.blockifier.crypto.Felt;
import io.vellum.proposer.mempool.PendingTransaction;
import io.vellum.proposer.ordering.OrderedCandidates;
import java.util.List;
import java.util.Objects;

/**
 * A block for the proposer to build, off the apply thread: on the state after {@code height - 1} (read it with
 * {@link ChainView#withStateAfter}), from these
 * candidates (already in policy order), stopping at {@code deadlineMs}. The result goes back through
 * {@link SequencerCore#onBuilt}.
 */
public record BuildTask(
        long height,
        long term,
        Felt parentCommitment,
        long watermarkIndex,
        BlockContext context,
        BlockLimits limits,
        List<PendingTransaction> candidates,
        long deadlineMs) {

    public BuildTask {
        Objects.requireNonNull(parentCommitment, "parentCommitment");
        Objects.requireNonNull(context, "context");
        Objects.requireNonNull(limits, "limits");
        // Candidates produced as they are read are kept as they are (unmodifiable already; the build reads a block's
        // worth of them, and the core hands them over and never touches them again); any other list is copied.
        candidates = candidates instanceof OrderedCandidates ? candidates : List.copyOf(candidates);
    }
}
