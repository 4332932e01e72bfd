package io.vellum.storage;

import static org.assertj.core.api.Assertions.assertThat;

import io.vellum.blockifier.core.BlockNumber;
import io.vellum.blockifier.core.ClassHash;
import io.vellum.blockifier.core.CompiledClassHash;
import io.vellum.blockifier.core.ContractAddress;
import io.vellum.blockifier.core.Nonce;
import io.vellum.blockifier.core.StorageKey;
import io.vellum.blockifier.crypto.Felt;
import io.vellum.blockifier.state.InMemoryState;
import io.vellum.blockifier.state.StateDiff;
import io.vellum.blockifier.state.StateReader;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.NavigableMap;
import java.util.Random;
import java.util.TreeMap;
import java.util.stream.LongStream;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Property: for random sequences of blocks over a small key space (so keys are overwritten, zeroed and restored
 * often), the state after every block, read from the store, equals an in-memory model that applied the same
 * diffs — through the history path for past blocks, the flat path for the head, and both for the head. Files are
 * flushed and compacted at random points so reads cross memtables and SST files. Seeds come from
 * {@code -Dvellum.seed} (default 1) and are printed.
 */
class HistoricalReadsTest {
    private static final int SEEDS = 12;

    static LongStream seeds() {
        long base = Long.getLong("vellum.seed", 1L);
        return LongStream.range(base, base + SEEDS);
    }

    /** The universe of subjects the random blocks draw from. */
    record Universe(List<ContractAddress> contracts, List<StorageKey> keys, List<ClassHash> classHashes,
                    List<ClassHash> declarable) {
        static Universe of(Random random) {
            List<ContractAddress> contracts = new ArrayList<>();
            List<StorageKey> keys = new ArrayList<>();
            List<ClassHash> classes = new ArrayList<>();
            List<ClassHash> declarable = new ArrayList<>();
            for (int i = 0; i < 6; i++) {
                contracts.add(i == 0 ? ContractAddress.of(1) : TestValues.address(random));
            }
            for (int i = 0; i < 10; i++) {
                keys.add(i == 0 ? StorageKey.of(0) : TestValues.storageKey(random));
            }
            for (int i = 0; i < 4; i++) {
                classes.add(TestValues.classHash(random));
                declarable.add(TestValues.classHash(random));
            }
            return new Universe(contracts, keys, classes, declarable);
        }
    }

    static StateDiff randomDiff(Random random, Universe universe) {
        TreeMap<ContractAddress, NavigableMap<StorageKey, Felt>> storage = new TreeMap<>();
        int writes = random.nextInt(4) == 0 ? 0 : random.nextInt(15);
        for (int i = 0; i < writes; i++) {
            ContractAddress contract = pick(random, universe.contracts());
            Felt value = random.nextInt(4) == 0 ? Felt.ZERO : TestValues.anyLength(random);
            storage.computeIfAbsent(contract, c -> new TreeMap<>()).put(pick(random, universe.keys()), value);
        }
        TreeMap<ContractAddress, Nonce> nonces = new TreeMap<>();
        for (int i = random.nextInt(3); i > 0; i--) {
            nonces.put(pick(random, universe.contracts()), Nonce.of(random.nextInt(5)));
        }
        TreeMap<ContractAddress, ClassHash> deployed = new TreeMap<>();
        if (random.nextInt(3) == 0) {
            deployed.put(pick(random, universe.contracts()),
                    random.nextInt(5) == 0 ? ClassHash.ZERO : pick(random, universe.classHashes()));
        }
        TreeMap<ClassHash, CompiledClassHash> declared = new TreeMap<>();
        if (random.nextInt(4) == 0) {
            declared.put(pick(random, universe.declarable()), new CompiledClassHash(TestValues.anyLength(random)));
        }
        return new StateDiff(storage, nonces, deployed, declared);
    }

    static <T> T pick(Random random, List<T> list) {
        return list.get(random.nextInt(list.size()));
    }

    static void assertSameState(StateReader expected, StateReader actual, Universe universe, String where) {
        for (ContractAddress contract : universe.contracts()) {
            for (StorageKey key : universe.keys()) {
                assertThat(actual.storageAt(contract, key)).as(where + " storage " + contract + "/" + key)
                        .isEqualTo(expected.storageAt(contract, key));
            }
            assertThat(actual.nonceAt(contract)).as(where + " nonce " + contract)
                    .isEqualTo(expected.nonceAt(contract));
            assertThat(actual.classHashAt(contract)).as(where + " class " + contract)
                    .isEqualTo(expected.classHashAt(contract));
        }
        for (ClassHash classHash : universe.declarable()) {
            assertThat(actual.compiledClassHash(classHash)).as(where + " declared " + classHash)
                    .isEqualTo(expected.compiledClassHash(classHash));
        }
        for (ClassHash classHash : universe.classHashes()) {
            assertThat(actual.compiledClassHash(classHash)).as(where + " never declared " + classHash).isEmpty();
        }
    }

    @ParameterizedTest(name = "seed {0}")
    @MethodSource("seeds")
    void stateAfterEveryBlockMatchesTheModel(long seed, @TempDir Path directory) {
        System.out.println("HistoricalReadsTest seed " + seed);
        Random random = new Random(seed);
        Universe universe = Universe.of(random);
        int blocks = 20 + random.nextInt(40);
        List<InMemoryState> model = new ArrayList<>();
        InMemoryState current = new InMemoryState();
        try (Store store = Store.open(directory, StoreOptions.processCrashSafe())) {
            for (int n = 0; n < blocks; n++) {
                StateDiff diff = randomDiff(random, universe);
                current.apply(diff);
                model.add(current.copy());
                // Sometimes several blocks in one batch.
                try (ApplyBatch batch = store.batch()) {
                    batch.appendBlock(new BlockNumber(n), diff, new byte[0], new byte[0], List.of());
                    while (n + 1 < blocks && random.nextInt(5) == 0) {
                        n++;
                        StateDiff next = randomDiff(random, universe);
                        current.apply(next);
                        model.add(current.copy());
                        batch.appendBlock(new BlockNumber(n), next, new byte[0], new byte[0], List.of());
                    }
                    batch.commit();
                }
                if (random.nextInt(8) == 0) {
                    store.db().flush();
                }
                if (random.nextInt(20) == 0) {
                    store.compact();
                }
                if (random.nextInt(6) == 0) {
                    // Check every height so far, mid-sequence, while data spans memtables and files.
                    checkAll(store, model, universe, seed);
                }
            }
            checkAll(store, model, universe, seed);
            StoreValidator.validate(store);
        }
    }

    private static void checkAll(Store store, List<InMemoryState> model, Universe universe, long seed) {
        int head = model.size() - 1;
        for (int n = 0; n <= head; n++) {
            try (StateView view = store.at(new BlockNumber(n))) {
                assertThat(view.block()).contains(new BlockNumber(n));
                assertSameState(model.get(n), view, universe, "seed " + seed + " at block " + n);
            }
        }
        try (StateView latest = store.latest()) {
            assertThat(latest.block()).contains(new BlockNumber(head));
            assertSameState(model.get(head), latest, universe, "seed " + seed + " latest");
        }
        // The head through the history path too (store.at(head) takes the flat path).
        try (StateView history = new HistoricalView(store, store.db(), new BlockNumber(head))) {
            assertSameState(model.get(head), history, universe, "seed " + seed + " head via history");
        }
    }
}
