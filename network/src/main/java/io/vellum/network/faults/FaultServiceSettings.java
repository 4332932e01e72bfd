package io.vellum.network.faults;

/**
 * Whether a node serves the fault-injection service, and its bounds. Off by default: a production node must never
 * let a caller cut its links. When enabled, the node runs its Raft server behind the link layer ({@code LinkFaults},
 * seeded with {@code seed}) and on a {@code SkewedClock}, and serves the service on its admin server.
 *
 * @param enabled serve the service (to loopback callers only, whatever the server's address)
 * @param clockSkewMaxMs the largest clock offset, either way, a caller may set
 * @param seed the seed of the link layer's draws (loss, jitter)
 */
public record FaultServiceSettings(boolean enabled, long clockSkewMaxMs, long seed) {
    /** The default: not served. */
    public static final FaultServiceSettings DISABLED = new FaultServiceSettings(false, 3_600_000, 1);

    public FaultServiceSettings(boolean enabled, long clockSkewMaxMs) {
        this(enabled, clockSkewMaxMs, DISABLED.seed());
    }

    public FaultServiceSettings {
        if (clockSkewMaxMs < 0) {
            throw new IllegalArgumentException("clockSkewMaxMs must not be negative: " + clockSkewMaxMs);
        }
    }

    /** Served, with a clock skew of at most one hour. */
    public static FaultServiceSettings enabledOnLoopback() {
        return new FaultServiceSettings(true, DISABLED.clockSkewMaxMs());
    }
}
