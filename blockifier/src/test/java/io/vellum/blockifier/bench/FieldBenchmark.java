package io.vellum.blockifier.bench;

import io.vellum.blockifier.crypto.Felt;
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
 * Field throughput through the public {@link Felt} API: a product ({@link Felt#mul}, two Montgomery products
 * since a felt is stored canonically) and an inverse ({@link Felt#inverse}, which is one inversion on
 * Montgomery limbs plus two conversions), on uniform random non-zero inputs cycled from a precomputed pool.
 *
 * <p>Run: {@code mvn -Pjmh -Djmh.module=blockifier -pl blockifier -am verify -DskipTests -Djmh.args="FieldBenchmark -f 1 -wi 3 -i 5"}
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@State(Scope.Thread)
@Fork(1)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
public class FieldBenchmark {
    private static final int POOL_SIZE = 1024;

    private Felt[] lefts;
    private Felt[] rights;
    private int next;

    @Setup
    public void setUp() {
        SplittableRandom random = new SplittableRandom(Samples.seed("field-benchmark"));
        lefts = new Felt[POOL_SIZE];
        rights = new Felt[POOL_SIZE];
        for (int i = 0; i < POOL_SIZE; i++) {
            lefts[i] = nonZero(random);
            rights[i] = nonZero(random);
        }
    }

    private static Felt nonZero(SplittableRandom random) {
        Felt value = Samples.uniformFelt(random);
        return value.isZero() ? Felt.ONE : value;
    }

    @Benchmark
    public Felt multiply() {
        int i = next++ & (POOL_SIZE - 1);
        return lefts[i].mul(rights[i]);
    }

    @Benchmark
    public Felt inverse() {
        int i = next++ & (POOL_SIZE - 1);
        return lefts[i].inverse();
    }
}
