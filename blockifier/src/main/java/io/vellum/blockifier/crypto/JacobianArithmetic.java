package io.vellum.blockifier.crypto;

/**
 * Point arithmetic for short Weierstrass curves y^2 = x^3 + a·x + b over the Stark field, in Jacobian
 * coordinates on {@link Fp}'s Montgomery limbs: the hot path of signing and verification.
 *
 * <h2>Representation</h2>
 * A Jacobian point (X, Y, Z) stands for the affine point (X/Z^2, Y/Z^3) and takes {@link #JACOBIAN_LONGS} = 12
 * longs at an offset of a flat {@code long[]}: X, Y, Z, four Montgomery limbs each. Z = 0 is the point at
 * infinity. An affine point takes {@link #AFFINE_LONGS} = 8 longs: x, y. Every operation works in place on its
 * first point and uses the caller's scratch buffer ({@link #SCRATCH_LONGS} longs) for temporaries, so a
 * scalar multiplication allocates nothing per step.
 *
 * <h2>Formulas (explicit-formulas database, hyperelliptic.org/EFD, "g1p/shortw/jacobian")</h2>
 * <ul>
 *   <li>Doubling: with T = (2Y)² = 4Y², S = X·T = 4·X·Y², M = 3·X² + a·Z⁴: X' = M² − 2S,
 *       Y' = M·(S − X') − T²/2, Z' = 2Y·Z. Three products, six squarings ({@link Fp#sqr} costs about two
 *       thirds of a product) and nine additions, subtractions or halvings; one more product for a ≠ 1. At
 *       ~50 ns a product, the additions matter: this arrangement has four fewer than the textbook one, and the
 *       variant that trades two products for squarings ("dbl-2007-bl") measured slower for its extra
 *       additions.</li>
 *   <li>Mixed addition (second point affine): U2 = x2·Z1², S2 = y2·Z1³, H = U2 − X1, R = S2 − Y1,
 *       X3 = R² − H³ − 2·X1·H², Y3 = R·(X1·H² − X3) − Y1·H³, Z3 = Z1·H. Eleven products.</li>
 *   <li>Addition (both Jacobian): the same with U1 = X1·Z2², S1 = Y1·Z2³, Z3 = Z1·Z2·H. Sixteen products.</li>
 * </ul>
 * Additions and subtractions use the branch-free {@link Fp#add} and {@link Fp#sub}: on random operands the
 * alternative, a branch on the final correction, mispredicts half the time.
 *
 * <p>The additions detect the exceptional cases (an operand at infinity, P + P, P + (−P)) and handle them
 * exactly, so the results are right for every input, not just for the generic case.
 *
 * <p>For a ≠ 1 the variable-base multiplication switches to modified Jacobian doublings, which carry
 * W = a·Z⁴ from one doubling to the next ({@link #doubleInPlaceWithWeight}).
 *
 * <p>The curve coefficient a is passed as a Montgomery element, or {@code null} for a = 1 (the Stark curve);
 * signature verification with an x-only key also runs these formulas on an isomorphic curve with another a
 * (see {@link Ecdsa}). The coefficient b never appears in the formulas.
 */
final class JacobianArithmetic {
    static final int AFFINE_LONGS = 8;
    static final int JACOBIAN_LONGS = 12;
    static final int SCRATCH_LONGS = 32;

    private JacobianArithmetic() {
    }

    static boolean isInfinity(long[] point, int offset) {
        return Fp.isZero(point, offset + 8);
    }

    static void setInfinity(long[] point, int offset) {
        for (int i = 0; i < JACOBIAN_LONGS; i++) {
            point[offset + i] = 0;
        }
        // (1, 1, 0), so that the value is a well-formed Jacobian triple.
        Fp.copy(Fp.ONE_MONTGOMERY, 0, point, offset);
        Fp.copy(Fp.ONE_MONTGOMERY, 0, point, offset + 4);
    }

