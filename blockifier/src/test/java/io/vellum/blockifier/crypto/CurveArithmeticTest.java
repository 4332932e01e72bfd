package io.vellum.blockifier.crypto;

import static org.assertj.core.api.Assertions.assertThat;

import io.vellum.blockifier.crypto.AffineReference.Point;
import io.vellum.blockifier.testing.Samples;
import java.math.BigInteger;
import java.util.List;
import java.util.SplittableRandom;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The package-private machinery under ECDSA — squaring, Euler's criterion, Jacobian doubling and additions,
 * the fixed-base table, the variable-base multiplication, the scalar recodings and the x-only test of
 * x(A ± B) — against {@link AffineReference}, an independent affine BigInteger implementation, over seeded
 * samples that include the exceptional cases (infinity, P + P, P − P, scalars 0, n − 1, 2^252 − 1).
 */
class CurveArithmeticTest {
    private static final BigInteger P = AffineReference.P;
    private static final BigInteger N = AffineReference.N;
    private static final AffineReference STARK = AffineReference.STARK;

    private static final List<BigInteger> EDGE_SCALARS = List.of(
            BigInteger.ZERO, BigInteger.ONE, BigInteger.TWO, BigInteger.valueOf(127), BigInteger.valueOf(128),
            BigInteger.valueOf(129), BigInteger.valueOf(255), BigInteger.valueOf(256), BigInteger.valueOf(0x8080),
            BigInteger.ONE.shiftLeft(251), BigInteger.ONE.shiftLeft(251).subtract(BigInteger.ONE),
            N.subtract(BigInteger.ONE), N.subtract(BigInteger.TWO), N, N.add(BigInteger.ONE),
            BigInteger.ONE.shiftLeft(252).subtract(BigInteger.ONE));

    /** A random point k·G of the Stark curve (reference arithmetic), k uniform in [1, n). */
    static Point randomPoint(SplittableRandom random) {
        return STARK.multiply(randomScalar(random), AffineReference.G);
    }

    static BigInteger randomScalar(SplittableRandom random) {
        return Samples.bits(random, 252).mod(N.subtract(BigInteger.ONE)).add(BigInteger.ONE);
    }

    /** A scalar: mostly uniform below n, sometimes an edge value. */
    static BigInteger scalar(SplittableRandom random) {
        return random.nextInt(4) == 0 ? EDGE_SCALARS.get(random.nextInt(EDGE_SCALARS.size())) : randomScalar(random);
    }

    static BigInteger randomNonZeroField(SplittableRandom random) {
        return Samples.uniformFelt(random).toBigInteger().mod(P.subtract(BigInteger.ONE)).add(BigInteger.ONE);
    }

    static Stream<Felt> felts() {
        return Samples.stream("curve-felts", 2000, Samples::felt);
    }

    static Stream<Arguments> pointPairs() {
        return Samples.stream("curve-point-pairs", 60, random -> {
            Point p = randomPoint(random);
            int kind = random.nextInt(6);
            Point q = kind == 0 ? p
                    : kind == 1 ? p.negate()
                    : kind == 2 ? AffineReference.INFINITY
                    : randomPoint(random);
            if (random.nextInt(8) == 0) {
                p = AffineReference.INFINITY;
            }
            return Arguments.of(p, q, randomNonZeroField(random), randomNonZeroField(random), random.nextBoolean());
        });
    }

    static Stream<Arguments> scalarsAndPoints() {
        return Samples.stream("curve-scalars", 40, random -> Arguments.of(scalar(random), randomPoint(random)));
    }

    static Stream<BigInteger> scalars() {
        return Stream.concat(EDGE_SCALARS.stream().filter(k -> k.bitLength() <= 252),
                Samples.stream("curve-scalar-only", 60, CurveArithmeticTest::randomScalar));
    }

    static Stream<BigInteger> wideScalars() {
        return Stream.concat(
                Stream.of(BigInteger.ZERO, BigInteger.ONE, BigInteger.ONE.shiftLeft(256).subtract(BigInteger.ONE),
                        new BigInteger("f".repeat(16) + "0".repeat(48), 16),
                        new BigInteger("8".repeat(64), 16), new BigInteger("7".repeat(64), 16)),
                Samples.stream("curve-wide-scalars", 500, random -> Samples.bits(random, 1 + random.nextInt(256))));
    }

    // ---------------------------------------------------------------------------------------------------
    // Field.

