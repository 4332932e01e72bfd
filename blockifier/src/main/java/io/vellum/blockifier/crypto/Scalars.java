package io.vellum.blockifier.crypto;

import java.math.BigInteger;

/**
 * Scalars of the Stark curve's group: arithmetic modulo its order n, and the digit recodings that scalar
 * multiplication walks.
 *
 * <h2>Why {@link BigInteger} for products mod n</h2>
 * A signature costs a handful of operations mod n (an inversion or two, two or three products) against about
 * 3,500 field products for the point arithmetic. A product with reduction by {@code BigInteger} takes well under
 * a microsecond, a fraction of a percent of a verification, so a dedicated Montgomery-mod-n class would add code
 * and risk for nothing. The inversion is the exception: {@code BigInteger.modInverse} took about 14 µs, so it has
 * its own limb-based algorithm ({@link ScalarInverse}). Scalars cross into the limb world through {@link #limbs}.
 */
final class Scalars {
    /** The group order n. */
    static final BigInteger ORDER = StarkCurve.ORDER;

    private Scalars() {
    }

    /** Whether 1 ≤ value &lt; n. */
    static boolean isNonZeroBelowOrder(BigInteger value) {
        return value.signum() > 0 && value.compareTo(ORDER) < 0;
    }

    /** Whether 1 ≤ value &lt; 2^251, the bound of message hashes, r and s^-1 (cairo-lang's N_ELEMENT_BITS_ECDSA). */
    static boolean isNonZeroBelowElementBound(BigInteger value) {
        return value.signum() > 0 && value.bitLength() <= 251;
    }

    /** The four little-endian 64-bit limbs of a non-negative value below 2^256. */
    static long[] limbs(BigInteger value) {
        if (value.signum() < 0 || value.bitLength() > 256) {
            throw new AssertionError("scalar out of the 256-bit range: " + value);
        }
        return Fp.limbsOf(value);
    }

    /**
     * The non-negative value of four little-endian limbs, through bytes: {@link Fp#toBigInteger} goes through
     * decimal strings and costs microseconds.
     */
    static BigInteger toBigInteger(long[] limbs) {
        byte[] bigEndian = new byte[32];
        for (int i = 0; i < 4; i++) {
            long limb = limbs[3 - i];
            for (int j = 0; j < 8; j++) {
                bigEndian[8 * i + j] = (byte) (limb >>> (56 - 8 * j));
            }
        }
        return new BigInteger(1, bigEndian);
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
     * [−2^(width−1) + 1, 2^(width−1)] with scalar = Σ d_i·2^(width·i). Used by the fixed-base table, which
     * holds the multiples 1..2^(width−1) of each window's base.
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
