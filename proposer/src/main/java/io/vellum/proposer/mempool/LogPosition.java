package io.vellum.proposer.mempool;

/**
 * Where a transaction entered the ordered log: the Raft index of its batch and its offset in the batch. Ordered by
 * index, then offset — the log order every node agrees on.
 */
public record LogPosition(long index, int offset) implements Comparable<LogPosition> {
    public LogPosition {
        if (index < 0 || offset < 0) {
            throw new IllegalArgumentException("log position must not be negative: " + index + "/" + offset);
        }
    }

    @Override
    public int compareTo(LogPosition other) {
        int c = Long.compare(index, other.index);
        return c != 0 ? c : Integer.compare(offset, other.offset);
    }

    @Override
    public String toString() {
        return index + "/" + offset;
    }
}