    /** Writes the affine point (x, y), or (x, −y) when {@code negate}, as a Jacobian point with Z = 1. */
    static void setAffine(long[] point, int offset, long[] affine, int affineOffset, boolean negate) {
        Fp.copy(affine, affineOffset, point, offset);
        if (negate) {
            Fp.neg(affine, affineOffset + 4, point, offset + 4);
        } else {
            Fp.copy(affine, affineOffset + 4, point, offset + 4);
        }
        Fp.copy(Fp.ONE_MONTGOMERY, 0, point, offset + 8);
    }

    /** p ← 2·p on the curve with coefficient a ({@code null} for a = 1). */
    static void doubleInPlace(long[] p, int po, long[] curveA, long[] t) {
        final int x = po;
        final int y = po + 4;
        final int z = po + 8;
        final int xx = 0;
        final int zz = 4;
        final int twiceY = 8;
        final int fourYY = 12;
        final int s = 16;
        final int m = 20;
        final int scratch = 24;
        Fp.sqr(p, x, t, xx);
        Fp.sqr(p, z, t, zz);
        // 2Y, then 4Y² = (2Y)², S = 4·X·Y² = X·(2Y)², Z' = 2·Y·Z = (2Y)·Z.
        Fp.add(p, y, p, y, t, twiceY);
        Fp.sqr(t, twiceY, t, fourYY);
        Fp.mul(p, x, t, fourYY, t, s);
        Fp.mul(t, twiceY, p, z, p, z);
        // M = 3·XX + a·ZZ².
        Fp.sqr(t, zz, t, m);
        if (curveA != null) {
            Fp.mul(t, m, curveA, 0, t, m);
        }
        Fp.add(t, m, t, xx, t, m);
        Fp.add(t, m, t, xx, t, m);
        Fp.add(t, m, t, xx, t, m);
        // X' = M² − 2·S.
        Fp.sqr(t, m, p, x);
        Fp.sub(p, x, t, s, p, x);
        Fp.sub(p, x, t, s, p, x);
        // Y' = M·(S − X') − 8·Y⁴, with 8·Y⁴ = (4Y²)²/2.
        Fp.sub(t, s, p, x, t, scratch);
        Fp.mul(t, m, t, scratch, p, y);
        Fp.sqr(t, fourYY, t, scratch);
        Fp.halve(t, scratch, t, scratch);
        Fp.sub(p, y, t, scratch, p, y);
    }

    /**
     * p ← p + q where q is affine (x, y), or p ← p − q when {@code negate}; on the curve with coefficient a
     * ({@code null} for a = 1), which is only used if the sum turns out to be a doubling.
     */
    static void addAffineInPlace(long[] p, int po, long[] q, int qo, boolean negate, long[] curveA, long[] t) {
        if (isInfinity(p, po)) {
            setAffine(p, po, q, qo, negate);
            return;
        }
        final int x1 = po;
        final int y1 = po + 4;
        final int z1 = po + 8;
        final int z1z1 = 0;
        final int h = 4;
        final int r = 8;
        final int hh = 12;
        final int hhh = 16;
        final int v = 20;
        Fp.sqr(p, z1, t, z1z1);
        // H = x2·Z1² − X1.
        Fp.mul(q, qo, t, z1z1, t, h);
        Fp.sub(t, h, p, x1, t, h);
        // R = ±y2·Z1³ − Y1.
        Fp.mul(p, z1, t, z1z1, t, r);
        Fp.mul(q, qo + 4, t, r, t, r);
        if (negate) {
            Fp.neg(t, r, t, r);
        }
        Fp.sub(t, r, p, y1, t, r);
        if (Fp.isZero(t, h)) {
            if (Fp.isZero(t, r)) {
                doubleInPlace(p, po, curveA, t);
            } else {
                setInfinity(p, po);
            }
            return;
        }
        Fp.sqr(t, h, t, hh);
        Fp.mul(t, h, t, hh, t, hhh);
        Fp.mul(p, x1, t, hh, t, v);
        // Z3 = Z1·H.
        Fp.mul(p, z1, t, h, p, z1);
        // X3 = R² − H³ − 2·V.
        Fp.sqr(t, r, p, x1);
        Fp.sub(p, x1, t, hhh, p, x1);
        Fp.sub(p, x1, t, v, p, x1);
        Fp.sub(p, x1, t, v, p, x1);
        // Y3 = R·(V − X3) − Y1·H³.
        Fp.sub(t, v, p, x1, t, v);
        Fp.mul(t, r, t, v, t, v);
        Fp.mul(p, y1, t, hhh, t, hhh);
        Fp.sub(t, v, t, hhh, p, y1);
    }

