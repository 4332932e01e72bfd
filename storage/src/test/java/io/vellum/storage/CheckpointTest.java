package io.vellum.storage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.vellum.blockifier.core.BlockNumber;
import io.vellum.blockifier.crypto.Felt;
import io.vellum.blockifier.state.StateDiff;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CheckpointTest {
    @TempDir
    Path directory;

    /** A store with a bit of everything: blocks, history, commitments, trie nodes and roots, both queues. */
    static void fill(Store store, long seed, int blocks) {
        Random random = new Random(seed);
        HistoricalReadsTest.Universe universe = HistoricalReadsTest.Universe.of(random);
        long first = store.head().map(h -> h.value() + 1).orElse(0L);
        for (long height = first; height < first + blocks; height++) {
            long n = height;
            try (ApplyBatch batch = store.batch()) {
                StateDiff diff = HistoricalReadsTest.randomDiff(random, universe);
                batch.appendBlock(new BlockNumber(n), diff, TestValues.bytes(random, 100), TestValues.bytes(random, 50),
                        List.of(TestValues.felt251(random), TestValues.felt251(random)));
                batch.putTrieNodes(Map.of(TestValues.felt251(random), TestValues.node(random),
                        TestValues.felt251(random), TestValues.node(random)));
                batch.putContractStorageRoots(Map.of(universe.contracts().get(random.nextInt(6)),
                        TestValues.felt251(random)));
                batch.recordTrieRoots(new BlockNumber(n), TestValues.felt251(random), TestValues.felt251(random));
                batch.recordCommitment(new BlockNumber(n), TestValues.felt251(random), TestValues.felt251(random));
                batch.appendPending(TestValues.felt251(random), TestValues.bytes(random, 30));
                batch.enqueueProvingJob(new BlockNumber(n));
                batch.leaseProvingJob("prover", n * 10, 5).ifPresent(lease -> {
                    if (random.nextBoolean()) {
                        batch.completeProvingJob(lease, n * 10 + 1, Felt.ZERO);
                    }
                });
                batch.appliedIndex(new AppliedIndex(1 + n / 7, 3 * n + 5));
                batch.commit();
            }
        }
    }

    static Map<ColumnFamily, Map<String, String>> contents(Store store) {
        Map<ColumnFamily, Map<String, String>> out = new EnumMap<>(ColumnFamily.class);
        for (ColumnFamily columnFamily : ColumnFamily.values()) {
            out.put(columnFamily, Raw.entries(store, columnFamily));
        }
        return out;
    }

    @Test
    void roundTripGivesIdenticalContents() {
        Path checkpoint = directory.resolve("checkpoint");
        Path imported = directory.resolve("imported");
        Map<ColumnFamily, Map<String, String>> before;
        CheckpointMetadata exported;
        try (Store store = Store.open(directory.resolve("source"), StoreOptions.processCrashSafe())) {
            fill(store, 21, 30);
            before = contents(store);
            exported = store.exportCheckpoint(checkpoint);
            // Writes after the export are not in the checkpoint.
            fill(store, 22, 3);
            assertThat(contents(store)).isNotEqualTo(before);
        }
        assertThat(exported.appliedIndex()).contains(new AppliedIndex(1 + 29 / 7, 3 * 29 + 5));
        assertThat(exported.head()).contains(new BlockNumber(29));
        assertThat(exported.formatVersion()).isEqualTo(Store.FORMAT_VERSION);
        assertThat(exported.files()).isNotEmpty();
        assertThat(Files.exists(checkpoint.resolve(CheckpointMetadata.FILE_NAME))).isTrue();

        CheckpointMetadata read = Store.importCheckpoint(checkpoint, imported, StoreOptions.processCrashSafe());
        assertThat(read).isEqualTo(exported);
        try (Store copy = Store.open(imported, StoreOptions.processCrashSafe())) {
            Map<ColumnFamily, Map<String, String>> after = contents(copy);
            for (ColumnFamily columnFamily : ColumnFamily.values()) {
                assertThat(after.get(columnFamily)).as(columnFamily.columnFamilyName)
                        .isEqualTo(before.get(columnFamily));
            }
            assertThat(before.get(ColumnFamily.TRIE_NODES)).isNotEmpty();
            assertThat(before.get(ColumnFamily.STORAGE_HISTORY)).isNotEmpty();
            for (long n = 0; n < 30; n++) {
                assertThat(copy.trieRoots(new BlockNumber(n))).isPresent();
                assertThat(copy.commitment(new BlockNumber(n))).isPresent();
            }
            StoreValidator.validate(copy);
            // The imported store goes on where the source was at the export.
            fill(copy, 23, 2);
            assertThat(copy.head()).contains(new BlockNumber(31));
        }
    }

    @Test
    void anEmptyStoreRoundTrips() {
        Path checkpoint = directory.resolve("checkpoint");
        try (Store store = Store.open(directory.resolve("source"), StoreOptions.processCrashSafe())) {
            CheckpointMetadata metadata = store.exportCheckpoint(checkpoint);
            assertThat(metadata.appliedIndex()).isEmpty();
            assertThat(metadata.head()).isEmpty();
        }
        Store.importCheckpoint(checkpoint, directory.resolve("imported"), StoreOptions.processCrashSafe());
        try (Store copy = Store.open(directory.resolve("imported"), StoreOptions.processCrashSafe())) {
            assertThat(copy.head()).isEmpty();
        }
    }

    @Test
    void aDamagedOrIncompleteCheckpointIsRefused() throws IOException {
        Path checkpoint = directory.resolve("checkpoint");
        try (Store store = Store.open(directory.resolve("source"), StoreOptions.processCrashSafe())) {
            fill(store, 31, 5);
            store.exportCheckpoint(checkpoint);
        }
        Path db = checkpoint.resolve(CheckpointMetadata.DATABASE_DIRECTORY);
        Path sst;
        try (Stream<Path> files = Files.list(db)) {
            sst = files.filter(p -> p.toString().endsWith(".sst")).findFirst().orElseThrow();
        }
        byte[] original = Files.readAllBytes(sst);
        byte[] damaged = original.clone();
        damaged[damaged.length / 3] ^= 0x01;
        Files.delete(sst); // a hard link: write a new file rather than through the link into the source store
        Files.write(sst, damaged);
        assertThatThrownBy(() -> Store.importCheckpoint(checkpoint, directory.resolve("a"),
                StoreOptions.processCrashSafe())).isInstanceOf(CorruptionException.class)
                .hasMessageContaining(sst.getFileName().toString());

        Files.delete(sst);
        assertThatThrownBy(() -> Store.importCheckpoint(checkpoint, directory.resolve("b"),
                StoreOptions.processCrashSafe())).isInstanceOf(CorruptionException.class)
                .hasMessageContaining("lacks file");

        Files.write(sst, original);
        Files.write(db.resolve("stray.sst"), new byte[] {1});
        assertThatThrownBy(() -> Store.importCheckpoint(checkpoint, directory.resolve("c"),
                StoreOptions.processCrashSafe())).isInstanceOf(CorruptionException.class)
                .hasMessageContaining("stray.sst");
        Files.delete(db.resolve("stray.sst"));

        Path metadata = checkpoint.resolve(CheckpointMetadata.FILE_NAME);
        String text = Files.readString(metadata);
        Files.writeString(metadata, text.replace("format_version=1", "format_version=2"));
        assertThatThrownBy(() -> Store.importCheckpoint(checkpoint, directory.resolve("d"),
                StoreOptions.processCrashSafe())).isInstanceOf(IncompatibleFormatException.class);
        Files.writeString(metadata, text.replaceAll("head_block=\\d+", "head_block=99"));
        assertThatThrownBy(() -> Store.importCheckpoint(checkpoint, directory.resolve("e"),
                StoreOptions.processCrashSafe())).isInstanceOf(CorruptionException.class)
                .hasMessageContaining("its metadata says");
        Files.writeString(metadata, text);

        Files.createDirectories(directory.resolve("busy"));
        Files.write(directory.resolve("busy").resolve("x"), new byte[] {1});
        assertThatThrownBy(() -> Store.importCheckpoint(checkpoint, directory.resolve("busy"),
                StoreOptions.processCrashSafe())).isInstanceOf(IllegalArgumentException.class);

        Store.importCheckpoint(checkpoint, directory.resolve("ok"), StoreOptions.processCrashSafe());
        try (Store copy = Store.open(directory.resolve("ok"), StoreOptions.processCrashSafe())) {
            assertThat(copy.head()).contains(new BlockNumber(4));
            assertThat(copy.transactionLocation(Felt.ZERO)).isEmpty();
        }
    }

    @Test
    void exportRefusesAnExistingTargetAndThisThreadsOpenBatch() throws IOException {
        try (Store store = Store.open(directory.resolve("source"), StoreOptions.processCrashSafe())) {
            Files.createDirectories(directory.resolve("exists"));
            assertThatThrownBy(() -> store.exportCheckpoint(directory.resolve("exists")))
                    .isInstanceOf(IllegalArgumentException.class);
            try (ApplyBatch batch = store.batch()) {
                assertThatThrownBy(() -> store.exportCheckpoint(directory.resolve("new")))
                        .isInstanceOf(IllegalStateException.class);
                batch.appliedIndex(new AppliedIndex(1, 1));
            }
        }
    }
}