    @ParameterizedTest
    @MethodSource("felts")
    void squareAgreesWithProductAndBigInteger(Felt a) {
        long[] buffer = new long[12];
        a.writeMontgomery(buffer, 0);
        Fp.sqr(buffer, 0, buffer, 4);
        Fp.mul(buffer, 0, buffer, 0, buffer, 8);
        assertThat(buffer[4]).isEqualTo(buffer[8]);
        assertThat(Fp.equal(buffer, 4, buffer, 8)).isTrue();
        assertThat(Felt.fromMontgomery(buffer, 4).toBigInteger()).isEqualTo(a.toBigInteger().pow(2).mod(P));
        // In place.
        Fp.sqr(buffer, 0, buffer, 0);
        assertThat(Fp.equal(buffer, 0, buffer, 8)).isTrue();
    }

    static Stream<Arguments> feltPairs() {
        return Samples.stream("curve-felt-pairs", 3000,
                random -> Arguments.of(Samples.felt(random), Samples.felt(random)));
    }

    @ParameterizedTest
    @MethodSource("feltPairs")
    void branchlessAdditionAndSubtractionAgreeWithBigInteger(Felt a, Felt b) {
        long[] buffer = new long[16];
        a.writeLimbs(buffer, 0);
        b.writeLimbs(buffer, 4);
        Fp.add(buffer, 0, buffer, 4, buffer, 8);
        Fp.sub(buffer, 0, buffer, 4, buffer, 12);
        assertThat(Felt.ofLimbs(buffer, 8).toBigInteger()).isEqualTo(a.toBigInteger().add(b.toBigInteger()).mod(P));
        assertThat(Felt.ofLimbs(buffer, 12).toBigInteger())
                .isEqualTo(a.toBigInteger().subtract(b.toBigInteger()).mod(P));
        // In place, both operands aliased.
        Fp.add(buffer, 0, buffer, 0, buffer, 0);
        assertThat(Felt.ofLimbs(buffer, 0).toBigInteger()).isEqualTo(a.toBigInteger().shiftLeft(1).mod(P));
        Fp.sub(buffer, 4, buffer, 4, buffer, 4);
        assertThat(Fp.isZero(buffer, 4)).isTrue();
        b.writeLimbs(buffer, 4);
        Fp.halve(buffer, 4, buffer, 8);
        assertThat(Felt.ofLimbs(buffer, 8).toBigInteger())
                .isEqualTo(b.toBigInteger().multiply(BigInteger.TWO.modInverse(P)).mod(P));
    }

    @ParameterizedTest
    @MethodSource("felts")
    void isSquareFollowsEulersCriterion(Felt a) {
        long[] buffer = new long[4];
        a.writeMontgomery(buffer, 0);
        BigInteger euler = a.toBigInteger().modPow(P.shiftRight(1), P);
        assertThat(SquareRoot.isSquare(buffer, 0)).isEqualTo(euler.compareTo(BigInteger.ONE) <= 0);
    }

    /** A square root is a root, and exists exactly for squares (Euler's criterion on BigInteger). */
    @ParameterizedTest
    @MethodSource("felts")
    void squareRootIsARootOfSquaresOnly(Felt a) {
        if (a.isZero()) {
            return;
        }
        long[] buffer = new long[8];
        a.writeMontgomery(buffer, 0);
        boolean found = SquareRoot.sqrt(buffer, 0, buffer, 4);
        boolean square = a.toBigInteger().modPow(P.shiftRight(1), P).equals(BigInteger.ONE);
        assertThat(found).isEqualTo(square);
        if (found) {
            assertThat(Felt.fromMontgomery(buffer, 4).square()).isEqualTo(a);
        }
        // And a square always has a root, ±a.
        a.square().writeMontgomery(buffer, 0);
        assertThat(SquareRoot.sqrt(buffer, 0, buffer, 4)).isTrue();
        assertThat(Felt.fromMontgomery(buffer, 4)).isIn(a, a.neg());
    }

    // ---------------------------------------------------------------------------------------------------
    // Point arithmetic.

    @ParameterizedTest
    @MethodSource("pointPairs")
    void doublingMatchesTheReference(Point p, Point ignored, BigInteger z, BigInteger unused, boolean unusedFlag) {
        long[] buffer = new long[12];
        AffineReference.writeJacobian(p, z, buffer, 0);
        JacobianArithmetic.doubleInPlace(buffer, 0, null, new long[JacobianArithmetic.SCRATCH_LONGS]);
        assertThat(AffineReference.readJacobian(buffer, 0)).isEqualTo(STARK.add(p, p));
    }

