package io.vellum.consensus.faults;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.SplittableRandom;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

class TokenBucketTest {
    private static final long MS = 1_000_000L;

    @Test
    void theBurstPassesAtOnceThenEachByteWaitsItsShareOfTheRate() {
        TokenBucket bucket = new TokenBucket(1_000, 100, 10_000 * MS, 0);
        assertThat(bucket.reserve(100, 0)).isZero();
        assertThat(bucket.reserve(100, 0)).isEqualTo(100 * MS); // 100 bytes at 1000 B/s
        assertThat(bucket.reserve(50, 0)).isEqualTo(150 * MS); // queued behind the first debt
    }

    @Test
    void tokensRefillWithTimeButNeverBeyondTheBurst() {
        TokenBucket bucket = new TokenBucket(1_000, 100, 10_000 * MS, 0);
        bucket.reserve(100, 0);
        assertThat(bucket.reserve(50, 50 * MS)).isZero(); // 50 bytes refilled in 50 ms
        // A long quiet spell refills only up to the burst.
        assertThat(bucket.reserve(100, 10_000 * MS)).isZero();
        assertThat(bucket.reserve(1, 10_000 * MS)).isEqualTo(MS);
    }

    @Test
    void aMessageThatWouldWaitBeyondTheBacklogIsRefusedAndTakesNothing() {
        TokenBucket bucket = new TokenBucket(1_000, 100, 500 * MS, 0);
        assertThat(bucket.reserve(100, 0)).isZero();
        assertThat(bucket.reserve(400, 0)).isEqualTo(400 * MS);
        assertThat(bucket.reserve(200, 0)).isEqualTo(TokenBucket.REFUSED); // would wait 600 ms
        assertThat(bucket.reserve(100, 0)).isEqualTo(500 * MS); // the refused one took no tokens
    }

    /** Over any seeded sequence of sends, the bytes passed by time t never exceed burst + rate * t. */
    @ParameterizedTest
    @ValueSource(longs = {1, 2, 3, 4, 5})
    void neverPassesMoreThanBurstPlusRateTimesTime(long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        long rate = 10_000;
        long burst = 1_000;
        TokenBucket bucket = new TokenBucket(rate, burst, Long.MAX_VALUE / 4, 0);
        long now = 0;
        long bytes = 0;
        for (int i = 0; i < 2_000; i++) {
            now += random.nextLong(0, 5 * MS);
            long size = random.nextLong(1, 3_000);
            long wait = bucket.reserve(size, now);
            assertThat(wait).isNotNegative();
            bytes += size;
            long deliveredAt = now + wait;
            assertThat((double) bytes).isLessThanOrEqualTo(burst + rate * (deliveredAt / 1e9) + 1);
        }
    }

    @Test
    void badSettingsAreRefused() {
        assertThatThrownBy(() -> new TokenBucket(0, 1, 1, 0)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new TokenBucket(1, 0, 1, 0)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new TokenBucket(1, 1, 1, 0).reserve(-1, 0))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
