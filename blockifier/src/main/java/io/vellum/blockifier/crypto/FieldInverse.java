package io.vellum.blockifier.crypto;

import java.math.BigInteger;

/**
 * Inversion in the Stark field by Bernstein–Yang "safegcd" divsteps (D. J. Bernstein, B.-Y. Yang, <i>Fast
 * constant-time gcd computation and modular inversion</i>, TCHES 2019), in the batched, variable-time form that
 * libsecp256k1 popularised: about 9 batches of 62 divsteps on 64-bit words instead of Fermat's ~450 Montgomery
 * products.
 *
 * <h2>How it works</h2>
 * A divstep maps (δ, f, g), f odd, to (1 − δ, g, (g − f)/2) if δ &gt; 0 and g is odd, to (1 + δ, f, (g + f)/2) if
 * g is odd otherwise, and to (1 + δ, f, g/2) if g is even. From (1, p, x), g reaches 0 and then f = ±gcd = ±1.
 * The first 62 divsteps depend only on the low 62 bits of f and g, so they are run on single 64-bit words
 * while recording their effect as a 2×2 integer matrix T = [[u, v], [q, r]] with
 * 2^62·(f', g') = T·(f, g) (entries bounded by 2^62); then T is applied once to the full numbers. Alongside,
 * d and e with d·x ≡ f and e·x ≡ g (mod p) start at (0, 1) and get the same matrix, with the division by 2^62
 * made exact by adding a multiple of p: since p ≡ 1 (mod 2^62), that multiple is simply
 * −(u·d + v·e) mod 2^62. When g = 0, x^-1 = ±d.
 *
 * <h2>Representation and bounds</h2>
 * Numbers are held in five signed 62-bit limbs (value = Σ limb_i·2^(62i); limbs 0..3 in [0, 2^62), the top limb
 * signed), so matrix products fit a 128-bit accumulator made of two {@code long}s. Because |u| + |v| ≤ 2^62,
 * each batch grows |d| and |e| by less than p, so after at most 12 batches they stay below 13p and need no
 * reduction until the end. Bernstein–Yang's bound (Theorem 11.2: ⌊(49·252 + 57)/17⌋ = 729 divsteps for
 * 252-bit inputs) guarantees g = 0 within 12 batches of 62; exceeding that is a programming error.
 *
 * <h2>Timing</h2>
 * The running time depends on the input (the number of batches and the branches in the divstep loop). That is
 * fine for hashing and for verification, which handle public values. Code that inverts a secret can use
 * {@link Fp#inverseByFermat} instead, whose sequence of operations does not depend on the value.
 */
final class FieldInverse {
    private static final int BATCH_DIVSTEPS = 62;
    private static final long LIMB_MASK = (1L << 62) - 1;
    /** 12 batches of 62 divsteps cover Bernstein–Yang's bound of 729 for 252-bit inputs. */
    private static final int BATCHES_MAX = 12;

    // p = 2^251 + 17·2^192 + 1 in signed 62-bit limbs: 1, 0, 0, 17·2^(192-186), 2^(251-248).
    private static final long MODULUS_LIMB_0 = 1;
    private static final long MODULUS_LIMB_3 = 17L << 6;
    private static final long MODULUS_LIMB_4 = 1L << 3;

    /** R^3 mod p, canonical: a Montgomery product with it turns (x·R)^-1 into x^-1·R. */
    private static final long[] R_CUBED = Fp.limbsOf(BigInteger.ONE.shiftLeft(3 * 256).mod(Fp.MODULUS));

    private FieldInverse() {
    }

    /**
     * r = a^-1 with a and r in Montgomery form (r may alias a). Zero gives zero, as Fermat's a^(p-2) does.
     */
    static void inverse(long[] a, int ao, long[] r, int ro) {
        if (Fp.isZero(a, ao)) {
            Fp.copy(a, ao, r, ro);
            return;
        }
        // Invert the raw limbs A = x·R: A^-1 = x^-1·R^-1; the product with R^3 below makes it x^-1·R.
        long[] f = {MODULUS_LIMB_0, 0, 0, MODULUS_LIMB_3, MODULUS_LIMB_4};
        long[] g = toSigned62(a, ao);
        long[] d = new long[5];
        long[] e = {1, 0, 0, 0, 0};
        long[] matrix = new long[4];
        long delta = 1;
        int batches = 0;
        while (!isZero(g)) {
            if (batches == BATCHES_MAX) {
                throw new AssertionError("safegcd did not converge within " + BATCHES_MAX + " batches");
            }
            delta = divsteps(delta, f[0] | (f[1] << 62), g[0] | (g[1] << 62), matrix);
            updateDe(matrix, d, e);
            updateFg(matrix, f, g);
            batches++;
        }
        // Now f = ±1 and d·x ≡ f.
        boolean negative = f[4] < 0;
        if (!(negative ? isMinusOne(f) : isOne(f))) {
            throw new AssertionError("safegcd ended with a gcd other than ±1: the modulus must be prime");
        }
        if (negative) {
            negate(d);
        }
        normalize(d);
        long[] limbs = {
            d[0] | (d[1] << 62),
            (d[1] >>> 2) | (d[2] << 60),
            (d[2] >>> 4) | (d[3] << 58),
            (d[3] >>> 6) | (d[4] << 56)};
        Fp.mul(limbs, 0, R_CUBED, 0, r, ro);
    }

