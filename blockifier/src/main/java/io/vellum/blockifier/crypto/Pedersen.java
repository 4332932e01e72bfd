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
 * Each input is cut into 31 bytes of a_low and the 4 bits of a_high; each byte picks a precomputed affine point
 * (d·2^(8j)·P1 for byte d at position j) from an immutable table, so a hash is at most 64 mixed
 * Jacobian-plus-affine additions (8 products and 3 squares each) with no doubling, then one field inversion to
 * return to affine x. Fixed-base windowing is the standard technique for a fixed generator (Hankerson, Menezes,
 * Vanstone, <i>Guide to Elliptic Curve Cryptography</i>, §3.3.1); the tables cost about 1 MiB and are built once,
 * on first use. The running point starts at P0 and the sums can only meet an exceptional case (equal or
 * opposite points) through a discrete-logarithm relation between the constant points; the addition handles
 * those cases anyway ({@link PedersenArithmetic}).
 */
public final class Pedersen {
    private static final int ACCUMULATOR = 0;
    private static final int RESULT = PedersenArithmetic.JACOBIAN_LIMBS;
    private static final int BUFFER_LIMBS = RESULT + 4;

    private Pedersen() {
    }

    /** The Pedersen hash of two field elements. */
    public static Felt hash(Felt a, Felt b) {
        Objects.requireNonNull(a, "a");
        Objects.requireNonNull(b, "b");
        long[] buffer = new long[BUFFER_LIMBS];
        long[] scratch = new long[PedersenArithmetic.SCRATCH_LIMBS];
        PedersenArithmetic.setAffine(buffer, ACCUMULATOR, PedersenTables.Holder.SHIFT, 0);
        accumulate(buffer, a, PedersenTables.Holder.FIRST, scratch);
        accumulate(buffer, b, PedersenTables.Holder.SECOND, scratch);
        PedersenArithmetic.affineX(buffer, ACCUMULATOR, buffer, RESULT, scratch);
        return Felt.fromMontgomery(buffer, RESULT);
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

    /** Adds value·(its two points) to the accumulator, one table look-up per non-zero byte. */
    private static void accumulate(long[] buffer, Felt value, long[] table, long[] scratch) {
        long[] limbs = {value.l0, value.l1, value.l2, value.l3};
        for (int window = 0; window < PedersenTables.WINDOWS; window++) {
            int digit = (int) (limbs[window >>> 3] >>> ((window & 7) << 3)) & 0xff;
            if (digit != 0) {
                PedersenArithmetic.addAffine(buffer, ACCUMULATOR, table, PedersenTables.offset(window, digit),
                        scratch);
            }
        }
    }
}
