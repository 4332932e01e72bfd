package io.vellum.storage;

/**
 * The Raft log position of the last entry whose effects are in the store. It is written in the same atomic batch
 * as those effects, so after any crash the store holds exactly the state after this entry.
 */
public record AppliedIndex(long term, long index) implements Comparable<AppliedIndex> {
    public AppliedIndex {
        if (term < 0 || index < 0) {
            throw new IllegalArgumentException("term and index must not be negative: term " + term + ", index "
                    + index);
        }
    }

    @Override
    public int compareTo(AppliedIndex other) {
        int c = Long.compare(index, other.index);
        return c != 0 ? c : Long.compare(term, other.term);
    }

    @Override
    public String toString() {
        return "term " + term + " index " + index;
    }
}