    /**
     * Runs 62 divsteps on the low 64 bits of f (odd) and g, writes the transition matrix (u, v, q, r) with
     * 2^62·(f', g') = [[u, v], [q, r]]·(f, g), and returns the new δ.
     *
     * <p>Each divstep halves g exactly once; a run of zero bits is taken in one go. A step on an odd g first
     * swaps (f, g) ← (g, −f) and negates δ when δ &gt; 0, then adds f to g; the halving that follows is the
     * next run of zeros. Halving g is recorded by doubling f's row (u, v), so that the common denominator is
     * 2^62 at the end.
     */
    private static long divsteps(long delta, long fLow, long gLow, long[] matrix) {
        long u = 1;
        long v = 0;
        long q = 0;
        long r = 1;
        long f = fLow;
        long g = gLow;
        int remaining = BATCH_DIVSTEPS;
        while (true) {
            int zeros = Long.numberOfTrailingZeros(g | (1L << remaining));
            g >>= zeros;
            u <<= zeros;
            v <<= zeros;
            delta += zeros;
            remaining -= zeros;
            if (remaining == 0) {
                break;
            }
            if (delta > 0) {
                delta = -delta;
                long swap = f;
                f = g;
                g = -swap;
                swap = u;
                u = q;
                q = -swap;
                swap = v;
                v = r;
                r = -swap;
            }
            g += f;
            q += u;
            r += v;
        }
        matrix[0] = u;
        matrix[1] = v;
        matrix[2] = q;
        matrix[3] = r;
        return delta;
    }

    /** (f, g) ← [[u, v], [q, r]]·(f, g) / 2^62, exactly. */
    private static void updateFg(long[] matrix, long[] f, long[] g) {
        long u = matrix[0];
        long v = matrix[1];
        long q = matrix[2];
        long r = matrix[3];
        long[] accumulator = new long[2];
        long carryF = 0;
        long carryG = 0;
        for (int i = 0; i < 5; i++) {
            long fi = f[i];
            long gi = g[i];
            productSum(u, fi, v, gi, carryF, accumulator);
            long lowF = accumulator[0];
            long highF = accumulator[1];
            productSum(q, fi, r, gi, carryG, accumulator);
            long lowG = accumulator[0];
            long highG = accumulator[1];
            if (i > 0) {
                f[i - 1] = lowF & LIMB_MASK;
                g[i - 1] = lowG & LIMB_MASK;
            }
            carryF = (lowF >>> 62) | (highF << 2);
            carryG = (lowG >>> 62) | (highG << 2);
        }
        f[4] = carryF;
        g[4] = carryG;
    }

    /** (d, e) ← ([[u, v], [q, r]]·(d, e) + (md, me)·p) / 2^62, with md, me chosen to make the division exact. */
    private static void updateDe(long[] matrix, long[] d, long[] e) {
        long u = matrix[0];
        long v = matrix[1];
        long q = matrix[2];
        long r = matrix[3];
        // p ≡ 1 (mod 2^62), so adding md·p clears the low 62 bits when md ≡ −(u·d + v·e) (mod 2^62).
        long md = -(u * d[0] + v * e[0]) & LIMB_MASK;
        long me = -(q * d[0] + r * e[0]) & LIMB_MASK;
        long[] accumulator = new long[2];
        long carryD = 0;
        long carryE = 0;
        for (int i = 0; i < 5; i++) {
            long di = d[i];
            long ei = e[i];
            long modulusLimb = i == 0 ? MODULUS_LIMB_0 : i == 3 ? MODULUS_LIMB_3 : i == 4 ? MODULUS_LIMB_4 : 0;
            productSum(u, di, v, ei, carryD, accumulator);
            long lowD = accumulator[0];
            long highD = accumulator[1];
            productSum(q, di, r, ei, carryE, accumulator);
            long lowE = accumulator[0];
            long highE = accumulator[1];
            if (modulusLimb != 0) {
                // md·p_i reaches 2^73: add it as a 128-bit product (md, p_i ≥ 0, so the signed high word is right).
                long product = md * modulusLimb;
                long sum = lowD + product;
                highD += Math.multiplyHigh(md, modulusLimb) + carry(lowD, product, sum);
                lowD = sum;
                product = me * modulusLimb;
                sum = lowE + product;
                highE += Math.multiplyHigh(me, modulusLimb) + carry(lowE, product, sum);
                lowE = sum;
            }
            if (i > 0) {
                d[i - 1] = lowD & LIMB_MASK;
                e[i - 1] = lowE & LIMB_MASK;
            }
            carryD = (lowD >>> 62) | (highD << 2);
            carryE = (lowE >>> 62) | (highE << 2);
        }
        d[4] = carryD;
        e[4] = carryE;
    }

