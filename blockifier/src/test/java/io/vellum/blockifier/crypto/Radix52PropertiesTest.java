package io.vellum.blockifier.crypto;

import static org.assertj.core.api.Assertions.assertThat;

import io.vellum.blockifier.testing.Samples;
import java.math.BigInteger;
import java.util.SplittableRandom;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * {@link Radix52}'s routines against {@link BigInteger}, at and near the edges of their documented bounds:
 * values up to 16p for products, up to 2^256 for weak reduction, limbs pushed towards their magnitude limits
 * (and negative) while the value stays the same.
 */
class Radix52PropertiesTest {
    private static final BigInteger P = Fp.MODULUS;
    private static final BigInteger R = BigInteger.ONE.shiftLeft(260);
    private static final BigInteger R_INVERSE = R.modInverse(P);
    private static final BigInteger SIXTEEN_P = P.shiftLeft(4);
    private static final BigInteger TWO_TO_256 = BigInteger.ONE.shiftLeft(256);

    static Stream<Arguments> productInputs() {
        return Samples.stream("radix52-products", 4000, r -> Arguments.of(
                limbs(r, value(r, SIXTEEN_P), 55), limbs(r, value(r, SIXTEEN_P), 55)));
    }

    static Stream<long[]> reductionInputs() {
        return Samples.stream("radix52-reductions", 4000, r -> limbs(r, value(r, TWO_TO_256), 57));
    }

    /** A value below the bound: uniform, or one of the extremes. */
    private static BigInteger value(SplittableRandom random, BigInteger bound) {
        switch (random.nextInt(8)) {
            case 0:
                return bound.subtract(BigInteger.ONE);
            case 1:
                return BigInteger.valueOf(random.nextInt(3));
            case 2:
                return P.multiply(BigInteger.valueOf(random.nextInt(bound.divide(P).intValueExact())))
                        .add(BigInteger.valueOf(random.nextInt(3) - 1)).max(BigInteger.ZERO);
            default:
                return Samples.bits(random, bound.bitLength()).mod(bound);
        }
    }

    /** Normalised limbs of the value, then redistributed between neighbours so limbs reach ±2^bits. */
    private static long[] limbs(SplittableRandom random, BigInteger value, int bits) {
        long[] limbs = Radix52.limbsOf(value);
        limbs[4] = value.shiftRight(208).longValueExact();
        long room = 1L << (bits - 53);
        for (int i = 0; i < 4; i++) {
            if (random.nextBoolean()) {
                // Move δ units of 2^52 between limb i + 1 and limb i (the value is unchanged).
                long delta = random.nextLong(-room, room + 1);
                limbs[i] += delta << 52;
                limbs[i + 1] -= delta;
            }
        }
        assertThat(Radix52.toBigInteger(limbs, 0)).isEqualTo(value);
        return limbs;
    }

    @ParameterizedTest
    @MethodSource("productInputs")
    void productsAndSquaresAreMontgomeryProductsBelowTwoP(long[] a, long[] b) {
        BigInteger x = Radix52.toBigInteger(a, 0);
        BigInteger y = Radix52.toBigInteger(b, 0);
        long[] r = new long[5];
        Radix52.mul(a, 0, b, 0, r, 0);
        assertNormalisedBelowTwoP(r, x.multiply(y).multiply(R_INVERSE).mod(P));
        Radix52.sqr(a, 0, r, 0);
        assertNormalisedBelowTwoP(r, x.multiply(x).multiply(R_INVERSE).mod(P));
        assertThat(Radix52.toFelt(a, 0).toBigInteger()).isEqualTo(x.multiply(R_INVERSE).mod(P));
    }

