package io.vellum.storage.bench;

import io.vellum.blockifier.core.BlockNumber;
import io.vellum.blockifier.core.ContractAddress;
import io.vellum.blockifier.core.Nonce;
import io.vellum.blockifier.core.StorageKey;
import io.vellum.blockifier.crypto.Felt;
import io.vellum.blockifier.state.StateDiff;
import io.vellum.storage.ApplyBatch;
import io.vellum.storage.StateView;
import io.vellum.storage.Store;
import io.vellum.storage.StoreOptions;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.NavigableMap;
import java.util.Random;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

/**
 * The store's hot paths on a pre-filled store: committing a 1,000-transfer block, and reading a storage value
 * from the latest state and from a past block.
 *
 * <p>A transfer block's diff is what 1,000 fee-token transfers write: 3,000 storage entries of the token contract
 * (sender and receiver balances, and their high words) and 1,000 sender nonces. The store is pre-filled with
 * {@value #PREFILL_BLOCKS} such blocks over {@value #ACCOUNTS} accounts before measuring. Run:
 *
 * <pre>
 * mvn -Pjmh -Djmh.module=storage -pl storage -am verify -DskipTests -Djmh.args="StoreBenchmark -f 1 -wi 3 -i 5"
 * </pre>
 *
 * ({@code -Djmh.module=storage} makes only this module run JMH; blockifier, built by {@code -am}, skips its own.)
 *
 * Targets: commit below 10 ms; a historical read within 2x a latest read.
 */
public class StoreBenchmark {
    static final int ACCOUNTS = 20_000;
    static final int TRANSFERS = 1_000;
    static final int PREFILL_BLOCKS = 200;
    static final int DIFFS = 16;
    static final ContractAddress FEE_TOKEN =
            ContractAddress.of("0x49d36570d4e46f48e99674bd3fcc84644ddd6b96f7c741b1562b82f9e004dc7");

    static Felt felt251(Random random) {
        byte[] bytes = new byte[32];
        random.nextBytes(bytes);
        bytes[0] &= 0x07;
        return Felt.fromBytes(bytes);
    }

    /** Accounts and their balance keys, and transfer-block diffs over them. */
    static final class Workload {
        final List<ContractAddress> accounts = new ArrayList<>();
        final List<StorageKey> balanceKeys = new ArrayList<>();
        final Random random = new Random(42);

        Workload() {
            for (int i = 0; i < ACCOUNTS; i++) {
                accounts.add(new ContractAddress(felt251(random)));
                balanceKeys.add(new StorageKey(felt251(random)));
            }
        }

        StateDiff transferBlock(long nonce) {
            TreeMap<StorageKey, Felt> token = new TreeMap<>();
            TreeMap<ContractAddress, Nonce> nonces = new TreeMap<>();
            while (nonces.size() < TRANSFERS) {
                int sender = random.nextInt(ACCOUNTS);
                int receiver = random.nextInt(ACCOUNTS);
                nonces.put(accounts.get(sender), Nonce.of(nonce));
                token.put(balanceKeys.get(sender), Felt.of(random.nextLong() >>> 1));
                token.put(balanceKeys.get(receiver), Felt.of(random.nextLong() >>> 1));
                token.put(balanceKeys.get(receiver).plus(1), Felt.of(random.nextInt(1000)));
            }
            TreeMap<ContractAddress, NavigableMap<StorageKey, Felt>> storage = new TreeMap<>();
            storage.put(FEE_TOKEN, token);
            return new StateDiff(storage, nonces, new TreeMap<>(), new TreeMap<>());
        }
    }

    static void prefill(Store store, Workload workload, int blocks) {
        for (int n = 0; n < blocks; n++) {
            try (ApplyBatch batch = store.batch()) {
                batch.appendBlock(new BlockNumber(n), workload.transferBlock(n + 1), new byte[64], new byte[64],
                        List.of());
                batch.commit();
            }
        }
    }

    static void delete(Path directory) throws IOException {
        try (Stream<Path> paths = Files.walk(directory)) {
            for (Path path : (Iterable<Path>) paths.sorted(Comparator.reverseOrder())::iterator) {
                Files.delete(path);
            }
        }
    }

    /** A pre-filled store that every commit appends to. */
    @State(Scope.Benchmark)
    public static class CommitState {
        /** {@code process}: write-ahead log, not synced; {@code durable}: fsync per commit. */
        @Param({"process", "durable"})
        public String durability;

        Path directory;
        Store store;
        Workload workload;
        final List<StateDiff> diffs = new ArrayList<>();
        byte[] blockBytes;
        byte[] receipts;
        long next;
        long transactionCounter = 1;

