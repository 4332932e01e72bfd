package io.vellum.blockifier.bench;

import io.vellum.blockifier.crypto.Felt;
import io.vellum.blockifier.crypto.Poseidon;
import io.vellum.blockifier.testing.Samples;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Poseidon throughput: the hash of two felts (one Hades permutation) and the sponge over ten felts (six
 * permutations), on uniform random inputs cycled from a precomputed pool.
 *
 * <p>Run: {@code mvn -Pjmh -Djmh.module=blockifier -pl blockifier -am verify -DskipTests -Djmh.args="PoseidonBenchmark -f 1 -wi 3 -i 5"}
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@State(Scope.Thread)
@Fork(1)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
public class PoseidonBenchmark {
    private static final int POOL_SIZE = 1024;

    private Felt[] lefts;
    private Felt[] rights;
    private Felt[][] tens;
    private int next;

    @Setup
    public void setUp() {
        SplittableRandom random = new SplittableRandom(Samples.seed("poseidon-benchmark"));
        lefts = new Felt[POOL_SIZE];
        rights = new Felt[POOL_SIZE];
        tens = new Felt[POOL_SIZE][10];
        for (int i = 0; i < POOL_SIZE; i++) {
            lefts[i] = Samples.uniformFelt(random);
            rights[i] = Samples.uniformFelt(random);
            for (int j = 0; j < 10; j++) {
                tens[i][j] = Samples.uniformFelt(random);
            }
        }
    }

    @Benchmark
    public Felt hashOfTwo() {
        int i = next++ & (POOL_SIZE - 1);
        return Poseidon.hash(lefts[i], rights[i]);
    }

    @Benchmark
    public Felt hashManyOfTen() {
        int i = next++ & (POOL_SIZE - 1);
        return Poseidon.hashMany(tens[i]);
    }
}
