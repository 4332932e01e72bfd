package io.vellum.network.faults;

/**
 * Whether a node serves the fault-injection service, and its bounds. Off by default: a production node must never
 * let a caller cut its links.
 *
 * @param enabled serve the service (to loopback callers only, whatever the server's address)
 * @param clockSkewMaxMs the largest clock offset, either way, a caller may set
 */
public record FaultServiceSettings(boolean enabled, long clockSkewMaxMs) {
    /** The default: not served. */
    public static final FaultServiceSettings DISABLED = new FaultServiceSettings(false, 3_600_000);

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
