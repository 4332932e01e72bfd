package io.vellum.consensus.faults;

/**
 * A bandwidth cap: tokens (bytes) refill at {@code bytesPerSecond} up to {@code burstBytes}; a message takes its size
 * in tokens and, when the bucket runs short, waits until the debt is repaid. A message that would wait longer than
 * {@code backlogMaxNanos} is refused (tail drop) and takes nothing. Not thread-safe: its link guards it.
 */
final class TokenBucket {
    /** Returned by {@link #reserve} for a message refused because the backlog is full. */
    static final long REFUSED = -1;

    private final long bytesPerSecond;
    private final double burstBytes;
    private final long backlogMaxNanos;
    private double tokens;
    private long lastNanos;

    TokenBucket(long bytesPerSecond, long burstBytes, long backlogMaxNanos, long nowNanos) {
        if (bytesPerSecond <= 0 || burstBytes <= 0 || backlogMaxNanos < 0) {
            throw new IllegalArgumentException("rate and burst must be positive, backlog not negative: "
                    + bytesPerSecond + ", " + burstBytes + ", " + backlogMaxNanos);
        }
        this.bytesPerSecond = bytesPerSecond;
        this.burstBytes = burstBytes;
        this.backlogMaxNanos = backlogMaxNanos;
        this.tokens = burstBytes;
        this.lastNanos = nowNanos;
    }

    long bytesPerSecond() {
        return bytesPerSecond;
    }

    /**
     * Takes {@code bytes} tokens at {@code nowNanos} (not earlier than the last call's time).
     *
     * @return how long the message waits until its last byte is through, in nanoseconds; or {@link #REFUSED}
     */
    long reserve(long bytes, long nowNanos) {
        if (bytes < 0) {
            throw new IllegalArgumentException("negative size " + bytes);
        }
        if (nowNanos > lastNanos) {
            tokens = Math.min(burstBytes, tokens + (nowNanos - lastNanos) * (bytesPerSecond / 1e9));
            lastNanos = nowNanos;
        }
        double after = tokens - bytes;
        long waitNanos = after >= 0 ? 0 : (long) Math.ceil(-after * 1e9 / bytesPerSecond);
        if (waitNanos > backlogMaxNanos) {
            return REFUSED;
        }
        tokens = after;
        return waitNanos;
    }
}
