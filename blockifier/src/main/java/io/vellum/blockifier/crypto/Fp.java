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
 * <p>Java 17 has no unsigned 64×64→128 high product, so {@link #mulHigh} corrects the signed intrinsic.
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
        long t0 = 0;
        long t1 = 0;
        long t2 = 0;
        long t3 = 0;
        long lo;
        long hi;
        long c;
        long t4;
        long m;
        for (int i = 0; i < 4; i++) {
            final long bi = i == 0 ? b0 : i == 1 ? b1 : i == 2 ? b2 : b3;
            // t += a·bi (five limbs).
            lo = a0 * bi;
            hi = mulHigh(a0, bi);
            lo += t0;
            hi += Long.compareUnsigned(lo, t0) < 0 ? 1 : 0;
            t0 = lo;
            c = hi;

            lo = a1 * bi;
            hi = mulHigh(a1, bi);
            lo += t1;
            hi += Long.compareUnsigned(lo, t1) < 0 ? 1 : 0;
            lo += c;
            hi += Long.compareUnsigned(lo, c) < 0 ? 1 : 0;
            t1 = lo;
            c = hi;

            lo = a2 * bi;
            hi = mulHigh(a2, bi);
            lo += t2;
            hi += Long.compareUnsigned(lo, t2) < 0 ? 1 : 0;
            lo += c;
            hi += Long.compareUnsigned(lo, c) < 0 ? 1 : 0;
            t2 = lo;
            c = hi;

            lo = a3 * bi;
            hi = mulHigh(a3, bi);
            lo += t3;
            hi += Long.compareUnsigned(lo, t3) < 0 ? 1 : 0;
            lo += c;
            hi += Long.compareUnsigned(lo, c) < 0 ? 1 : 0;
            t3 = lo;
            t4 = hi;

            // t = (t + m·p) / 2^64 with m = -t0 (because -p^-1 = -1 mod 2^64). Since p0 = 1, t0 + m is 0
            // with a carry exactly when t0 != 0; p1 = p2 = 0 only move carries; p3 needs one product.
            m = -t0;
            c = t0 != 0 ? 1 : 0;
            t0 = t1 + c;
            c = Long.compareUnsigned(t0, c) < 0 ? 1 : 0;
            t1 = t2 + c;
            c = Long.compareUnsigned(t1, c) < 0 ? 1 : 0;
            lo = m * P3;
            hi = mulHigh(m, P3);
            lo += t3;
            hi += Long.compareUnsigned(lo, t3) < 0 ? 1 : 0;
            lo += c;
            hi += Long.compareUnsigned(lo, c) < 0 ? 1 : 0;
            t2 = lo;
            t3 = t4 + hi;
        }
        reduceOnce(t0, t1, t2, t3, r, ro);
    }

    /** Montgomery square r = a·a·R^-1 mod p. */
    static void sqr(long[] a, int ao, long[] r, int ro) {
        mul(a[ao], a[ao + 1], a[ao + 2], a[ao + 3], a[ao], a[ao + 1], a[ao + 2], a[ao + 3], r, ro);
    }

    /**
     * Montgomery square r = a·a·R^-1 mod p, the same result as {@link #sqr} for about two thirds of the work: the
     * six cross products a_i·a_j (i &lt; j) are computed once and doubled, then the four squares a_i^2 added, ten
     * 64×64 products instead of sixteen, followed by the same cheap reduction as {@link #mul}. Squarings are
     * most of the products in point doubling and exponentiation. r may alias a.
     */
    static void square(long[] a, int ao, long[] r, int ro) {
        final long a0 = a[ao];
        final long a1 = a[ao + 1];
        final long a2 = a[ao + 2];
        final long a3 = a[ao + 3];
        long lo;
        long hi;
        long c;
        // Cross products into u1..u6: row a0·(a1, a2, a3), then a1·(a2, a3), then a2·a3.
        long u1 = a0 * a1;
        c = mulHigh(a0, a1);
        lo = a0 * a2;
        hi = mulHigh(a0, a2);
        lo += c;
        hi += Long.compareUnsigned(lo, c) < 0 ? 1 : 0;
        long u2 = lo;
        c = hi;
        lo = a0 * a3;
        hi = mulHigh(a0, a3);
        lo += c;
        hi += Long.compareUnsigned(lo, c) < 0 ? 1 : 0;
        long u3 = lo;
        long u4 = hi;

        lo = a1 * a2;
        hi = mulHigh(a1, a2);
        lo += u3;
        hi += Long.compareUnsigned(lo, u3) < 0 ? 1 : 0;
        u3 = lo;
        c = hi;
        lo = a1 * a3;
        hi = mulHigh(a1, a3);
        lo += u4;
        hi += Long.compareUnsigned(lo, u4) < 0 ? 1 : 0;
        lo += c;
        hi += Long.compareUnsigned(lo, c) < 0 ? 1 : 0;
        u4 = lo;
        long u5 = hi;

        lo = a2 * a3;
        hi = mulHigh(a2, a3);
        lo += u5;
        hi += Long.compareUnsigned(lo, u5) < 0 ? 1 : 0;
        u5 = lo;
        long u6 = hi;

        // Double the cross products (u7 receives the bit shifted out of u6).
        long u7 = u6 >>> 63;
        u6 = (u6 << 1) | (u5 >>> 63);
        u5 = (u5 << 1) | (u4 >>> 63);
        u4 = (u4 << 1) | (u3 >>> 63);
        u3 = (u3 << 1) | (u2 >>> 63);
        u2 = (u2 << 1) | (u1 >>> 63);
        u1 = u1 << 1;

        // Add the squares a_i^2 at limbs 2i, 2i + 1.
        long t0 = a0 * a0;
        hi = squareHigh(a0);
        long t1 = u1 + hi;
        c = Long.compareUnsigned(t1, hi) < 0 ? 1 : 0;
        lo = a1 * a1;
        hi = squareHigh(a1);
        long t2 = u2 + lo;
        long carry = Long.compareUnsigned(t2, lo) < 0 ? 1 : 0;
        t2 += c;
        carry += Long.compareUnsigned(t2, c) < 0 ? 1 : 0;
        long t3 = u3 + hi;
        c = Long.compareUnsigned(t3, hi) < 0 ? 1 : 0;
        t3 += carry;
        c += Long.compareUnsigned(t3, carry) < 0 ? 1 : 0;
        lo = a2 * a2;
        hi = squareHigh(a2);
        long t4 = u4 + lo;
        carry = Long.compareUnsigned(t4, lo) < 0 ? 1 : 0;
        t4 += c;
        carry += Long.compareUnsigned(t4, c) < 0 ? 1 : 0;
        long t5 = u5 + hi;
        c = Long.compareUnsigned(t5, hi) < 0 ? 1 : 0;
        t5 += carry;
        c += Long.compareUnsigned(t5, carry) < 0 ? 1 : 0;
        lo = a3 * a3;
        hi = squareHigh(a3);
        long t6 = u6 + lo;
        carry = Long.compareUnsigned(t6, lo) < 0 ? 1 : 0;
        t6 += c;
        carry += Long.compareUnsigned(t6, c) < 0 ? 1 : 0;
        // The square is below p^2 < 2^504, so the top limb cannot overflow.
        long t7 = u7 + hi + carry;
        montgomeryReduce(t0, t1, t2, t3, t4, t5, t6, t7, r, ro);
    }

    /** The unsigned high 64 bits of a·a. */
    private static long squareHigh(long a) {
        return Math.multiplyHigh(a, a) + ((a >> 63) & (a << 1));
    }

    /**
     * r = t·R^-1 mod p for an eight-limb t below p·R: four steps of t ← (t + m·p)/2^64 with m = −t0 (since
     * −p^-1 ≡ −1 mod 2^64), where m·p is just m at limb 0 and m·P3 at limb 3, then one conditional subtraction.
     */
    private static void montgomeryReduce(long t0, long t1, long t2, long t3, long t4, long t5, long t6, long t7,
            long[] r, int ro) {
        long m;
        long c;
        long productLow;
        long productHigh;
        long carryHigh;
        // Step 0: add m·p with m = -t0, making t0 zero.
        m = -t0;
        c = t0 != 0 ? 1 : 0;
        t1 += c;
        c = Long.compareUnsigned(t1, c) < 0 ? 1 : 0;
        t2 += c;
        c = Long.compareUnsigned(t2, c) < 0 ? 1 : 0;
        productLow = m * P3;
        productHigh = mulHigh(m, P3);
        t3 += productLow;
        carryHigh = Long.compareUnsigned(t3, productLow) < 0 ? 1 : 0;
        t3 += c;
        carryHigh += Long.compareUnsigned(t3, c) < 0 ? 1 : 0;
        productHigh += carryHigh;
        t4 += productHigh;
        productHigh = Long.compareUnsigned(t4, productHigh) < 0 ? 1 : 0;
        t5 += productHigh;
        productHigh = Long.compareUnsigned(t5, productHigh) < 0 ? 1 : 0;
        t6 += productHigh;
        productHigh = Long.compareUnsigned(t6, productHigh) < 0 ? 1 : 0;
        t7 += productHigh;
        // Step 1: add m·p with m = -t1, making t1 zero.
        m = -t1;
        c = t1 != 0 ? 1 : 0;
        t2 += c;
        c = Long.compareUnsigned(t2, c) < 0 ? 1 : 0;
        t3 += c;
        c = Long.compareUnsigned(t3, c) < 0 ? 1 : 0;
        productLow = m * P3;
        productHigh = mulHigh(m, P3);
        t4 += productLow;
        carryHigh = Long.compareUnsigned(t4, productLow) < 0 ? 1 : 0;
        t4 += c;
        carryHigh += Long.compareUnsigned(t4, c) < 0 ? 1 : 0;
        productHigh += carryHigh;
        t5 += productHigh;
        productHigh = Long.compareUnsigned(t5, productHigh) < 0 ? 1 : 0;
        t6 += productHigh;
        productHigh = Long.compareUnsigned(t6, productHigh) < 0 ? 1 : 0;
        t7 += productHigh;
        // Step 2: add m·p with m = -t2, making t2 zero.
        m = -t2;
        c = t2 != 0 ? 1 : 0;
        t3 += c;
        c = Long.compareUnsigned(t3, c) < 0 ? 1 : 0;
        t4 += c;
        c = Long.compareUnsigned(t4, c) < 0 ? 1 : 0;
        productLow = m * P3;
        productHigh = mulHigh(m, P3);
        t5 += productLow;
        carryHigh = Long.compareUnsigned(t5, productLow) < 0 ? 1 : 0;
        t5 += c;
        carryHigh += Long.compareUnsigned(t5, c) < 0 ? 1 : 0;
        productHigh += carryHigh;
        t6 += productHigh;
        productHigh = Long.compareUnsigned(t6, productHigh) < 0 ? 1 : 0;
        t7 += productHigh;
        // Step 3: add m·p with m = -t3, making t3 zero.
        m = -t3;
        c = t3 != 0 ? 1 : 0;
        t4 += c;
        c = Long.compareUnsigned(t4, c) < 0 ? 1 : 0;
        t5 += c;
        c = Long.compareUnsigned(t5, c) < 0 ? 1 : 0;
        productLow = m * P3;
        productHigh = mulHigh(m, P3);
        t6 += productLow;
        carryHigh = Long.compareUnsigned(t6, productLow) < 0 ? 1 : 0;
        t6 += c;
        carryHigh += Long.compareUnsigned(t6, c) < 0 ? 1 : 0;
        productHigh += carryHigh;
        t7 += productHigh;
        reduceOnce(t4, t5, t6, t7, r, ro);
    }

    /**
     * r = a + b mod p, the same result as {@link #add}, with the final subtraction of p selected by a mask
     * instead of a branch. Where the operands are random, as in point arithmetic, that branch mispredicts about
     * half the time and the branch-free form is measurably faster. r may alias a or b.
     */
    static void addBranchless(long[] a, int ao, long[] b, int bo, long[] r, int ro) {
        final long x0 = a[ao];
        final long x1 = a[ao + 1];
        final long x2 = a[ao + 2];
        final long y1 = b[bo + 1];
        final long y2 = b[bo + 2];
        final long s0 = x0 + b[bo];
        long carry = Long.compareUnsigned(s0, x0) < 0 ? 1 : 0;
        final long s1 = x1 + y1 + carry;
        carry = ((x1 & y1) | ((x1 | y1) & ~s1)) >>> 63;
        final long s2 = x2 + y2 + carry;
        carry = ((x2 & y2) | ((x2 | y2) & ~s2)) >>> 63;
        // Both operands are below 2^252, so the top limb cannot overflow.
        final long s3 = a[ao + 3] + b[bo + 3] + carry;
        // d = s - p with p = (1, 0, 0, P3).
        final long d0 = s0 - 1;
        long borrow = s0 == 0 ? 1 : 0;
        final long d1 = s1 - borrow;
        borrow &= s1 == 0 ? 1 : 0;
        final long d2 = s2 - borrow;
        borrow &= s2 == 0 ? 1 : 0;
        final long d3 = s3 - P3 - borrow;
        // All ones when s < p (d went negative): keep s; otherwise take d.
        final long keep = d3 >> 63;
        r[ro] = d0 ^ ((s0 ^ d0) & keep);
        r[ro + 1] = d1 ^ ((s1 ^ d1) & keep);
        r[ro + 2] = d2 ^ ((s2 ^ d2) & keep);
        r[ro + 3] = d3 ^ ((s3 ^ d3) & keep);
    }

    /**
     * r = a - b mod p, the same result as {@link #sub}, adding p back through a mask instead of a branch (see
     * {@link #addBranchless}). r may alias a or b.
     */
    static void subBranchless(long[] a, int ao, long[] b, int bo, long[] r, int ro) {
        long x = a[ao];
        long y = b[bo];
        final long d0 = x - y;
        long borrow = ((~x & y) | (~(x ^ y) & d0)) >>> 63;
        x = a[ao + 1];
        y = b[bo + 1];
        final long d1 = x - y - borrow;
        borrow = ((~x & y) | (~(x ^ y) & d1)) >>> 63;
        x = a[ao + 2];
        y = b[bo + 2];
        final long d2 = x - y - borrow;
        borrow = ((~x & y) | (~(x ^ y) & d2)) >>> 63;
        final long d3 = a[ao + 3] - b[bo + 3] - borrow;
        // All ones when the difference went below zero: add p = (1, 0, 0, P3) back.
        final long mask = d3 >> 63;
        final long e0 = d0 + (mask & 1);
        long carry = Long.compareUnsigned(e0, d0) < 0 ? 1 : 0;
        final long e1 = d1 + carry;
        carry &= e1 == 0 ? 1 : 0;
        final long e2 = d2 + carry;
        carry &= e2 == 0 ? 1 : 0;
        r[ro] = e0;
        r[ro + 1] = e1;
        r[ro + 2] = e2;
        r[ro + 3] = d3 + (mask & P3) + carry;
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

    /** r = a + b mod p (works the same in either form). */
    static void add(long[] a, int ao, long[] b, int bo, long[] r, int ro) {
        long x = a[ao];
        long s0 = x + b[bo];
        long c = Long.compareUnsigned(s0, x) < 0 ? 1 : 0;
        x = a[ao + 1];
        long s1 = x + b[bo + 1];
        long c1 = Long.compareUnsigned(s1, x) < 0 ? 1 : 0;
        s1 += c;
        c = c1 | (Long.compareUnsigned(s1, c) < 0 ? 1 : 0);
        x = a[ao + 2];
        long s2 = x + b[bo + 2];
        c1 = Long.compareUnsigned(s2, x) < 0 ? 1 : 0;
        s2 += c;
        c = c1 | (Long.compareUnsigned(s2, c) < 0 ? 1 : 0);
        // Both operands are below 2^252, so the top limb cannot overflow.
        long s3 = a[ao + 3] + b[bo + 3] + c;
        reduceOnce(s0, s1, s2, s3, r, ro);
    }

    /** r = a - b mod p (works the same in either form). */
    static void sub(long[] a, int ao, long[] b, int bo, long[] r, int ro) {
        long x = a[ao];
        long y = b[bo];
        long d0 = x - y;
        long borrow = Long.compareUnsigned(x, y) < 0 ? 1 : 0;
        x = a[ao + 1];
        y = b[bo + 1];
        long d1 = x - y - borrow;
        borrow = (Long.compareUnsigned(x, y) < 0 || (x == y && borrow == 1)) ? 1 : 0;
        x = a[ao + 2];
        y = b[bo + 2];
        long d2 = x - y - borrow;
        borrow = (Long.compareUnsigned(x, y) < 0 || (x == y && borrow == 1)) ? 1 : 0;
        long d3 = a[ao + 3] - b[bo + 3] - borrow;
        if (d3 < 0) {
            // Went below zero: add p back. p0 = 1, p1 = p2 = 0.
            long e0 = d0 + 1;
            long c = e0 == 0 ? 1 : 0;
            long e1 = d1 + c;
            c = (c == 1 && e1 == 0) ? 1 : 0;
            long e2 = d2 + c;
            c = (c == 1 && e2 == 0) ? 1 : 0;
            d0 = e0;
            d1 = e1;
            d2 = e2;
            d3 = d3 + P3 + c;
        }
        r[ro] = d0;
        r[ro + 1] = d1;
        r[ro + 2] = d2;
        r[ro + 3] = d3;
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

    /** r = a^-1 (Montgomery form in and out) by Fermat; a must not be zero. r must not alias a. */
    static void inverse(long[] a, int ao, long[] r, int ro) {
        pow(a, ao, INVERSE_EXPONENT, r, ro);
    }

    private static final BigInteger INVERSE_EXPONENT = MODULUS.subtract(BigInteger.TWO);

    /** Writes t - p when t ≥ p, else t. Requires t &lt; 2p. */
    private static void reduceOnce(long t0, long t1, long t2, long t3, long[] r, int ro) {
        // t - p with p = (1, 0, 0, P3).
        long d0 = t0 - 1;
        long borrow = t0 == 0 ? 1 : 0;
        long d1 = t1 - borrow;
        borrow = (borrow == 1 && t1 == 0) ? 1 : 0;
        long d2 = t2 - borrow;
        borrow = (borrow == 1 && t2 == 0) ? 1 : 0;
        long d3 = t3 - P3 - borrow;
        if (d3 >= 0) {
            r[ro] = d0;
            r[ro + 1] = d1;
            r[ro + 2] = d2;
            r[ro + 3] = d3;
        } else {
            r[ro] = t0;
            r[ro + 1] = t1;
            r[ro + 2] = t2;
            r[ro + 3] = t3;
        }
    }

    /** The four little-endian limbs of a non-negative value below 2^256. */
    static long[] limbsOf(BigInteger value) {
        long[] limbs = new long[4];
        for (int i = 0; i < 4; i++) {
            limbs[i] = value.shiftRight(64 * i).longValue();
        }
        return limbs;
    }

    /** The non-negative value of four little-endian limbs. */
    static BigInteger toBigInteger(long[] a, int ao) {
        BigInteger v = BigInteger.ZERO;
        for (int i = 3; i >= 0; i--) {
            v = v.shiftLeft(64).or(new BigInteger(Long.toUnsignedString(a[ao + i])));
        }
        return v;
    }
}
