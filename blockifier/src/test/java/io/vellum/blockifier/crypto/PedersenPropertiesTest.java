package io.vellum.blockifier.crypto;

import static org.assertj.core.api.Assertions.assertThat;

import io.vellum.blockifier.testing.Samples;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Pedersen against a slow reference that follows the definition literally: affine points in {@link BigInteger},
 * double-and-add over the 248 low and 4 high bits of each input, one modular inverse per addition. Also the
 * exceptional cases of {@link PedersenArithmetic}, which the hash itself can never reach.
 */
class PedersenPropertiesTest {
    private static final BigInteger P = Felt.MODULUS;
    private static final BigInteger LOW_MASK = BigInteger.ONE.shiftLeft(248).subtract(BigInteger.ONE);

    static Stream<Arguments> pairs() {
        return Samples.stream("pedersen-pairs", 40, r -> Arguments.of(Samples.felt(r), Samples.felt(r)));
    }

    static Stream<List<Felt>> lists() {
        return Samples.stream("pedersen-lists", 10, r -> {
            int size = r.nextInt(5);
            List<Felt> values = new ArrayList<>(size);
            for (int i = 0; i < size; i++) {
                values.add(Samples.felt(r));
            }
            return values;
        });
    }

    @ParameterizedTest
    @MethodSource("pairs")
    void hashMatchesTheAffineReference(Felt a, Felt b) {
        assertThat(Pedersen.hash(a, b).toBigInteger()).isEqualTo(referenceHash(a.toBigInteger(), b.toBigInteger()));
    }

    @ParameterizedTest
    @MethodSource("pairs")
    void theJacobianFallbackComputesTheSameHash(Felt a, Felt b) {
        assertThat(Pedersen.hashJacobian(a, b)).isEqualTo(Pedersen.hash(a, b));
    }

    @Test
    void aHalvingLevelRefusesPointsWithTheSameX() {
        long[] point = PedersenTables.affineMontgomery(PedersenTables.FIRST_HIGH_POINT);
        long[] other = PedersenTables.affineMontgomery(PedersenTables.SECOND_HIGH_POINT);
        long[] negated = PedersenTables.affineMontgomery(new PedersenTables.ConstantPoint(
                PedersenTables.FIRST_HIGH_POINT.x(), P.subtract(PedersenTables.FIRST_HIGH_POINT.y())));
        int affine = PedersenArithmetic.AFFINE_LIMBS;
        // (other, other') is fine, but (point, −point) in the second pair has a zero denominator.
        long[] points = new long[4 * affine];
        System.arraycopy(other, 0, points, 0, affine);
        System.arraycopy(point, 0, points, affine, affine);
        System.arraycopy(point, 0, points, 2 * affine, affine);
        System.arraycopy(negated, 0, points, 3 * affine, affine);
        assertThat(Pedersen.halve(points, 4, new long[100])).isFalse();
        // The same point twice (a doubling) is refused too.
        System.arraycopy(point, 0, points, 3 * affine, affine);
        assertThat(Pedersen.halve(points, 4, new long[100])).isFalse();
        // A valid level sums each pair.
        System.arraycopy(other, 0, points, 3 * affine, affine);
        assertThat(Pedersen.halve(points, 4, new long[100])).isTrue();
        BigInteger[] sum = add(point(PedersenTables.FIRST_HIGH_POINT), point(PedersenTables.SECOND_HIGH_POINT));
        assertThat(Radix52.toFelt(points, affine).toBigInteger()).isEqualTo(sum[0]);
        assertThat(Radix52.toFelt(points, 0).toBigInteger()).isEqualTo(sum[0]);
        assertThat(Radix52.toFelt(points, affine + Radix52.LIMBS).toBigInteger()).isEqualTo(sum[1]);
    }

    @ParameterizedTest
    @MethodSource("lists")
    void hashOnElementsFoldsFromZeroAndEndsWithTheLength(List<Felt> values) {
        BigInteger expected = BigInteger.ZERO;
        for (Felt value : values) {
            expected = referenceHash(expected, value.toBigInteger());
        }
        expected = referenceHash(expected, BigInteger.valueOf(values.size()));
        assertThat(Pedersen.hashOnElements(values).toBigInteger()).isEqualTo(expected);
    }

