package io.vellum.blockifier.crypto;

import java.math.BigInteger;

/**
 * Square roots and quadratic residuosity in the Stark field, on Montgomery limbs.
 *
 * <h2>Why not plain Tonelli–Shanks</h2>
 * p − 1 = 2^192·q with q = 2^59 + 17 odd. Tonelli–Shanks spends its time on the 2-Sylow subgroup, of order
 * 2^192 here, with a loop of up to 192 rounds of up to 192 squarings each: about a millisecond per root. This
 * class keeps its first step and replaces the loop by a table-driven discrete logarithm.
 *
 * <h2>Algorithm</h2>
 * With v = a^((q−1)/2), x = a·v = a^((q+1)/2) and t = x·v = a^q, t lies in the subgroup of order 2^192, which
 * g = 3^q generates (3 is a non-residue, so g has full order). Write t = g^e. Then a is a square exactly when e
 * is even, and then x·g^(−e/2) is a root, since its square is a^(q+1)·t^-1 = a.
 *
 * <p>e is found {@value #WINDOW_BITS} bits at a time, low digits first (Pohlig–Hellman): with the chain
 * t_j = t^(2^(6j)) (186 squarings in all), t_(31−i) times g^(−(known low digits)·2^(6(31−i))) is
 * g^(d_i·2^186), an element of order dividing 2^6, whose exponent d_i is read from a table of the 64 such
 * elements. The correction factors come from a table of g^(−j·2^(6m)) for every window m and digit j
 * (32 × 64 field elements, 64 KiB, built once on first use). In all, about 250 squarings and 520 products
 * (tens of microseconds) instead of tens of thousands of squarings; a non-residue is recognised after the first
 * digit.
 *
 * <p>{@link #isSquare} uses Euler's criterion instead, which needs no table: 254 squarings.
 */
final class SquareRoot {
    private static final int TWO_ADICITY = 192;
    private static final int WINDOW_BITS = 6;
    private static final int WINDOWS = TWO_ADICITY / WINDOW_BITS;
    private static final int DIGITS = 1 << WINDOW_BITS;
    private static final BigInteger Q = Fp.MODULUS.subtract(BigInteger.ONE).shiftRight(TWO_ADICITY);

    private SquareRoot() {
    }

    /** The precomputed tables, built when a square root is first needed. */
    private static final class Tables {
        /** Entry (m, j) at 4·(64·m + j): g^(−j·2^(6m)), Montgomery form. */
        static final long[] CORRECTIONS = new long[WINDOWS * DIGITS * 4];
        /** Entry j at 4·j: g^(j·2^186), the elements of order dividing 2^6. */
        static final long[] SMALL_ORDER = new long[DIGITS * 4];

        static {
            BigInteger three = BigInteger.valueOf(3);
            if (!three.modPow(Fp.MODULUS.shiftRight(1), Fp.MODULUS).equals(Fp.MODULUS.subtract(BigInteger.ONE))) {
                throw new AssertionError("3 must be a quadratic non-residue mod p");
            }
            BigInteger g = three.modPow(Q, Fp.MODULUS);
            long[] base = new long[4];
            Fp.toMontgomery(Fp.limbsOf(g.modInverse(Fp.MODULUS)), 0, base, 0);
            for (int m = 0; m < WINDOWS; m++) {
                // base = g^(−2^(6m)); the row holds its powers 0..63.
                fillPowers(base, CORRECTIONS, m * DIGITS * 4);
                for (int i = 0; i < WINDOW_BITS; i++) {
                    Fp.sqr(base, 0, base, 0);
                }
            }
            long[] smallOrderGenerator = new long[4];
            Fp.toMontgomery(Fp.limbsOf(g.modPow(BigInteger.ONE.shiftLeft(TWO_ADICITY - WINDOW_BITS), Fp.MODULUS)), 0,
                    smallOrderGenerator, 0);
            fillPowers(smallOrderGenerator, SMALL_ORDER, 0);
        }

