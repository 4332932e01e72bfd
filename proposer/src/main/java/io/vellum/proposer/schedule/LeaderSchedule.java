package io.vellum.proposer.schedule;

import io.vellum.proposer.NodeId;
import java.util.List;

/** The Raft leader proposes every block. */
public final class LeaderSchedule implements ProposerSchedule {
    public static final String NAME = "leader";

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public NodeId proposerFor(long height, NodeId leader, List<NodeId> voters) {
        return leader;
    }
}
