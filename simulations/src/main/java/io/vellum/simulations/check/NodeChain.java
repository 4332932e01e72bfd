package io.vellum.simulations.check;

import java.util.List;

/** One node's final chain at the end of a run, block 1 first, as read from its store. */
public record NodeChain(String node, List<BlockRecord> blocks) {
    public NodeChain {
        blocks = List.copyOf(blocks);
    }

    public long height() {
        return blocks.isEmpty() ? 0 : blocks.get(blocks.size() - 1).height();
    }
}
