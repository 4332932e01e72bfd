package io.vellum.blockifier.crypto;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.vellum.blockifier.crypto.AffineReference.Point;
import io.vellum.blockifier.testing.Samples;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * {@link Pedersen#hashBatch} gives exactly {@link Pedersen#hash} for every input: random batches of every size
 * (across the chunk boundary too), edge values, inputs with many zero windows; and the batch core reaches every
 * exceptional branch (doubling, opposite points, an accumulator at infinity) with constructed points, checked
 * against {@link AffineReference}.
 */
class PedersenBatchTest {
    private static final AffineReference CURVE = AffineReference.STARK;

    /** Batch sizes: empty, one, two, odd, around the small-batch threshold and the chunk size, several chunks. */
    static Stream<Integer> sizes() {
        int chunk = PedersenBatch.CHUNK_MAX;
        int small = PedersenBatch.BATCH_MIN;
        return Stream.of(0, 1, 2, 3, 5, small - 1, small, 17, 64, chunk - 1, chunk, chunk + 1, 2 * chunk + 37);
    }

    @ParameterizedTest
    @MethodSource("sizes")
    void aRandomBatchEqualsSingleHashes(int size) {
        SplittableRandom random = new SplittableRandom(Samples.seed("PedersenBatchTest.random." + size));
        Felt[] first = new Felt[size];
        Felt[] second = new Felt[size];
        for (int i = 0; i < size; i++) {
            first[i] = Samples.felt(random);
            second[i] = Samples.felt(random);
        }
        assertBatchEqualsSingle(first, second);
    }

    /** Inputs whose windows are each zero with some probability: hashes of many different lengths in one batch. */
    @ParameterizedTest
    @MethodSource("sizes")
    void aBatchOfSparseInputsEqualsSingleHashes(int size) {
        SplittableRandom random = new SplittableRandom(Samples.seed("PedersenBatchTest.sparse." + size));
        Felt[] first = new Felt[size];
        Felt[] second = new Felt[size];
        for (int i = 0; i < size; i++) {
            first[i] = sparse(random);
            second[i] = sparse(random);
        }
        assertBatchEqualsSingle(first, second);
    }

    /** Every pair of edge values (0, 1, p − 1, the 2^248 boundary of the low part, limb boundaries), one batch. */
    @Test
    void everyPairOfEdgeValuesEqualsSingleHashes() {
        BigInteger two248 = BigInteger.ONE.shiftLeft(248);
        List<Felt> edges = new ArrayList<>(List.of(Felt.ZERO, Felt.ONE, Felt.TWO, Felt.MAX, Felt.MAX.sub(Felt.ONE),
                Felt.fromBigInteger(two248.subtract(BigInteger.ONE)), Felt.fromBigInteger(two248),
                Felt.fromBigInteger(two248.add(BigInteger.ONE)),
                Felt.fromBigInteger(two248.shiftLeft(3).subtract(BigInteger.ONE)),
                Felt.fromBigInteger(BigInteger.ONE.shiftLeft(242)),
                Felt.fromBigInteger(BigInteger.ONE.shiftLeft(242).subtract(BigInteger.ONE)),
                Felt.fromBigInteger(BigInteger.ONE.shiftLeft(251)),
                Felt.fromBigInteger(BigInteger.ONE.shiftLeft(64).subtract(BigInteger.ONE)),
                Felt.fromBigInteger(BigInteger.ONE.shiftLeft(11)), Felt.of(2047)));
        int size = edges.size() * edges.size();
        Felt[] first = new Felt[size];
        Felt[] second = new Felt[size];
        for (int i = 0; i < size; i++) {
            first[i] = edges.get(i / edges.size());
            second[i] = edges.get(i % edges.size());
        }
        assertBatchEqualsSingle(first, second);
    }

    @Test
    void aBatchOfIdenticalPairsGivesTheSameHashEverywhere() {
        Felt[] first = new Felt[40];
        Felt[] second = new Felt[40];
        Arrays.fill(first, Felt.fromHex("0x3d937c035c878245caf64531a5756109c53068da139362728feb561405371cb"));
        Arrays.fill(second, Felt.ZERO);
        assertBatchEqualsSingle(first, second);
    }

    @Test
    void aRangeWritesOnlyItsEntriesAndTheOutputMayBeAnInput() {
        SplittableRandom random = new SplittableRandom(Samples.seed("PedersenBatchTest.range"));
        Felt[] first = new Felt[20];
        Felt[] second = new Felt[20];
        for (int i = 0; i < first.length; i++) {
            first[i] = Samples.uniformFelt(random);
            second[i] = Samples.uniformFelt(random);
        }
        Felt[] expected = first.clone();
        for (int i = 5; i < 15; i++) {
            expected[i] = Pedersen.hash(first[i], second[i]);
        }
        Felt[] inPlace = first.clone();
        Pedersen.hashBatch(inPlace, second, inPlace, 5, 15);
        assertThat(inPlace).containsExactly(expected);
    }

    @Test
    void badArgumentsAreRefused() {
        Felt[] three = {Felt.ONE, Felt.TWO, Felt.ZERO};
        Felt[] two = {Felt.ONE, Felt.TWO};
        assertThatThrownBy(() -> Pedersen.hashBatch(three, two, new Felt[3]))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Pedersen.hashBatch(three, three, new Felt[3], 1, 4))
                .isInstanceOf(IndexOutOfBoundsException.class);
        assertThatThrownBy(() -> Pedersen.hashBatch(three, two, new Felt[3], 0, 3))
                .isInstanceOf(IndexOutOfBoundsException.class);
        assertThatThrownBy(() -> Pedersen.hashBatch(null, two, two)).isInstanceOf(NullPointerException.class);
        Felt[] withNull = {Felt.ONE, null};
        assertThatThrownBy(() -> Pedersen.hashBatch(two, withNull, new Felt[2]))
                .isInstanceOf(NullPointerException.class).hasMessageContaining("second input 1");
        // A null outside the range is not read.
        Felt[] out = new Felt[2];
        Pedersen.hashBatch(two, withNull, out, 0, 1);
        assertThat(out[0]).isEqualTo(Pedersen.hash(Felt.ONE, Felt.ONE));
    }

    // ---------------------------------------------------------------------------------------------------------
    // The exceptional branches, with a constructed table: small multiples of one point Q (so partial sums meet
    // ±the next point often) and an independent point R.

    /** Sums over a table of ±Q, ±2Q, ±3Q (and R to avoid ending at infinity), started at Q. */
    static Stream<Integer> collisionSeeds() {
        return IntStream.range(0, 12).boxed();
    }

    @ParameterizedTest
    @MethodSource("collisionSeeds")
    void sumsThatMeetEqualAndOppositePointsAreExact(int seed) {
        SplittableRandom random = new SplittableRandom(Samples.seed("PedersenBatchTest.collisions." + seed));
        ConstructedTable table = new ConstructedTable();
        int sums = 1 + random.nextInt(60);
        int stride = 12;
        int[] offsets = new int[sums * stride];
        int[] counts = new int[sums];
        BigInteger[] expected = new BigInteger[sums];
        for (int k = 0; k < sums; k++) {
            Point sum = table.start;
            int length = random.nextInt(stride - 1);
            for (int s = 0; s < length; s++) {
                int entry = random.nextInt(ConstructedTable.MULTIPLES);
                offsets[k * stride + s] = entry * PedersenArithmetic.AFFINE_LIMBS;
                sum = CURVE.add(sum, table.points.get(entry));
            }
            if (sum.isInfinity()) {
                offsets[k * stride + length] = ConstructedTable.MULTIPLES * PedersenArithmetic.AFFINE_LIMBS;
                sum = CURVE.add(sum, table.points.get(ConstructedTable.MULTIPLES));
                length++;
            }
            counts[k] = length;
            expected[k] = sum.x();
        }
        Felt[] out = new Felt[sums];
        PedersenBatch.sumX(table.limbs, table.startLimbs, offsets, stride, counts, sums, out, 0);
        for (int k = 0; k < sums; k++) {
            assertThat(out[k].toBigInteger()).as("sum %d", k).isEqualTo(expected[k]);
        }
    }

    /** Each branch on purpose, in one batch with ordinary sums: Q + Q, Q + (−Q) + R, Q + (−Q) + Q + Q, Q + 2Q. */
    @Test
    void everyExceptionalBranchInOneBatch() {
        ConstructedTable table = new ConstructedTable();
        int[][] sequences = {
            {0},              // Q + Q: a doubling, at the last (x-only) step
            {3, 6},           // Q + (−Q) = ∞, then ∞ + R = R
            {3, 0, 0},        // ∞, then Q, then a doubling
            {1},              // Q + 2Q: the general case
            {0, 4, 6, 6},     // 2Q, then 2Q − 2Q = ∞, R, then R + R
            {6, 1, 2},        // ordinary
        };
        int stride = 4;
        int sums = sequences.length;
        int[] offsets = new int[sums * stride];
        int[] counts = new int[sums];
        BigInteger[] expected = new BigInteger[sums];
        for (int k = 0; k < sums; k++) {
            Point sum = table.start;
            for (int s = 0; s < sequences[k].length; s++) {
                offsets[k * stride + s] = sequences[k][s] * PedersenArithmetic.AFFINE_LIMBS;
                sum = CURVE.add(sum, table.points.get(sequences[k][s]));
            }
            counts[k] = sequences[k].length;
            expected[k] = sum.x();
        }
        Felt[] out = new Felt[sums];
        PedersenBatch.sumX(table.limbs, table.startLimbs, offsets, stride, counts, sums, out, 0);
        for (int k = 0; k < sums; k++) {
            assertThat(out[k].toBigInteger()).as("sequence %s", Arrays.toString(sequences[k]))
                    .isEqualTo(expected[k]);
        }
    }

    @Test
    void aSumEndingAtInfinityFailsAsTheSingleHashDoes() {
        ConstructedTable table = new ConstructedTable();
        int[] offsets = {0, 0, 1 * PedersenArithmetic.AFFINE_LIMBS, 5 * PedersenArithmetic.AFFINE_LIMBS};
        int[] counts = {0, 2}; // Q alone; Q + 2Q − 3Q = ∞
        assertThatThrownBy(() -> PedersenBatch.sumX(table.limbs, table.startLimbs, offsets, 2, counts, 2,
                new Felt[2], 0)).isInstanceOf(IllegalStateException.class).hasMessageContaining("infinity");
    }

    /** Q, 2Q, 3Q, −Q, −2Q, −3Q, R as affine Montgomery limbs; the start point is Q. */
    private static final class ConstructedTable {
        static final int MULTIPLES = 6;
        final List<Point> points = new ArrayList<>();
        final Point start;
        final long[] limbs;
        final long[] startLimbs;

        ConstructedTable() {
            Point q = point(PedersenTables.FIRST_LOW_POINT);
            Point r = point(PedersenTables.SECOND_LOW_POINT);
            for (int k = 1; k <= 3; k++) {
                points.add(CURVE.multiply(BigInteger.valueOf(k), q));
            }
            for (int k = 1; k <= 3; k++) {
                points.add(CURVE.multiply(BigInteger.valueOf(-k), q));
            }
            points.add(r);
            start = q;
            int affine = PedersenArithmetic.AFFINE_LIMBS;
            limbs = new long[points.size() * affine];
            for (int i = 0; i < points.size(); i++) {
                System.arraycopy(limbsOf(points.get(i)), 0, limbs, i * affine, affine);
            }
            startLimbs = limbsOf(q);
        }

        private static Point point(PedersenTables.ConstantPoint constant) {
            return new Point(constant.x(), constant.y());
        }

        private static long[] limbsOf(Point point) {
            return PedersenTables.affineMontgomery(new PedersenTables.ConstantPoint(point.x(), point.y()));
        }
    }

    // ---------------------------------------------------------------------------------------------------------

    /** Through the public entry point, and through the batch engine itself whatever the size (no fallback). */
    private static void assertBatchEqualsSingle(Felt[] first, Felt[] second) {
        Felt[] out = new Felt[first.length];
        Pedersen.hashBatch(first, second, out);
        Felt[] engine = new Felt[first.length];
        PedersenBatch.hashTogether(first, second, engine, 0, first.length);
        for (int i = 0; i < first.length; i++) {
            Felt expected = Pedersen.hash(first[i], second[i]);
            assertThat(out[i]).as("pedersen(%s, %s), entry %d of %d", first[i], second[i], i, first.length)
                    .isEqualTo(expected);
            assertThat(engine[i]).as("engine: pedersen(%s, %s), entry %d of %d", first[i], second[i], i,
                    first.length).isEqualTo(expected);
        }
    }

    /** A felt below 2^252 whose 11-bit windows are each zero with probability 1/2 (reduced modulo p). */
    private static Felt sparse(SplittableRandom random) {
        BigInteger value = BigInteger.ZERO;
        int mostlyZero = random.nextInt(3);
        for (int window = 0; window < PedersenTables.WINDOWS; window++) {
            boolean zero = mostlyZero == 0 ? random.nextInt(8) != 0 : random.nextBoolean();
            if (!zero) {
                value = value.or(BigInteger.valueOf(random.nextInt(1 << PedersenTables.WINDOW_BITS))
                        .shiftLeft(window * PedersenTables.WINDOW_BITS));
            }
        }
        return Felt.fromBigInteger(value.mod(Felt.MODULUS));
    }
}
