package io.vellum.blockifier.crypto;

import static org.assertj.core.api.Assertions.assertThat;

import io.vellum.blockifier.testing.Samples;
import java.math.BigInteger;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * {@link Fp}'s Montgomery-limb routines against {@link BigInteger} arithmetic modulo p, directly on Montgomery
 * limbs (the Felt-level properties go through conversions that could hide a compensating error), over seeded
 * samples that favour the edges.
 */
class FpPropertiesTest {
    private static final BigInteger P = Fp.MODULUS;
    private static final BigInteger R = BigInteger.ONE.shiftLeft(256);
    private static final BigInteger R_INVERSE = R.modInverse(P);

    static Stream<Arguments> pairs() {
        return Samples.stream("fp-pairs", 3000, r -> Arguments.of(Samples.felt(r), Samples.felt(r)));
    }

    static Stream<Felt> nonZero() {
        return Samples.stream("fp-inverse", 3000, r -> {
            Felt value = Samples.felt(r);
            return value.isZero() ? Felt.MAX : value;
        });
    }

    /** The Montgomery limbs of x (x·R mod p), computed with BigInteger. */
    private static long[] montgomery(BigInteger x) {
        return Fp.limbsOf(x.multiply(R).mod(P));
    }

    /** The value whose Montgomery limbs these are. */
    private static BigInteger value(long[] limbs) {
        BigInteger raw = Fp.toBigInteger(limbs, 0);
        assertThat(raw).as("fully reduced").isLessThan(P);
        return raw.multiply(R_INVERSE).mod(P);
    }

    @ParameterizedTest
    @MethodSource("pairs")
    void productsSquaresSumsAndDifferencesAgreeWithBigInteger(Felt a, Felt b) {
        BigInteger x = a.toBigInteger();
        BigInteger y = b.toBigInteger();
        long[] ma = montgomery(x);
        long[] mb = montgomery(y);
        long[] r = new long[4];
        Fp.mul(ma, 0, mb, 0, r, 0);
        assertThat(value(r)).isEqualTo(x.multiply(y).mod(P));
        Fp.sqr(ma, 0, r, 0);
        assertThat(value(r)).isEqualTo(x.multiply(x).mod(P));
        Fp.add(ma, 0, mb, 0, r, 0);
        assertThat(value(r)).isEqualTo(x.add(y).mod(P));
        Fp.sub(ma, 0, mb, 0, r, 0);
        assertThat(value(r)).isEqualTo(x.subtract(y).mod(P));
        Fp.dbl(ma, 0, r, 0);
        assertThat(value(r)).isEqualTo(x.shiftLeft(1).mod(P));
        Fp.neg(ma, 0, r, 0);
        assertThat(value(r)).isEqualTo(x.negate().mod(P));
        // Raw limbs too (not Montgomery images of anything special): the routines are linear in form.
        long[] ra = Fp.limbsOf(x);
        long[] rb = Fp.limbsOf(y);
        Fp.mul(ra, 0, rb, 0, r, 0);
        assertThat(Fp.toBigInteger(r, 0)).isEqualTo(x.multiply(y).multiply(R_INVERSE).mod(P));
        Fp.sqr(rb, 0, r, 0);
        assertThat(Fp.toBigInteger(r, 0)).isEqualTo(y.multiply(y).multiply(R_INVERSE).mod(P));
    }

    @ParameterizedTest
    @MethodSource("pairs")
    void aliasedOutputsGiveTheSameResults(Felt a, Felt b) {
        BigInteger x = a.toBigInteger();
        BigInteger y = b.toBigInteger();
        long[] buffer = new long[8];
        System.arraycopy(montgomery(x), 0, buffer, 0, 4);
        System.arraycopy(montgomery(y), 0, buffer, 4, 4);
        Fp.mul(buffer, 0, buffer, 4, buffer, 0);
        Fp.sqr(buffer, 0, buffer, 0);
        Fp.sub(buffer, 0, buffer, 4, buffer, 4);
        BigInteger product = x.multiply(y).mod(P);
        BigInteger square = product.multiply(product).mod(P);
        assertThat(value(new long[] {buffer[0], buffer[1], buffer[2], buffer[3]})).isEqualTo(square);
        assertThat(value(new long[] {buffer[4], buffer[5], buffer[6], buffer[7]}))
                .isEqualTo(square.subtract(y).mod(P));
    }
}
