package io.vellum.blockifier.commitment;

import static org.assertj.core.api.Assertions.assertThat;

import io.vellum.blockifier.crypto.Felt;
import io.vellum.blockifier.testing.Samples;
import java.math.BigInteger;
import java.util.SplittableRandom;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** The limb bit operations against {@code BigInteger}, over random values and every kind of limb boundary. */
class KeyBitsTest {

    record Case(BigInteger first, BigInteger second, int low, int length, int top) {
    }

    static Stream<Case> cases() {
        return Samples.stream("KeyBitsTest.cases", 200, random -> {
            BigInteger first = Samples.bits(random, 251);
            // Often a second key that shares a long prefix with the first, across a limb boundary or not.
            int shared = random.nextInt(252);
            BigInteger second = random.nextBoolean() ? Samples.bits(random, 251)
                    : first.shiftRight(251 - shared).shiftLeft(251 - shared).or(Samples.bits(random, 251 - shared));
            int length = 1 + random.nextInt(251);
            int low = random.nextInt(252 - length);
            int top = low + length;
            return new Case(first, second, low, length, top);
        });
    }

    @ParameterizedTest
    @MethodSource("cases")
    void agreesWithBigInteger(Case c) {
        long[] first = KeyBits.of(Felt.fromBigInteger(c.first()));
        long[] second = KeyBits.of(Felt.fromBigInteger(c.second()));
        BigInteger mask = BigInteger.ONE.shiftLeft(c.length()).subtract(BigInteger.ONE);

        assertThat(KeyBits.toFelt(first).toBigInteger()).isEqualTo(c.first());
        assertThat(KeyBits.bitLength(first)).isEqualTo(c.first().bitLength());
        assertThat(KeyBits.bit(first, c.low())).isEqualTo(c.first().testBit(c.low()));

        BigInteger slice = c.first().shiftRight(c.low()).and(mask);
        assertThat(KeyBits.toFelt(KeyBits.slice(first, c.low(), c.length())).toBigInteger()).isEqualTo(slice);

        int highLength = 251 - c.length();
        BigInteger high = c.second().and(BigInteger.ONE.shiftLeft(highLength).subtract(BigInteger.ONE));
        long[] highLimbs = KeyBits.of(Felt.fromBigInteger(high));
        long[] lowLimbs = KeyBits.of(Felt.fromBigInteger(slice));
        assertThat(KeyBits.toFelt(KeyBits.concat(highLimbs, lowLimbs, c.length())).toBigInteger())
                .isEqualTo(high.shiftLeft(c.length()).or(slice));

        // Matching prefix of the key segment [top - length, top) against the second key's segment as a path.
        BigInteger path = c.second().shiftRight(c.low()).and(mask);
        long[] pathLimbs = KeyBits.of(Felt.fromBigInteger(path));
        BigInteger difference = slice.xor(path);
        int expectedMatch = difference.signum() == 0 ? c.length() : c.length() - difference.bitLength();
        assertThat(KeyBits.matchingPrefixLength(first, c.top(), pathLimbs, c.length())).isEqualTo(expectedMatch);

        // Common prefix below bit 251 of two keys.
        BigInteger keyDifference = c.first().xor(c.second());
        int expectedCommon = keyDifference.signum() == 0 ? 251 : 251 - keyDifference.bitLength();
        assertThat(KeyBits.commonPrefixLength(first, second, 251)).isEqualTo(expectedCommon);
    }

    @ParameterizedTest
    @MethodSource("cases")
    void singleBitsAndEdges(Case c) {
        SplittableRandom random = new SplittableRandom(c.first().longValue());
        assertThat(KeyBits.toFelt(KeyBits.singleBit(true))).isEqualTo(Felt.ONE);
        assertThat(KeyBits.toFelt(KeyBits.singleBit(false))).isEqualTo(Felt.ZERO);
        int index = random.nextInt(251);
        long[] power = KeyBits.of(Felt.fromBigInteger(BigInteger.ONE.shiftLeft(index)));
        assertThat(KeyBits.bitLength(power)).isEqualTo(index + 1);
        assertThat(KeyBits.bit(power, index)).isTrue();
    }
}
