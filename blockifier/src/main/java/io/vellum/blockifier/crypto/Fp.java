package io.vellum.blockifier.crypto;

import java.math.BigInteger;

/**
 * Arithmetic in the Stark field p = 2^251 + 17·2^192 + 1 on four 64-bit limbs (little-endian), for the hot
 * paths: {@link Felt}, Poseidon, Pedersen and the curve.
 *
 * <h2>Design</h2>
 * Elements are kept in Montgomery form (x·R mod p with R = 2^256) inside flat {@code long[]} buffers, four
 * limbs per element at a given offset, so that a hash or a point operation runs without allocating. Callers
 * convert in with {@link #toMontgomery} and out with {@link #fromMontgomery}; {@link Felt} itself stores the
 * canonical value.
 *
 * <p>The shape of p makes Montgomery reduction cheap: its limbs are (1, 0, 0, 0x0800000000000011), so
 * -p^-1 mod 2^64 is -1 and each reduction step costs one 64×64 multiplication instead of four. Since
 * p &lt; 2^252, the running sum of the CIOS loop never needs a sixth limb and stays below 2p, so one
 * conditional subtraction at the end gives a fully reduced result. Every input must be fully reduced
 * (&lt; p); every output is.
 *
 * <p>Java 17 has no unsigned 64×64→128 high product, so {@link #mulHigh} corrects the signed intrinsic. Nor
 * has it add-with-carry: carries and borrows are computed with bit logic rather than comparisons, because the
 * JIT compiles a comparison into a branch and random carries would mispredict half of them (this made the
 * product twice as fast). {@link #sqr} is a dedicated squaring (10 limb products instead of 16), and
 * {@link #inverse} uses safegcd ({@link FieldInverse}); {@link #inverseByFermat} keeps the old exponentiation
 * for secret inputs.
 *
 * <p>Poseidon and Pedersen use a second representation, {@link Radix52}, in which additions are cheaper.
 */
final class Fp {
    static final long P0 = 1L;
    static final long P1 = 0L;
    static final long P2 = 0L;
    static final long P3 = 0x0800000000000011L;

    static final BigInteger MODULUS = BigInteger.ONE.shiftLeft(251)
            .add(BigInteger.valueOf(17).shiftLeft(192))
            .add(BigInteger.ONE);

    /** R^2 mod p, canonical, for converting into Montgomery form. */
    private static final long[] R_SQUARED = limbsOf(BigInteger.ONE.shiftLeft(512).mod(MODULUS));
    /** R mod p: the Montgomery form of one. */
    static final long[] ONE_MONTGOMERY = limbsOf(BigInteger.ONE.shiftLeft(256).mod(MODULUS));

    private Fp() {
    }

    /** The unsigned high 64 bits of a 64×64 product. */
    static long mulHigh(long a, long b) {
        return Math.multiplyHigh(a, b) + ((a >> 63) & b) + ((b >> 63) & a);
    }

    /**
     * Montgomery product r = a·b·R^-1 mod p. Inputs are four limbs each, fully reduced; r may alias a or b.
     */
    static void mul(long[] a, int ao, long[] b, int bo, long[] r, int ro) {
        mul(a[ao], a[ao + 1], a[ao + 2], a[ao + 3], b[bo], b[bo + 1], b[bo + 2], b[bo + 3], r, ro);
    }

