package io.vellum.consensus.faults;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

class SkewedClockTest {
    @Test
    void theOffsetShiftsTimeAndCanChangeAtRuntime() {
        Clock base = Clock.fixed(Instant.ofEpochMilli(1_000_000), ZoneOffset.UTC);
        SkewedClock clock = new SkewedClock(base);
        assertThat(clock.millis()).isEqualTo(1_000_000);
        clock.setOffset(Duration.ofSeconds(-3));
        assertThat(clock.millis()).isEqualTo(997_000);
        assertThat(clock.instant()).isEqualTo(Instant.ofEpochMilli(997_000));
        Clock zoned = clock.withZone(ZoneId.of("Europe/Paris"));
        clock.setOffset(Duration.ofMillis(250));
        assertThat(zoned.millis()).as("copies share the offset").isEqualTo(1_000_250);
        assertThat(clock.offset()).isEqualTo(Duration.ofMillis(250));
    }
}