    @ParameterizedTest
    @MethodSource("reductionInputs")
    void weakReductionKeepsTheResidueAndLandsInZeroToTwoP(long[] x) {
        BigInteger before = Radix52.toBigInteger(x, 0);
        Radix52.weakReduce(x, 0);
        BigInteger after = Radix52.toBigInteger(x, 0);
        assertThat(after.mod(P)).isEqualTo(before.mod(P));
        assertThat(after).isPositive().isLessThanOrEqualTo(P.shiftLeft(1));
        for (long limb : x) {
            assertThat(Math.abs(limb)).isLessThan(1L << 53);
        }
    }

    @ParameterizedTest
    @MethodSource("reductionInputs")
    void inversesCanonicalFormsAndZeroTestsAgreeWithBigInteger(long[] x) {
        BigInteger value = Radix52.toBigInteger(x, 0);
        BigInteger residue = value.mod(P);
        long[] canonical = new long[4];
        Radix52.toCanonicalLimbs(x, 0, canonical);
        assertThat(Fp.toBigInteger(canonical, 0)).isEqualTo(residue);
        assertThat(Radix52.isZeroModulo(x, 0)).isEqualTo(residue.signum() == 0);
        long[] inverse = new long[5];
        Radix52.inverse(x, 0, inverse, 0);
        BigInteger expected = residue.signum() == 0 ? BigInteger.ZERO
                : R.multiply(R).multiply(residue.modInverse(P)).mod(P);  // (x·R)^-1 in Montgomery form: R²/(x·R)
        assertNormalisedBelowTwoP(inverse, expected);
    }

    @Test
    void multiplesOfTheModulusAreZeroAndTheirNeighboursAreNot() {
        for (int multiple = 0; multiple < 32; multiple++) {
            BigInteger value = P.multiply(BigInteger.valueOf(multiple));
            assertThat(Radix52.isZeroModulo(limbs(value), 0)).as("%d·p", multiple).isTrue();
            if (multiple > 0) {
                assertThat(Radix52.isZeroModulo(limbs(value.subtract(BigInteger.ONE)), 0)).isFalse();
            }
            assertThat(Radix52.isZeroModulo(limbs(value.add(BigInteger.ONE)), 0)).isFalse();
            long[] canonical = new long[4];
            Radix52.toCanonicalLimbs(limbs(value.add(BigInteger.TWO)), 0, canonical);
            assertThat(Fp.toBigInteger(canonical, 0)).isEqualTo(BigInteger.TWO);
        }
    }

    private static long[] limbs(BigInteger value) {
        long[] limbs = Radix52.limbsOf(value);
        limbs[4] = value.shiftRight(208).longValueExact();
        return limbs;
    }

    @Test
    void conversionsRoundTripAtTheEdges() {
        for (Felt value : new Felt[] {Felt.ZERO, Felt.ONE, Felt.MAX, Felt.MAX.sub(Felt.ONE),
            Felt.fromBigInteger(BigInteger.ONE.shiftLeft(251))}) {
            long[] montgomery = new long[5];
            Radix52.fromFelt(value, montgomery, 0);
            BigInteger held = Radix52.toBigInteger(montgomery, 0);
            assertThat(held.mod(P)).isEqualTo(value.toBigInteger().multiply(R).mod(P));
            assertThat(held).isLessThan(P.shiftLeft(1));
            assertThat(Radix52.toFelt(montgomery, 0)).isEqualTo(value);
        }
        // p itself (the one non-canonical way to hold zero that a product can return) reads back as zero.
        long[] modulus = Radix52.limbsOf(P);
        assertThat(Radix52.toFelt(modulus, 0)).isEqualTo(Felt.ZERO);
    }

    private static void assertNormalisedBelowTwoP(long[] r, BigInteger expectedResidue) {
        BigInteger value = Radix52.toBigInteger(r, 0);
        assertThat(value.mod(P)).isEqualTo(expectedResidue);
        assertThat(value).isNotNegative().isLessThan(P.shiftLeft(1));
        for (int i = 0; i < 4; i++) {
            assertThat(r[i]).isBetween(0L, Radix52.LIMB_MASK);
        }
    }
}
