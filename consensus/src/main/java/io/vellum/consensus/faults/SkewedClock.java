package io.vellum.consensus.faults;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A clock that runs at its base clock's pace, shifted by an offset that can be changed at any time (clock skew
 * between nodes, or a clock that jumps). Give one to each node that should be skewed; all copies made by
 * {@link #withZone} share the offset.
 */
public final class SkewedClock extends Clock {
    private final Clock base;
    private final AtomicLong offsetMs;

    public SkewedClock(Clock base) {
        this(base, new AtomicLong());
    }

    private SkewedClock(Clock base, AtomicLong offsetMs) {
        this.base = Objects.requireNonNull(base, "base");
        this.offsetMs = offsetMs;
    }

    /** Sets the offset added to the base clock (negative: behind). */
    public void setOffset(Duration offset) {
        offsetMs.set(offset.toMillis());
    }

    public Duration offset() {
        return Duration.ofMillis(offsetMs.get());
    }

    @Override
    public ZoneId getZone() {
        return base.getZone();
    }

    @Override
    public Clock withZone(ZoneId zone) {
        return new SkewedClock(base.withZone(zone), offsetMs);
    }

    @Override
    public long millis() {
        return base.millis() + offsetMs.get();
    }

    @Override
    public Instant instant() {
        return base.instant().plusMillis(offsetMs.get());
    }
}
