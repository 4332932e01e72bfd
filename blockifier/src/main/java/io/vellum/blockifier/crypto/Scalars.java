package io.vellum.blockifier.crypto;

import java.math.BigInteger;

/**
 * Scalars of the Stark curve's group: arithmetic modulo its order n, and the digit recodings that scalar
 * multiplication walks.
 *
 * <h2>Why {@link BigInteger} for arithmetic mod n</h2>
 * A signature costs a handful of operations mod n (one inversion, two or three products) against about 3,500
 * field products for the point arithmetic. {@code BigInteger.modInverse} on 252-bit values takes a couple of
 * microseconds and a product with reduction well under one, a few percent of a verification (see
 * {@code EcdsaBenchmark}), so a dedicated Montgomery-mod-n class would add code and risk for little gain.
 * Scalars cross into the limb world once, through {@link #limbs}.
 */
final class Scalars {
    /** The group order n. */
    static final BigInteger ORDER = StarkCurve.ORDER;
    /** 2^251: message hashes, r and s^-1 must be below it (cairo-lang's N_ELEMENT_BITS_ECDSA = 251). */
    static final BigInteger ELEMENT_BOUND = BigInteger.ONE.shiftLeft(251);

    private Scalars() {
    }

    /** Whether 1 ≤ value &lt; n. */
    static boolean isNonZeroBelowOrder(BigInteger value) {
        return value.signum() > 0 && value.compareTo(ORDER) < 0;
    }

    /** Whether 1 ≤ value &lt; 2^251. */
    static boolean isNonZeroBelowElementBound(BigInteger value) {
        return value.signum() > 0 && value.bitLength() <= 251;
    }

    /** n as four limbs. */
    private static final long[] ORDER_LIMBS = Fp.limbsOf(ORDER);
    /** Each step of the inversion halves u or v at least once: 2 × 252 halvings and as many subtractions. */
    private static final int INVERSE_STEPS_MAX = 4 * 256;

    /**
     * a^-1 mod n for 1 ≤ a &lt; n, by the binary extended Euclidean algorithm on four-limb values, keeping
     * x1·a ≡ u and x2·a ≡ v (mod n) while u and v shrink to 1. Variable time. About five times faster than
     * {@link BigInteger#modInverse} on these sizes, which matters because verification needs one per signature.
     */
    static BigInteger inverse(BigInteger a) {
        if (!isNonZeroBelowOrder(a)) {
            throw new AssertionError("no inverse mod n for " + a);
        }
        long[] u = limbs(a);
        long[] v = ORDER_LIMBS.clone();
        long[] x1 = {1, 0, 0, 0};
        long[] x2 = new long[4];
        int steps = 0;
        while (!isOne(u) && !isOne(v)) {
            if (++steps > INVERSE_STEPS_MAX) {
                throw new AssertionError("binary inversion did not converge for " + a);
            }
            while ((u[0] & 1) == 0) {
                shiftRightOne(u);
                halveModOrder(x1);
            }
            while ((v[0] & 1) == 0) {
                shiftRightOne(v);
                halveModOrder(x2);
            }
            if (compare(u, v) >= 0) {
                subtract(u, v);
                subtractModOrder(x1, x2);
            } else {
                subtract(v, u);
                subtractModOrder(x2, x1);
            }
        }
        return Fp.toBigInteger(isOne(u) ? x1 : x2, 0);
    }

    private static boolean isOne(long[] x) {
        return x[0] == 1 && (x[1] | x[2] | x[3]) == 0;
    }

    private static void shiftRightOne(long[] x) {
        x[0] = (x[0] >>> 1) | (x[1] << 63);
        x[1] = (x[1] >>> 1) | (x[2] << 63);
        x[2] = (x[2] >>> 1) | (x[3] << 63);
        x[3] = x[3] >>> 1;
    }

    /** x ← x/2 mod n for x &lt; n: x + n is even when x is odd, and below 2^253, so it fits four limbs. */
    private static void halveModOrder(long[] x) {
        if ((x[0] & 1) != 0) {
            add(x, ORDER_LIMBS);
        }
        shiftRightOne(x);
    }

