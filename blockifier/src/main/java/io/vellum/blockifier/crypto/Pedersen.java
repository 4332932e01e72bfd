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
 * Fixed-base windowing (Hankerson, Menezes, Vanstone, <i>Guide to Elliptic Curve Cryptography</i>, §3.3.1): each
 * input is cut into 22 windows of 11 bits and one last window of 10 (the top 6 bits of the low part with the
 * 4 high bits), and each window's value picks a precomputed affine point from an immutable table
 * ({@link PedersenTables}, about 7.4 MB, built once on first use). So a hash is the sum of P0 and at most 46
 * table points, with no doubling; the points are gathered first, so their (cache-missing) loads overlap.
 *
 * <p>The sum is then taken in halving levels: consecutive pairs are added in affine coordinates, and all the
 * pairs of a level share one field inversion by Montgomery's simultaneous-inversion trick, so an addition costs
 * 5 products and a square (plus 3 products for its share of the inversion) instead of the 8 products and
 * 3 squares of a mixed Jacobian addition. Two levels take 47 points to 12 (further levels cost about as much in
 * inversions as they save, measured); those are added with mixed Jacobian-plus-affine additions
 * ({@link PedersenArithmetic}) and one last inversion gives the affine x. The
 * arithmetic runs on {@link Radix52} limbs, where the additions and subtractions of the formulas are nearly
 * free, and the inversions use safegcd ({@link FieldInverse}).
 *
 * <p>Two points with the same x in a level (equal or opposite points, where the affine formula fails) can only
 * occur through a discrete-logarithm relation between the constant points; if it ever happens, the hash is
 * recomputed with mixed Jacobian additions only ({@link #hashJacobian}), which handle every case exactly.
 */
public final class Pedersen {
    private static final int ELEMENT = Radix52.LIMBS;
    private static final int AFFINE = PedersenArithmetic.AFFINE_LIMBS;
    /** P0 and at most one point per window of each input. */
    private static final int POINTS_MAX = 1 + 2 * PedersenTables.WINDOWS;
    /**
     * Affine halving levels stop once this many points remain: a level's inversion then costs more than the
     * mixed Jacobian additions it saves.
     */
    private static final int TREE_POINTS_MIN = 12;

    private Pedersen() {
    }

    /** The Pedersen hash of two field elements. */
    public static Felt hash(Felt a, Felt b) {
        Objects.requireNonNull(a, "a");
        Objects.requireNonNull(b, "b");
        long[] points = new long[POINTS_MAX * AFFINE];
        System.arraycopy(PedersenTables.Holder.SHIFT, 0, points, 0, AFFINE);
        int count = gather(a, PedersenTables.FIRST_INPUT, points, 1);
        count = gather(b, PedersenTables.SECOND_INPUT, points, count);
        long[] work = new long[workLimbs(count)];
        while (count > TREE_POINTS_MIN) {
            if (!halve(points, count, work)) {
                return hashJacobian(a, b);
            }
            count = (count + 1) >>> 1;
        }
        long[] point = new long[PedersenArithmetic.JACOBIAN_LIMBS];
        long[] scratch = new long[PedersenArithmetic.SCRATCH_LIMBS];
        PedersenArithmetic.setAffine(point, 0, points, 0);
        for (int i = 1; i < count; i++) {
            PedersenArithmetic.addAffine(point, 0, points, i * AFFINE, scratch);
        }
        return PedersenArithmetic.affineX(point, 0, scratch);
    }

    /**
     * {@code out[i] = hash(first[i], second[i])} for every i, computed together: the hashes share their field
     * inversions ({@link PedersenBatch}), which makes each several times cheaper than a lone {@link #hash} once
     * there are a few dozen. The results are exactly those of {@link #hash}. {@code out} may be one of the inputs.
     *
     * @throws IllegalArgumentException if the arrays differ in length
     */
    public static void hashBatch(Felt[] first, Felt[] second, Felt[] out) {
        Objects.requireNonNull(first, "first");
        Objects.requireNonNull(second, "second");
        Objects.requireNonNull(out, "out");
        if (first.length != second.length || first.length != out.length) {
            throw new IllegalArgumentException("batch arrays differ in length: " + first.length + ", "
                    + second.length + ", " + out.length);
        }
        hashBatch(first, second, out, 0, first.length);
    }

    /**
     * {@code out[i] = hash(first[i], second[i])} for i in [from, to), computed together as in
     * {@link #hashBatch(Felt[], Felt[], Felt[])}.
     *
     * @throws IndexOutOfBoundsException if the range does not fit all three arrays
     */
    public static void hashBatch(Felt[] first, Felt[] second, Felt[] out, int from, int to) {
        Objects.requireNonNull(first, "first");
        Objects.requireNonNull(second, "second");
        Objects.requireNonNull(out, "out");
        Objects.checkFromToIndex(from, to, first.length);
        Objects.checkFromToIndex(from, to, second.length);
        Objects.checkFromToIndex(from, to, out.length);
        for (int i = from; i < to; i++) {
            if (first[i] == null || second[i] == null) { // no message built unless it fails: a hot path
                throw new NullPointerException((first[i] == null ? "first" : "second") + " input " + i + " is null");
            }
        }
        PedersenBatch.hash(first, second, out, from, to);
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

    /**
     * The same hash by mixed Jacobian additions only, one per non-zero window: slower, but with no shared
     * inversion that an exceptional case could spoil. {@link #hash} falls back to it if a halving level meets
     * two points with the same x (which takes a discrete-logarithm relation between the constant points).
     */
    static Felt hashJacobian(Felt a, Felt b) {
        long[] point = new long[PedersenArithmetic.JACOBIAN_LIMBS];
        long[] scratch = new long[PedersenArithmetic.SCRATCH_LIMBS];
        PedersenArithmetic.setAffine(point, 0, PedersenTables.Holder.SHIFT, 0);
        accumulate(point, a, PedersenTables.FIRST_INPUT, scratch);
        accumulate(point, b, PedersenTables.SECOND_INPUT, scratch);
        return PedersenArithmetic.affineX(point, 0, scratch);
    }

    /** Adds value·(its two points) to the accumulator, one table look-up per non-zero window. */
    private static void accumulate(long[] point, Felt value, int input, long[] scratch) {
        long[] table = PedersenTables.Holder.TABLE;
        long[] limbs = {value.l0, value.l1, value.l2, value.l3};
        for (int window = 0; window < PedersenTables.WINDOWS; window++) {
            int digit = PedersenTables.digit(limbs, window);
            if (digit != 0) {
                PedersenArithmetic.addAffine(point, 0, table, input + PedersenTables.offset(window, digit), scratch);
            }
        }
    }

    /** Copies the table point of each non-zero window of the value after the first {@code count} points. */
    private static int gather(Felt value, int input, long[] points, int count) {
        long[] table = PedersenTables.Holder.TABLE;
        long[] limbs = {value.l0, value.l1, value.l2, value.l3};
        for (int window = 0; window < PedersenTables.WINDOWS; window++) {
            int digit = PedersenTables.digit(limbs, window);
            if (digit != 0) {
                System.arraycopy(table, input + PedersenTables.offset(window, digit), points, count * AFFINE, AFFINE);
                count++;
            }
        }
        return count;
    }

    private static int workLimbs(int count) {
        return (2 * (count >>> 1) + 4) * ELEMENT;
    }

    /**
     * One halving level: replaces the {@code count} affine points by the sums of consecutive pairs (an odd last
     * point is kept), in affine coordinates, sharing one inversion among all the pairs (Montgomery's
     * simultaneous inversion: 3 products per pair instead of an inversion each). Returns false, leaving the
     * points unusable, if two paired points have the same x, where the affine formula does not apply.
     *
     * <p>For a pair (x1, y1), (x2, y2): λ = (y2 − y1)/(x2 − x1), x3 = λ² − x1 − x2, y3 = λ·(x1 − x3) − y1. All
     * coordinates are in [0, 2p]; each difference adds 2p (or 4p) so no value goes negative.
     */
    static boolean halve(long[] points, int count, long[] work) {
        int pairs = count >>> 1;
        int denominators = 0;
        int prefix = pairs * ELEMENT;
        int inverse = 2 * pairs * ELEMENT;
        int slope = inverse + ELEMENT;
        int temporary = slope + ELEMENT;
        int x3 = temporary + ELEMENT;
        for (int k = 0; k < pairs; k++) {
            int first = 2 * k * AFFINE;
            int second = first + AFFINE;
            int denominator = denominators + k * ELEMENT;
            for (int i = 0; i < ELEMENT; i++) {
                work[denominator + i] = points[second + i] - points[first + i] + 2 * modulusLimb(i);
            }
            if (k == 0) {
                System.arraycopy(work, denominator, work, prefix, ELEMENT);
            } else {
                Radix52.mul(work, prefix + (k - 1) * ELEMENT, work, denominator, work, prefix + k * ELEMENT);
            }
        }
        int lastPrefix = prefix + (pairs - 1) * ELEMENT;
        if (Radix52.isZeroModulo(work, lastPrefix)) {
            return false;
        }
        Radix52.inverse(work, lastPrefix, work, inverse);
        // Peel the product back: 1/d_k = (1/(d_0···d_k))·(d_0···d_{k-1}); store it over d_k.
        for (int k = pairs - 1; k > 0; k--) {
            int denominator = denominators + k * ELEMENT;
            Radix52.mul(work, inverse, work, prefix + (k - 1) * ELEMENT, work, temporary);
            Radix52.mul(work, inverse, work, denominator, work, inverse);
            System.arraycopy(work, temporary, work, denominator, ELEMENT);
        }
        System.arraycopy(work, inverse, work, denominators, ELEMENT);
        // Pair k is written over point k, which no later pair (k' > k reads 2k' and 2k' + 1) still needs.
        boolean last = count == 2;
        for (int k = 0; k < pairs; k++) {
            int first = 2 * k * AFFINE;
            int second = first + AFFINE;
            for (int i = 0; i < ELEMENT; i++) {
                work[temporary + i] = points[second + ELEMENT + i] - points[first + ELEMENT + i] + 2 * modulusLimb(i);
            }
            Radix52.mul(work, temporary, work, denominators + k * ELEMENT, work, slope);
            Radix52.sqr(work, slope, work, x3);
            for (int i = 0; i < ELEMENT; i++) {
                work[x3 + i] += 4 * modulusLimb(i) - points[first + i] - points[second + i];
            }
            Radix52.weakReduce(work, x3);
            int out = k * AFFINE;
            if (!last) {
                for (int i = 0; i < ELEMENT; i++) {
                    work[temporary + i] = points[first + i] - work[x3 + i] + 2 * modulusLimb(i);
                }
                Radix52.mul(work, slope, work, temporary, work, temporary);
                for (int i = 0; i < ELEMENT; i++) {
                    points[out + ELEMENT + i] = work[temporary + i] - points[first + ELEMENT + i]
                            + 2 * modulusLimb(i);
                }
                Radix52.weakReduce(points, out + ELEMENT);
            }
            System.arraycopy(work, x3, points, out, ELEMENT);
        }
        if ((count & 1) == 1) {
            System.arraycopy(points, (count - 1) * AFFINE, points, pairs * AFFINE, AFFINE);
        }
        return true;
    }

    /** Limb i of p in radix 2^52: 1, 0, 0, 17·2^36, 2^43. */
    private static long modulusLimb(int i) {
        return i == 0 ? 1 : i == 3 ? Radix52.MODULUS_LIMB_3 : i == 4 ? Radix52.MODULUS_LIMB_4 : 0;
    }
}