    /** The modified Jacobian doubling on a curve with a ≠ 1 (here a random one through p) keeps W = a·Z⁴. */
    @ParameterizedTest
    @MethodSource("pointPairs")
    void doublingWithWeightMatchesTheReference(Point p, Point ignored, BigInteger z, BigInteger a, boolean flag) {
        if (p.isInfinity()) {
            return;
        }
        // The curve through p with coefficient a: b = y² − x³ − a·x.
        BigInteger b = p.y().pow(2).subtract(p.x().pow(3)).subtract(a.multiply(p.x())).mod(P);
        AffineReference curve = new AffineReference(a, b);
        long[] buffer = new long[20];
        AffineReference.writeJacobian(p, z, buffer, 0);
        long[] weight = new long[4];
        Felt.fromBigInteger(a.multiply(z.pow(4)).mod(P)).writeMontgomery(weight, 0);
        long[] t = new long[JacobianArithmetic.SCRATCH_LONGS];
        Point expected = p;
        for (int i = 0; i < 3; i++) {
            JacobianArithmetic.doubleInPlaceWithWeight(buffer, 0, weight, t);
            expected = curve.add(expected, expected);
            assertThat(AffineReference.readJacobian(buffer, 0)).isEqualTo(expected);
            BigInteger zNow = AffineReference.value(buffer, 8);
            assertThat(AffineReference.value(weight, 0)).isEqualTo(a.multiply(zNow.pow(4)).mod(P));
        }
    }

    @ParameterizedTest
    @MethodSource("pointPairs")
    void mixedAdditionMatchesTheReference(Point p, Point q, BigInteger z, BigInteger unused, boolean negate) {
        if (q.isInfinity()) {
            return; // an affine operand is never at infinity
        }
        long[] buffer = new long[20];
        AffineReference.writeJacobian(p, z, buffer, 0);
        AffineReference.writeAffine(q, buffer, 12);
        JacobianArithmetic.addAffineInPlace(buffer, 0, buffer, 12, negate, null,
                new long[JacobianArithmetic.SCRATCH_LONGS]);
        assertThat(AffineReference.readJacobian(buffer, 0)).isEqualTo(STARK.add(p, negate ? q.negate() : q));
    }

    @ParameterizedTest
    @MethodSource("pointPairs")
    void additionMatchesTheReference(Point p, Point q, BigInteger z1, BigInteger z2, boolean negate) {
        long[] buffer = new long[24];
        AffineReference.writeJacobian(p, z1, buffer, 0);
        AffineReference.writeJacobian(q, z2, buffer, 12);
        JacobianArithmetic.addInPlace(buffer, 0, buffer, 12, negate, null, new long[JacobianArithmetic.SCRATCH_LONGS]);
        assertThat(AffineReference.readJacobian(buffer, 0)).isEqualTo(STARK.add(p, negate ? q.negate() : q));
    }

    @ParameterizedTest
    @MethodSource("pointPairs")
    void affineConversionsMatchTheReference(Point p, Point q, BigInteger z1, BigInteger z2, boolean unusedFlag) {
        if (p.isInfinity() || q.isInfinity()) {
            return;
        }
        long[] jacobian = new long[24];
        AffineReference.writeJacobian(p, z1, jacobian, 0);
        AffineReference.writeJacobian(q, z2, jacobian, 12);
        long[] affine = new long[16];
        JacobianArithmetic.toAffine(jacobian, 0, affine, 0, new long[JacobianArithmetic.SCRATCH_LONGS]);
        assertThat(AffineReference.readAffine(affine, 0)).isEqualTo(p);
        long[] batch = new long[16];
        JacobianArithmetic.toAffineBatch(jacobian, 0, 2, batch, 0);
        assertThat(AffineReference.readAffine(batch, 0)).isEqualTo(p);
        assertThat(AffineReference.readAffine(batch, 8)).isEqualTo(q);
        long[] x = new long[4];
        Felt.fromBigInteger(p.x()).writeMontgomery(x, 0);
        long[] t = new long[JacobianArithmetic.SCRATCH_LONGS];
        assertThat(JacobianArithmetic.hasX(jacobian, 0, x, 0, t)).isTrue();
        assertThat(JacobianArithmetic.hasX(jacobian, 12, x, 0, t)).isEqualTo(q.x().equals(p.x()));
    }

    @ParameterizedTest
    @MethodSource("scalars")
    void generatorTableMatchesTheReference(BigInteger k) {
        long[] out = new long[12];
        GeneratorTable.multiply(Scalars.limbs(k), out, 0, new long[JacobianArithmetic.SCRATCH_LONGS]);
        assertThat(AffineReference.readJacobian(out, 0)).isEqualTo(STARK.multiply(k, AffineReference.G));
    }

