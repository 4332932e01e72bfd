package io.vellum.blockifier.crypto;

/**
 * Point arithmetic on the Stark curve y² = x³ + α·x + β (α = 1) over the Stark field, on Montgomery limbs
 * ({@link Fp}), for Pedersen's tables and accumulation.
 *
 * <p>A Jacobian point (X, Y, Z) stands for the affine point (X/Z², Y/Z³); it takes 12 limbs (X, Y, Z at
 * offsets 0, 4, 8) and Z = 0 marks the point at infinity. An affine point takes 8 limbs (x, y). Adding an
 * affine point to a Jacobian one ("mixed addition", Hankerson–Menezes–Vanstone, {@code madd-2004-hmv} in the
 * Explicit-Formulas Database) costs 8 products and 3 squares and no inversion, which is why Pedersen
 * accumulates in Jacobian coordinates and inverts once at the end.
 *
 * <p>Every routine handles the exceptional cases (infinity, equal points, opposite points) exactly, even
 * though Pedersen's accumulation cannot reach them without a discrete-logarithm relation between its
 * constant points: an "impossible" case that happens must still give the right answer.
 *
 * <p>This is deliberately separate from the ECDSA code's curve arithmetic: it is specialised for Pedersen's
 * buffers (fixed scratch slots, no allocation per addition) and owned by the hash code.
 */
final class PedersenArithmetic {
    /** Limbs of a Jacobian point. */
    static final int JACOBIAN_LIMBS = 12;
    /** Limbs of an affine point. */
    static final int AFFINE_LIMBS = 8;
    /** Limbs of scratch space the routines below need. */
    static final int SCRATCH_LIMBS = 40;

    private static final int SLOT_A = 0;
    private static final int SLOT_B = 4;
    private static final int SLOT_C = 8;
    private static final int SLOT_D = 12;
    private static final int SLOT_E = 16;
    private static final int SLOT_F = 20;
    private static final int SLOT_G = 24;
    private static final int SLOT_H = 28;
    private static final int SLOT_I = 32;
    private static final int SLOT_J = 36;

    private PedersenArithmetic() {
    }

    /** Sets the Jacobian point at {@code po} to the affine point at {@code qo} (Z = 1). */
    static void setAffine(long[] p, int po, long[] q, int qo) {
        Fp.copy(q, qo, p, po);
        Fp.copy(q, qo + 4, p, po + 4);
        Fp.copy(Fp.ONE_MONTGOMERY, 0, p, po + 8);
    }

    static void setInfinity(long[] p, int po) {
        Fp.copy(Fp.ONE_MONTGOMERY, 0, p, po);
        Fp.copy(Fp.ONE_MONTGOMERY, 0, p, po + 4);
        p[po + 8] = 0;
        p[po + 9] = 0;
        p[po + 10] = 0;
        p[po + 11] = 0;
    }

    static boolean isInfinity(long[] p, int po) {
        return Fp.isZero(p, po + 8);
    }

    /**
     * p += q in place, with p Jacobian (at {@code po}) and q affine (at {@code qo}, not infinity). Uses
     * {@code madd-2004-hmv}: Z1Z1 = Z1², U2 = x2·Z1Z1, S2 = y2·Z1·Z1Z1, H = U2 − X1, R = S2 − Y1,
     * X3 = R² − H³ − 2·X1·H², Y3 = R·(X1·H² − X3) − Y1·H³, Z3 = Z1·H.
     */
    static void addAffine(long[] p, int po, long[] q, int qo, long[] scratch) {
        int x1 = po;
        int y1 = po + 4;
        int z1 = po + 8;
        if (Fp.isZero(p, z1)) {
            setAffine(p, po, q, qo);
            return;
        }
        long[] s = scratch;
        Fp.sqr(p, z1, s, SLOT_A);                 // A = Z1²
        Fp.mul(q, qo, s, SLOT_A, s, SLOT_B);      // B = U2 = x2·Z1²
        Fp.mul(p, z1, s, SLOT_A, s, SLOT_C);      // C = Z1³
        Fp.mul(q, qo + 4, s, SLOT_C, s, SLOT_C);  // C = S2 = y2·Z1³
        Fp.sub(s, SLOT_B, p, x1, s, SLOT_D);      // D = H = U2 − X1
        Fp.sub(s, SLOT_C, p, y1, s, SLOT_E);      // E = R = S2 − Y1
        if (Fp.isZero(s, SLOT_D)) {
            if (Fp.isZero(s, SLOT_E)) {
                doublePoint(p, po, scratch);  // the same point
            } else {
                setInfinity(p, po);           // opposite points
            }
            return;
        }
        Fp.sqr(s, SLOT_D, s, SLOT_F);             // F = H²
        Fp.mul(s, SLOT_D, s, SLOT_F, s, SLOT_G);  // G = H³
        Fp.mul(p, x1, s, SLOT_F, s, SLOT_H);      // H' = V = X1·H²
        Fp.mul(p, z1, s, SLOT_D, p, z1);          // Z3 = Z1·H
        Fp.sqr(s, SLOT_E, p, x1);                 // X3 = R²
        Fp.sub(p, x1, s, SLOT_G, p, x1);          //      − H³
        Fp.dbl(s, SLOT_H, s, SLOT_I);
        Fp.sub(p, x1, s, SLOT_I, p, x1);          //      − 2·V
        Fp.sub(s, SLOT_H, p, x1, s, SLOT_I);      // I = V − X3
        Fp.mul(s, SLOT_E, s, SLOT_I, s, SLOT_I);  // I = R·(V − X3)
        Fp.mul(p, y1, s, SLOT_G, s, SLOT_J);      // J = Y1·H³
        Fp.sub(s, SLOT_I, s, SLOT_J, p, y1);      // Y3 = I − J
    }