    /**
     * The signed 128-bit value a·b + c·d + addend into (low, high). Callers keep |a| + |c| ≤ 2^62, the limbs
     * b, d below 2^62 in magnitude and the addend below 2^63, so the sum cannot overflow 128 bits.
     */
    private static void productSum(long a, long b, long c, long d, long addend, long[] out) {
        long low1 = a * b;
        long high1 = Math.multiplyHigh(a, b);
        long low2 = c * d;
        long high2 = Math.multiplyHigh(c, d);
        long low = low1 + low2;
        long high = high1 + high2 + carry(low1, low2, low);
        long sum = low + addend;
        high += (addend >> 63) + carry(low, addend, sum);
        out[0] = sum;
        out[1] = high;
    }

    private static long carry(long x, long y, long sum) {
        return ((x & y) | ((x | y) & ~sum)) >>> 63;
    }

    /** Four canonical 64-bit limbs (a value below 2^256, here below p) as five 62-bit limbs. */
    private static long[] toSigned62(long[] a, int ao) {
        long a0 = a[ao];
        long a1 = a[ao + 1];
        long a2 = a[ao + 2];
        long a3 = a[ao + 3];
        return new long[] {
            a0 & LIMB_MASK,
            ((a0 >>> 62) | (a1 << 2)) & LIMB_MASK,
            ((a1 >>> 60) | (a2 << 4)) & LIMB_MASK,
            ((a2 >>> 58) | (a3 << 6)) & LIMB_MASK,
            a3 >>> 56};
    }

    private static boolean isZero(long[] x) {
        return (x[0] | x[1] | x[2] | x[3] | x[4]) == 0;
    }

    private static boolean isOne(long[] x) {
        return x[0] == 1 && (x[1] | x[2] | x[3] | x[4]) == 0;
    }

    private static boolean isMinusOne(long[] x) {
        return x[0] == LIMB_MASK && x[1] == LIMB_MASK && x[2] == LIMB_MASK && x[3] == LIMB_MASK && x[4] == -1;
    }

    /** x ← −x, keeping limbs 0..3 in [0, 2^62). */
    private static void negate(long[] x) {
        long carry = 0;
        for (int i = 0; i < 4; i++) {
            long limb = -x[i] + carry;
            x[i] = limb & LIMB_MASK;
            carry = limb >> 62;
        }
        x[4] = -x[4] + carry;
    }

    /** Brings x (|x| &lt; 13p) into [0, p) by adding or subtracting p; at most 13 rounds either way. */
    private static void normalize(long[] x) {
        int rounds = 0;
        while (x[4] < 0) {
            addModulus(x, 1);
            rounds++;
        }
        while (!isBelowModulus(x)) {
            addModulus(x, -1);
            rounds++;
        }
        if (rounds > BATCHES_MAX + 1) {
            throw new AssertionError("safegcd left d outside (-13p, 13p): " + rounds + " corrections");
        }
    }

    /** x ← x + sign·p, keeping limbs 0..3 in [0, 2^62). */
    private static void addModulus(long[] x, long sign) {
        long carry = 0;
        for (int i = 0; i < 4; i++) {
            long modulusLimb = i == 0 ? MODULUS_LIMB_0 : i == 3 ? MODULUS_LIMB_3 : 0;
            long limb = x[i] + sign * modulusLimb + carry;
            x[i] = limb & LIMB_MASK;
            carry = limb >> 62;
        }
        x[4] = x[4] + sign * MODULUS_LIMB_4 + carry;
    }

    /** Whether a non-negative x (normalised limbs) is below p. */
    private static boolean isBelowModulus(long[] x) {
        if (x[4] != MODULUS_LIMB_4) {
            return x[4] < MODULUS_LIMB_4;
        }
        if (x[3] != MODULUS_LIMB_3) {
            return x[3] < MODULUS_LIMB_3;
        }
        return x[2] == 0 && x[1] == 0 && x[0] < MODULUS_LIMB_0;
    }
}