    /** {@link #mul(long[], int, long[], int, long[], int)} on limbs passed by value. */
    static void mul(long a0, long a1, long a2, long a3, long b0, long b1, long b2, long b3, long[] r, int ro) {
        // Coarsely integrated operand scanning, one row per limb of b, fully unrolled and branch-free: carries
        // are computed with bit logic (carry()), never with comparisons, because the JIT turns a comparison into
        // a branch and carries are random, so every other one would be a mispredicted branch (measured: twice
        // as slow). Each row adds a·b_i into t (five limbs), then one Montgomery step divides by 2^64.
        long lo;
        long hi;
        long sum;
        long c;
        // Row 0: t = a·b0.
        long t0 = a0 * b0;
        c = mulHigh(a0, b0);
        lo = a1 * b0;
        hi = mulHigh(a1, b0);
        long t1 = lo + c;
        c = hi + carry(lo, c, t1);
        lo = a2 * b0;
        hi = mulHigh(a2, b0);
        long t2 = lo + c;
        c = hi + carry(lo, c, t2);
        lo = a3 * b0;
        hi = mulHigh(a3, b0);
        long t3 = lo + c;
        long t4 = hi + carry(lo, c, t3);
        long m = -t0;
        c = (t0 | m) >>> 63;
        t0 = t1 + c;
        c = (t1 & ~t0) >>> 63;
        t1 = t2 + c;
        c = (t2 & ~t1) >>> 63;
        lo = m * P3;
        hi = mulHigh(m, P3);
        sum = lo + t3;
        hi += carry(lo, t3, sum);
        t2 = sum + c;
        hi += (sum & ~t2) >>> 63;
        t3 = t4 + hi;
        // Rows 1 to 3: t = (t + a·b_i + m·p) / 2^64.
        for (int i = 1; i < 4; i++) {
            final long bi = i == 1 ? b1 : i == 2 ? b2 : b3;
            lo = a0 * bi;
            hi = mulHigh(a0, bi);
            sum = lo + t0;
            c = hi + carry(lo, t0, sum);
            t0 = sum;
            lo = a1 * bi;
            hi = mulHigh(a1, bi);
            sum = lo + t1;
            hi += carry(lo, t1, sum);
            t1 = sum + c;
            c = hi + carry(sum, c, t1);
            lo = a2 * bi;
            hi = mulHigh(a2, bi);
            sum = lo + t2;
            hi += carry(lo, t2, sum);
            t2 = sum + c;
            c = hi + carry(sum, c, t2);
            lo = a3 * bi;
            hi = mulHigh(a3, bi);
            sum = lo + t3;
            hi += carry(lo, t3, sum);
            t3 = sum + c;
            t4 = hi + carry(sum, c, t3);
            // m = -t0 (since -p^-1 = -1 mod 2^64). p0 = 1, so t0 + m is 0 with a carry exactly when t0 != 0;
            // p1 = p2 = 0 only move carries; p3 needs one product.
            m = -t0;
            c = (t0 | m) >>> 63;
            t0 = t1 + c;
            c = (t1 & ~t0) >>> 63;
            t1 = t2 + c;
            c = (t2 & ~t1) >>> 63;
            lo = m * P3;
            hi = mulHigh(m, P3);
            sum = lo + t3;
            hi += carry(lo, t3, sum);
            t2 = sum + c;
            hi += (sum & ~t2) >>> 63;
            t3 = t4 + hi;
        }
        reduceOnce(t0, t1, t2, t3, r, ro);
    }