    @ParameterizedTest
    @MethodSource("scalarsAndPoints")
    void variableBaseMultiplicationMatchesTheReference(BigInteger k, Point q) {
        long[] buffer = new long[20];
        AffineReference.writeAffine(q, buffer, 0);
        JacobianArithmetic.multiply(buffer, 0, Scalars.limbs(k), null, buffer, 8,
                new long[JacobianArithmetic.SCRATCH_LONGS]);
        assertThat(AffineReference.readJacobian(buffer, 8)).isEqualTo(STARK.multiply(k, q));
    }

    static Stream<Arguments> linearCombinations() {
        return Samples.stream("curve-linear-combinations", 40, random -> {
            BigInteger u1 = scalar(random);
            int kind = random.nextInt(5);
            // Q = ±G and u2 = ±u1 make the two halves cancel or coincide.
            Point q = kind == 0 ? AffineReference.G : kind == 1 ? AffineReference.G.negate() : randomPoint(random);
            BigInteger u2 = kind < 2 && random.nextBoolean() ? u1 : scalar(random);
            return Arguments.of(u1, u2, q);
        });
    }

    @ParameterizedTest
    @MethodSource("linearCombinations")
    void linearCombinationWithTheGeneratorMatchesTheReference(BigInteger u1, BigInteger u2, Point q) {
        long[] buffer = new long[20];
        AffineReference.writeAffine(q, buffer, 0);
        GeneratorTable.linearCombination(Scalars.limbs(u1), buffer, 0, Scalars.limbs(u2), buffer, 8,
                new long[JacobianArithmetic.SCRATCH_LONGS]);
        Point expected = STARK.add(STARK.multiply(u1, AffineReference.G), STARK.multiply(u2, q));
        assertThat(AffineReference.readJacobian(buffer, 8)).isEqualTo(expected);
    }

    @Test
    void variableBaseMultiplicationHandlesTheWidestScalar() {
        BigInteger k = BigInteger.ONE.shiftLeft(256).subtract(BigInteger.ONE);
        long[] buffer = new long[20];
        AffineReference.writeAffine(AffineReference.G, buffer, 0);
        JacobianArithmetic.multiply(buffer, 0, Scalars.limbs(k), null, buffer, 8,
                new long[JacobianArithmetic.SCRATCH_LONGS]);
        assertThat(AffineReference.readJacobian(buffer, 8)).isEqualTo(STARK.multiply(k, AffineReference.G));
    }

    /**
     * The x-only verification runs the variable-base multiplication on y^2 = x^3 + c^2·x + c^3·beta with the
     * point (c·x, c^2): the result must match the reference on that curve, and map back to the Stark curve by
     * dividing x by c.
     */
    @ParameterizedTest
    @MethodSource("scalarsAndPoints")
    void multiplicationOnTheIsomorphicCurveMapsBack(BigInteger k, Point q) {
        BigInteger c = q.x().pow(3).add(q.x()).add(AffineReference.BETA).mod(P);
        AffineReference twisted = new AffineReference(c.pow(2), c.pow(3).multiply(AffineReference.BETA));
        Point image = new Point(c.multiply(q.x()).mod(P), c.pow(2).mod(P));
        assertThat(twisted.isOnCurve(image)).isTrue();
        long[] buffer = new long[24];
        AffineReference.writeAffine(image, buffer, 0);
        long[] curveA = new long[4];
        Felt.fromBigInteger(c.pow(2).mod(P)).writeMontgomery(curveA, 0);
        JacobianArithmetic.multiply(buffer, 0, Scalars.limbs(k), curveA, buffer, 8,
                new long[JacobianArithmetic.SCRATCH_LONGS]);
        Point result = AffineReference.readJacobian(buffer, 8);
        assertThat(result).isEqualTo(twisted.multiply(k, image));
        Point expected = STARK.multiply(k, q);
        if (expected.isInfinity()) {
            assertThat(result.isInfinity()).isTrue();
        } else {
            assertThat(result.x().multiply(c.modInverse(P)).mod(P)).isEqualTo(expected.x());
        }
    }