        private static void fillPowers(long[] base, long[] table, int offset) {
            Fp.copy(Fp.ONE_MONTGOMERY, 0, table, offset);
            for (int j = 1; j < DIGITS; j++) {
                Fp.mul(table, offset + 4 * (j - 1), base, 0, table, offset + 4 * j);
            }
        }
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
            Fp.sqr(t, power, t, power);
        }
        Fp.mul(t, power, a, ao, t, seventeenth);
        for (int i = 4; i < 59; i++) {
            Fp.sqr(t, power, t, power);
        }
        // a^(2^59 + 17), then 191 squarings.
        Fp.mul(t, power, t, seventeenth, t, power);
        for (int i = 0; i < 191; i++) {
            Fp.sqr(t, power, t, power);
        }
        return Fp.equal(t, power, Fp.ONE_MONTGOMERY, 0);
    }

    /**
     * Writes a square root of the non-zero Montgomery element a into r and returns true, or returns false if a
     * is not a square. Which of the two roots is unspecified. r must not alias a.
     */
    static boolean sqrt(long[] a, int ao, long[] r, int ro) {
        long[] corrections = Tables.CORRECTIONS;
        // v = a^((q−1)/2) with (q − 1)/2 = 2^58 + 8; x = a·v; t = x·v = a^q.
        long[] v = new long[4];
        long[] eighth = new long[4];
        Fp.copy(a, ao, v, 0);
        for (int i = 0; i < 3; i++) {
            Fp.sqr(v, 0, v, 0);
        }
        Fp.copy(v, 0, eighth, 0);
        for (int i = 3; i < 58; i++) {
            Fp.sqr(v, 0, v, 0);
        }
        Fp.mul(v, 0, eighth, 0, v, 0);
        long[] x = new long[4];
        Fp.mul(a, ao, v, 0, x, 0);
        // powers[j] = t^(2^(6j)).
        long[] powers = new long[WINDOWS * 4];
        Fp.mul(x, 0, v, 0, powers, 0);
        for (int j = 1; j < WINDOWS; j++) {
            Fp.sqr(powers, 4 * (j - 1), powers, 4 * j);
            for (int i = 1; i < WINDOW_BITS; i++) {
                Fp.sqr(powers, 4 * j, powers, 4 * j);
            }
        }
        // The digits of e (t = g^e), low first.
        int[] digits = new int[WINDOWS + 1];
        long[] u = new long[4];
        for (int i = 0; i < WINDOWS; i++) {
            Fp.copy(powers, 4 * (WINDOWS - 1 - i), u, 0);
            for (int k = 0; k < i; k++) {
                if (digits[k] != 0) {
                    Fp.mul(u, 0, corrections, 4 * ((k + WINDOWS - 1 - i) * DIGITS + digits[k]), u, 0);
                }
            }
            int digit = smallOrderLogarithm(u);
            if (i == 0 && (digit & 1) != 0) {
                return false; // e is odd: a is not a square
            }
            digits[i] = digit;
        }
        // r = x·g^(−e/2): the digits of e/2 straddle two digits of e.
        Fp.copy(x, 0, r, ro);
        for (int m = 0; m < WINDOWS; m++) {
            int half = (digits[m] >>> 1) | ((digits[m + 1] & 1) << (WINDOW_BITS - 1));
            if (half != 0) {
                Fp.mul(r, ro, corrections, 4 * (m * DIGITS + half), r, ro);
            }
        }
        return true;
    }

    /** The j with u = g^(j·2^186), for u of order dividing 2^6. */
    private static int smallOrderLogarithm(long[] u) {
        long[] table = Tables.SMALL_ORDER;
        for (int j = 0; j < DIGITS; j++) {
            if (Fp.equal(table, 4 * j, u, 0)) {
                return j;
            }
        }
        throw new AssertionError("element is not in the subgroup of order 2^" + WINDOW_BITS);
    }
}
