package io.vellum.simulations.check;

import java.util.List;
import java.util.Set;

/**
 * What the run saw while it ran, beside the history: every final-block notification of every node incarnation,
 * halts, rejecting votes, which nodes lied, and when the cluster was healed with a quorum up.
 *
 * @param finals every {@code BlockFinalized} seen
 * @param halts every {@code Halted} seen (a follower whose re-execution disagreed with a final block)
 * @param rejections every vote to reject a proposal
 * @param lyingNodes nodes that ran with a lying proposer at some point
 * @param heals times (ms since the workload started) when the last active fault ended and a quorum was up
 */
public record Observations(List<FinalEvent> finals, List<Halt> halts, List<Rejection> rejections,
        Set<String> lyingNodes, List<Long> heals) {

    public Observations {
        finals = List.copyOf(finals);
        halts = List.copyOf(halts);
        rejections = List.copyOf(rejections);
        lyingNodes = Set.copyOf(lyingNodes);
        heals = List.copyOf(heals);
    }

    /** A block became final on a node (incarnation 1 for its first start, 2 after a restart, ...). */
    public record FinalEvent(long timeMs, String node, int incarnation, long height, String commitment) {
    }

    /** A node halted. */
    public record Halt(long timeMs, String node, String reason) {
    }

    /** A node voted to reject the proposal of {@code proposer} (empty if unknown) at a height. */
    public record Rejection(long timeMs, String node, long height, String proposer, String reason) {
    }
}
