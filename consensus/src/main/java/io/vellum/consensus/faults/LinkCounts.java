package io.vellum.consensus.faults;

/**
 * What one link's rules did to the messages sent on it so far (the same numbers as the Micrometer counter
 * {@code vellum.link.messages} with tags {@code from}, {@code to}, {@code outcome}).
 *
 * @param blocked dropped because the link was blocked
 * @param lost dropped by the loss probability
 * @param overflowed dropped because the bandwidth backlog was full
 * @param delayed passed late (latency or bandwidth)
 */
public record LinkCounts(long blocked, long lost, long overflowed, long delayed) {
    public static final LinkCounts NONE = new LinkCounts(0, 0, 0, 0);

    /** Every message dropped, whatever the reason. */
    public long dropped() {
        return blocked + lost + overflowed;
    }
}
