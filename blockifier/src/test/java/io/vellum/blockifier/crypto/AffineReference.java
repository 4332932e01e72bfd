package io.vellum.blockifier.crypto;

import java.math.BigInteger;

/**
 * A slow, obviously-correct reference for short Weierstrass curves y^2 = x^3 + a·x + b over the Stark field:
 * affine textbook formulas on {@link BigInteger}, with inverses from {@link BigInteger#modInverse}. It shares no
 * code with the production arithmetic (no {@link Fp}, no Montgomery form), so the two can check each other.
 */
final class AffineReference {
    static final BigInteger P = Felt.MODULUS;
    static final BigInteger N = new BigInteger("800000000000010ffffffffffffffffb781126dcae7b2321e66a241adc64d2f", 16);
    static final BigInteger BETA =
            new BigInteger("6f21413efbe40de150e596d72f7a8c5609ad26c15c915c1f4cdfcb99cee9e89", 16);
    static final Point G = new Point(
            new BigInteger("1ef15c18599971b7beced415a40f0c7deacfd9b0d1819e03d723d8bc943cfca", 16),
            new BigInteger("5668060aa49730b7be4801df46ec62de53ecd11abe43a32873000c36e8dc1f", 16));
    /** The Stark curve. */
    static final AffineReference STARK = new AffineReference(BigInteger.ONE, BETA);

    /** An affine point; {@link #INFINITY} is the neutral element. */
    record Point(BigInteger x, BigInteger y) {
        boolean isInfinity() {
            return x == null;
        }

        Point negate() {
            return isInfinity() ? this : new Point(x, y.negate().mod(P));
        }
    }

    static final Point INFINITY = new Point(null, null);

    final BigInteger a;
    final BigInteger b;

    AffineReference(BigInteger a, BigInteger b) {
        this.a = a.mod(P);
        this.b = b.mod(P);
    }

    boolean isOnCurve(Point point) {
        if (point.isInfinity()) {
            return true;
        }
        BigInteger x = point.x();
        return point.y().pow(2).mod(P).equals(x.pow(3).add(a.multiply(x)).add(b).mod(P));
    }

    Point add(Point p, Point q) {
        if (p.isInfinity()) {
            return q;
        }
        if (q.isInfinity()) {
            return p;
        }
        BigInteger slope;
        if (p.x().equals(q.x())) {
            if (p.y().add(q.y()).mod(P).signum() == 0) {
                return INFINITY;
            }
            slope = p.x().pow(2).multiply(BigInteger.valueOf(3)).add(a)
                    .multiply(p.y().shiftLeft(1).modInverse(P)).mod(P);
        } else {
            slope = q.y().subtract(p.y()).multiply(q.x().subtract(p.x()).modInverse(P)).mod(P);
        }
        BigInteger x = slope.pow(2).subtract(p.x()).subtract(q.x()).mod(P);
        BigInteger y = slope.multiply(p.x().subtract(x)).subtract(p.y()).mod(P);
        return new Point(x, y);
    }

    /** k·p by double-and-add, for any integer k (negative k multiplies −p). */
    Point multiply(BigInteger k, Point p) {
        if (k.signum() < 0) {
            return multiply(k.negate(), p.negate());
        }
        Point result = INFINITY;
        for (int bit = k.bitLength() - 1; bit >= 0; bit--) {
            result = add(result, result);
            if (k.testBit(bit)) {
                result = add(result, p);
            }
        }
        return result;
    }

    // ---------------------------------------------------------------------------------------------------
    // Conversions to and from the production buffers (Montgomery limbs).

    /** Writes an affine point (x, y) in Montgomery form at an offset. */
    static void writeAffine(Point point, long[] buffer, int offset) {
        Felt.fromBigInteger(point.x()).writeMontgomery(buffer, offset);
        Felt.fromBigInteger(point.y()).writeMontgomery(buffer, offset + 4);
    }

    /** Writes a point as Jacobian (X, Y, Z) = (x·z^2, y·z^3, z) for a chosen non-zero z, or infinity. */
    static void writeJacobian(Point point, BigInteger z, long[] buffer, int offset) {
        if (point.isInfinity()) {
            Felt.ONE.writeMontgomery(buffer, offset);
            Felt.ONE.writeMontgomery(buffer, offset + 4);
            Felt.ZERO.writeMontgomery(buffer, offset + 8);
            return;
        }
        Felt.fromBigInteger(point.x().multiply(z.pow(2)).mod(P)).writeMontgomery(buffer, offset);
        Felt.fromBigInteger(point.y().multiply(z.pow(3)).mod(P)).writeMontgomery(buffer, offset + 4);
        Felt.fromBigInteger(z.mod(P)).writeMontgomery(buffer, offset + 8);
    }

    /** Reads a Jacobian point (Montgomery limbs) back as affine, dividing with BigInteger. */
    static Point readJacobian(long[] buffer, int offset) {
        BigInteger x = value(buffer, offset);
        BigInteger y = value(buffer, offset + 4);
        BigInteger z = value(buffer, offset + 8);
        if (z.signum() == 0) {
            return INFINITY;
        }
        BigInteger zInverse = z.modInverse(P);
        return new Point(x.multiply(zInverse.pow(2)).mod(P), y.multiply(zInverse.pow(3)).mod(P));
    }

    /** Reads an affine point (Montgomery limbs). */
    static Point readAffine(long[] buffer, int offset) {
        return new Point(value(buffer, offset), value(buffer, offset + 4));
    }

    /** The canonical value of a Montgomery element. */
    static BigInteger value(long[] buffer, int offset) {
        return Felt.fromMontgomery(buffer, offset).toBigInteger();
    }
}
