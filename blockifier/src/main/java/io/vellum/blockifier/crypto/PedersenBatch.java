package io.vellum.blockifier.crypto;

/**
 * Many Pedersen hashes at once, sharing their field inversions: the engine behind {@link Pedersen#hashBatch}.
 *
 * <h2>Design of the hot path</h2>
 * A hash is the x coordinate of a sum of table points: P0 plus one precomputed point per non-zero window of
 * each input ({@link PedersenTables}). A single hash cannot avoid inversions (it needs at least one, for its
 * affine x, and the halving levels of {@link Pedersen#hash} use three); a batch of N independent hashes can
 * share them. Each hash keeps an affine accumulator, which starts at P0, and the batch runs in <i>steps</i>: at
 * step s every hash that still has points adds its s-th table point to its accumulator with the affine formula
 * λ = (y2 − y1)/(x2 − x1), x3 = λ² − x1 − x2, y3 = λ·(x1 − x3) − y1, and the N divisions of the step share one
 * inversion by Montgomery's simultaneous-inversion trick (P. L. Montgomery, <i>Speeding the Pollard and
 * elliptic curve methods of factorization</i>, Math. Comp. 48 (1987), §10.3.1): multiply the denominators
 * together (prefix products, one product each), invert the total once, and peel it back (two products each).
 * An addition then costs 5 products and a square, against 8 products and 3 squares for the mixed Jacobian
 * addition a lone hash would use, and the one inversion per step (about 45 products' worth) is shared by the
 * whole batch. This is the "batch affine addition" of multi-scalar-multiplication libraries (for instance
 * gnark-crypto's {@code batchAddAffine}, or Aztec's barretenberg pippenger), here with fixed-base tables instead
 * of buckets.
 *
 * <p>Layout: hashes skip the points of zero windows, so they have different numbers of points. They are sorted by
 * that number, most first (a counting sort), so that the hashes still active at step s are a prefix of the
 * sorted order and the inner loops have no per-hash test. Each step first copies its table points (scattered
 * over the 7.4 MB table, so mostly cache misses) into a contiguous buffer in a tight loop whose loads overlap,
 * then runs the forward pass (prefix products of the denominators), the inversion, and the backward pass (the
 * additions). A hash's last addition computes x only. Work arrays are allocated per chunk of at most
 * {@link #CHUNK_MAX} hashes, which keeps them in the second-level cache.
 *
 * <h2>Exceptional cases</h2>
 * The affine formula fails when the two x coordinates are equal (the same point: a doubling; opposite points: the
 * point at infinity) and when the accumulator is at infinity. With Pedersen's constant points neither can happen
 * without a discrete-logarithm relation between them, but the result must be exact for every input anyway: the
 * forward pass only checks that the product of all the step's denominators is non-zero (one test per step), and
 * if it is zero, or if any accumulator is at infinity, the step is redone element by element
 * ({@link #addExact}: doubling, infinity and identity handled exactly, one inversion each). A sum that ends at
 * infinity has no x, and fails as {@link Pedersen#hash} does, with {@link IllegalStateException}.
 *
 * <p>The core, {@link #sumX}, works on any table of affine points, so that tests can drive it into every
 * exceptional branch with constructed points.
 */
final class PedersenBatch {
    /** Hashes per chunk: bounds the work arrays (about 100 kB) so that they stay in the second-level cache. */
    static final int CHUNK_MAX = 256;
    /**
     * Below this many hashes, a batch's inversion per step (about 45 products' worth) costs more than it saves
     * over lone hashes, which use three inversions each.
     */
    static final int BATCH_MIN = 8;

    private static final int ELEMENT = Radix52.LIMBS;
    private static final int AFFINE = PedersenArithmetic.AFFINE_LIMBS;
    /** Table points per hash: one per window of each input. */
    private static final int POINTS_MAX = 2 * PedersenTables.WINDOWS;

    private static final long[] ONE = Radix52.montgomeryOf(java.math.BigInteger.ONE);

    private PedersenBatch() {
    }

