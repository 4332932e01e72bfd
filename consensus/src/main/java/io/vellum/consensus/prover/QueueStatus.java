package io.vellum.consensus.prover;

/**
 * Where the prover queue stands, from the store's markers (one consistent read of each, not of all together).
 *
 * @param nextHeight the height the next job will have (every job below it is enqueued)
 * @param lowestUnproven the lowest height whose job is not proven (every job below it is)
 * @param committedHeight the highest block whose commitment is recorded (-1 if none)
 */
public record QueueStatus(long nextHeight, long lowestUnproven, long committedHeight) {
    public QueueStatus {
        if (nextHeight < 0 || lowestUnproven < 0 || committedHeight < -1) {
            throw new IllegalArgumentException("negative heights: " + nextHeight + ", " + lowestUnproven + ", "
                    + committedHeight);
        }
    }

    /** The highest height below which (and at which) every job is proven; -1 if none is. */
    public long provenHeight() {
        return lowestUnproven - 1;
    }

    /**
     * Jobs enqueued and not yet proven, counted from the lowest unproven height (jobs proven out of order above it
     * are counted too: at most the number of provers working at once).
     */
    public long depth() {
        return Math.max(0, nextHeight - lowestUnproven);
    }

    /** Committed height minus proven height: how far proving trails the committer. */
    public long lagBlocks() {
        return Math.max(0, committedHeight - provenHeight());
    }
}
