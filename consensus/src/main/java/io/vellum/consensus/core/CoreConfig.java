package io.vellum.consensus.core;

import io.vellum.blockifier.block.BlockLimits;
import io.vellum.blockifier.execution.GasPrices;
import io.vellum.blockifier.core.ChainId;
import io.vellum.blockifier.core.ContractAddress;
import io.vellum.proposer.mempool.MempoolLimits;
import io.vellum.proposer.ordering.OrderingPolicy;
import io.vellum.proposer.schedule.ProposerSchedule;
import java.util.Objects;

/**
 * The protocol settings every node of a cluster must share (a node whose settings differ will reject honest
 * proposals), plus its timing.
 *
 * @param chainId the chain
 * @param feeTokenAddress the STRK fee token
 * @param gasPrices the gas prices of every block
 * @param limits the bouncer's block limits
 * @param mempoolLimits the mempool bounds
 * @param orderingPolicy how candidates are ordered
 * @param schedule who proposes each height
 * @param quorum how many approvals make a block final
 * @param blockIntervalMs how long a proposer waits after its last proposal before cutting the next block
 * @param buildBudgetMs the most time one build may spend offering transactions
 * @param proposalTimeoutMs how long a proposal may stay open before a node reports it
 * @param voteResendMs how long a node waits for its vote to appear in the log before sending it again
 */
public record CoreConfig(
        ChainId chainId,
        ContractAddress feeTokenAddress,
        GasPrices gasPrices,
        BlockLimits limits,
        MempoolLimits mempoolLimits,
        OrderingPolicy orderingPolicy,
        ProposerSchedule schedule,
        QuorumRule quorum,
        long blockIntervalMs,
        long buildBudgetMs,
        long proposalTimeoutMs,
        long voteResendMs) {

    public CoreConfig {
        Objects.requireNonNull(chainId, "chainId");
        Objects.requireNonNull(feeTokenAddress, "feeTokenAddress");
        Objects.requireNonNull(gasPrices, "gasPrices");
        Objects.requireNonNull(limits, "limits");
        Objects.requireNonNull(mempoolLimits, "mempoolLimits");
        Objects.requireNonNull(orderingPolicy, "orderingPolicy");
        Objects.requireNonNull(schedule, "schedule");
        Objects.requireNonNull(quorum, "quorum");
        if (blockIntervalMs < 1 || buildBudgetMs < 1 || proposalTimeoutMs < 1 || voteResendMs < 1) {
            throw new IllegalArgumentException("intervals and timeouts must be positive");
        }
    }
}