    /**
     * {@code out[i] = pedersen(first[i], second[i])} for i in [from, to); the arrays are checked by the caller.
     * Fewer than {@link #BATCH_MIN} hashes are computed one by one; more are cut into chunks of equal size, at
     * most {@link #CHUNK_MAX} each.
     */
    static void hash(Felt[] first, Felt[] second, Felt[] out, int from, int to) {
        int total = to - from;
        if (total < BATCH_MIN) {
            for (int i = from; i < to; i++) {
                out[i] = Pedersen.hash(first[i], second[i]);
            }
            return;
        }
        int chunks = (total + CHUNK_MAX - 1) / CHUNK_MAX;
        for (int chunk = 0; chunk < chunks; chunk++) {
            hashTogether(first, second, out, from + (int) ((long) total * chunk / chunks),
                    from + (int) ((long) total * (chunk + 1) / chunks));
        }
    }

    /** As {@link #hash}, but always as one batch, whatever its size (at most {@link #CHUNK_MAX} is best). */
    static void hashTogether(Felt[] first, Felt[] second, Felt[] out, int from, int to) {
        int count = to - from;
        int[] offsets = new int[count * POINTS_MAX];
        int[] counts = new int[count];
        long[] limbs = new long[4];
        for (int i = 0; i < count; i++) {
            int base = i * POINTS_MAX;
            int next = gather(first[from + i], PedersenTables.FIRST_INPUT, limbs, offsets, base);
            next = gather(second[from + i], PedersenTables.SECOND_INPUT, limbs, offsets, next);
            counts[i] = next - base;
        }
        sumX(PedersenTables.Holder.TABLE, PedersenTables.Holder.SHIFT, offsets, POINTS_MAX, counts, count, out,
                from);
    }

    /** Writes the table offset of each non-zero window of the value from {@code at}; returns the next index. */
    private static int gather(Felt value, int input, long[] limbs, int[] offsets, int at) {
        limbs[0] = value.l0;
        limbs[1] = value.l1;
        limbs[2] = value.l2;
        limbs[3] = value.l3;
        for (int window = 0; window < PedersenTables.WINDOWS; window++) {
            int digit = PedersenTables.digit(limbs, window);
            if (digit != 0) {
                offsets[at++] = input + PedersenTables.offset(window, digit);
            }
        }
        return at;
    }

    /**
     * For each sum k in [0, sums): {@code out[outFrom + k]} = the x coordinate of {@code start} plus the affine
     * table points at {@code offsets[k·stride + s]} for s in [0, counts[k]). Throws {@link IllegalStateException}
     * if a sum is the point at infinity. Table coordinates must be in [0, 2p] with limbs below 2^53 (as
     * {@link Radix52} products and weakly reduced values are).
     */
    static void sumX(long[] table, long[] start, int[] offsets, int stride, int[] counts, int sums, Felt[] out,
            int outFrom) {
        if (sums == 0) {
            return;
        }
        // Counting sort by number of points, most first: order[j] is the sum in sorted position j, and the sums
        // with more than c points are the first moreThan[c] of that order (the ones still active at step c).
        int steps = 0;
        for (int k = 0; k < sums; k++) {
            steps = Math.max(steps, counts[k]);
        }
        int[] withCount = new int[steps + 1];
        for (int k = 0; k < sums; k++) {
            withCount[counts[k]]++;
        }
        int[] moreThan = new int[steps + 1];
        for (int c = steps - 1; c >= 0; c--) {
            moreThan[c] = moreThan[c + 1] + withCount[c + 1];
        }
        int[] next = moreThan.clone();
        int[] order = new int[sums];
        for (int k = 0; k < sums; k++) {
            order[next[counts[k]]++] = k;
        }

        Work work = new Work(sums);
        long[] accumulators = work.accumulators;
        for (int j = 0; j < sums; j++) {
            System.arraycopy(start, 0, accumulators, j * AFFINE, AFFINE);
        }
        for (int s = 0; s < steps; s++) {
            int count = moreThan[s];
            long[] points = work.points;
            for (int j = 0; j < count; j++) {
                System.arraycopy(table, offsets[order[j] * stride + s], points, j * AFFINE, AFFINE);
            }
            addStep(work, count, s + 1 < steps ? moreThan[s + 1] : 0);
        }
        for (int j = 0; j < sums; j++) {
            if (work.atInfinity[j]) {
                throw new IllegalStateException("the point at infinity has no affine coordinates");
            }
            out[outFrom + order[j]] = Radix52.toFelt(accumulators, j * AFFINE);
        }
    }

