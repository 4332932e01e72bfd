package io.vellum.simulations.faults;

/**
 * What happens to messages on one ordered link between two nodes: blocked, delayed (with jitter), lost with a
 * probability, or capped in bandwidth. {@link #CLEAR} is a healthy link.
 *
 * @param blocked every message is dropped
 * @param delayMs added one-way latency
 * @param jitterMs uniform extra latency in [0, jitterMs]
 * @param loss probability a message is dropped, in [0, 1)
 * @param bytesPerSecond bandwidth cap; 0: none
 */
public record LinkSettings(boolean blocked, long delayMs, long jitterMs, double loss, long bytesPerSecond) {
    public static final LinkSettings CLEAR = new LinkSettings(false, 0, 0, 0, 0);
    public static final LinkSettings BLOCKED = new LinkSettings(true, 0, 0, 0, 0);

    public LinkSettings {
        if (delayMs < 0 || jitterMs < 0 || bytesPerSecond < 0 || !(loss >= 0 && loss < 1)) {
            throw new IllegalArgumentException("delay, jitter and bandwidth must not be negative, loss in [0, 1): "
                    + delayMs + ", " + jitterMs + ", " + bytesPerSecond + ", " + loss);
        }
    }

    public static LinkSettings delay(long delayMs, long jitterMs) {
        return new LinkSettings(false, delayMs, jitterMs, 0, 0);
    }

    public static LinkSettings loss(double probability) {
        return new LinkSettings(false, 0, 0, probability, 0);
    }

    public static LinkSettings bandwidth(long bytesPerSecond) {
        return new LinkSettings(false, 0, 0, 0, bytesPerSecond);
    }
}
