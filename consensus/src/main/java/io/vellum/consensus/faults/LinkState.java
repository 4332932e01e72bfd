package io.vellum.consensus.faults;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.SplittableRandom;
import java.util.function.LongSupplier;

/**
 * One link's rule, its seeded random, its bandwidth bucket and its counters. {@link #decide} and {@link #setRule}
 * are synchronized: they guard {@code random} and {@code bucket}.
 */
final class LinkState {
    /** {@link #decide}'s answer for a dropped message. */
    static final long DROP = -1;
    /** The first retransmission timeout of a lost message (Linux's minimum TCP RTO); it doubles for each loss. */
    static final long RETRANSMISSION_TIMEOUT_MS = 200;
    /** A message lost this many times in a row is delivered after the last retransmission all the same. */
    static final int RETRANSMISSIONS_MAX = 5;

    private final Link link;
    private final SplittableRandom random;
    private final Counter blocked;
    private final Counter lost;
    private final Counter overflowed;
    private final Counter delayed;
    private volatile LinkRule rule = LinkRule.CLEAR;
    private TokenBucket bucket;

    LinkState(Link link, long seed, MeterRegistry registry) {
        this.link = link;
        this.random = new SplittableRandom(linkSeed(seed, link));
        this.blocked = counter(registry, "blocked");
        this.lost = counter(registry, "lost");
        this.overflowed = counter(registry, "overflowed");
        this.delayed = counter(registry, "delayed");
    }

    /**
     * The seed of one link's random: a function of the scenario seed and the two node names only, so every run (and
     * every process) with the same seed draws the same sequence on the same link.
     */
    static long linkSeed(long seed, Link link) {
        long h = mix(seed ^ 0x9E3779B97F4A7C15L);
        h = mix(h ^ link.from().value().hashCode());
        return mix(h * 31 + link.to().value().hashCode());
    }

    private static long mix(long z) {
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }

    private Counter counter(MeterRegistry registry, String outcome) {
        return Counter.builder("vellum.link.messages").description("messages a link fault dropped or delayed")
                .tag("from", link.from().value()).tag("to", link.to().value()).tag("outcome", outcome)
                .register(registry);
    }

    LinkRule rule() {
        return rule;
    }

    synchronized void setRule(LinkRule next, long nowNanos) {
        if (next.bytesPerSecond() == 0) {
            bucket = null;
        } else if (bucket == null || bucket.bytesPerSecond() != next.bytesPerSecond()) {
            long burst = Math.max(1, next.bytesPerSecond() * LinkRule.BUCKET_BURST_MS / 1_000);
            bucket = new TokenBucket(next.bytesPerSecond(), burst, LinkRule.BACKLOG_MAX_MS * 1_000_000L, nowNanos);
        }
        rule = next;
    }

    /**
     * What happens to one message sent now.
     *
     * @param sizeBytes its serialized size (used only under a bandwidth cap)
     * @param clock the time in nanoseconds, read only under a bandwidth cap
     * @return {@link #DROP} (blocked, or past the bandwidth backlog), or how long it waits before delivery, in
     *     nanoseconds (0: at once); a lost message waits for its retransmissions
     */
    synchronized long decide(long sizeBytes, LongSupplier clock) {
        LinkRule current = rule;
        if (current.blocked()) {
            blocked.increment();
            return DROP;
        }
        long waitNanos = 0;
        if (current.lossProbability() > 0 && random.nextDouble() < current.lossProbability()) {
            // Lost on the wire: gRPC runs over TCP, which sends it again after its retransmission timeout (200 ms at
            // least on Linux, doubling each time the copy is lost too), and everything behind it on the stream waits.
            lost.increment();
            int retransmissions = 1;
            while (retransmissions < RETRANSMISSIONS_MAX && random.nextDouble() < current.lossProbability()) {
                retransmissions++;
            }
            waitNanos += RETRANSMISSION_TIMEOUT_MS * 1_000_000L * ((1L << retransmissions) - 1);
        }
        if (bucket != null) {
            long bandwidthWait = bucket.reserve(sizeBytes, clock.getAsLong());
            if (bandwidthWait == TokenBucket.REFUSED) {
                overflowed.increment();
                return DROP;
            }
            waitNanos += bandwidthWait;
        }
        if (current.delayMs() > 0) {
            long latencyMs = current.delayMs();
            long latencyNanos = latencyMs * 1_000_000L;
            if (current.jitterMs() > 0) {
                long jitterNanos = current.jitterMs() * 1_000_000L;
                latencyNanos += random.nextLong(-jitterNanos, jitterNanos + 1);
            }
            waitNanos += latencyNanos;
        }
        if (waitNanos > 0) {
            delayed.increment();
        }
        return waitNanos;
    }

    LinkCounts counts() {
        return new LinkCounts((long) blocked.count(), (long) lost.count(), (long) overflowed.count(),
                (long) delayed.count());
    }
}