        @Setup(Level.Trial)
        public void setUp() throws IOException {
            directory = Files.createTempDirectory("vellum-bench-commit");
            StoreOptions options = durability.equals("durable") ? StoreOptions.durable()
                    : StoreOptions.processCrashSafe();
            store = Store.open(directory, options);
            workload = new Workload();
            prefill(store, workload, PREFILL_BLOCKS);
            for (int i = 0; i < DIFFS; i++) {
                diffs.add(workload.transferBlock(PREFILL_BLOCKS + i));
            }
            blockBytes = new byte[300 * TRANSFERS];
            receipts = new byte[100 * TRANSFERS];
            workload.random.nextBytes(blockBytes);
            workload.random.nextBytes(receipts);
            next = PREFILL_BLOCKS;
        }

        @TearDown(Level.Trial)
        public void tearDown() throws IOException {
            store.close();
            delete(directory);
        }
    }

    /**
     * A pre-filled store, and open views on it: the latest state and several past blocks. {@code compacted}:
     * as the writes left it (recent history in memtables and level-0 files, which a seek must all visit), or
     * fully compacted first.
     */
    @State(Scope.Benchmark)
    public static class ReadState {
        @Param({"false", "true"})
        public boolean compacted;

        Path directory;
        Store store;
        Workload workload;
        StateView latest;
        final List<StateView> past = new ArrayList<>();
        final Random random = new Random(7);

        @Setup(Level.Trial)
        public void setUp() throws IOException {
            directory = Files.createTempDirectory("vellum-bench-read");
            store = Store.open(directory, StoreOptions.processCrashSafe());
            workload = new Workload();
            prefill(store, workload, PREFILL_BLOCKS);
            if (compacted) {
                store.compact();
            }
            latest = store.latest();
            for (int i = 0; i < 16; i++) {
                past.add(store.at(new BlockNumber(random.nextInt(PREFILL_BLOCKS - 1))));
            }
        }

        @TearDown(Level.Trial)
        public void tearDown() throws IOException {
            latest.close();
            past.forEach(StateView::close);
            store.close();
            delete(directory);
        }

        StorageKey key() {
            return workload.balanceKeys.get(random.nextInt(ACCOUNTS));
        }
    }

    /** Commit of a 1,000-transfer block's state diff (3,000 storage entries, 1,000 nonces) and 128 bytes. */
    @Benchmark
    @BenchmarkMode(Mode.AverageTime)
    @OutputTimeUnit(TimeUnit.MILLISECONDS)
    public void commitTransferDiff(CommitState state) {
        try (ApplyBatch batch = state.store.batch()) {
            batch.appendBlock(new BlockNumber(state.next), state.diffs.get((int) (state.next % DIFFS)), new byte[64],
                    new byte[64], List.of());
            batch.commit();
        }
        state.next++;
    }

    /** The same, plus 300 KB of block bytes, 100 KB of receipts and 1,000 indexed transaction hashes. */
    @Benchmark
    @BenchmarkMode(Mode.AverageTime)
    @OutputTimeUnit(TimeUnit.MILLISECONDS)
    public void commitTransferBlock(CommitState state) {
        List<Felt> hashes = new ArrayList<>(TRANSFERS);
        for (int i = 0; i < TRANSFERS; i++) {
            hashes.add(Felt.of(state.transactionCounter++));
        }
        try (ApplyBatch batch = state.store.batch()) {
            batch.appendBlock(new BlockNumber(state.next), state.diffs.get((int) (state.next % DIFFS)),
                    state.blockBytes, state.receipts, hashes);
            batch.commit();
        }
        state.next++;
    }

    @Benchmark
    @BenchmarkMode(Mode.AverageTime)
    @OutputTimeUnit(TimeUnit.NANOSECONDS)
    public Felt readLatest(ReadState state) {
        return state.latest.storageAt(FEE_TOKEN, state.key());
    }

    @Benchmark
    @BenchmarkMode(Mode.AverageTime)
    @OutputTimeUnit(TimeUnit.NANOSECONDS)
    public Felt readHistorical(ReadState state) {
        return state.past.get(state.random.nextInt(state.past.size())).storageAt(FEE_TOKEN, state.key());
    }

    @Benchmark
    @BenchmarkMode(Mode.AverageTime)
    @OutputTimeUnit(TimeUnit.NANOSECONDS)
    public Nonce readLatestNonce(ReadState state) {
        return state.latest.nonceAt(state.workload.accounts.get(state.random.nextInt(ACCOUNTS)));
    }

    @Benchmark
    @BenchmarkMode(Mode.AverageTime)
    @OutputTimeUnit(TimeUnit.NANOSECONDS)
    public Nonce readHistoricalNonce(ReadState state) {
        return state.past.get(state.random.nextInt(state.past.size()))
                .nonceAt(state.workload.accounts.get(state.random.nextInt(ACCOUNTS)));
    }
}