    /** x ← x − y mod n for x, y &lt; n. */
    private static void subtractModOrder(long[] x, long[] y) {
        if (subtract(x, y)) {
            add(x, ORDER_LIMBS);
        }
    }

    private static int compare(long[] x, long[] y) {
        for (int i = 3; i >= 0; i--) {
            int c = Long.compareUnsigned(x[i], y[i]);
            if (c != 0) {
                return c;
            }
        }
        return 0;
    }

    /** x ← x − y mod 2^256; returns whether it borrowed (x was below y). */
    private static boolean subtract(long[] x, long[] y) {
        long borrow = 0;
        for (int i = 0; i < 4; i++) {
            long xi = x[i];
            long yi = y[i];
            long d = xi - yi - borrow;
            borrow = (Long.compareUnsigned(xi, yi) < 0 || (xi == yi && borrow != 0)) ? 1 : 0;
            x[i] = d;
        }
        return borrow != 0;
    }

    /** x ← x + y mod 2^256. */
    private static void add(long[] x, long[] y) {
        long carry = 0;
        for (int i = 0; i < 4; i++) {
            long xi = x[i];
            long sum = xi + y[i] + carry;
            carry = (Long.compareUnsigned(sum, xi) < 0 || (sum == xi && carry != 0)) ? 1 : 0;
            x[i] = sum;
        }
    }

    /** The four little-endian 64-bit limbs of a non-negative value below 2^256. */
    static long[] limbs(BigInteger value) {
        if (value.signum() < 0 || value.bitLength() > 256) {
            throw new AssertionError("scalar out of the 256-bit range: " + value);
        }
        return Fp.limbsOf(value);
    }

    /** The {@code width} bits of a 256-bit scalar starting at bit {@code position} (bits above 255 are zero). */
    static int window(long[] scalar, int position, int width) {
        int limb = position >>> 6;
        int shift = position & 63;
        if (limb >= 4) {
            return 0;
        }
        long bits = scalar[limb] >>> shift;
        if (shift + width > 64 && limb < 3) {
            bits |= scalar[limb + 1] << (64 - shift);
        }
        return (int) (bits & ((1L << width) - 1));
    }

    /**
     * Signed radix-2^width digits of a scalar below 2^252: {@code windows} digits d_i in
     * [−2^(width−1) + 1, 2^(width−1)] with scalar = Σ d_i·2^(width·i). Used by the fixed-base table, which holds
     * the multiples 1..2^(width−1) of each window's base.
     */
    static int[] signedRadixDigits(long[] scalar, int width, int windows) {
        int[] digits = new int[windows];
        int half = 1 << (width - 1);
        int carry = 0;
        for (int i = 0; i < windows; i++) {
            int value = window(scalar, width * i, width) + carry;
            if (value > half) {
                value -= 1 << width;
                carry = 1;
            } else {
                carry = 0;
            }
            digits[i] = value;
        }
        if (carry != 0 || width * windows < 256 && window(scalar, width * windows, 256 - width * windows) != 0) {
            throw new AssertionError("scalar does not fit " + windows + " signed digits of " + width + " bits");
        }
        return digits;
    }

    /**
     * The width-w non-adjacent form of a 256-bit scalar: 257 digits d_i, each zero or odd with
     * |d_i| &lt; 2^(w−1), any w consecutive digits holding at most one non-zero digit, and
     * scalar = Σ d_i·2^i. Used with precomputed odd multiples 1, 3, …, 2^(w−1) − 1 of the base.
     */
    static int[] nonAdjacentForm(long[] scalar, int width) {
        int[] digits = new int[257];
        int full = 1 << width;
        int half = full >>> 1;
        int carry = 0;
        int position = 0;
        while (position < 257) {
            int bit = window(scalar, position, 1);
            if (bit == carry) {
                // The running value is even here: the digit is zero and the carry passes on.
                position++;
                continue;
            }
            int value = window(scalar, position, width) + carry;
            if (value >= half) {
                value -= full;
                carry = 1;
            } else {
                carry = 0;
            }
            digits[position] = value;
            position += width;
        }
        if (carry != 0) {
            throw new AssertionError("non-adjacent form overflowed 257 digits");
        }
        return digits;
    }
}
