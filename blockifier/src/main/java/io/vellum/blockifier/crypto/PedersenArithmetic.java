package io.vellum.blockifier.crypto;

/**
 * Point arithmetic on the Stark curve y² = x³ + α·x + β (α = 1) for Pedersen's tables and accumulation, on
 * {@link Radix52} limbs (Montgomery form, R = 2^260, lazy reduction).
 *
 * <p>A Jacobian point (X, Y, Z) stands for the affine point (X/Z², Y/Z³); it takes 15 limbs (X, Y, Z at
 * offsets 0, 5, 10) and Z with all limbs zero marks the point at infinity (a product never yields all-zero
 * limbs for a non-zero residue, so only {@link #setInfinity} creates it). An affine point takes 10 limbs
 * (x, y). Adding an affine point to a Jacobian one ("mixed addition", Hankerson–Menezes–Vanstone,
 * {@code madd-2004-hmv} in the Explicit-Formulas Database) costs 8 products and 3 squares and no inversion,
 * which is why Pedersen accumulates in Jacobian coordinates and inverts once at the end.
 *
 * <p>Bounds: every coordinate held in a point is in [0, 2p] with limbs below 2^53 in magnitude (a product's
 * output, or a weakly reduced sum); differences add a multiple of p so that no value goes negative. These keep
 * every {@link Radix52} call inside its contract; the comments give the ranges.
 *
 * <p>Every routine handles the exceptional cases (infinity, equal points, opposite points) exactly, even
 * though Pedersen's accumulation cannot reach them without a discrete-logarithm relation between its
 * constant points: an "impossible" case that happens must still give the right answer. This is deliberately
 * separate from the ECDSA code's curve arithmetic: it is specialised for Pedersen's buffers (fixed scratch
 * slots, no allocation per addition) and owned by the hash code.
 */
final class PedersenArithmetic {
    private static final int ELEMENT = Radix52.LIMBS;
    /** Limbs of a Jacobian point. */
    static final int JACOBIAN_LIMBS = 3 * ELEMENT;
    /** Limbs of an affine point. */
    static final int AFFINE_LIMBS = 2 * ELEMENT;
    /** Limbs of scratch space the routines below need. */
    static final int SCRATCH_LIMBS = 11 * ELEMENT;

    private static final int SLOT_A = 0;
    private static final int SLOT_B = ELEMENT;
    private static final int SLOT_C = 2 * ELEMENT;
    private static final int SLOT_D = 3 * ELEMENT;
    private static final int SLOT_E = 4 * ELEMENT;
    private static final int SLOT_F = 5 * ELEMENT;
    private static final int SLOT_G = 6 * ELEMENT;
    private static final int SLOT_H = 7 * ELEMENT;
    private static final int SLOT_I = 8 * ELEMENT;
    private static final int SLOT_J = 9 * ELEMENT;
    private static final int SLOT_K = 10 * ELEMENT;

    private static final long[] ONE = Radix52.montgomeryOf(java.math.BigInteger.ONE);

    private PedersenArithmetic() {
    }

    /** Sets the Jacobian point at {@code po} to the affine point at {@code qo} (Z = 1). */
    static void setAffine(long[] p, int po, long[] q, int qo) {
        System.arraycopy(q, qo, p, po, AFFINE_LIMBS);
        System.arraycopy(ONE, 0, p, po + 2 * ELEMENT, ELEMENT);
    }

    static void setInfinity(long[] p, int po) {
        System.arraycopy(ONE, 0, p, po, ELEMENT);
        System.arraycopy(ONE, 0, p, po + ELEMENT, ELEMENT);
        for (int i = 0; i < ELEMENT; i++) {
            p[po + 2 * ELEMENT + i] = 0;
        }
    }

    static boolean isInfinity(long[] p, int po) {
        int z = po + 2 * ELEMENT;
        return (p[z] | p[z + 1] | p[z + 2] | p[z + 3] | p[z + 4]) == 0;
    }

