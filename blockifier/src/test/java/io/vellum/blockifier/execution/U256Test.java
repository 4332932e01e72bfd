package io.vellum.blockifier.execution;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.vellum.blockifier.crypto.Felt;
import io.vellum.blockifier.testing.Samples;
import java.math.BigInteger;
import java.util.List;
import java.util.SplittableRandom;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** u256 arithmetic against {@link BigInteger}, on values biased to word and half boundaries. */
class U256Test {
    private static final BigInteger TWO_256 = BigInteger.ONE.shiftLeft(256);

    static BigInteger value(SplittableRandom random) {
        return switch (random.nextInt(6)) {
            case 0 -> BigInteger.ZERO;
            case 1 -> TWO_256.subtract(BigInteger.ONE);
            case 2 -> BigInteger.ONE.shiftLeft(64 * (1 + random.nextInt(3))).subtract(BigInteger.valueOf(
                    random.nextInt(3)));
            case 3 -> BigInteger.valueOf(random.nextLong() & Long.MAX_VALUE);
            default -> Samples.bits(random, 1 + random.nextInt(256));
        };
    }

    static Stream<List<BigInteger>> pairs() {
        return Samples.stream("u256 pairs", 300, random -> List.of(value(random), value(random)));
    }

    @ParameterizedTest
    @MethodSource("pairs")
    void arithmeticAndConversionsAgreeWithBigInteger(List<BigInteger> pair) {
        BigInteger a = pair.get(0);
        BigInteger b = pair.get(1);
        U256 x = U256.of(a);
        U256 y = U256.of(b);
        assertThat(x.value()).isEqualTo(a);
        assertThat(x.compareTo(y)).isEqualTo(a.compareTo(b));
        assertThat(U256.fromParts(x.low(), x.high(), "x")).isEqualTo(x);
        assertThat(x.low().toBigInteger()).isEqualTo(a.mod(BigInteger.ONE.shiftLeft(128)));
        assertThat(x.high().toBigInteger()).isEqualTo(a.shiftRight(128));
        BigInteger sum = a.add(b);
        if (sum.compareTo(TWO_256) < 0) {
            assertThat(x.add(y, "sum").value()).isEqualTo(sum);
        } else {
            assertThatThrownBy(() -> x.add(y, "sum")).isInstanceOfSatisfying(ExecutionException.class,
                    failure -> assertThat(failure.error().code()).isEqualTo("U256_OVERFLOW"));
        }
        if (a.compareTo(b) >= 0) {
            assertThat(x.subtract(y, "difference").value()).isEqualTo(a.subtract(b));
        } else {
            assertThatThrownBy(() -> x.subtract(y, "difference")).isInstanceOfSatisfying(ExecutionException.class,
                    failure -> assertThat(failure.error().code()).isEqualTo("U256_UNDERFLOW"));
        }
    }

    @Test
    void aHalfAtOrAbove2To128IsOutOfRange() {
        Felt big = Felt.fromBigInteger(BigInteger.ONE.shiftLeft(128));
        assertThatThrownBy(() -> U256.fromParts(big, Felt.ZERO, "amount"))
                .isInstanceOfSatisfying(ExecutionException.class,
                        failure -> assertThat(failure.error().describe()).startsWith("VALUE_OUT_OF_RANGE: amount"));
        assertThatThrownBy(() -> U256.fromParts(Felt.ZERO, big, "amount")).isInstanceOf(ExecutionException.class);
    }
}
