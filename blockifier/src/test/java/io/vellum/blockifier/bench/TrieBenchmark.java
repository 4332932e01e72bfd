package io.vellum.blockifier.bench;

import io.vellum.blockifier.commitment.InMemoryNodeStore;
import io.vellum.blockifier.commitment.Parallelism;
import io.vellum.blockifier.commitment.PatriciaTrie;
import io.vellum.blockifier.commitment.TrieUpdate;
import io.vellum.blockifier.crypto.Felt;
import io.vellum.blockifier.crypto.Pedersen;
import io.vellum.blockifier.testing.Samples;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.TreeMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Storage-leaf updates per second into a Pedersen storage trie of one million leaves held in memory, applied in
 * batches of 1,000 (one batch per block), on one thread. The trie is bulk-built once per trial (on every core, to
 * keep the setup short); each invocation applies a different precomputed batch (half overwrites of existing
 * leaves, a quarter inserts, a quarter deletions) to the same root, so the trie does not drift between
 * invocations. The score is in leaf updates per second. {@code pedersenHash} gives the cost of the hash that
 * dominates, for reference; the setup prints how many nodes (= hashes) a batch creates.
 *
 * <p>Run: {@code mvn -Pjmh -Djmh.module=blockifier -pl blockifier -am verify -DskipTests -Djmh.args="TrieBenchmark -f 1 -wi 3 -i 5"}
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Fork(value = 1, jvmArgsAppend = {"-Xmx8g", "-XX:+UseParallelGC"})
@Warmup(iterations = 3, time = 10)
@Measurement(iterations = 5, time = 10)
public class TrieBenchmark {
    static final int BATCH_SIZE = 1_000;

    /** The million-leaf trie and the batches applied to it. */
    @State(Scope.Benchmark)
    public static class MillionLeafTrie {
        @Param({"1000000"})
        public int leafCount;

        private static final int BATCHES = 64;

        PatriciaTrie trie;
        Felt root;
        List<TreeMap<Felt, Felt>> batches;
        int next;

        @Setup(Level.Trial)
        public void build() {
            SplittableRandom random = new SplittableRandom(Samples.seed("TrieBenchmark"));
            TreeMap<Felt, Felt> leaves = new TreeMap<>();
            while (leaves.size() < leafCount) {
                leaves.put(Felt.fromBigInteger(Samples.bits(random, 251)), Felt.of(1 + random.nextInt(1 << 30)));
            }
            InMemoryNodeStore store = new InMemoryNodeStore(2 * leafCount + BATCHES * 12 * BATCH_SIZE);
            trie = PatriciaTrie.storage(store);
            int cores = Runtime.getRuntime().availableProcessors();
            ExecutorService pool = Executors.newFixedThreadPool(Math.max(1, cores - 1));
            long started = System.nanoTime();
            TrieUpdate built;
            try {
                built = trie.build(leaves, new Parallelism(pool, cores));
            } finally {
                pool.shutdownNow();
            }
            store.putAll(built.newNodes());
            root = built.root();
            System.out.printf("%nbuilt a %,d-leaf trie (%,d nodes) in %.1f s%n", leafCount, store.size(),
                    (System.nanoTime() - started) / 1e9);

            Felt[] keys = leaves.keySet().toArray(new Felt[0]);
            batches = new ArrayList<>();
            for (int b = 0; b < BATCHES; b++) {
                TreeMap<Felt, Felt> batch = new TreeMap<>();
                while (batch.size() < BATCH_SIZE) {
                    int kind = random.nextInt(4);
                    Felt key = kind == 0 ? Felt.fromBigInteger(Samples.bits(random, 251))
                            : keys[random.nextInt(keys.length)];
                    batch.put(key, kind == 3 ? Felt.ZERO : Felt.of(1 + random.nextInt(1 << 30)));
                }
                batches.add(batch);
            }
            TrieUpdate sample = trie.update(root, batches.get(0));
            System.out.printf("a batch of %,d changes creates %,d nodes (one hash each)%n", BATCH_SIZE,
                    sample.newNodes().size());
        }

        TreeMap<Felt, Felt> nextBatch() {
            return batches.get(next++ % BATCHES);
        }
    }

    /** Inputs for the reference hash. */
    @State(Scope.Thread)
    public static class HashInputs {
        Felt first;
        Felt second;

        @Setup
        public void draw() {
            SplittableRandom random = new SplittableRandom(Samples.seed("TrieBenchmark.hash"));
            first = Samples.uniformFelt(random);
            second = Samples.uniformFelt(random);
        }
    }

    @Benchmark
    @OperationsPerInvocation(BATCH_SIZE)
    public TrieUpdate leafUpdatesInBatchesOf1000(MillionLeafTrie state) {
        return state.trie.update(state.root, state.nextBatch());
    }

    @Benchmark
    public Felt pedersenHash(HashInputs inputs) {
        Felt hash = Pedersen.hash(inputs.first, inputs.second);
        inputs.first = hash;
        return hash;
    }
}
