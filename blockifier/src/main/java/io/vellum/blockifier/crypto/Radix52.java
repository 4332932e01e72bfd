package io.vellum.blockifier.crypto;

import java.math.BigInteger;

/**
 * Stark-field arithmetic in radix 2^52 with lazy reduction, for Poseidon (whose rounds do many more additions
 * than products) and Pedersen's point formulas.
 *
 * <h2>Why a second representation</h2>
 * In {@link Fp}'s radix 2^64, an addition costs about 35 instructions because Java has no add-with-carry: every
 * carry is recomputed with bit logic, and the sum is reduced at once. Here an element is five signed 64-bit
 * limbs holding 52 bits each (value = Σ limb_i·2^(52i)), so limbs have 11 bits of headroom: sums and small
 * multiples are plain limb-wise additions (5 instructions), and values may exceed p for a while. A product
 * splits each 104-bit limb product at bit 52 and adds the halves into column sums, again without carries, and
 * the headroom also pays for Karatsuba's limb sums, so a product takes 15 limb products instead of 25.
 *
 * <h2>Montgomery form, R = 2^260</h2>
 * Elements are kept as x·2^260 mod p (another R than {@link Fp}'s 2^256, because reduction goes 52 bits at a
 * time). Reduction uses the shape of p = 2^251 + 17·2^192 + 1, whose radix-2^52 limbs are (1, 0, 0, 17·2^36,
 * 2^43): −p^-1 ≡ −1 (mod 2^52), and adding m·p costs shifts and one small multiplication per step.
 *
 * <h2>Bounds (the contract of every routine)</h2>
 * <ul>
 *   <li>Inputs of {@link #mul} and {@link #sqr} have values in [0, 16p) and limbs of magnitude below 2^55
 *       (limbs may be negative; only the value must not). Then a sum of two limbs (Karatsuba, in a product) or
 *       a doubled limb (in a square) is below 2^56 and still fits a {@code long} once shifted left by 6, every
 *       limb product is below 2^112 with a high half below 2^60, each column sum (at most three off-diagonal
 *       terms, each the exact a_i·b_j + a_j·b_i split at bit 52, plus one diagonal product and the reduction
 *       terms) stays below 2^62, and the result (T + M·p)/2^260, with T = a·b &lt; 256p² and M &lt; 2^260, is
 *       below T/2^260 + p &lt; 2p because p &lt; 2^252. Results come back normalised: limbs 0..3 in
 *       [0, 2^52).</li>
 *   <li>{@link #weakReduce} takes any value in [0, 2^256) with limbs below 2^58 in magnitude and returns an
 *       equal value modulo p in (0, 2p] with limbs below 2^53 in magnitude.</li>
 *   <li>{@link #toFelt} takes a value in [0, 16p) and returns the canonical field element;
 *       {@link #isZeroModulo}, {@link #toCanonicalLimbs} and {@link #inverse} take any value in [0, 2^256) with
 *       limbs below 2^58 in magnitude.</li>
 * </ul>
 * Callers (Poseidon, Pedersen) keep every element weakly reduced between steps, which keeps all of the above true; the
 * property tests exercise the routines at the edges of these bounds against {@link BigInteger}.
 */
final class Radix52 {
    static final int LIMBS = 5;
    static final int LIMB_BITS = 52;
    static final long LIMB_MASK = (1L << LIMB_BITS) - 1;

    /** p's limbs in radix 2^52: 1, 0, 0, 17·2^36, 2^43. */
    static final long MODULUS_LIMB_3 = 17L << 36;
    static final long MODULUS_LIMB_4 = 1L << 43;

    private static final long LOW_16_BITS = (1L << 16) - 1;
    private static final long LOW_9_BITS = (1L << 9) - 1;

    /** (2^260)^2 mod p, normalised: a product with it converts into Montgomery form. */
    private static final long[] R_SQUARED = limbsOf(BigInteger.ONE.shiftLeft(2 * 260).mod(Fp.MODULUS));
    /** The plain integer 1: a Montgomery product with it leaves Montgomery form. */
    private static final long[] PLAIN_ONE = {1, 0, 0, 0, 0};
    /** 2^780 mod p, normalised: the factor {@link #inverse} restores. */
    private static final long[] TWO_TO_780 = limbsOf(BigInteger.ONE.shiftLeft(780).mod(Fp.MODULUS));

    private Radix52() {
    }

