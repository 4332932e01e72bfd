package io.vellum.consensus.core;

import io.vellum.blockifier.execution.BlockContext;
import io.vellum.blockifier.block.BlockLimits;
import io.vellum.blockifier.crypto.Felt;
import io.vellum.proposer.mempool.PendingTransaction;
import java.util.Collections;
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
        // Not copied: the candidates may be produced as they are read (OrderedCandidates), and the build reads a
        // block's worth of them; the core hands them over and never touches them again.
        candidates = Collections.unmodifiableList(candidates);
    }
}