    /**
     * Montgomery square r = a·a·R^-1 mod p; r may alias a. A dedicated routine: the six cross products are
     * computed once and doubled (10 limb products instead of 16), then the 8-limb square is reduced by
     * {@link #reduceWide}.
     */
    static void sqr(long[] a, int ao, long[] r, int ro) {
        long a0 = a[ao];
        long a1 = a[ao + 1];
        long a2 = a[ao + 2];
        long a3 = a[ao + 3];
        long lo;
        long hi;
        long sum;
        long c;
        long c1;
        // Cross products a_i·a_j (i < j) at limbs 1..6.
        long u1 = a0 * a1;
        c = mulHigh(a0, a1);
        lo = a0 * a2;
        hi = mulHigh(a0, a2);
        long u2 = lo + c;
        c = hi + carry(lo, c, u2);
        lo = a0 * a3;
        hi = mulHigh(a0, a3);
        long u3 = lo + c;
        long u4 = hi + carry(lo, c, u3);
        lo = a1 * a2;
        hi = mulHigh(a1, a2);
        sum = u3 + lo;
        c = hi + carry(u3, lo, sum);
        u3 = sum;
        lo = a1 * a3;
        hi = mulHigh(a1, a3);
        sum = u4 + lo;
        hi += carry(u4, lo, sum);
        u4 = sum + c;
        long u5 = hi + carry(sum, c, u4);
        lo = a2 * a3;
        hi = mulHigh(a2, a3);
        sum = u5 + lo;
        long u6 = hi + carry(u5, lo, sum);
        u5 = sum;
        // Double them.
        long u7 = u6 >>> 63;
        u6 = (u6 << 1) | (u5 >>> 63);
        u5 = (u5 << 1) | (u4 >>> 63);
        u4 = (u4 << 1) | (u3 >>> 63);
        u3 = (u3 << 1) | (u2 >>> 63);
        u2 = (u2 << 1) | (u1 >>> 63);
        u1 = u1 << 1;
        // Add the squares a_i² at limbs 2i, 2i + 1.
        long t0 = a0 * a0;
        hi = mulHigh(a0, a0);
        long t1 = u1 + hi;
        c = carry(u1, hi, t1);
        lo = a1 * a1;
        hi = mulHigh(a1, a1);
        sum = u2 + lo;
        c1 = carry(u2, lo, sum);
        long t2 = sum + c;
        c = c1 + carry(sum, c, t2);
        sum = u3 + hi;
        c1 = carry(u3, hi, sum);
        long t3 = sum + c;
        c = c1 + carry(sum, c, t3);
        lo = a2 * a2;
        hi = mulHigh(a2, a2);
        sum = u4 + lo;
        c1 = carry(u4, lo, sum);
        long t4 = sum + c;
        c = c1 + carry(sum, c, t4);
        sum = u5 + hi;
        c1 = carry(u5, hi, sum);
        long t5 = sum + c;
        c = c1 + carry(sum, c, t5);
        lo = a3 * a3;
        hi = mulHigh(a3, a3);
        sum = u6 + lo;
        c1 = carry(u6, lo, sum);
        long t6 = sum + c;
        c = c1 + carry(sum, c, t6);
        long t7 = u7 + hi + c;
        reduceWide(t0, t1, t2, t3, t4, t5, t6, t7, r, ro);
    }

    /**
     * Montgomery reduction of an 8-limb value t &lt; p·R: writes t·R^-1 mod p. Because p = 1 mod 2^192, the
     * first three word-steps collapse into one: m = -t mod 2^192 makes t + m·p divisible by 2^192 with only
     * three limb products (m·p3); a fourth single-word step finishes the division by R = 2^256.
     */
    private static void reduceWide(long t0, long t1, long t2, long t3, long t4, long t5, long t6, long t7,
            long[] r, int ro) {
        long lo;
        long hi;
        long sum;
        long c;
        long c1;
        // m = (m0, m1, m2) = -(t0, t1, t2) mod 2^192; t + m has zero low limbs and carries "low limbs != 0".
        long m0 = -t0;
        long nonZero = (t0 | m0) >>> 63;
        long m1 = -t1 - nonZero;
        nonZero |= (t1 | -t1) >>> 63;
        long m2 = -t2 - nonZero;
        nonZero |= (t2 | -t2) >>> 63;
        // Add m·p3 at limbs 3..6 and the carry into limb 3.
        lo = m0 * P3;
        hi = mulHigh(m0, P3);
        sum = t3 + lo;
        c1 = carry(t3, lo, sum);
        t3 = sum + nonZero;
        c = hi + c1 + ((sum & ~t3) >>> 63);
        lo = m1 * P3;
        hi = mulHigh(m1, P3);
        sum = t4 + lo;
        c1 = carry(t4, lo, sum);
        t4 = sum + c;
        c = hi + c1 + carry(sum, c, t4);
        lo = m2 * P3;
        hi = mulHigh(m2, P3);
        sum = t5 + lo;
        c1 = carry(t5, lo, sum);
        t5 = sum + c;
        c = hi + c1 + carry(sum, c, t5);
        sum = t6 + c;
        c = carry(t6, c, sum);
        t6 = sum;
        t7 += c;
        // One more word: m = -t3.
        long m = -t3;
        c = (t3 | m) >>> 63;
        sum = t4 + c;
        c = (t4 & ~sum) >>> 63;
        t4 = sum;
        sum = t5 + c;
        c = (t5 & ~sum) >>> 63;
        t5 = sum;
        lo = m * P3;
        hi = mulHigh(m, P3);
        sum = t6 + lo;
        c1 = carry(t6, lo, sum);
        t6 = sum + c;
        t7 += hi + c1 + ((sum & ~t6) >>> 63);
        reduceOnce(t4, t5, t6, t7, r, ro);
    }

