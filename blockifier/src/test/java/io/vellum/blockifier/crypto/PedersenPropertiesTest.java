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
        assertThat(Fp.equal(jacobian, 8, Fp.ONE_MONTGOMERY, 0)).isFalse();
        PedersenArithmetic.addAffine(jacobian, 0, PedersenTables.Holder.FIRST, PedersenTables.offset(0, 2), scratch);
        assertThat(affineX(jacobian, scratch)).isEqualTo(add(twice, twice)[0]);
        // 4B + B, then 2·5B.
        PedersenArithmetic.addAffine(jacobian, 0, affine, 0, scratch);
        BigInteger[] five = add(add(twice, twice), base);
        assertThat(affineX(jacobian, scratch)).isEqualTo(five[0]);
        PedersenArithmetic.doublePoint(jacobian, 0, scratch);
        assertThat(affineX(jacobian, scratch)).isEqualTo(add(five, five)[0]);
    }

    @Test
    void mixedAdditionOfOppositePointsGivesInfinityAndInfinityIsTheIdentity() {
        long[] affine = PedersenTables.affineMontgomery(PedersenTables.SECOND_LOW_POINT);
        long[] negated = affine.clone();
        Fp.neg(affine, 4, negated, 4);
        long[] jacobian = new long[PedersenArithmetic.JACOBIAN_LIMBS];
        long[] scratch = new long[PedersenArithmetic.SCRATCH_LIMBS];
        PedersenArithmetic.setAffine(jacobian, 0, affine, 0);
        PedersenArithmetic.addAffine(jacobian, 0, negated, 0, scratch);
        assertThat(PedersenArithmetic.isInfinity(jacobian, 0)).isTrue();
        PedersenArithmetic.doublePoint(jacobian, 0, scratch);
        assertThat(PedersenArithmetic.isInfinity(jacobian, 0)).isTrue();
        PedersenArithmetic.addAffine(jacobian, 0, affine, 0, scratch);
        assertThat(affineX(jacobian, scratch)).isEqualTo(PedersenTables.SECOND_LOW_POINT.x());
    }

    @Test
    void tablesHoldTheRightMultiples() {
        long[] table = PedersenTables.Holder.FIRST;
        BigInteger[] low = point(PedersenTables.FIRST_LOW_POINT);
        BigInteger[] high = point(PedersenTables.FIRST_HIGH_POINT);
        int[][] probes = {{0, 1}, {0, 255}, {1, 1}, {7, 200}, {30, 255}};
        for (int[] probe : probes) {
            BigInteger scalar = BigInteger.valueOf(probe[1]).shiftLeft(8 * probe[0]);
            assertThat(tableX(table, probe[0], probe[1])).as("window %d digit %d", probe[0], probe[1])
                    .isEqualTo(multiply(low, scalar)[0]);
        }
        assertThat(tableX(table, 31, 15)).isEqualTo(multiply(high, BigInteger.valueOf(15))[0]);
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
        long[] out = new long[4];
        PedersenArithmetic.affineX(jacobian, 0, out, 0, scratch);
        return Felt.fromMontgomery(out, 0).toBigInteger();
    }

    private static BigInteger tableX(long[] table, int window, int digit) {
        return Felt.fromMontgomery(table, PedersenTables.offset(window, digit)).toBigInteger();
    }
}