    /**
     * Montgomery product r = a·b·2^-260 mod p (see the bounds in the class comment); r may alias a or b.
     *
     * <p>15 limb products instead of 25, by the many-term Karatsuba identity
     * a_i·b_j + a_j·b_i = (a_i + a_j)·(b_i + b_j) − a_i·b_i − a_j·b_j: the five diagonal products are computed
     * once and each of the ten off-diagonal pairs costs one product. Limb sums stay below 2^56 in magnitude, so
     * the products stay exact; the extra additions are cheap, while multiplications are what the processor runs
     * out of first (each limb product takes two: its low and high words).
     */
    static void mul(long[] a, int ao, long[] b, int bo, long[] r, int ro) {
        long a0 = a[ao];
        long a1 = a[ao + 1];
        long a2 = a[ao + 2];
        long a3 = a[ao + 3];
        long a4 = a[ao + 4];
        long b0 = b[bo];
        long b1 = b[bo + 1];
        long b2 = b[bo + 2];
        long b3 = b[bo + 3];
        long b4 = b[bo + 4];
        // Each product is high·2^52 + low with low in [0, 2^52); high = ⌊x·y / 2^52⌋ is the high word of
        // (x·2^6)·(y·2^6) (|x·2^6| < 2^62), one multiplyHigh.
        long shiftedA0 = a0 << 6;
        long shiftedA1 = a1 << 6;
        long shiftedA2 = a2 << 6;
        long shiftedA3 = a3 << 6;
        long shiftedA4 = a4 << 6;
        long shiftedB0 = b0 << 6;
        long shiftedB1 = b1 << 6;
        long shiftedB2 = b2 << 6;
        long shiftedB3 = b3 << 6;
        long shiftedB4 = b4 << 6;
        long diagonalLow0 = (a0 * b0) & LIMB_MASK;
        long diagonalHigh0 = Math.multiplyHigh(shiftedA0, shiftedB0);
        long diagonalLow1 = (a1 * b1) & LIMB_MASK;
        long diagonalHigh1 = Math.multiplyHigh(shiftedA1, shiftedB1);
        long diagonalLow2 = (a2 * b2) & LIMB_MASK;
        long diagonalHigh2 = Math.multiplyHigh(shiftedA2, shiftedB2);
        long diagonalLow3 = (a3 * b3) & LIMB_MASK;
        long diagonalHigh3 = Math.multiplyHigh(shiftedA3, shiftedB3);
        long diagonalLow4 = (a4 * b4) & LIMB_MASK;
        long diagonalHigh4 = Math.multiplyHigh(shiftedA4, shiftedB4);
        long pairLow01 = ((a0 + a1) * (b0 + b1)) & LIMB_MASK;
        long pairHigh01 = Math.multiplyHigh(shiftedA0 + shiftedA1, shiftedB0 + shiftedB1);
        long pairLow02 = ((a0 + a2) * (b0 + b2)) & LIMB_MASK;
        long pairHigh02 = Math.multiplyHigh(shiftedA0 + shiftedA2, shiftedB0 + shiftedB2);
        long pairLow03 = ((a0 + a3) * (b0 + b3)) & LIMB_MASK;
        long pairHigh03 = Math.multiplyHigh(shiftedA0 + shiftedA3, shiftedB0 + shiftedB3);
        long pairLow04 = ((a0 + a4) * (b0 + b4)) & LIMB_MASK;
        long pairHigh04 = Math.multiplyHigh(shiftedA0 + shiftedA4, shiftedB0 + shiftedB4);
        long pairLow12 = ((a1 + a2) * (b1 + b2)) & LIMB_MASK;
        long pairHigh12 = Math.multiplyHigh(shiftedA1 + shiftedA2, shiftedB1 + shiftedB2);
        long pairLow13 = ((a1 + a3) * (b1 + b3)) & LIMB_MASK;
        long pairHigh13 = Math.multiplyHigh(shiftedA1 + shiftedA3, shiftedB1 + shiftedB3);
        long pairLow14 = ((a1 + a4) * (b1 + b4)) & LIMB_MASK;
        long pairHigh14 = Math.multiplyHigh(shiftedA1 + shiftedA4, shiftedB1 + shiftedB4);
        long pairLow23 = ((a2 + a3) * (b2 + b3)) & LIMB_MASK;
        long pairHigh23 = Math.multiplyHigh(shiftedA2 + shiftedA3, shiftedB2 + shiftedB3);
        long pairLow24 = ((a2 + a4) * (b2 + b4)) & LIMB_MASK;
        long pairHigh24 = Math.multiplyHigh(shiftedA2 + shiftedA4, shiftedB2 + shiftedB4);
        long pairLow34 = ((a3 + a4) * (b3 + b4)) & LIMB_MASK;
        long pairHigh34 = Math.multiplyHigh(shiftedA3 + shiftedA4, shiftedB3 + shiftedB4);
        long c0 = diagonalLow0;
        long c1 = diagonalHigh0
                + (pairLow01 - diagonalLow0 - diagonalLow1);
        long c2 = diagonalLow1
                + (pairHigh01 - diagonalHigh0 - diagonalHigh1)
                + (pairLow02 - diagonalLow0 - diagonalLow2);
        long c3 = diagonalHigh1
                + (pairHigh02 - diagonalHigh0 - diagonalHigh2)
                + (pairLow03 - diagonalLow0 - diagonalLow3)
                + (pairLow12 - diagonalLow1 - diagonalLow2);
        long c4 = diagonalLow2
                + (pairHigh03 - diagonalHigh0 - diagonalHigh3)
                + (pairLow04 - diagonalLow0 - diagonalLow4)
                + (pairHigh12 - diagonalHigh1 - diagonalHigh2)
                + (pairLow13 - diagonalLow1 - diagonalLow3);
        long c5 = diagonalHigh2
                + (pairHigh04 - diagonalHigh0 - diagonalHigh4)
                + (pairHigh13 - diagonalHigh1 - diagonalHigh3)
                + (pairLow14 - diagonalLow1 - diagonalLow4)
                + (pairLow23 - diagonalLow2 - diagonalLow3);
        long c6 = diagonalLow3
                + (pairHigh14 - diagonalHigh1 - diagonalHigh4)
                + (pairHigh23 - diagonalHigh2 - diagonalHigh3)
                + (pairLow24 - diagonalLow2 - diagonalLow4);
        long c7 = diagonalHigh3
                + (pairHigh24 - diagonalHigh2 - diagonalHigh4)
                + (pairLow34 - diagonalLow3 - diagonalLow4);
        long c8 = diagonalLow4
                + (pairHigh34 - diagonalHigh3 - diagonalHigh4);
        long c9 = diagonalHigh4;
        reduce(c0, c1, c2, c3, c4, c5, c6, c7, c8, c9, r, ro);
    }