    /** The buffers of one batch: accumulators, the step's points, prefix products and temporaries. */
    static final class Work {
        final long[] accumulators;
        final boolean[] atInfinity;
        /** How many accumulators are at infinity: when zero (always, in practice) no step needs checks. */
        int infinities;
        final long[] points;
        final long[] prefix;
        final long[] scratch = new long[8 * ELEMENT];

        Work(int capacity) {
            accumulators = new long[capacity * AFFINE];
            atInfinity = new boolean[capacity];
            points = new long[capacity * AFFINE];
            prefix = new long[capacity * ELEMENT];
        }
    }

    private static final int INVERSE = 0;
    private static final int DENOMINATOR_INVERSE = ELEMENT;
    private static final int DIFFERENCE = 2 * ELEMENT;
    private static final int SLOPE = 3 * ELEMENT;
    private static final int X3 = 4 * ELEMENT;

    /**
     * accumulator j += point j for j in [0, count), with one shared inversion. Accumulators from {@code yFrom}
     * on are at their last addition and get x only (their y is left stale).
     */
    static void addStep(Work work, int count, int yFrom) {
        long[] accumulators = work.accumulators;
        long[] points = work.points;
        long[] prefix = work.prefix;
        long[] s = work.scratch;
        if (count == 0) {
            return;
        }
        // Forward: prefix_j = d_0···d_j with d_j = x2 − x1 + 2p, in [0, 4p).
        for (int j = 0; j < count; j++) {
            int point = j * AFFINE;
            int out = j * ELEMENT;
            if (j == 0) {
                for (int i = 0; i < ELEMENT; i++) {
                    prefix[i] = points[point + i] - accumulators[point + i] + 2 * modulusLimb(i);
                }
            } else {
                for (int i = 0; i < ELEMENT; i++) {
                    s[DIFFERENCE + i] = points[point + i] - accumulators[point + i] + 2 * modulusLimb(i);
                }
                Radix52.mul(prefix, out - ELEMENT, s, DIFFERENCE, prefix, out);
            }
        }
        int last = (count - 1) * ELEMENT;
        if (work.infinities > 0 || Radix52.isZeroModulo(prefix, last)) {
            for (int j = 0; j < count; j++) {
                addExact(work, j, j < yFrom);
            }
            return;
        }
        Radix52.inverse(prefix, last, s, INVERSE);
        // Backward: 1/d_j = (1/(d_0···d_j))·(d_0···d_{j−1}), then drop d_j from the running inverse.
        for (int j = count - 1; j >= 0; j--) {
            int point = j * AFFINE;
            if (j == 0) {
                System.arraycopy(s, INVERSE, s, DENOMINATOR_INVERSE, ELEMENT);
            } else {
                Radix52.mul(s, INVERSE, prefix, (j - 1) * ELEMENT, s, DENOMINATOR_INVERSE);
                for (int i = 0; i < ELEMENT; i++) {
                    s[DIFFERENCE + i] = points[point + i] - accumulators[point + i] + 2 * modulusLimb(i);
                }
                Radix52.mul(s, INVERSE, s, DIFFERENCE, s, INVERSE);
            }
            // λ = (y2 − y1 + 2p)/d, x3 = λ² − x1 − x2 + 4p, y3 = λ·(x1 − x3 + 2p) − y1 + 2p.
            for (int i = 0; i < ELEMENT; i++) {
                s[DIFFERENCE + i] = points[point + ELEMENT + i] - accumulators[point + ELEMENT + i]
                        + 2 * modulusLimb(i);
            }
            Radix52.mul(s, DIFFERENCE, s, DENOMINATOR_INVERSE, s, SLOPE);
            finishAddition(accumulators, point, points, point, s, j < yFrom);
        }
    }