    /** Ecdsa.eitherSumHasX on A and B, with r = x(A + B), x(A − B) or another value, B given with c = 1. */
    @ParameterizedTest
    @MethodSource("pointPairs")
    void eitherSumHasXMatchesTheReference(Point a, Point b, BigInteger z1, BigInteger z2, boolean negate) {
        List<BigInteger> candidates = new java.util.ArrayList<>();
        Point sum = STARK.add(a, b);
        Point difference = STARK.add(a, b.negate());
        if (!sum.isInfinity()) {
            candidates.add(sum.x());
        }
        if (!difference.isInfinity()) {
            candidates.add(difference.x());
        }
        candidates.add(z1);
        if (!a.isInfinity()) {
            candidates.add(a.x());
        }
        long[] buffer = new long[32];
        AffineReference.writeJacobian(a, z1, buffer, 0);
        AffineReference.writeJacobian(b, z2, buffer, 12);
        Felt.ONE.writeMontgomery(buffer, 24);
        for (BigInteger r : candidates) {
            Felt.fromBigInteger(r).writeMontgomery(buffer, 28);
            boolean expected = (!sum.isInfinity() && sum.x().equals(r))
                    || (!difference.isInfinity() && difference.x().equals(r));
            assertThat(Ecdsa.eitherSumHasX(buffer, 0, buffer, 12, buffer, 24, buffer, 28))
                    .as("r = %s, A = %s, B = %s", r, a, b).isEqualTo(expected);
        }
    }

    // ---------------------------------------------------------------------------------------------------
    // Scalars mod n.

    static Stream<BigInteger> invertibleScalars() {
        List<BigInteger> edges = List.of(BigInteger.ONE, BigInteger.TWO, BigInteger.valueOf(3),
                N.subtract(BigInteger.ONE), N.subtract(BigInteger.TWO),
                N.shiftRight(1), N.shiftRight(1).add(BigInteger.ONE),
                BigInteger.ONE.shiftLeft(251), BigInteger.ONE.shiftLeft(251).subtract(BigInteger.ONE),
                BigInteger.ONE.shiftLeft(64), BigInteger.ONE.shiftLeft(64).subtract(BigInteger.ONE),
                BigInteger.ONE.shiftLeft(128).add(BigInteger.ONE), BigInteger.ONE.shiftLeft(200));
        return Stream.concat(edges.stream(), Samples.stream("scalar-inverse", 3000, random -> {
            int bits = random.nextInt(4) == 0 ? 1 + random.nextInt(252) : 252;
            BigInteger value = Samples.bits(random, bits).mod(N);
            return value.signum() == 0 ? BigInteger.ONE : value;
        }));
    }

    @ParameterizedTest
    @MethodSource("invertibleScalars")
    void scalarInverseAgreesWithBigInteger(BigInteger y) {
        assertThat(ScalarInverse.inverse(y)).isEqualTo(y.modInverse(N));
        assertThat(Scalars.toBigInteger(Scalars.limbs(y))).isEqualTo(y);
    }

    // ---------------------------------------------------------------------------------------------------
    // Scalar recodings.

    @ParameterizedTest
    @MethodSource("wideScalars")
    void nonAdjacentFormReconstructsTheScalar(BigInteger k) {
        for (int width : new int[] {JacobianArithmetic.VARIABLE_BASE_WIDTH, GeneratorTable.NAF_WIDTH}) {
            assertNonAdjacentForm(k, width);
        }
    }

    private static void assertNonAdjacentForm(BigInteger k, int width) {
        int[] digits = Scalars.nonAdjacentForm(Scalars.limbs(k), width);
        BigInteger value = BigInteger.ZERO;
        int lastNonZero = -width;
        for (int i = digits.length - 1; i >= 0; i--) {
            value = value.shiftLeft(1).add(BigInteger.valueOf(digits[i]));
        }
        for (int i = 0; i < digits.length; i++) {
            int digit = digits[i];
            if (digit != 0) {
                assertThat(digit & 1).as("digit %d at %d is odd", digit, i).isEqualTo(1);
                assertThat(Math.abs(digit)).isLessThan(1 << (width - 1));
                assertThat(i - lastNonZero).as("non-zero digits at least %d apart", width)
                        .isGreaterThanOrEqualTo(width);
                lastNonZero = i;
            }
        }
        assertThat(value).isEqualTo(k);
    }

    @ParameterizedTest
    @MethodSource("scalars")
    void signedRadixDigitsReconstructTheScalar(BigInteger k) {
        int[] digits = Scalars.signedRadixDigits(Scalars.limbs(k), GeneratorTable.WINDOW_BITS, GeneratorTable.WINDOWS);
        BigInteger value = BigInteger.ZERO;
        for (int i = digits.length - 1; i >= 0; i--) {
            assertThat(digits[i]).isBetween(-(1 << 7) + 1, 1 << 7);
            value = value.shiftLeft(GeneratorTable.WINDOW_BITS).add(BigInteger.valueOf(digits[i]));
        }
        assertThat(value).isEqualTo(k);
    }
}
