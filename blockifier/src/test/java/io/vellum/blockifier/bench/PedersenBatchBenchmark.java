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
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Pedersen hashes per second through {@link Pedersen#hashBatch}, for batches of 64, 256 and 1,024 pairs of uniform
 * random felts, next to the same pairs hashed one at a time with {@link Pedersen#hash} ({@code singleHashes}), in
 * the same run. Every score is in hashes per second. Inputs are drawn in {@code @Setup} (4,096 pairs, so that each
 * invocation hashes different ones) and the tables are built there, by hashing once.
 *
 * <p>Run: {@code mvn -Pjmh -Djmh.module=blockifier -pl blockifier -am verify -DskipTests -Djmh.args="PedersenBatchBenchmark -f 1 -wi 3 -i 5"}
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@State(Scope.Thread)
@Fork(1)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
public class PedersenBatchBenchmark {
    private static final int POOL_SIZE = 4096;

    private Felt[] firsts;
    private Felt[] seconds;
    private Felt[] out;
    private int next;

    @Setup
    public void setUp() {
        SplittableRandom random = new SplittableRandom(Samples.seed("pedersen-batch-benchmark"));
        firsts = new Felt[POOL_SIZE];
        seconds = new Felt[POOL_SIZE];
        out = new Felt[POOL_SIZE];
        for (int i = 0; i < POOL_SIZE; i++) {
            firsts[i] = Samples.uniformFelt(random);
            seconds[i] = Samples.uniformFelt(random);
        }
        Pedersen.hash(firsts[0], seconds[0]);
    }

    @Benchmark
    @OperationsPerInvocation(64)
    public Felt[] batchOf64() {
        return batch(64);
    }

    @Benchmark
    @OperationsPerInvocation(256)
    public Felt[] batchOf256() {
        return batch(256);
    }

    @Benchmark
    @OperationsPerInvocation(1024)
    public Felt[] batchOf1024() {
        return batch(1024);
    }

    /** The reference: 256 lone hashes. */
    @Benchmark
    @OperationsPerInvocation(256)
    public Felt[] singleHashes() {
        int from = nextRange(256);
        for (int i = from; i < from + 256; i++) {
            out[i] = Pedersen.hash(firsts[i], seconds[i]);
        }
        return out;
    }

    private Felt[] batch(int size) {
        int from = nextRange(size);
        Pedersen.hashBatch(firsts, seconds, out, from, from + size);
        return out;
    }

    private int nextRange(int size) {
        int from = next;
        next = (next + size) % POOL_SIZE;
        return from;
    }
}