    /**
     * Given λ in the scratch slot {@link #SLOPE}, replaces the accumulator (x1, y1) by (λ² − x1 − x2,
     * λ·(x1 − x3) − y1); the point's x is x2. Without {@code withY}, y is left as it was.
     */
    private static void finishAddition(long[] accumulators, int point, long[] points, int other, long[] s,
            boolean withY) {
        Radix52.sqr(s, SLOPE, s, X3);
        for (int i = 0; i < ELEMENT; i++) {
            s[X3 + i] += 4 * modulusLimb(i) - accumulators[point + i] - points[other + i];
        }
        Radix52.weakReduce(s, X3);
        if (withY) {
            for (int i = 0; i < ELEMENT; i++) {
                s[DIFFERENCE + i] = accumulators[point + i] - s[X3 + i] + 2 * modulusLimb(i);
            }
            Radix52.mul(s, SLOPE, s, DIFFERENCE, s, DIFFERENCE);
            for (int i = 0; i < ELEMENT; i++) {
                accumulators[point + ELEMENT + i] = s[DIFFERENCE + i] - accumulators[point + ELEMENT + i]
                        + 2 * modulusLimb(i);
            }
            Radix52.weakReduce(accumulators, point + ELEMENT);
        }
        System.arraycopy(s, X3, accumulators, point, ELEMENT);
    }

    /**
     * accumulator j += point j exactly, whatever the two are: the identity (an accumulator at infinity), a
     * doubling (the same point: λ = (3·x² + 1)/(2·y), the curve's α being 1), opposite points (giving
     * infinity), or the general case; one inversion of its own. Points of order two (y = 0) cannot occur on the
     * Stark curve, whose order is prime, but double to infinity here all the same.
     */
    static void addExact(Work work, int j, boolean withY) {
        long[] accumulators = work.accumulators;
        long[] points = work.points;
        long[] s = work.scratch;
        int point = j * AFFINE;
        if (work.atInfinity[j]) {
            System.arraycopy(points, point, accumulators, point, AFFINE);
            work.atInfinity[j] = false;
            work.infinities--;
            return;
        }
        long[] numerator = new long[ELEMENT];
        long[] denominator = new long[ELEMENT];
        for (int i = 0; i < ELEMENT; i++) {
            denominator[i] = points[point + i] - accumulators[point + i] + 2 * modulusLimb(i);
            numerator[i] = points[point + ELEMENT + i] - accumulators[point + ELEMENT + i] + 2 * modulusLimb(i);
        }
        if (Radix52.isZeroModulo(denominator, 0)) {
            if (!Radix52.isZeroModulo(numerator, 0) || Radix52.isZeroModulo(accumulators, point + ELEMENT)) {
                work.atInfinity[j] = true; // P + (−P), or the double of a point of order two
                work.infinities++;
                return;
            }
            // Doubling: numerator 3·x² + 1, denominator 2·y.
            Radix52.sqr(accumulators, point, numerator, 0);
            for (int i = 0; i < ELEMENT; i++) {
                numerator[i] = 3 * numerator[i] + ONE[i];
                denominator[i] = 2 * accumulators[point + ELEMENT + i];
            }
            Radix52.weakReduce(numerator, 0);
        }
        Radix52.inverse(denominator, 0, denominator, 0);
        Radix52.mul(numerator, 0, denominator, 0, s, SLOPE);
        finishAddition(accumulators, point, points, point, s, withY);
    }

    /** Limb i of p in radix 2^52: 1, 0, 0, 17·2^36, 2^43. */
    private static long modulusLimb(int i) {
        return i == 0 ? 1 : i == 3 ? Radix52.MODULUS_LIMB_3 : i == 4 ? Radix52.MODULUS_LIMB_4 : 0;
    }
}
