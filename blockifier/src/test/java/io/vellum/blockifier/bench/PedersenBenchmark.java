package io.vellum.blockifier.bench;

import io.vellum.blockifier.crypto.Felt;
import io.vellum.blockifier.crypto.Pedersen;
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
 * Pedersen throughput: the hash of two uniform random felts, cycled from a precomputed pool. The constant-point
 * tables are built in {@code @Setup} (by hashing once), so their one-time cost is not measured.
 *
 * <p>Run: {@code mvn -Pjmh -Djmh.module=blockifier -pl blockifier -am verify -DskipTests -Djmh.args="PedersenBenchmark -f 1 -wi 3 -i 5"}
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@State(Scope.Thread)
@Fork(1)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
public class PedersenBenchmark {
    private static final int POOL_SIZE = 1024;

    private Felt[] lefts;
    private Felt[] rights;
    private int next;

    @Setup
    public void setUp() {
        SplittableRandom random = new SplittableRandom(Samples.seed("pedersen-benchmark"));
        lefts = new Felt[POOL_SIZE];
        rights = new Felt[POOL_SIZE];
        for (int i = 0; i < POOL_SIZE; i++) {
            lefts[i] = Samples.uniformFelt(random);
            rights[i] = Samples.uniformFelt(random);
        }
        Pedersen.hash(lefts[0], rights[0]);
    }

    @Benchmark
    public Felt hashOfTwo() {
        int i = next++ & (POOL_SIZE - 1);
        return Pedersen.hash(lefts[i], rights[i]);
    }
}
