package io.vellum.simulations.faults;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;

/** A node's clock: the system clock moved by an offset that a clock-skew fault sets (one writer: the injector). */
public final class AdjustableClock extends Clock {
    private final Clock base;
    private volatile long offsetMs;

    public AdjustableClock(Clock base) {
        this.base = base;
    }

    public void setOffsetMs(long offset) {
        this.offsetMs = offset;
    }

    public long offsetMs() {
        return offsetMs;
    }

    @Override
    public ZoneId getZone() {
        return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
        return this;
    }

    @Override
    public long millis() {
        return base.millis() + offsetMs;
    }

    @Override
    public Instant instant() {
        return Instant.ofEpochMilli(millis());
    }
}
