package io.vellum.simulations.faults;

import io.vellum.consensus.faults.LinkFaults;
import io.vellum.consensus.faults.LinkRule;
import io.vellum.proposer.NodeId;
import java.util.Objects;

/** {@link LinkControl} over the consensus link layer ({@link LinkFaults}) that every in-JVM node's server runs. */
public final class LinkFaultsControl implements LinkControl {
    private final LinkFaults links;

    public LinkFaultsControl(LinkFaults links) {
        this.links = Objects.requireNonNull(links, "links");
    }

    @Override
    public boolean available() {
        return true;
    }

    @Override
    public void set(NodeId from, NodeId to, LinkSettings settings) {
        links.set(from, to, new LinkRule(settings.blocked(), settings.delayMs(), settings.jitterMs(), settings.loss(),
                settings.bytesPerSecond()));
    }

    @Override
    public void clearAll() {
        links.heal();
    }
}
