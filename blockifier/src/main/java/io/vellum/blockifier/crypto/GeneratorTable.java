package io.vellum.blockifier.crypto;

/**
 * Scalar multiplication by the Stark curve's generator G from precomputed tables: k·G alone (signing, key
 * derivation, x-only verification) and u1·G + u2·Q (verification with a full public key).
 *
 * <h2>k·G: fixed windows</h2>
 * The scalar (below n &lt; 2^252) is written in {@value #WINDOWS} signed digits of {@value #WINDOW_BITS} bits,
 * k = Σ d_i·2^(8i) with d_i in [−127, 128] ({@link Scalars#signedRadixDigits}). The table holds, for each
 * window i, the affine points j·2^(8i)·G for j = 1..128, so k·G is the sum of at most 32 table points (negated
 * for negative digits): 32 mixed additions and no doublings, about 350 field products.
 *
 * <p>The table is 32 × 128 affine points, 256 KiB of Montgomery limbs, built once on first use (a few
 * milliseconds: the multiples in Jacobian coordinates, then one simultaneous inversion) and held in an
 * immutable static holder; it is never written after construction, so it is safe to share between threads.
 * Wider windows halve the additions per doubling of the table size; 8 bits keeps the table within a typical L2
 * cache.
 *
 * <h2>u1·G + u2·Q: one doubling chain</h2>
 * Verification must double about 252 times anyway for u2·Q. Riding on those doublings (Straus–Shamir), u1·G
 * needs only one addition per non-zero digit of its width-{@value #NAF_WIDTH} non-adjacent form (about one
 * digit in 15, so about 17), from a second table: the odd multiples G, 3G, …, (2^13 − 1)·G, 4,096 affine
 * points, 256 KiB, built once on first use like the first. That replaces the 32 additions of the
 * fixed windows and the final addition of the two products.
 */
final class GeneratorTable {
    static final int WINDOW_BITS = 8;
    static final int WINDOWS = 32;
    static final int POINTS_PER_WINDOW = 1 << (WINDOW_BITS - 1);
    /** Width of the non-adjacent form of u1 in {@link #linearCombination}. */
    static final int NAF_WIDTH = 14;
    static final int ODD_MULTIPLES = 1 << (NAF_WIDTH - 2);

    private GeneratorTable() {
    }

    /** The table, built when first needed (lazy holder idiom: class initialisation is thread-safe). */
    private static final class Holder {
        static final long[] TABLE = build();
    }

    /** The odd multiples (2i + 1)·G, affine, built when first needed. */
    private static final class OddMultiplesHolder {
        static final long[] TABLE = buildOddMultiples();
    }

    /**
     * out ← k·G as a Jacobian point (infinity for k = 0), for a scalar below 2^252 given as four limbs. t is
     * scratch of {@link JacobianArithmetic#SCRATCH_LONGS} longs.
     */
    static void multiply(long[] scalar, long[] out, int outOffset, long[] t) {
        long[] table = Holder.TABLE;
        int[] digits = Scalars.signedRadixDigits(scalar, WINDOW_BITS, WINDOWS);
        JacobianArithmetic.setInfinity(out, outOffset);
        for (int i = 0; i < WINDOWS; i++) {
            int digit = digits[i];
            if (digit != 0) {
                int entry = i * POINTS_PER_WINDOW + Math.abs(digit) - 1;
                JacobianArithmetic.addAffineInPlace(out, outOffset, table,
                        entry * JacobianArithmetic.AFFINE_LONGS, digit < 0, null, t);
            }
        }
    }

