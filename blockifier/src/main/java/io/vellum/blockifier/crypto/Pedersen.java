package io.vellum.blockifier.crypto;

import java.util.List;
import java.util.Objects;

/**
 * Starknet's Pedersen hash: {@code pedersen(a, b)} is the x coordinate of
 * P0 + a_low·P1 + a_high·P2 + b_low·P3 + b_high·P4 on the Stark curve, where a_low is the low 248 bits of a
 * and a_high its top 4 bits (likewise for b); the constant points are described in {@link PedersenTables}.
 * {@code hashOnElements(e_1..e_n)} is {@code pedersen(...pedersen(pedersen(0, e_1), e_2)..., n)}, cairo-lang's
 * {@code compute_hash_on_elements}.
 *
 * <h2>Design of the hot path</h2>
 * Each input is cut into 22 windows of 11 bits and one last window of 10 (the top 6 bits of the low part with
 * the 4 high bits); each window's value picks a precomputed affine point from an immutable table
 * ({@link PedersenTables}), so a hash is at most 46 mixed Jacobian-plus-affine additions (8 products and
 * 3 squares each) with no doubling, then one field inversion to return to affine x. Fixed-base windowing is the
 * standard technique for a fixed generator (Hankerson, Menezes, Vanstone, <i>Guide to Elliptic Curve
 * Cryptography</i>, §3.3.1); the tables cost about 7.4 MB and are built once, on first use. The arithmetic runs
 * on {@link Radix52} limbs, where the additions and subtractions of the point formulas are nearly free.
 * The running point starts at P0 and the sums can only meet an exceptional case (equal or opposite points)
 * through a discrete-logarithm relation between the constant points; the addition handles those cases anyway
 * ({@link PedersenArithmetic}).
 */
public final class Pedersen {
    private static final int ACCUMULATOR = 0;

    private Pedersen() {
    }

    /** The Pedersen hash of two field elements. */
    public static Felt hash(Felt a, Felt b) {
        Objects.requireNonNull(a, "a");
        Objects.requireNonNull(b, "b");
        long[] point = new long[PedersenArithmetic.JACOBIAN_LIMBS];
        long[] scratch = new long[PedersenArithmetic.SCRATCH_LIMBS];
        PedersenArithmetic.setAffine(point, ACCUMULATOR, PedersenTables.Holder.SHIFT, 0);
        accumulate(point, a, PedersenTables.Holder.FIRST, scratch);
        accumulate(point, b, PedersenTables.Holder.SECOND, scratch);
        return PedersenArithmetic.affineX(point, ACCUMULATOR, scratch);
    }

    /** {@code pedersen(...pedersen(pedersen(0, e_1), e_2)..., n)}. */
    public static Felt hashOnElements(List<Felt> elements) {
        Objects.requireNonNull(elements, "elements");
        Felt result = Felt.ZERO;
        for (Felt element : elements) {
            result = hash(result, Objects.requireNonNull(element, "an element to hash is null"));
        }
        return hash(result, Felt.of(elements.size()));
    }

    /** {@code pedersen(...pedersen(pedersen(0, e_1), e_2)..., n)}. */
    public static Felt hashOnElements(Felt... elements) {
        Objects.requireNonNull(elements, "elements");
        return hashOnElements(List.of(elements));
    }

    /** Adds value·(its two points) to the accumulator, one table look-up per non-zero window. */
    private static void accumulate(long[] point, Felt value, long[] table, long[] scratch) {
        long[] limbs = {value.l0, value.l1, value.l2, value.l3};
        for (int window = 0; window < PedersenTables.WINDOWS; window++) {
            int digit = PedersenTables.digit(limbs, window);
            if (digit != 0) {
                PedersenArithmetic.addAffine(point, ACCUMULATOR, table, PedersenTables.offset(window, digit),
                        scratch);
            }
        }
    }
}
