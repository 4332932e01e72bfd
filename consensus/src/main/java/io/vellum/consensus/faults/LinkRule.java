package io.vellum.consensus.faults;

import java.util.ArrayList;
import java.util.List;

/**
 * What a link does to each message sent on it. A message is first dropped if the link is {@code blocked}; it is lost
 * with {@code lossProbability}, which, since gRPC runs over TCP, means it arrives late: after one or more
 * retransmission timeouts (200 ms, then doubling while the copies are lost too); then it waits for its bytes to pass
 * the bandwidth cap (a token bucket of
 * {@code bytesPerSecond}, holding at most {@value #BUCKET_BURST_MS} ms of traffic as burst and at most
 * {@value #BACKLOG_MAX_MS} ms as backlog: beyond it the message is dropped, as a full router queue would), then for
 * its latency, drawn uniformly from {@code [delayMs - jitterMs, delayMs + jitterMs]}. Messages of one gRPC stream
 * keep their order: one waits at least as long as the one before it.
 *
 * @param blocked every message is dropped (a partition, one direction)
 * @param delayMs the mean added latency, 0 for none
 * @param jitterMs the latency varies uniformly by up to this much either side of {@code delayMs}; at most
 *     {@code delayMs}
 * @param lossProbability the chance that one transmission of a message is lost and has to be sent again, in [0, 1];
 *     drawn from the link's seeded random
 * @param bytesPerSecond the bandwidth cap of the link (serialized message bytes), 0 for none
 */
public record LinkRule(boolean blocked, long delayMs, long jitterMs, double lossProbability, long bytesPerSecond) {
    /** A link that passes everything untouched. */
    public static final LinkRule CLEAR = new LinkRule(false, 0, 0, 0.0, 0);
    /** A link that drops everything. */
    public static final LinkRule BLOCKED = new LinkRule(true, 0, 0, 0.0, 0);

    /** Burst of the bandwidth cap: this many milliseconds of traffic pass at once after a quiet spell. */
    public static final long BUCKET_BURST_MS = 100;
    /** The longest a message may wait for bandwidth before it is dropped instead. */
    public static final long BACKLOG_MAX_MS = 2_000;
    /** The longest delay a rule may set, so that nothing waits unboundedly. */
    public static final long DELAY_MAX_MS = 60_000;

    public LinkRule {
        if (delayMs < 0 || delayMs > DELAY_MAX_MS) {
            throw new IllegalArgumentException("delayMs must be in [0, " + DELAY_MAX_MS + "]: " + delayMs);
        }
        if (jitterMs < 0 || jitterMs > delayMs) {
            throw new IllegalArgumentException("jitterMs must be in [0, delayMs = " + delayMs + "]: " + jitterMs);
        }
        if (!(lossProbability >= 0.0 && lossProbability <= 1.0)) {
            throw new IllegalArgumentException("lossProbability must be in [0, 1]: " + lossProbability);
        }
        if (bytesPerSecond < 0) {
            throw new IllegalArgumentException("bytesPerSecond must be 0 (no cap) or positive: " + bytesPerSecond);
        }
    }

    public static LinkRule delay(long delayMs, long jitterMs) {
        return CLEAR.withDelay(delayMs, jitterMs);
    }

    public static LinkRule loss(double probability) {
        return CLEAR.withLoss(probability);
    }

    public static LinkRule bandwidth(long bytesPerSecond) {
        return CLEAR.withBandwidth(bytesPerSecond);
    }

    /** Whether the rule leaves messages untouched. */
    public boolean isClear() {
        return equals(CLEAR);
    }

    public LinkRule withBlocked(boolean block) {
        return new LinkRule(block, delayMs, jitterMs, lossProbability, bytesPerSecond);
    }

    public LinkRule withDelay(long delay, long jitter) {
        return new LinkRule(blocked, delay, jitter, lossProbability, bytesPerSecond);
    }

    public LinkRule withLoss(double probability) {
        return new LinkRule(blocked, delayMs, jitterMs, probability, bytesPerSecond);
    }

    public LinkRule withBandwidth(long capBytesPerSecond) {
        return new LinkRule(blocked, delayMs, jitterMs, lossProbability, capBytesPerSecond);
    }

    /** A short description, e.g. {@code "delay 50±10ms loss 5%"} or {@code "blocked"}. */
    public String describe() {
        List<String> parts = new ArrayList<>();
        if (blocked) {
            parts.add("blocked");
        }
        if (delayMs > 0) {
            parts.add(jitterMs > 0 ? "delay " + delayMs + "±" + jitterMs + "ms" : "delay " + delayMs + "ms");
        }
        if (lossProbability > 0) {
            parts.add("loss " + (float) (lossProbability * 100) + "%");
        }
        if (bytesPerSecond > 0) {
            parts.add("cap " + bytesPerSecond + "B/s");
        }
        return parts.isEmpty() ? "clear" : String.join(" ", parts);
    }
}