    @Test
    void mixedAdditionOfAPointToItselfDoubles() {
        BigInteger[] base = point(PedersenTables.FIRST_LOW_POINT);
        BigInteger[] twice = add(base, base);
        long[] jacobian = new long[PedersenArithmetic.JACOBIAN_LIMBS];
        long[] scratch = new long[PedersenArithmetic.SCRATCH_LIMBS];
        long[] affine = PedersenTables.affineMontgomery(PedersenTables.FIRST_LOW_POINT);
        // B + B with Z = 1.
        PedersenArithmetic.setAffine(jacobian, 0, affine, 0);
        PedersenArithmetic.addAffine(jacobian, 0, affine, 0, scratch);
        assertThat(affineX(jacobian, scratch)).isEqualTo(twice[0]);
        // 2B (now with Z != 1) + 2B (affine, from the table) must double again.
        assertThat(Radix52.toFelt(jacobian, 10)).isNotEqualTo(Felt.ONE);
        PedersenArithmetic.addAffine(jacobian, 0, PedersenTables.Holder.TABLE,
                PedersenTables.FIRST_INPUT + PedersenTables.offset(0, 2), scratch);
        assertThat(affineX(jacobian, scratch)).isEqualTo(add(twice, twice)[0]);
        // 4B + B, then 2·5B.
        PedersenArithmetic.addAffine(jacobian, 0, affine, 0, scratch);
        BigInteger[] five = add(add(twice, twice), base);
        assertThat(affineX(jacobian, scratch)).isEqualTo(five[0]);
        PedersenArithmetic.doublePoint(jacobian, 0, scratch);
        assertThat(affineX(jacobian, scratch)).isEqualTo(add(five, five)[0]);
        assertThat(affineY(jacobian, scratch)).isEqualTo(add(five, five)[1]);
    }

    @Test
    void mixedAdditionOfOppositePointsGivesInfinityAndInfinityIsTheIdentity() {
        PedersenTables.ConstantPoint constant = PedersenTables.SECOND_LOW_POINT;
        long[] affine = PedersenTables.affineMontgomery(constant);
        long[] negated = PedersenTables.affineMontgomery(
                new PedersenTables.ConstantPoint(constant.x(), P.subtract(constant.y())));
        long[] jacobian = new long[PedersenArithmetic.JACOBIAN_LIMBS];
        long[] scratch = new long[PedersenArithmetic.SCRATCH_LIMBS];
        PedersenArithmetic.setAffine(jacobian, 0, affine, 0);
        // Move to Z != 1 first (2P, then 3P), then add −3P from an independent affine computation.
        PedersenArithmetic.addAffine(jacobian, 0, affine, 0, scratch);
        PedersenArithmetic.addAffine(jacobian, 0, affine, 0, scratch);
        BigInteger[] three = multiply(point(constant), BigInteger.valueOf(3));
        long[] minusThree = PedersenTables.affineMontgomery(
                new PedersenTables.ConstantPoint(three[0], P.subtract(three[1])));
        PedersenArithmetic.addAffine(jacobian, 0, minusThree, 0, scratch);
        assertThat(PedersenArithmetic.isInfinity(jacobian, 0)).isTrue();
        PedersenArithmetic.doublePoint(jacobian, 0, scratch);
        assertThat(PedersenArithmetic.isInfinity(jacobian, 0)).isTrue();
        PedersenArithmetic.addAffine(jacobian, 0, negated, 0, scratch);
        assertThat(affineX(jacobian, scratch)).isEqualTo(constant.x());
        assertThat(affineY(jacobian, scratch)).isEqualTo(P.subtract(constant.y()));
    }

    @Test
    void tablesHoldTheRightMultiples() {
        long[] table = PedersenTables.Holder.TABLE;
        BigInteger[] low = point(PedersenTables.SECOND_LOW_POINT);
        BigInteger[] high = point(PedersenTables.SECOND_HIGH_POINT);
        int bits = PedersenTables.WINDOW_BITS;
        int[][] probes = {{0, 1}, {0, 2047}, {1, 1}, {7, 1000}, {21, 2047}};
        for (int[] probe : probes) {
            BigInteger scalar = BigInteger.valueOf(probe[1]).shiftLeft(bits * probe[0]);
            assertThat(tableX(table, probe[0], probe[1])).as("window %d digit %d", probe[0], probe[1])
                    .isEqualTo(multiply(low, scalar)[0]);
        }
        // The last window mixes 6 low bits (at 2^242) and the 4 high bits: digit = low + 64·high.
        int last = PedersenTables.LOW_WINDOWS;
        int[][] mixed = {{1, 0}, {63, 0}, {0, 1}, {0, 15}, {5, 3}, {63, 15}};
        for (int[] probe : mixed) {
            BigInteger[] expected = add(multiply(low, BigInteger.valueOf(probe[0]).shiftLeft(242)),
                    multiply(high, BigInteger.valueOf(probe[1])));
            assertThat(tableX(table, last, probe[0] + 64 * probe[1])).as("low %d high %d", probe[0], probe[1])
                    .isEqualTo(expected[0]);
        }
    }