    /**
     * out ← u1·G + u2·Q for an affine point Q on the Stark curve (not at infinity) and scalars below 2^256 given
     * as four limbs, in one doubling chain: width-{@value #NAF_WIDTH} non-adjacent form for u1 over the odd
     * multiples of G (mixed additions), width-{@value JacobianArithmetic#VARIABLE_BASE_WIDTH} for u2 over odd
     * multiples of Q computed here. t is scratch of {@link JacobianArithmetic#SCRATCH_LONGS} longs.
     */
    static void linearCombination(long[] scalarG, long[] q, int qo, long[] scalarQ, long[] out, int oo, long[] t) {
        long[] table = OddMultiplesHolder.TABLE;
        long[] oddQ = JacobianArithmetic.oddMultiples(q, qo, null, t);
        int[] digitsG = Scalars.nonAdjacentForm(scalarG, NAF_WIDTH);
        int[] digitsQ = Scalars.nonAdjacentForm(scalarQ, JacobianArithmetic.VARIABLE_BASE_WIDTH);
        JacobianArithmetic.setInfinity(out, oo);
        for (int i = digitsG.length - 1; i >= 0; i--) {
            if (!JacobianArithmetic.isInfinity(out, oo)) {
                JacobianArithmetic.doubleInPlace(out, oo, null, t);
            }
            int digit = digitsQ[i];
            if (digit == 1 || digit == -1) {
                // Q itself is affine: a mixed addition is cheaper.
                JacobianArithmetic.addAffineInPlace(out, oo, q, qo, digit < 0, null, t);
            } else if (digit != 0) {
                int entry = (Math.abs(digit) >>> 1) * JacobianArithmetic.JACOBIAN_LONGS;
                JacobianArithmetic.addInPlace(out, oo, oddQ, entry, digit < 0, null, t);
            }
            digit = digitsG[i];
            if (digit != 0) {
                JacobianArithmetic.addAffineInPlace(out, oo, table,
                        (Math.abs(digit) >>> 1) * JacobianArithmetic.AFFINE_LONGS, digit < 0, null, t);
            }
        }
    }

    private static long[] buildOddMultiples() {
        final int jacobian = JacobianArithmetic.JACOBIAN_LONGS;
        long[] t = new long[JacobianArithmetic.SCRATCH_LONGS];
        long[] generator = new long[JacobianArithmetic.AFFINE_LONGS];
        StarkCurve.GENERATOR.writeMontgomery(generator, 0);
        long[] twice = new long[jacobian];
        JacobianArithmetic.setAffine(twice, 0, generator, 0, false);
        JacobianArithmetic.doubleInPlace(twice, 0, null, t);
        long[] twiceAffine = new long[JacobianArithmetic.AFFINE_LONGS];
        JacobianArithmetic.toAffine(twice, 0, twiceAffine, 0, t);
        long[] multiples = new long[ODD_MULTIPLES * jacobian];
        JacobianArithmetic.setAffine(multiples, 0, generator, 0, false);
        for (int i = 1; i < ODD_MULTIPLES; i++) {
            System.arraycopy(multiples, (i - 1) * jacobian, multiples, i * jacobian, jacobian);
            JacobianArithmetic.addAffineInPlace(multiples, i * jacobian, twiceAffine, 0, false, null, t);
        }
        long[] table = new long[ODD_MULTIPLES * JacobianArithmetic.AFFINE_LONGS];
        JacobianArithmetic.toAffineBatch(multiples, 0, ODD_MULTIPLES, table, 0);
        return table;
    }

    private static long[] build() {
        final int jacobian = JacobianArithmetic.JACOBIAN_LONGS;
        long[] t = new long[JacobianArithmetic.SCRATCH_LONGS];
        long[] base = new long[JacobianArithmetic.AFFINE_LONGS];
        StarkCurve.GENERATOR.writeMontgomery(base, 0);
        long[] multiples = new long[WINDOWS * POINTS_PER_WINDOW * jacobian];
        long[] next = new long[jacobian];
        for (int window = 0; window < WINDOWS; window++) {
            int first = window * POINTS_PER_WINDOW * jacobian;
            // multiples[j - 1] = j·base for j = 1..128.
            JacobianArithmetic.setAffine(multiples, first, base, 0, false);
            System.arraycopy(multiples, first, multiples, first + jacobian, jacobian);
            JacobianArithmetic.doubleInPlace(multiples, first + jacobian, null, t);
            for (int j = 3; j <= POINTS_PER_WINDOW; j++) {
                int at = first + (j - 1) * jacobian;
                System.arraycopy(multiples, at - jacobian, multiples, at, jacobian);
                JacobianArithmetic.addAffineInPlace(multiples, at, base, 0, false, null, t);
            }
            // The next window's base is 2^8·base = 2·(128·base).
            System.arraycopy(multiples, first + (POINTS_PER_WINDOW - 1) * jacobian, next, 0, jacobian);
            JacobianArithmetic.doubleInPlace(next, 0, null, t);
            JacobianArithmetic.toAffine(next, 0, base, 0, t);
        }
        long[] table = new long[WINDOWS * POINTS_PER_WINDOW * JacobianArithmetic.AFFINE_LONGS];
        JacobianArithmetic.toAffineBatch(multiples, 0, WINDOWS * POINTS_PER_WINDOW, table, 0);
        return table;
    }
}
