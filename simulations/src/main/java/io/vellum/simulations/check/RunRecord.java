package io.vellum.simulations.check;

import java.util.List;

/**
 * Everything the checkers read about a finished run.
 *
 * @param history every operation line, in the order written
 * @param chains each node's final chain (every node, restarted for the checks if it was down)
 * @param observations what the run saw while it ran
 * @param progressBoundMs the progress bound
 */
public record RunRecord(List<Op> history, List<NodeChain> chains, Observations observations, long progressBoundMs) {
    public RunRecord {
        history = List.copyOf(history);
        chains = List.copyOf(chains);
    }
}