    @Test
    void digitsCoverTheFeltExactlyOnce() {
        Felt value = Felt.MAX.sub(Felt.fromHex("0x123456789abcdef0fedcba9876543210"));
        long[] limbs = {value.l0, value.l1, value.l2, value.l3};
        BigInteger rebuilt = BigInteger.ZERO;
        for (int window = 0; window < PedersenTables.WINDOWS; window++) {
            rebuilt = rebuilt.add(BigInteger.valueOf(PedersenTables.digit(limbs, window))
                    .shiftLeft(window * PedersenTables.WINDOW_BITS));
        }
        assertThat(rebuilt).isEqualTo(value.toBigInteger());
    }

    // ---------------------------------------------------------------------------------------------------
    // The reference: affine BigInteger arithmetic on y² = x³ + x + β; null is the point at infinity.

    private static BigInteger referenceHash(BigInteger a, BigInteger b) {
        BigInteger[] sum = point(PedersenTables.SHIFT_POINT);
        sum = add(sum, multiply(point(PedersenTables.FIRST_LOW_POINT), a.and(LOW_MASK)));
        sum = add(sum, multiply(point(PedersenTables.FIRST_HIGH_POINT), a.shiftRight(248)));
        sum = add(sum, multiply(point(PedersenTables.SECOND_LOW_POINT), b.and(LOW_MASK)));
        sum = add(sum, multiply(point(PedersenTables.SECOND_HIGH_POINT), b.shiftRight(248)));
        return sum[0];
    }

    private static BigInteger[] point(PedersenTables.ConstantPoint constant) {
        return new BigInteger[] {constant.x(), constant.y()};
    }

    private static BigInteger[] multiply(BigInteger[] point, BigInteger scalar) {
        BigInteger[] result = null;
        for (int bit = scalar.bitLength() - 1; bit >= 0; bit--) {
            result = add(result, result);
            if (scalar.testBit(bit)) {
                result = add(result, point);
            }
        }
        return result;
    }

    private static BigInteger[] add(BigInteger[] first, BigInteger[] second) {
        if (first == null) {
            return second;
        }
        if (second == null) {
            return first;
        }
        BigInteger slope;
        if (first[0].equals(second[0])) {
            if (first[1].add(second[1]).mod(P).signum() == 0) {
                return null;
            }
            BigInteger x = first[0];
            slope = x.multiply(x).multiply(BigInteger.valueOf(3)).add(BigInteger.ONE)
                    .multiply(first[1].shiftLeft(1).modInverse(P)).mod(P);
        } else {
            slope = second[1].subtract(first[1]).multiply(second[0].subtract(first[0]).modInverse(P)).mod(P);
        }
        BigInteger x = slope.multiply(slope).subtract(first[0]).subtract(second[0]).mod(P);
        BigInteger y = slope.multiply(first[0].subtract(x)).subtract(first[1]).mod(P);
        return new BigInteger[] {x, y};
    }

    private static BigInteger affineX(long[] jacobian, long[] scratch) {
        return PedersenArithmetic.affineX(jacobian, 0, scratch).toBigInteger();
    }

    /** Y/Z³, computed here from the Jacobian limbs (the hash itself never needs y). */
    private static BigInteger affineY(long[] jacobian, long[] scratch) {
        BigInteger y = Radix52.toFelt(jacobian, 5).toBigInteger();
        BigInteger z = Radix52.toFelt(jacobian, 10).toBigInteger();
        return y.multiply(z.pow(3).modInverse(P)).mod(P);
    }

    /** The x of a point of the second input's table. */
    private static BigInteger tableX(long[] table, int window, int digit) {
        return Radix52.toFelt(table, PedersenTables.SECOND_INPUT + PedersenTables.offset(window, digit))
                .toBigInteger();
    }
}