    /** Montgomery square r = a·a·2^-260 mod p: 15 limb products instead of 25. r may alias a. */
    static void sqr(long[] a, int ao, long[] r, int ro) {
        long a0 = a[ao];
        long a1 = a[ao + 1];
        long a2 = a[ao + 2];
        long a3 = a[ao + 3];
        long a4 = a[ao + 4];
        // Cross products appear twice: multiply by a doubled limb (below 2^56 in magnitude, 2^62 once shifted).
        long twiceA0 = a0 << 1;
        long twiceA1 = a1 << 1;
        long twiceA2 = a2 << 1;
        long twiceA3 = a3 << 1;
        long shiftedA0 = a0 << 6;
        long shiftedA1 = a1 << 6;
        long shiftedA2 = a2 << 6;
        long shiftedA3 = a3 << 6;
        long shiftedA4 = a4 << 6;
        long shiftedTwiceA0 = a0 << 7;
        long shiftedTwiceA1 = a1 << 7;
        long shiftedTwiceA2 = a2 << 7;
        long shiftedTwiceA3 = a3 << 7;
        long c0 = (a0 * a0) & LIMB_MASK;
        long c1 = Math.multiplyHigh(shiftedA0, shiftedA0);
        c1 += (twiceA0 * a1) & LIMB_MASK;
        long c2 = Math.multiplyHigh(shiftedTwiceA0, shiftedA1);
        c2 += (twiceA0 * a2) & LIMB_MASK;
        long c3 = Math.multiplyHigh(shiftedTwiceA0, shiftedA2);
        c2 += (a1 * a1) & LIMB_MASK;
        c3 += Math.multiplyHigh(shiftedA1, shiftedA1);
        c3 += (twiceA0 * a3) & LIMB_MASK;
        long c4 = Math.multiplyHigh(shiftedTwiceA0, shiftedA3);
        c3 += (twiceA1 * a2) & LIMB_MASK;
        c4 += Math.multiplyHigh(shiftedTwiceA1, shiftedA2);
        c4 += (twiceA0 * a4) & LIMB_MASK;
        long c5 = Math.multiplyHigh(shiftedTwiceA0, shiftedA4);
        c4 += (twiceA1 * a3) & LIMB_MASK;
        c5 += Math.multiplyHigh(shiftedTwiceA1, shiftedA3);
        c4 += (a2 * a2) & LIMB_MASK;
        c5 += Math.multiplyHigh(shiftedA2, shiftedA2);
        c5 += (twiceA1 * a4) & LIMB_MASK;
        long c6 = Math.multiplyHigh(shiftedTwiceA1, shiftedA4);
        c5 += (twiceA2 * a3) & LIMB_MASK;
        c6 += Math.multiplyHigh(shiftedTwiceA2, shiftedA3);
        c6 += (twiceA2 * a4) & LIMB_MASK;
        long c7 = Math.multiplyHigh(shiftedTwiceA2, shiftedA4);
        c6 += (a3 * a3) & LIMB_MASK;
        c7 += Math.multiplyHigh(shiftedA3, shiftedA3);
        c7 += (twiceA3 * a4) & LIMB_MASK;
        long c8 = Math.multiplyHigh(shiftedTwiceA3, shiftedA4);
        c8 += (a4 * a4) & LIMB_MASK;
        long c9 = Math.multiplyHigh(shiftedA4, shiftedA4);
        reduce(c0, c1, c2, c3, c4, c5, c6, c7, c8, c9, r, ro);
    }

