package io.vellum.simulations.faults;

import io.vellum.proposer.NodeId;

/**
 * The simulations' hook into the network between in-JVM nodes: settings per ordered pair of nodes. The runner only
 * talks to this interface; an adapter over the consensus link-fault layer implements it, and {@link #unavailable}
 * stands in where no link layer is wired (network faults are then refused before the run starts).
 *
 * <p>Failure model: settings take effect for messages sent after the call; messages already in flight may still
 * arrive.
 */
public interface LinkControl {

    /** Whether network faults can be injected at all. */
    boolean available();

    /** Sets what happens to messages from {@code from} to {@code to}, replacing what was set there. */
    void set(NodeId from, NodeId to, LinkSettings settings);

    /** Heals every link. */
    void clearAll();

    /** A control that refuses every network fault, saying why. */
    static LinkControl unavailable(String reason) {
        return new LinkControl() {
            @Override
            public boolean available() {
                return false;
            }

            @Override
            public void set(NodeId from, NodeId to, LinkSettings settings) {
                throw new UnsupportedOperationException("network faults are not available: " + reason);
            }

            @Override
            public void clearAll() {
                // nothing was set
            }
        };
    }
}