    /** The carry out of the 64-bit addition x + y = sum, as 0 or 1, without a branch. */
    private static long carry(long x, long y, long sum) {
        return ((x & y) | ((x | y) & ~sum)) >>> 63;
    }

    /** r = a + b mod p (works the same in either form). Branch-free. */
    static void add(long[] a, int ao, long[] b, int bo, long[] r, int ro) {
        long x = a[ao];
        long y = b[bo];
        long s0 = x + y;
        long c = carry(x, y, s0);
        x = a[ao + 1];
        y = b[bo + 1];
        long sum = x + y;
        long c1 = carry(x, y, sum);
        long s1 = sum + c;
        c = c1 | ((sum & ~s1) >>> 63);
        x = a[ao + 2];
        y = b[bo + 2];
        sum = x + y;
        c1 = carry(x, y, sum);
        long s2 = sum + c;
        c = c1 | ((sum & ~s2) >>> 63);
        // Both operands are below 2^252, so the top limb cannot overflow.
        long s3 = a[ao + 3] + b[bo + 3] + c;
        reduceOnce(s0, s1, s2, s3, r, ro);
    }

    /** r = a - b mod p (works the same in either form). Branch-free. */
    static void sub(long[] a, int ao, long[] b, int bo, long[] r, int ro) {
        long x = a[ao];
        long y = b[bo];
        long d0 = x - y;
        long borrow = borrow(x, y, d0);
        x = a[ao + 1];
        y = b[bo + 1];
        long difference = x - y;
        long borrow1 = borrow(x, y, difference);
        long d1 = difference - borrow;
        borrow = borrow1 | ((~difference & d1) >>> 63);
        x = a[ao + 2];
        y = b[bo + 2];
        difference = x - y;
        borrow1 = borrow(x, y, difference);
        long d2 = difference - borrow;
        borrow = borrow1 | ((~difference & d2) >>> 63);
        // Both top limbs are below 2^60: the signed difference is exact.
        long d3 = a[ao + 3] - b[bo + 3] - borrow;
        // Went below zero: add p = (1, 0, 0, P3) under a mask.
        long negative = d3 >> 63;
        long e0 = d0 + (negative & 1);
        long c = (d0 & ~e0) >>> 63;
        long e1 = d1 + c;
        c = (d1 & ~e1) >>> 63;
        long e2 = d2 + c;
        c = (d2 & ~e2) >>> 63;
        r[ro] = e0;
        r[ro + 1] = e1;
        r[ro + 2] = e2;
        r[ro + 3] = d3 + (negative & P3) + c;
    }

    /** The borrow out of the 64-bit subtraction x - y = difference, as 0 or 1, without a branch. */
    private static long borrow(long x, long y, long difference) {
        return ((~x & y) | (~(x ^ y) & difference)) >>> 63;
    }