    /**
     * p += q in place, with p Jacobian (at {@code po}) and q affine (at {@code qo}, not infinity, coordinates in
     * [0, 2p]). Uses {@code madd-2004-hmv}: Z1Z1 = Z1², U2 = x2·Z1Z1, S2 = y2·Z1·Z1Z1, H = U2 − X1,
     * R = S2 − Y1, X3 = R² − H³ − 2·X1·H², Y3 = R·(X1·H² − X3) − Y1·H³, Z3 = Z1·H.
     */
    static void addAffine(long[] p, int po, long[] q, int qo, long[] scratch) {
        int x1 = po;
        int y1 = po + ELEMENT;
        int z1 = po + 2 * ELEMENT;
        if (isInfinity(p, po)) {
            setAffine(p, po, q, qo);
            return;
        }
        long[] s = scratch;
        Radix52.sqr(p, z1, s, SLOT_A);                      // A = Z1²
        Radix52.mul(q, qo, s, SLOT_A, s, SLOT_B);           // B = U2 = x2·Z1²
        Radix52.mul(p, z1, s, SLOT_A, s, SLOT_C);           // C = Z1³
        Radix52.mul(q, qo + ELEMENT, s, SLOT_C, s, SLOT_C); // C = S2 = y2·Z1³
        difference(s, SLOT_B, p, x1, s, SLOT_D);            // D = H = U2 − X1 + 2p, in [0, 4p)
        difference(s, SLOT_C, p, y1, s, SLOT_E);            // E = R = S2 − Y1 + 2p, in [0, 4p)
        if (Radix52.isZeroModulo(s, SLOT_D)) {                // same x: equal or opposite points
            if (Radix52.isZeroModulo(s, SLOT_E)) {
                doublePoint(p, po, scratch);  // the same point
            } else {
                setInfinity(p, po);           // opposite points
            }
            return;
        }
        Radix52.sqr(s, SLOT_D, s, SLOT_F);                  // F = H²
        Radix52.mul(s, SLOT_D, s, SLOT_F, s, SLOT_G);       // G = H³
        Radix52.mul(p, x1, s, SLOT_F, s, SLOT_H);           // H' = V = X1·H²
        Radix52.mul(p, z1, s, SLOT_D, p, z1);               // Z3 = Z1·H
        Radix52.sqr(s, SLOT_E, s, SLOT_I);                  // I = R²
        for (int i = 0; i < ELEMENT; i++) {                 // X3 = R² − H³ − 2·V + 6p, in (0, 8p)
            p[x1 + i] = s[SLOT_I + i] - s[SLOT_G + i] - (s[SLOT_H + i] << 1) + 6 * modulusLimb(i);
        }
        Radix52.weakReduce(p, x1);                          //    then (0, 2p]
        difference(s, SLOT_H, p, x1, s, SLOT_J);            // J = V − X3 + 2p, in [0, 4p)
        Radix52.mul(s, SLOT_E, s, SLOT_J, s, SLOT_J);       // J = R·(V − X3)
        Radix52.mul(p, y1, s, SLOT_G, s, SLOT_K);           // K = Y1·H³
        difference(s, SLOT_J, s, SLOT_K, p, y1);            // Y3 = J − K + 2p, in (0, 4p)
        Radix52.weakReduce(p, y1);                          //    then (0, 2p]
    }

    /**
     * p = 2·p in place (Jacobian, α = 1): S = 4·X·Y², M = 3·X² + α·Z⁴, X3 = M² − 2·S,
     * Y3 = M·(S − X3) − 8·Y⁴, Z3 = 2·Y·Z.
     */
    static void doublePoint(long[] p, int po, long[] scratch) {
        int x = po;
        int y = po + ELEMENT;
        int z = po + 2 * ELEMENT;
        if (isInfinity(p, po) || Radix52.isZeroModulo(p, y)) {
            setInfinity(p, po);  // infinity doubles to itself; a point of order 2 doubles to infinity
            return;
        }
        long[] s = scratch;
        Radix52.sqr(p, x, s, SLOT_A);                       // A = X²
        Radix52.sqr(p, y, s, SLOT_B);                       // B = Y²
        Radix52.sqr(s, SLOT_B, s, SLOT_C);                  // C = Y⁴
        Radix52.sqr(p, z, s, SLOT_D);                       // D = Z²
        Radix52.sqr(s, SLOT_D, s, SLOT_D);                  // D = Z⁴ (α = 1)
        Radix52.mul(p, x, s, SLOT_B, s, SLOT_E);            // E = S = 4·X·Y², below 8p
        for (int i = 0; i < ELEMENT; i++) {
            s[SLOT_E + i] <<= 2;
            s[SLOT_F + i] = 3 * s[SLOT_A + i] + s[SLOT_D + i];  // F = M = 3·X² + Z⁴, below 8p
        }
        Radix52.weakReduce(s, SLOT_E);
        Radix52.weakReduce(s, SLOT_F);
        Radix52.mul(p, y, p, z, p, z);                      // Z3 = 2·Y·Z, below 4p
        for (int i = 0; i < ELEMENT; i++) {
            p[z + i] <<= 1;
        }
        Radix52.weakReduce(p, z);
        Radix52.sqr(s, SLOT_F, p, x);                       // X3 = M² − 2·S + 4p, in (0, 6p)
        for (int i = 0; i < ELEMENT; i++) {
            p[x + i] += 4 * modulusLimb(i) - (s[SLOT_E + i] << 1);
        }
        Radix52.weakReduce(p, x);
        difference(s, SLOT_E, p, x, s, SLOT_G);             // G = S − X3 + 2p, in [0, 4p)
        Radix52.mul(s, SLOT_F, s, SLOT_G, s, SLOT_G);       // G = M·(S − X3)
        for (int i = 0; i < ELEMENT; i++) {                 // Y3 = G − 8·Y⁴ + 16p, in (0, 18p)
            p[y + i] = s[SLOT_G + i] - (s[SLOT_C + i] << 3) + 16 * modulusLimb(i);
        }
        Radix52.weakReduce(p, y);
    }