    /**
     * p ← p + q for Jacobian points, or p ← p − q when {@code negate}; on the curve with coefficient a
     * ({@code null} for a = 1), which is only used if the sum turns out to be a doubling. q must not overlap p.
     */
    static void addInPlace(long[] p, int po, long[] q, int qo, boolean negate, long[] curveA, long[] t) {
        if (isInfinity(q, qo)) {
            return;
        }
        if (isInfinity(p, po)) {
            System.arraycopy(q, qo, p, po, JACOBIAN_LONGS);
            if (negate) {
                Fp.neg(p, po + 4, p, po + 4);
            }
            return;
        }
        final int x1 = po;
        final int y1 = po + 4;
        final int z1 = po + 8;
        final int z1z1 = 0;
        final int z2z2 = 4;
        final int u1 = 8;
        final int h = 12;
        final int s1 = 16;
        final int r = 20;
        final int hh = 24;
        final int hhh = 28;
        Fp.sqr(p, z1, t, z1z1);
        Fp.sqr(q, qo + 8, t, z2z2);
        Fp.mul(p, x1, t, z2z2, t, u1);
        // H = U2 − U1 with U2 = X2·Z1².
        Fp.mul(q, qo, t, z1z1, t, h);
        Fp.sub(t, h, t, u1, t, h);
        // S1 = Y1·Z2³.
        Fp.mul(q, qo + 8, t, z2z2, t, s1);
        Fp.mul(p, y1, t, s1, t, s1);
        // R = ±Y2·Z1³ − S1.
        Fp.mul(p, z1, t, z1z1, t, r);
        Fp.mul(q, qo + 4, t, r, t, r);
        if (negate) {
            Fp.neg(t, r, t, r);
        }
        Fp.sub(t, r, t, s1, t, r);
        if (Fp.isZero(t, h)) {
            if (Fp.isZero(t, r)) {
                doubleInPlace(p, po, curveA, t);
            } else {
                setInfinity(p, po);
            }
            return;
        }
        Fp.sqr(t, h, t, hh);
        Fp.mul(t, h, t, hh, t, hhh);
        // V = U1·H², kept in u1.
        Fp.mul(t, u1, t, hh, t, u1);
        // Z3 = Z1·Z2·H.
        Fp.mul(p, z1, q, qo + 8, p, z1);
        Fp.mul(p, z1, t, h, p, z1);
        // X3 = R² − H³ − 2·V.
        Fp.sqr(t, r, p, x1);
        Fp.sub(p, x1, t, hhh, p, x1);
        Fp.sub(p, x1, t, u1, p, x1);
        Fp.sub(p, x1, t, u1, p, x1);
        // Y3 = R·(V − X3) − S1·H³.
        Fp.sub(t, u1, p, x1, t, u1);
        Fp.mul(t, r, t, u1, t, u1);
        Fp.mul(t, s1, t, hhh, t, hhh);
        Fp.sub(t, u1, t, hhh, p, y1);
    }

    /** The width of the non-adjacent form for a variable base: 8 precomputed odd multiples. */
    static final int VARIABLE_BASE_WIDTH = 5;