    /**
     * r = a/2 mod p, branch-free: a + p when a is odd (even, and below 2^253), shifted right by one bit. Works
     * the same in either form. r may alias a.
     */
    static void halve(long[] a, int ao, long[] r, int ro) {
        final long x0 = a[ao];
        final long odd = -(x0 & 1);
        // a + (p & odd) with p = (1, 0, 0, P3).
        final long s0 = x0 + (odd & 1);
        long carry = Long.compareUnsigned(s0, x0) < 0 ? 1 : 0;
        final long s1 = a[ao + 1] + carry;
        carry &= s1 == 0 ? 1 : 0;
        final long s2 = a[ao + 2] + carry;
        carry &= s2 == 0 ? 1 : 0;
        final long s3 = a[ao + 3] + (odd & P3) + carry;
        r[ro] = (s0 >>> 1) | (s1 << 63);
        r[ro + 1] = (s1 >>> 1) | (s2 << 63);
        r[ro + 2] = (s2 >>> 1) | (s3 << 63);
        r[ro + 3] = s3 >>> 1;
    }

    /** r = -a mod p. */
    static void neg(long[] a, int ao, long[] r, int ro) {
        if (isZero(a, ao)) {
            r[ro] = 0;
            r[ro + 1] = 0;
            r[ro + 2] = 0;
            r[ro + 3] = 0;
            return;
        }
        long x = a[ao];
        long d0 = P0 - x;
        long borrow = Long.compareUnsigned(P0, x) < 0 ? 1 : 0;
        x = a[ao + 1];
        long d1 = -x - borrow;
        borrow = (x != 0 || borrow == 1) ? 1 : 0;
        x = a[ao + 2];
        long d2 = -x - borrow;
        borrow = (x != 0 || borrow == 1) ? 1 : 0;
        long d3 = P3 - a[ao + 3] - borrow;
        r[ro] = d0;
        r[ro + 1] = d1;
        r[ro + 2] = d2;
        r[ro + 3] = d3;
    }

    /** r = 2·a mod p. */
    static void dbl(long[] a, int ao, long[] r, int ro) {
        add(a, ao, a, ao, r, ro);
    }

    static boolean isZero(long[] a, int ao) {
        return (a[ao] | a[ao + 1] | a[ao + 2] | a[ao + 3]) == 0;
    }

    static boolean equal(long[] a, int ao, long[] b, int bo) {
        return a[ao] == b[bo] && a[ao + 1] == b[bo + 1] && a[ao + 2] == b[bo + 2] && a[ao + 3] == b[bo + 3];
    }

    static void copy(long[] a, int ao, long[] r, int ro) {
        r[ro] = a[ao];
        r[ro + 1] = a[ao + 1];
        r[ro + 2] = a[ao + 2];
        r[ro + 3] = a[ao + 3];
    }

    /** Canonical to Montgomery form: r = a·R mod p. */
    static void toMontgomery(long[] a, int ao, long[] r, int ro) {
        mul(a, ao, R_SQUARED, 0, r, ro);
    }

    /** Montgomery to canonical form: r = a·R^-1 mod p. */
    static void fromMontgomery(long[] a, int ao, long[] r, int ro) {
        mul(a[ao], a[ao + 1], a[ao + 2], a[ao + 3], 1, 0, 0, 0, r, ro);
    }

    /**
     * r = a^e (Montgomery form in and out) for a non-negative exponent, by left-to-right square and
     * multiply. r must not alias a.
     */
    static void pow(long[] a, int ao, BigInteger exponent, long[] r, int ro) {
        if (exponent.signum() < 0) {
            throw new IllegalArgumentException("negative exponent: " + exponent);
        }
        copy(ONE_MONTGOMERY, 0, r, ro);
        for (int bit = exponent.bitLength() - 1; bit >= 0; bit--) {
            sqr(r, ro, r, ro);
            if (exponent.testBit(bit)) {
                mul(r, ro, a, ao, r, ro);
            }
        }
    }

    /**
     * r = a^-1 (Montgomery form in and out); zero gives zero. r may alias a (the old contract said it must not;
     * callers that keep them apart are still right). Bernstein–Yang safegcd ({@link FieldInverse}): about a
     * tenth of the cost of Fermat, in time that depends on the value, which is fine for public values.
     */
    static void inverse(long[] a, int ao, long[] r, int ro) {
        FieldInverse.inverse(a, ao, r, ro);
    }

