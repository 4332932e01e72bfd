package io.vellum.blockifier.crypto;

/**
 * Fixed-base scalar multiplication k·G for the Stark curve's generator, by a precomputed table: the hot half of
 * verification and nearly all of signing and key derivation.
 *
 * <h2>Design</h2>
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
 */
final class GeneratorTable {
    static final int WINDOW_BITS = 8;
    static final int WINDOWS = 32;
    static final int POINTS_PER_WINDOW = 1 << (WINDOW_BITS - 1);

    private GeneratorTable() {
    }

    /** The table, built when first needed (lazy holder idiom: class initialisation is thread-safe). */
    private static final class Holder {
        static final long[] TABLE = build();
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