    /**
     * out ← k·P for an affine point P (not at infinity) and a scalar below 2^256 given as four limbs, on the
     * curve with coefficient a ({@code null} for a = 1). Width-5 non-adjacent form: the odd multiples
     * P, 3P, …, 15P are computed in Jacobian coordinates (one doubling, seven additions), then one doubling per
     * bit and one addition per non-zero digit (about one bit in six). t is scratch of {@link #SCRATCH_LONGS}.
     */
    static void multiply(long[] affine, int ao, long[] scalar, long[] curveA, long[] out, int oo, long[] t) {
        long[] odd = oddMultiples(affine, ao, curveA, t);
        int[] digits = Scalars.nonAdjacentForm(scalar, VARIABLE_BASE_WIDTH);
        // For a ≠ 1, runs of doublings carry W = a·Z⁴ (modified Jacobian coordinates): recomputed after each
        // addition (two squarings and a product), it saves two squarings in every doubling.
        long[] weight = curveA == null ? null : new long[4];
        boolean weightCurrent = false;
        setInfinity(out, oo);
        for (int i = digits.length - 1; i >= 0; i--) {
            if (!isInfinity(out, oo)) {
                if (weight == null) {
                    doubleInPlace(out, oo, null, t);
                } else {
                    if (!weightCurrent) {
                        Fp.sqr(out, oo + 8, weight, 0);
                        Fp.sqr(weight, 0, weight, 0);
                        Fp.mul(weight, 0, curveA, 0, weight, 0);
                        weightCurrent = true;
                    }
                    doubleInPlaceWithWeight(out, oo, weight, t);
                }
            }
            int digit = digits[i];
            if (digit == 1 || digit == -1) {
                // P itself is affine: a mixed addition is cheaper.
                addAffineInPlace(out, oo, affine, ao, digit < 0, curveA, t);
                weightCurrent = false;
            } else if (digit != 0) {
                addInPlace(out, oo, odd, (Math.abs(digit) >>> 1) * JACOBIAN_LONGS, digit < 0, curveA, t);
                weightCurrent = false;
            }
        }
    }

    /**
     * p ← 2·p given W = a·Z⁴ for p, which is updated to a·Z'⁴ (modified Jacobian doubling): M = 3·X² + W needs
     * no power of Z, and W' = 16·Y⁴·W. Four products and four squarings, against four and six for
     * {@link #doubleInPlace} with a ≠ 1.
     */
    static void doubleInPlaceWithWeight(long[] p, int po, long[] weight, long[] t) {
        final int x = po;
        final int y = po + 4;
        final int z = po + 8;
        final int xx = 0;
        final int twiceY = 4;
        final int fourYY = 8;
        final int s = 12;
        final int m = 16;
        final int eightY4 = 20;
        final int scratch = 24;
        Fp.sqr(p, x, t, xx);
        Fp.add(p, y, p, y, t, twiceY);
        Fp.sqr(t, twiceY, t, fourYY);
        Fp.mul(p, x, t, fourYY, t, s);
        Fp.mul(t, twiceY, p, z, p, z);
        // M = 3·XX + W.
        Fp.add(weight, 0, t, xx, t, m);
        Fp.add(t, m, t, xx, t, m);
        Fp.add(t, m, t, xx, t, m);
        // X' = M² − 2·S.
        Fp.sqr(t, m, p, x);
        Fp.sub(p, x, t, s, p, x);
        Fp.sub(p, x, t, s, p, x);
        // Y' = M·(S − X') − 8·Y⁴, with 8·Y⁴ = (4Y²)²/2.
        Fp.sub(t, s, p, x, t, scratch);
        Fp.mul(t, m, t, scratch, p, y);
        Fp.sqr(t, fourYY, t, eightY4);
        Fp.halve(t, eightY4, t, eightY4);
        Fp.sub(p, y, t, eightY4, p, y);
        // W' = a·(2YZ)⁴ = 16·Y⁴·W = 2·(8·Y⁴)·W.
        Fp.mul(t, eightY4, weight, 0, weight, 0);
        Fp.add(weight, 0, weight, 0, weight, 0);
    }

