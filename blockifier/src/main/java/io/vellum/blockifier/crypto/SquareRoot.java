package io.vellum.blockifier.crypto;

import java.math.BigInteger;

/**
 * Square roots in the Stark field by Tonelli–Shanks, on Montgomery limbs.
 *
 * <p>p - 1 = 2^192 · q with q = 2^59 + 17, so the 2-Sylow subgroup is large and the loop can take many
 * squarings; 3 generates the multiplicative group, so it is a non-residue and z = 3^q generates that subgroup.
 */
final class SquareRoot {
    private static final int TWO_ADICITY = 192;
    private static final BigInteger Q = Fp.MODULUS.subtract(BigInteger.ONE).shiftRight(TWO_ADICITY);
    private static final BigInteger Q_PLUS_ONE_HALF = Q.add(BigInteger.ONE).shiftRight(1);
    /** 3^q in Montgomery form: a generator of the 2^192-torsion. */
    private static final long[] ROOT_OF_UNITY = new long[4];

    static {
        BigInteger three = BigInteger.valueOf(3);
        if (!three.modPow(Fp.MODULUS.subtract(BigInteger.ONE).shiftRight(1), Fp.MODULUS)
                .equals(Fp.MODULUS.subtract(BigInteger.ONE))) {
            throw new AssertionError("3 must be a quadratic non-residue mod p");
        }
        long[] limbs = Fp.limbsOf(three.modPow(Q, Fp.MODULUS));
        Fp.toMontgomery(limbs, 0, ROOT_OF_UNITY, 0);
    }

    private SquareRoot() {
    }

    /**
     * Whether the Montgomery element a is a square (zero counts as one), by Euler's criterion:
     * a^((p−1)/2) = 1. (p − 1)/2 = 2^191·(2^59 + 17), so this is 254 squarings and two products.
     */
    static boolean isSquare(long[] a, int ao) {
        if (Fp.isZero(a, ao)) {
            return true;
        }
        long[] t = new long[12];
        final int power = 0;
        final int seventeenth = 4;
        Fp.copy(a, ao, t, power);
        for (int i = 0; i < 4; i++) {
            Fp.square(t, power, t, power);
        }
        Fp.mul(t, power, a, ao, t, seventeenth);
        for (int i = 4; i < 59; i++) {
            Fp.square(t, power, t, power);
        }
        // a^(2^59 + 17), then 191 squarings.
        Fp.mul(t, power, t, seventeenth, t, power);
        for (int i = 0; i < 191; i++) {
            Fp.square(t, power, t, power);
        }
        return Fp.equal(t, power, Fp.ONE_MONTGOMERY, 0);
    }

    /**
     * Writes a square root of the non-zero Montgomery element a into r and returns true, or returns false if a
     * is not a square. r must not alias a.
     */
    static boolean sqrt(long[] a, int ao, long[] r, int ro) {
        long[] x = new long[4];
        long[] t = new long[4];
        long[] c = ROOT_OF_UNITY.clone();
        long[] b = new long[4];
        long[] probe = new long[4];
        Fp.pow(a, ao, Q_PLUS_ONE_HALF, x, 0);
        Fp.pow(a, ao, Q, t, 0);
        int m = TWO_ADICITY;
        while (!Fp.equal(t, 0, Fp.ONE_MONTGOMERY, 0)) {
            // Least i with t^(2^i) = 1.
            Fp.copy(t, 0, probe, 0);
            int i = 0;
            while (!Fp.equal(probe, 0, Fp.ONE_MONTGOMERY, 0)) {
                Fp.sqr(probe, 0, probe, 0);
                i++;
                if (i == m) {
                    return false;
                }
            }
            // b = c^(2^(m - i - 1)).
            Fp.copy(c, 0, b, 0);
            for (int k = 0; k < m - i - 1; k++) {
                Fp.sqr(b, 0, b, 0);
            }
            m = i;
            Fp.sqr(b, 0, c, 0);
            Fp.mul(t, 0, c, 0, t, 0);
            Fp.mul(x, 0, b, 0, x, 0);
        }
        Fp.copy(x, 0, r, ro);
        return true;
    }
}
