package io.vellum.proposer;

import java.util.Objects;
import java.util.regex.Pattern;

/**
 * The name of a sequencer node, as configured and as Raft knows it: 1 to 64 characters of letters, digits, '-',
 * '_' and '.'. Ordered by name, which fixes the order of round-robin schedules.
 */
public record NodeId(String value) implements Comparable<NodeId> {
    private static final Pattern VALID = Pattern.compile("[A-Za-z0-9._-]{1,64}");

    public NodeId {
        Objects.requireNonNull(value, "node id");
        if (!VALID.matcher(value).matches()) {
            throw new IllegalArgumentException("node id must be 1 to 64 of [A-Za-z0-9._-]: '" + value + "'");
        }
    }

    public static NodeId of(String value) {
        return new NodeId(value);
    }

    @Override
    public int compareTo(NodeId other) {
        return value.compareTo(other.value);
    }

    @Override
    public String toString() {
        return value;
    }
}