    /**
     * Montgomery reduction of the column sums c0..c9 (value T = Σ c_k·2^(52k)): five steps, each choosing
     * m = −c_i mod 2^52 so that c_i + m·p_0 = c_i + m is divisible by 2^52, carrying it up, and adding m·p's
     * two other limbs (17·2^36 at i + 3, 2^43 at i + 4), each split at bit 52 so no column overflows. Writes
     * (T + M·p)/2^260 with normalised limbs.
     */
    private static void reduce(long c0, long c1, long c2, long c3, long c4, long c5, long c6, long c7, long c8,
            long c9, long[] r, int ro) {
        long m;
        long m17;
        m = -c0 & LIMB_MASK;
        c1 += (c0 + m) >> 52;
        m17 = m * 17;
        c3 += (m17 & LOW_16_BITS) << 36;
        c4 += (m17 >>> 16) + ((m & LOW_9_BITS) << 43);
        c5 += m >>> 9;
        m = -c1 & LIMB_MASK;
        c2 += (c1 + m) >> 52;
        m17 = m * 17;
        c4 += (m17 & LOW_16_BITS) << 36;
        c5 += (m17 >>> 16) + ((m & LOW_9_BITS) << 43);
        c6 += m >>> 9;
        m = -c2 & LIMB_MASK;
        c3 += (c2 + m) >> 52;
        m17 = m * 17;
        c5 += (m17 & LOW_16_BITS) << 36;
        c6 += (m17 >>> 16) + ((m & LOW_9_BITS) << 43);
        c7 += m >>> 9;
        m = -c3 & LIMB_MASK;
        c4 += (c3 + m) >> 52;
        m17 = m * 17;
        c6 += (m17 & LOW_16_BITS) << 36;
        c7 += (m17 >>> 16) + ((m & LOW_9_BITS) << 43);
        c8 += m >>> 9;
        m = -c4 & LIMB_MASK;
        c5 += (c4 + m) >> 52;
        m17 = m * 17;
        c7 += (m17 & LOW_16_BITS) << 36;
        c8 += (m17 >>> 16) + ((m & LOW_9_BITS) << 43);
        c9 += m >>> 9;
        c6 += c5 >> 52;
        c7 += c6 >> 52;
        c8 += c7 >> 52;
        c9 += c8 >> 52;
        r[ro] = c5 & LIMB_MASK;
        r[ro + 1] = c6 & LIMB_MASK;
        r[ro + 2] = c7 & LIMB_MASK;
        r[ro + 3] = c8 & LIMB_MASK;
        r[ro + 4] = c9;
    }

