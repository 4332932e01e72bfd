package io.vellum.proposer.schedule;

import io.vellum.proposer.NodeId;
import java.util.List;

/**
 * Each voter in turn, by id, proposes {@code blocksPerTurn} consecutive heights: height h goes to
 * {@code voters[(h / blocksPerTurn) mod n]}.
 */
public final class RoundRobinSchedule implements ProposerSchedule {
    public static final String NAME = "round-robin";

    private final int blocksPerTurn;

    public RoundRobinSchedule(int blocksPerTurn) {
        if (blocksPerTurn < 1) {
            throw new IllegalArgumentException("blocks per turn must be at least 1: " + blocksPerTurn);
        }
        this.blocksPerTurn = blocksPerTurn;
    }

    public int blocksPerTurn() {
        return blocksPerTurn;
    }

    @Override
    public String name() {
        return NAME + ":" + blocksPerTurn;
    }

    @Override
    public NodeId proposerFor(long height, NodeId leader, List<NodeId> voters) {
        if (voters.isEmpty()) {
            return leader;
        }
        return voters.get((int) Math.floorMod(height / blocksPerTurn, (long) voters.size()));
    }
}
