package io.vellum.consensus.faults;

import io.vellum.proposer.NodeId;
import java.util.Comparator;
import java.util.Objects;

/**
 * One direction between two distinct nodes: messages {@code from} a node {@code to} another. A reply travels on the
 * opposite link ({@link #reversed()}), so one-way faults cut requests but not replies, or the reverse.
 */
public record Link(NodeId from, NodeId to) implements Comparable<Link> {
    private static final Comparator<Link> ORDER = Comparator.comparing(Link::from).thenComparing(Link::to);

    public Link {
        Objects.requireNonNull(from, "from");
        Objects.requireNonNull(to, "to");
        if (from.equals(to)) {
            throw new IllegalArgumentException("a link joins two distinct nodes: " + from + " -> " + to);
        }
    }

    public static Link of(NodeId from, NodeId to) {
        return new Link(from, to);
    }

    /** The link replies to this link's messages travel on. */
    public Link reversed() {
        return new Link(to, from);
    }

    @Override
    public int compareTo(Link other) {
        return ORDER.compare(this, other);
    }

    @Override
    public String toString() {
        return from + "->" + to;
    }
}