    /**
     * Replaces the value at {@code xo} (in [0, 2^256), limbs below 2^58 in magnitude) by an equal one modulo p
     * in (0, 2p]: normalise the limbs, estimate q = ⌊x / 2^251⌋ from the top limb (q·p ≥ x − p·x/2^251, and
     * q ≥ ⌊x/p⌋), and subtract (q − 1)·p.
     */
    static void weakReduce(long[] x, int xo) {
        long x0 = x[xo];
        long x1 = x[xo + 1] + (x0 >> 52);
        long x2 = x[xo + 2] + (x1 >> 52);
        long x3 = x[xo + 3] + (x2 >> 52);
        long x4 = x[xo + 4] + (x3 >> 52);
        long quotientMinusOne = (x4 >> 43) - 1;
        x[xo] = (x0 & LIMB_MASK) - quotientMinusOne;
        x[xo + 1] = x1 & LIMB_MASK;
        x[xo + 2] = x2 & LIMB_MASK;
        x[xo + 3] = (x3 & LIMB_MASK) - quotientMinusOne * MODULUS_LIMB_3;
        x[xo + 4] = x4 - (quotientMinusOne << 43);
    }

    /**
     * Whether the value at {@code xo} (in [0, 2^256), limbs below 2^58 in magnitude) is a multiple of p, that is
     * zero in the field. Weakly reduces a copy to (0, 2p], normalises it, and compares it with p and 2p.
     */
    static boolean isZeroModulo(long[] x, int xo) {
        long x0 = x[xo];
        long x1 = x[xo + 1] + (x0 >> 52);
        long x2 = x[xo + 2] + (x1 >> 52);
        long x3 = x[xo + 3] + (x2 >> 52);
        long x4 = x[xo + 4] + (x3 >> 52);
        long quotientMinusOne = (x4 >> 43) - 1;
        x0 = (x0 & LIMB_MASK) - quotientMinusOne;
        x1 &= LIMB_MASK;
        x2 &= LIMB_MASK;
        x3 = (x3 & LIMB_MASK) - quotientMinusOne * MODULUS_LIMB_3;
        x4 -= quotientMinusOne << 43;
        // Now in (0, 2p]; normalise so that the representation is unique.
        x1 += x0 >> 52;
        x2 += x1 >> 52;
        x3 += x2 >> 52;
        x4 += x3 >> 52;
        x0 &= LIMB_MASK;
        x1 &= LIMB_MASK;
        x2 &= LIMB_MASK;
        x3 &= LIMB_MASK;
        if ((x1 | x2) != 0) {
            return false;
        }
        return (x0 == 1 && x3 == MODULUS_LIMB_3 && x4 == MODULUS_LIMB_4)
                || (x0 == 2 && x3 == 2 * MODULUS_LIMB_3 && x4 == 2 * MODULUS_LIMB_4);
    }

    /**
     * r = a^-1 in Montgomery form (a·2^260 ↦ a^-1·2^260), for a value in [0, 2^256) with limbs below 2^58;
     * zero gives zero. Safegcd ({@link FieldInverse#inverseOfLimbs}) on the canonical value V = a·2^260 mod p
     * gives V^-1 = a^-1·2^-260; one product with 2^780 mod p restores the factor.
     */
    static void inverse(long[] a, int ao, long[] r, int ro) {
        long[] canonical = new long[4];
        toCanonicalLimbs(a, ao, canonical);
        FieldInverse.inverseOfLimbs(canonical, 0, canonical, 0);
        long l0 = canonical[0];
        long l1 = canonical[1];
        long l2 = canonical[2];
        long l3 = canonical[3];
        r[ro] = l0 & LIMB_MASK;
        r[ro + 1] = ((l0 >>> 52) | (l1 << 12)) & LIMB_MASK;
        r[ro + 2] = ((l1 >>> 40) | (l2 << 24)) & LIMB_MASK;
        r[ro + 3] = ((l2 >>> 28) | (l3 << 36)) & LIMB_MASK;
        r[ro + 4] = l3 >>> 16;
        mul(r, ro, TWO_TO_780, 0, r, ro);
    }

