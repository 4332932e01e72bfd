package io.vellum.blockifier.execution;

/**
 * What one executed transaction uses of a block's capacity, as the bouncer measures it.
 *
 * @param l2Gas the L2 gas it consumed (as in its receipt)
 * @param eventCount the events in its receipt (the fee transfer's included)
 * @param stateDiffEntries distinct state entries it wrote and kept: storage cells, its nonce, a deployed class
 * @param messageCount messages to L1 it sent
 */
public record ResourceUsage(long l2Gas, int eventCount, int stateDiffEntries, int messageCount) {
    public ResourceUsage {
        if (l2Gas < 0 || eventCount < 0 || stateDiffEntries < 0 || messageCount < 0) {
            throw new IllegalArgumentException("usage must not be negative: " + l2Gas + ", " + eventCount + ", "
                    + stateDiffEntries + ", " + messageCount);
        }
    }
}