    /** The affine x coordinate X/Z² of the Jacobian point at {@code po}, which must not be infinity. */
    static Felt affineX(long[] p, int po, long[] scratch) {
        if (isInfinity(p, po)) {
            throw new IllegalStateException("the point at infinity has no affine coordinates");
        }
        Radix52.sqr(p, po + 2 * ELEMENT, scratch, SLOT_A);
        return Radix52.toFelt(p, po).mul(Radix52.toFelt(scratch, SLOT_A).inverse());
    }

    /**
     * Converts {@code count} Jacobian points (none at infinity) stored one after another from {@code from}
     * into affine points stored one after another from {@code to}, with a single inversion (Montgomery's
     * simultaneous-inversion trick: invert the product of all Z, then peel it back one factor at a time).
     */
    static void toAffineBatch(long[] jacobian, int from, int count, long[] affine, int to) {
        long[] prefix = new long[ELEMENT * count];
        long[] inverse = new long[ELEMENT];
        long[] zInverse = new long[ELEMENT];
        long[] zInverseSquared = new long[ELEMENT];
        for (int i = 0; i < count; i++) {
            int point = from + i * JACOBIAN_LIMBS;
            if (isInfinity(jacobian, point)) {
                throw new IllegalStateException("point " + i + " of the batch is at infinity");
            }
            int z = point + 2 * ELEMENT;
            if (i == 0) {
                System.arraycopy(jacobian, z, prefix, 0, ELEMENT);
            } else {
                Radix52.mul(prefix, ELEMENT * (i - 1), jacobian, z, prefix, ELEMENT * i);
            }
        }
        Radix52.fromFelt(Radix52.toFelt(prefix, ELEMENT * (count - 1)).inverse(), inverse, 0);
        for (int i = count - 1; i >= 0; i--) {
            int point = from + i * JACOBIAN_LIMBS;
            if (i == 0) {
                System.arraycopy(inverse, 0, zInverse, 0, ELEMENT);
            } else {
                // 1/Z_i = (1/(Z_0···Z_i))·(Z_0···Z_{i-1}); then drop Z_i from the running inverse.
                Radix52.mul(inverse, 0, prefix, ELEMENT * (i - 1), zInverse, 0);
                Radix52.mul(inverse, 0, jacobian, point + 2 * ELEMENT, inverse, 0);
            }
            Radix52.sqr(zInverse, 0, zInverseSquared, 0);
            int out = to + i * AFFINE_LIMBS;
            Radix52.mul(jacobian, point, zInverseSquared, 0, affine, out);
            Radix52.mul(zInverseSquared, 0, zInverse, 0, zInverseSquared, 0);
            Radix52.mul(jacobian, point + ELEMENT, zInverseSquared, 0, affine, out + ELEMENT);
        }
    }

    /** r = a − b + 2p, limb-wise; with a in [0, 2p) and b in [0, 2p] the value is in [0, 4p). */
    private static void difference(long[] a, int ao, long[] b, int bo, long[] r, int ro) {
        for (int i = 0; i < ELEMENT; i++) {
            r[ro + i] = a[ao + i] - b[bo + i] + 2 * modulusLimb(i);
        }
    }

    /** Limb i of p in radix 2^52: 1, 0, 0, 17·2^36, 2^43. */
    private static long modulusLimb(int i) {
        return i == 0 ? 1 : i == 3 ? Radix52.MODULUS_LIMB_3 : i == 4 ? Radix52.MODULUS_LIMB_4 : 0;
    }
}
