package io.vellum.proposer.schedule;

import io.vellum.proposer.NodeId;
import java.util.List;

/** Names the node that should propose each block height. A pure function, so every node agrees. */
public interface ProposerSchedule {

    /** The name used in configuration and scenario files. */
    String name();

    /**
     * @param height the height about to be proposed
     * @param leader the current Raft leader
     * @param voters the voting members, sorted by id
     */
    NodeId proposerFor(long height, NodeId leader, List<NodeId> voters);

    /** {@code leader}, or {@code round-robin:K} (K ≥ 1 blocks per turn). */
    static ProposerSchedule parse(String text) {
        if (text.equals(LeaderSchedule.NAME)) {
            return new LeaderSchedule();
        }
        if (text.startsWith(RoundRobinSchedule.NAME + ":")) {
            String blocks = text.substring(RoundRobinSchedule.NAME.length() + 1);
            try {
                return new RoundRobinSchedule(Integer.parseInt(blocks));
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("round-robin needs a block count, e.g. round-robin:4, not '"
                        + text + "'");
            }
        }
        throw new IllegalArgumentException("unknown proposer schedule '" + text + "' (known: leader, round-robin:K)");
    }
}