    /**
     * r = a^-1 = a^(p-2) (Montgomery form in and out) by Fermat's little theorem; zero gives zero. r may alias a.
     * Slower than {@link #inverse}, but its sequence of operations does not depend on the value, which suits
     * secrets. A fixed addition chain: p − 2 = (2^59 + 2^4)·2^192 + (2^192 − 1), so after the top bits the
     * run of 192 ones is taken 16 bits at a time with a precomputed a^(2^16 − 1): 266 squares and 17 products,
     * instead of 251 squares and 194 products for plain square-and-multiply.
     */
    static void inverseByFermat(long[] a, int ao, long[] r, int ro) {
        long[] x = new long[4];
        long[] ones16 = new long[4];
        long[] t = new long[4];
        copy(a, ao, x, 0);
        // ones16 = x^(2^16 - 1): x^(2^k - 1) for k = 1, 2, 4, 8, 16.
        copy(x, 0, ones16, 0);
        for (int k = 1; k < 16; k <<= 1) {
            copy(ones16, 0, t, 0);
            for (int i = 0; i < k; i++) {
                sqr(t, 0, t, 0);
            }
            mul(t, 0, ones16, 0, ones16, 0);
        }
        // t = x^(2^59 + 2^4) = (x^(2^55 + 1))^(2^4).
        copy(x, 0, t, 0);
        for (int i = 0; i < 55; i++) {
            sqr(t, 0, t, 0);
        }
        mul(t, 0, x, 0, t, 0);
        for (int i = 0; i < 4; i++) {
            sqr(t, 0, t, 0);
        }
        // Then 12 chunks of 16 one-bits.
        for (int chunk = 0; chunk < 12; chunk++) {
            for (int i = 0; i < 16; i++) {
                sqr(t, 0, t, 0);
            }
            mul(t, 0, ones16, 0, t, 0);
        }
        copy(t, 0, r, ro);
    }


    /** Writes t - p when t ≥ p, else t. Requires t &lt; 2p. Branch-free (see {@link #mul}). */
    private static void reduceOnce(long t0, long t1, long t2, long t3, long[] r, int ro) {
        // d = t - p with p = (1, 0, 0, P3); t < 2p < 2^253, so d3 is negative exactly when t < p.
        long d0 = t0 - 1;
        long borrow = (~t0 & d0) >>> 63;
        long d1 = t1 - borrow;
        borrow = (~t1 & d1) >>> 63;
        long d2 = t2 - borrow;
        borrow = (~t2 & d2) >>> 63;
        long d3 = t3 - P3 - borrow;
        long keep = d3 >> 63;
        r[ro] = (t0 & keep) | (d0 & ~keep);
        r[ro + 1] = (t1 & keep) | (d1 & ~keep);
        r[ro + 2] = (t2 & keep) | (d2 & ~keep);
        r[ro + 3] = (t3 & keep) | (d3 & ~keep);
    }

    /** The four little-endian limbs of a non-negative value below 2^256. */
    static long[] limbsOf(BigInteger value) {
        long[] limbs = new long[4];
        for (int i = 0; i < 4; i++) {
            limbs[i] = value.shiftRight(64 * i).longValue();
        }
        return limbs;
    }

    /** The non-negative value of four little-endian limbs (through bytes: no per-limb BigInteger arithmetic). */
    static BigInteger toBigInteger(long[] a, int ao) {
        byte[] bigEndian = new byte[33]; // a leading zero byte keeps the value non-negative
        for (int limb = 0; limb < 4; limb++) {
            long value = a[ao + limb];
            for (int b = 0; b < 8; b++) {
                bigEndian[32 - limb * 8 - b] = (byte) (value >>> (8 * b));
            }
        }
        return new BigInteger(bigEndian);
    }
}