    /**
     * The value at {@code xo} (in [0, 2^256), limbs below 2^58 in magnitude) reduced into [0, p), as four
     * little-endian 64-bit limbs. No Montgomery conversion: the limbs hold the same residue.
     */
    static void toCanonicalLimbs(long[] x, int xo, long[] out) {
        long x0 = x[xo];
        long x1 = x[xo + 1] + (x0 >> 52);
        long x2 = x[xo + 2] + (x1 >> 52);
        long x3 = x[xo + 3] + (x2 >> 52);
        long x4 = x[xo + 4] + (x3 >> 52);
        long quotientMinusOne = (x4 >> 43) - 1;
        x0 = (x0 & LIMB_MASK) - quotientMinusOne;
        x1 &= LIMB_MASK;
        x2 &= LIMB_MASK;
        x3 = (x3 & LIMB_MASK) - quotientMinusOne * MODULUS_LIMB_3;
        x4 -= quotientMinusOne << 43;
        // Now in (0, 2p]: subtract p (limbs 1, 0, 0, 17·2^36, 2^43) and keep the difference if it is not negative.
        for (int round = 0; round < 2; round++) {
            long d0 = x0 - 1;
            long d1 = x1 + (d0 >> 52);
            long d2 = x2 + (d1 >> 52);
            long d3 = x3 - MODULUS_LIMB_3 + (d2 >> 52);
            long d4 = x4 - MODULUS_LIMB_4 + (d3 >> 52);
            if (d4 >= 0) {
                x0 = d0 & LIMB_MASK;
                x1 = d1 & LIMB_MASK;
                x2 = d2 & LIMB_MASK;
                x3 = d3 & LIMB_MASK;
                x4 = d4;
            } else {
                long n1 = x1 + (x0 >> 52);
                long n2 = x2 + (n1 >> 52);
                long n3 = x3 + (n2 >> 52);
                x4 += n3 >> 52;
                x0 &= LIMB_MASK;
                x1 = n1 & LIMB_MASK;
                x2 = n2 & LIMB_MASK;
                x3 = n3 & LIMB_MASK;
                break;
            }
        }
        out[0] = x0 | (x1 << 52);
        out[1] = (x1 >>> 12) | (x2 << 40);
        out[2] = (x2 >>> 24) | (x3 << 28);
        out[3] = (x3 >>> 36) | (x4 << 16);
    }

    /** Writes the Montgomery form (x·2^260 mod p, below 2p) of a canonical felt. */
    static void fromFelt(Felt value, long[] r, int ro) {
        long l0 = value.l0;
        long l1 = value.l1;
        long l2 = value.l2;
        long l3 = value.l3;
        r[ro] = l0 & LIMB_MASK;
        r[ro + 1] = ((l0 >>> 52) | (l1 << 12)) & LIMB_MASK;
        r[ro + 2] = ((l1 >>> 40) | (l2 << 24)) & LIMB_MASK;
        r[ro + 3] = ((l2 >>> 28) | (l3 << 36)) & LIMB_MASK;
        r[ro + 4] = l3 >>> 16;
        mul(r, ro, R_SQUARED, 0, r, ro);
    }

    /** The canonical felt of a Montgomery value in [0, 16p). */
    static Felt toFelt(long[] x, int xo) {
        long[] plain = new long[LIMBS];
        // (x·1 + M·p)/2^260 < 16p/2^260 + p, so the plain value is at most p: one conditional subtraction.
        mul(x, xo, PLAIN_ONE, 0, plain, 0);
        long l0 = plain[0] | (plain[1] << 52);
        long l1 = (plain[1] >>> 12) | (plain[2] << 40);
        long l2 = (plain[2] >>> 24) | (plain[3] << 28);
        long l3 = (plain[3] >>> 36) | (plain[4] << 16);
        if (l0 == Fp.P0 && l1 == Fp.P1 && l2 == Fp.P2 && l3 == Fp.P3) {
            return Felt.ZERO;
        }
        return new Felt(l0, l1, l2, l3);
    }

    /** The normalised radix-2^52 limbs of a non-negative value below 2^260. */
    static long[] limbsOf(BigInteger value) {
        long[] limbs = new long[LIMBS];
        for (int i = 0; i < LIMBS; i++) {
            limbs[i] = value.shiftRight(LIMB_BITS * i).longValue() & LIMB_MASK;
        }
        return limbs;
    }

    /** The (possibly non-canonical, possibly negative) value of radix-2^52 limbs. */
    static BigInteger toBigInteger(long[] x, int xo) {
        BigInteger value = BigInteger.ZERO;
        for (int i = LIMBS - 1; i >= 0; i--) {
            value = value.shiftLeft(LIMB_BITS).add(BigInteger.valueOf(x[xo + i]));
        }
        return value;
    }

    /** The Montgomery form (x·2^260 mod p, canonical, normalised limbs) of a value, for constants. */
    static long[] montgomeryOf(BigInteger value) {
        return limbsOf(value.mod(Fp.MODULUS).shiftLeft(260).mod(Fp.MODULUS));
    }
}
