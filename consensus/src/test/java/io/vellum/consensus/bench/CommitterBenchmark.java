package io.vellum.consensus.bench;

import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.vellum.blockifier.commitment.Parallelism;
import io.vellum.blockifier.execution.ExecutionConfig;
import io.vellum.blockifier.testing.TestChain;
import io.vellum.consensus.committer.ChainFixture;
import io.vellum.consensus.committer.CommittedBlock;
import io.vellum.consensus.committer.Committer;
import io.vellum.consensus.committer.CommitterSettings;
import io.vellum.consensus.store.RocksCoreStore;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.SplittableRandom;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The committer on one final block of 1,000 STRK transfers (each from a different account, to a random one) over a
 * RocksDB store whose chain has {@code accounts} genesis accounts and one earlier 1,000-transfer block: the block
 * touches about 1,000 account leaves (nonces) and the fee token's leaf in the contracts trie, and about 2,000
 * balances in the fee token's storage trie. The score is the time per block: read the block, its diff and the
 * touched contracts' class hashes, hash the tries and the block hash, and write the batch (trie nodes, roots,
 * commitment, proving job).
 *
 * <p>The chain is made once per trial through the real core (execution with signature checks off, to save setup
 * time; it does not change what is committed), and committed up to the block before the measured one; a checkpoint
 * of that store is restored into a fresh directory before every invocation (not timed), so every invocation
 * commits the same block on the same store. {@code threads} is the committer's {@link Parallelism} (1 = the caller
 * alone). At teardown the split between the two phases (prepare = read + hash, write = the batch) is printed from
 * the committer's own timers.
 *
 * <p>Run: {@code mvn -Pjmh -Djmh.module=consensus -pl consensus -am verify -DskipTests -Djmh.args="CommitterBenchmark -f 1 -wi 3 -i 5"}
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@State(Scope.Benchmark)
@Fork(value = 1, jvmArgsAppend = {"-Xmx4g", "-XX:+UseParallelGC"})
@Warmup(iterations = 3, time = 5)
@Measurement(iterations = 5, time = 5)
public class CommitterBenchmark {
    private static final int TRANSFERS = 1_000;

    @Param({"3000"})
    public int accounts;

    @Param({"1", "2"})
    public int threads;

    private TestChain chain;
    private Path root;
    private Path checkpoint;
    private ExecutorService pool;
    private Parallelism parallelism;
    private SimpleMeterRegistry registry;
    private RocksCoreStore store;
    private Committer committer;
    private int invocation;
    private long blocks;
    private double prepareMs;
    private double writeMs;
    private double hashes;

    @Setup(Level.Trial)
    public void makeChain() throws IOException {
        root = Files.createTempDirectory("committer-bench");
        chain = TestChain.create(accounts, TestChain.DEFAULT_BALANCE,
                ExecutionConfig.DEFAULT.withSignatureChecks(false));
        pool = Executors.newFixedThreadPool(Math.max(1, threads - 1), runnable -> {
            Thread thread = new Thread(runnable, "bench-hashing");
            thread.setDaemon(true);
            return thread;
        });
        parallelism = threads == 1 ? Parallelism.SEQUENTIAL : new Parallelism(pool, threads);
        try (ChainFixture fixture = ChainFixture.create(chain, root.resolve("template"))) {
            SplittableRandom random = new SplittableRandom(42);
            long[] nonces = new long[accounts];
            fixture.finalizeTransfers(random, nonces, TRANSFERS);
            fixture.finalizeTransfers(random, nonces, TRANSFERS);
            Committer warm = new Committer(fixture.store(), CommitterSettings.DEFAULT, parallelism, () -> 0L,
                    new SimpleMeterRegistry(), Tags.empty(), Committer.Listener.NONE);
            warm.commitNext().orElseThrow(); // genesis
            warm.commitNext().orElseThrow(); // block 1
            checkpoint = root.resolve("checkpoint");
            fixture.store().exportCheckpoint(checkpoint);
        }
    }

    @Setup(Level.Invocation)
    public void restore() {
        Path directory = root.resolve("run-" + invocation++);
        store = ChainFixture.open(chain, directory);
        store.replaceWith(checkpoint);
        registry = new SimpleMeterRegistry(); // one per committer: its gauges hold it
        committer = new Committer(store, CommitterSettings.DEFAULT, parallelism, () -> 0L, registry, Tags.empty(),
                Committer.Listener.NONE);
    }

    @Benchmark
    public CommittedBlock commitBlockOf1000Transfers() {
        CommittedBlock block = committer.commitNext().orElseThrow();
        if (block.height() != 2 || block.transactionCount() != TRANSFERS) {
            throw new IllegalStateException("committed " + block);
        }
        return block;
    }

    @TearDown(Level.Invocation)
    public void closeRun() {
        Timer prepare = registry.get("vellum.committer.phase.time").tag("phase", "prepare").timer();
        Timer write = registry.get("vellum.committer.phase.time").tag("phase", "write").timer();
        blocks += prepare.count();
        prepareMs += prepare.totalTime(TimeUnit.MILLISECONDS);
        writeMs += write.totalTime(TimeUnit.MILLISECONDS);
        hashes += registry.get("vellum.committer.hashes").summary().totalAmount();
        Path directory = store.store().directory();
        store.close();
        deleteRecursively(directory);
    }

    @TearDown(Level.Trial)
    public void cleanUp() {
        System.out.printf("%n[threads %d] blocks %d, prepare (read + hash) %.1f ms, write (batch) %.1f ms, "
                + "hashes per block %.0f%n", threads, blocks, prepareMs / blocks, writeMs / blocks, hashes / blocks);
        pool.shutdownNow();
        deleteRecursively(root);
    }

    private static void deleteRecursively(Path path) {
        try (Stream<Path> walk = Files.walk(path)) {
            for (Path file : walk.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(file);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
