package io.vellum.simulations.scenario;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.vellum.consensus.core.QuorumRule;
import io.vellum.proposer.ordering.OrderingPolicy;
import io.vellum.proposer.schedule.ProposerSchedule;

/**
 * The cluster a scenario runs on.
 *
 * @param nodes how many nodes at genesis (1 to {@link #NODES_MAX})
 * @param mode {@code in-jvm} (default: every node in this JVM) or {@code processes} (each node its own OS process)
 * @param blockIntervalMs how long a proposer waits after its last proposal before cutting the next block
 * @param quorum {@code majority}, {@code all} or a fraction such as {@code 2/3}
 * @param proposerSchedule a schedule {@link ProposerSchedule#parse} accepts ({@code leader}, ...)
 * @param ordering an ordering policy {@link OrderingPolicy#named} accepts ({@code fifo}, ...)
 * @param prover the simulated prover every node runs
 */
public record ClusterSpec(Integer nodes, Mode mode, Long blockIntervalMs, String quorum, String proposerSchedule,
        String ordering, ProverSpec prover) {

    public static final int NODES_MAX = 9;

    /** Where the nodes run. */
    public enum Mode {
        @JsonProperty("in-jvm") IN_JVM,
        @JsonProperty("processes") PROCESSES
    }

    public ClusterSpec {
        nodes = nodes == null ? 3 : nodes;
        if (nodes < 1 || nodes > NODES_MAX) {
            throw new IllegalArgumentException("cluster.nodes: must be 1 to " + NODES_MAX + ", got " + nodes);
        }
        mode = mode == null ? Mode.IN_JVM : mode;
        blockIntervalMs = blockIntervalMs == null ? 250L : blockIntervalMs;
        if (blockIntervalMs < 10 || blockIntervalMs > 60_000) {
            throw new IllegalArgumentException("cluster.block_interval_ms: must be 10 to 60000, got " + blockIntervalMs);
        }
        quorum = quorum == null ? "majority" : quorum;
        proposerSchedule = proposerSchedule == null ? "leader" : proposerSchedule;
        ordering = ordering == null ? "fifo" : ordering;
        prover = prover == null ? ProverSpec.defaults() : prover;
        try {
            QuorumRule.parse(quorum);
        } catch (RuntimeException e) {
            throw new IllegalArgumentException("cluster.quorum: " + e.getMessage());
        }
        try {
            ProposerSchedule.parse(proposerSchedule);
        } catch (RuntimeException e) {
            throw new IllegalArgumentException("cluster.proposer_schedule: " + e.getMessage());
        }
        try {
            OrderingPolicy.named(ordering);
        } catch (RuntimeException e) {
            throw new IllegalArgumentException("cluster.ordering: " + e.getMessage());
        }
    }

    /** Three in-JVM nodes, 250 ms blocks, majority quorum, the leader proposes, FIFO order, the default prover. */
    public static ClusterSpec defaults() {
        return new ClusterSpec(null, null, null, null, null, null, null);
    }

    public QuorumRule quorumRule() {
        return QuorumRule.parse(quorum);
    }
}