    /**
     * The odd multiples P, 3P, …, (2^(w−1) − 1)·P of an affine point for the width-w non-adjacent form
     * (w = {@link #VARIABLE_BASE_WIDTH}), as consecutive Jacobian points: one doubling and 2^(w−2) − 1
     * additions.
     */
    static long[] oddMultiples(long[] affine, int ao, long[] curveA, long[] t) {
        final int count = 1 << (VARIABLE_BASE_WIDTH - 2);
        long[] odd = new long[(count + 1) * JACOBIAN_LONGS];
        final int twice = count * JACOBIAN_LONGS;
        setAffine(odd, 0, affine, ao, false);
        System.arraycopy(odd, 0, odd, twice, JACOBIAN_LONGS);
        doubleInPlace(odd, twice, curveA, t);
        for (int i = 1; i < count; i++) {
            System.arraycopy(odd, (i - 1) * JACOBIAN_LONGS, odd, i * JACOBIAN_LONGS, JACOBIAN_LONGS);
            addInPlace(odd, i * JACOBIAN_LONGS, odd, twice, false, curveA, t);
        }
        return odd;
    }

    /**
     * Writes the affine form of a Jacobian point that is not at infinity: x = X/Z², y = Y/Z³ (Montgomery limbs,
     * eight longs). One field inversion.
     */
    static void toAffine(long[] p, int po, long[] affine, int ao, long[] t) {
        final int zInverse = 0;
        final int zInverseSquared = 4;
        Fp.inverse(p, po + 8, t, zInverse);
        Fp.sqr(t, zInverse, t, zInverseSquared);
        Fp.mul(p, po, t, zInverseSquared, affine, ao);
        Fp.mul(t, zInverse, t, zInverseSquared, t, zInverse);
        Fp.mul(p, po + 4, t, zInverse, affine, ao + 4);
    }

    /**
     * Writes the affine forms of {@code count} Jacobian points (none at infinity), stored one after another from
     * {@code po}, one after another into {@code affine} from {@code ao}, with a single field inversion
     * (Montgomery's simultaneous inversion: 3 products per point to share it, 4 more to apply it).
     */
    static void toAffineBatch(long[] p, int po, int count, long[] affine, int ao) {
        // prefix[i] = Z_0 · … · Z_i.
        long[] prefix = new long[4 * count];
        Fp.copy(p, po + 8, prefix, 0);
        for (int i = 1; i < count; i++) {
            Fp.mul(prefix, 4 * (i - 1), p, po + JACOBIAN_LONGS * i + 8, prefix, 4 * i);
        }
        long[] t = new long[16];
        final int inverse = 0;
        final int zInverse = 4;
        final int zInverseSquared = 8;
        final int zInverseCubed = 12;
        Fp.inverse(prefix, 4 * (count - 1), t, inverse);
        for (int i = count - 1; i >= 0; i--) {
            int point = po + JACOBIAN_LONGS * i;
            // inverse = (Z_0 · … · Z_i)^-1, so Z_i^-1 = inverse · (Z_0 · … · Z_{i-1}).
            if (i > 0) {
                Fp.mul(t, inverse, prefix, 4 * (i - 1), t, zInverse);
                Fp.mul(t, inverse, p, point + 8, t, inverse);
            } else {
                Fp.copy(t, inverse, t, zInverse);
            }
            Fp.sqr(t, zInverse, t, zInverseSquared);
            Fp.mul(t, zInverseSquared, t, zInverse, t, zInverseCubed);
            Fp.mul(p, point, t, zInverseSquared, affine, ao + AFFINE_LONGS * i);
            Fp.mul(p, point + 4, t, zInverseCubed, affine, ao + AFFINE_LONGS * i + 4);
        }
    }

    /**
     * Whether the Jacobian point p, not at infinity, has affine x equal to the Montgomery element at xo: that
     * is X == x·Z², with no inversion.
     */
    static boolean hasX(long[] p, int po, long[] x, int xo, long[] t) {
        Fp.sqr(p, po + 8, t, 0);
        Fp.mul(t, 0, x, xo, t, 0);
        return Fp.equal(t, 0, p, po);
    }
}