    /**
     * p = 2·p in place (Jacobian, α = 1): S = 4·X·Y², M = 3·X² + α·Z⁴, X3 = M² − 2·S,
     * Y3 = M·(S − X3) − 8·Y⁴, Z3 = 2·Y·Z.
     */
    static void doublePoint(long[] p, int po, long[] scratch) {
        int x = po;
        int y = po + 4;
        int z = po + 8;
        if (Fp.isZero(p, z) || Fp.isZero(p, y)) {
            setInfinity(p, po);  // infinity doubles to itself; a point of order 2 doubles to infinity
            return;
        }
        long[] s = scratch;
        Fp.sqr(p, x, s, SLOT_A);                  // A = X²
        Fp.sqr(p, y, s, SLOT_B);                  // B = Y²
        Fp.sqr(s, SLOT_B, s, SLOT_C);             // C = Y⁴
        Fp.sqr(p, z, s, SLOT_D);                  // D = Z²
        Fp.sqr(s, SLOT_D, s, SLOT_D);             // D = Z⁴ (α = 1)
        Fp.mul(p, x, s, SLOT_B, s, SLOT_E);       // E = S = 4·X·Y²
        Fp.dbl(s, SLOT_E, s, SLOT_E);
        Fp.dbl(s, SLOT_E, s, SLOT_E);
        Fp.dbl(s, SLOT_A, s, SLOT_F);             // F = M = 3·X² + Z⁴
        Fp.add(s, SLOT_F, s, SLOT_A, s, SLOT_F);
        Fp.add(s, SLOT_F, s, SLOT_D, s, SLOT_F);
        Fp.mul(p, y, p, z, p, z);                 // Z3 = 2·Y·Z
        Fp.dbl(p, z, p, z);
        Fp.sqr(s, SLOT_F, p, x);                  // X3 = M² − 2·S
        Fp.dbl(s, SLOT_E, s, SLOT_G);
        Fp.sub(p, x, s, SLOT_G, p, x);
        Fp.sub(s, SLOT_E, p, x, s, SLOT_G);       // Y3 = M·(S − X3) − 8·Y⁴
        Fp.mul(s, SLOT_F, s, SLOT_G, s, SLOT_G);
        Fp.dbl(s, SLOT_C, s, SLOT_C);
        Fp.dbl(s, SLOT_C, s, SLOT_C);
        Fp.dbl(s, SLOT_C, s, SLOT_C);
        Fp.sub(s, SLOT_G, s, SLOT_C, p, y);
    }

    /**
     * Writes the affine x coordinate X/Z² (Montgomery form) of the Jacobian point at {@code po} to
     * {@code out}; the point must not be infinity.
     */
    static void affineX(long[] p, int po, long[] out, int oo, long[] scratch) {
        if (Fp.isZero(p, po + 8)) {
            throw new IllegalStateException("the point at infinity has no affine coordinates");
        }
        Fp.inverse(p, po + 8, scratch, SLOT_A);
        Fp.sqr(scratch, SLOT_A, scratch, SLOT_B);
        Fp.mul(p, po, scratch, SLOT_B, out, oo);
    }

    /**
     * Converts {@code count} Jacobian points (none at infinity) stored one after another from {@code from}
     * into affine points stored one after another from {@code to}, with a single inversion (Montgomery's
     * simultaneous-inversion trick: invert the product of all Z, then peel it back one factor at a time).
     */
    static void toAffineBatch(long[] jacobian, int from, int count, long[] affine, int to) {
        long[] prefix = new long[4 * count];
        long[] inverse = new long[4];
        long[] zInverse = new long[4];
        long[] zInverseSquared = new long[4];
        for (int i = 0; i < count; i++) {
            int z = from + i * JACOBIAN_LIMBS + 8;
            if (Fp.isZero(jacobian, z)) {
                throw new IllegalStateException("point " + i + " of the batch is at infinity");
            }
            if (i == 0) {
                Fp.copy(jacobian, z, prefix, 0);
            } else {
                Fp.mul(prefix, 4 * (i - 1), jacobian, z, prefix, 4 * i);
            }
        }
        Fp.inverse(prefix, 4 * (count - 1), inverse, 0);
        for (int i = count - 1; i >= 0; i--) {
            int point = from + i * JACOBIAN_LIMBS;
            if (i == 0) {
                Fp.copy(inverse, 0, zInverse, 0);
            } else {
                // 1/Z_i = (1/(Z_0···Z_i))·(Z_0···Z_{i-1}); then drop Z_i from the running inverse.
                Fp.mul(inverse, 0, prefix, 4 * (i - 1), zInverse, 0);
                Fp.mul(inverse, 0, jacobian, point + 8, inverse, 0);
            }
            Fp.sqr(zInverse, 0, zInverseSquared, 0);
            int out = to + i * AFFINE_LIMBS;
            Fp.mul(jacobian, point, zInverseSquared, 0, affine, out);
            Fp.mul(zInverseSquared, 0, zInverse, 0, zInverseSquared, 0);
            Fp.mul(jacobian, point + 4, zInverseSquared, 0, affine, out + 4);
        }
    }
}
