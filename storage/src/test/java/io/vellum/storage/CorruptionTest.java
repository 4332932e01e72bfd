package io.vellum.storage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.vellum.blockifier.commitment.BinaryNode;
import io.vellum.blockifier.core.BlockNumber;
import io.vellum.blockifier.core.ClassHash;
import io.vellum.blockifier.core.CompiledClassHash;
import io.vellum.blockifier.core.ContractAddress;
import io.vellum.blockifier.core.Nonce;
import io.vellum.blockifier.core.StorageKey;
import io.vellum.blockifier.crypto.Felt;
import io.vellum.blockifier.state.StateDiff;
import io.vellum.blockifier.state.StateReadException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.TreeMap;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Damage one stored value below the envelope (raw RocksDB writes), then read it through the public API: the read
 * must throw a {@link CorruptionException} naming the column family and the key, never return the value. Every
 * kind of damage is tried on every kind of value.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class CorruptionTest {
    static final ContractAddress CONTRACT = ContractAddress.of(0xc0de);
    static final StorageKey KEY = StorageKey.of(7);
    static final ClassHash CLASS = ClassHash.of("0x1234");
    static final Felt TRANSACTION = Felt.of(0x77);
    static final Felt NODE_HASH = Felt.of(0x5eed);
    static final Felt PENDING = Felt.of(0x99);

    Path directory;
    Store store;

    @BeforeAll
    void open(@TempDir Path directory) {
        this.directory = directory;
        store = fill(directory.resolve("shared"));
    }

    @AfterAll
    void close() {
        store.close();
    }

    static Store fill(Path path) {
        Store store = Store.open(path, StoreOptions.processCrashSafe());
        TreeMap<ContractAddress, NavigableMap<StorageKey, Felt>> storage = new TreeMap<>();
        storage.put(CONTRACT, new TreeMap<>(Map.of(KEY, Felt.of(42), StorageKey.of(8), Felt.of(43))));
        StateDiff diff = new StateDiff(storage, new TreeMap<>(Map.of(CONTRACT, Nonce.of(3))),
                new TreeMap<>(Map.of(CONTRACT, CLASS)),
                new TreeMap<>(Map.of(CLASS, new CompiledClassHash(Felt.of(9)))));
        try (ApplyBatch batch = store.batch()) {
            batch.appendBlock(BlockNumber.GENESIS, diff, new byte[] {1, 2, 3}, new byte[] {4}, List.of(TRANSACTION));
            batch.appendBlock(new BlockNumber(1), StateDiff.EMPTY, new byte[] {5}, new byte[] {6}, List.of());
            batch.putTrieNodes(Map.of(NODE_HASH, new BinaryNode(Felt.ONE, Felt.TWO)));
            batch.appendPending(PENDING, new byte[] {8, 8});
            batch.enqueueProvingJob(BlockNumber.GENESIS);
            batch.recordCommitment(BlockNumber.GENESIS, Felt.of(10), Felt.of(11));
            batch.appliedIndex(new AppliedIndex(1, 1));
            batch.commit();
        }
        return store;
    }

    /** A stored value and the public read that must detect its damage. */
    record Target(String name, ColumnFamily columnFamily, byte[] key, Consumer<Store> read) {
        @Override
        public String toString() {
            return name;
        }
    }

    enum Damage {
        FLIP_PAYLOAD_BIT, FLIP_CHECKSUM_BIT, TRUNCATE, EXTEND, TOO_SHORT, FUTURE_VERSION_WITH_VALID_CHECKSUM,
        VALUE_OF_ANOTHER_KEY, VALUE_FROM_ANOTHER_COLUMN_FAMILY
    }

    static Stream<Target> targets() {
        byte[] storageKey = Keys.storage(CONTRACT, KEY);
        return Stream.of(
                new Target("latest storage", ColumnFamily.STORAGE, storageKey, s -> {
                    try (StateView view = s.latest()) {
                        view.storageAt(CONTRACT, KEY);
                    }
                }),
                new Target("storage history", ColumnFamily.STORAGE_HISTORY, Keys.history(storageKey, 0), s -> {
                    try (StateView view = s.at(BlockNumber.GENESIS)) {
                        view.storageAt(CONTRACT, KEY);
                    }
                }),
                new Target("nonce", ColumnFamily.NONCES, Keys.contract(CONTRACT), s -> {
                    try (StateView view = s.latest()) {
                        view.nonceAt(CONTRACT);
                    }
                }),
                new Target("class hash history", ColumnFamily.CLASS_HASH_HISTORY,
                        Keys.history(Keys.contract(CONTRACT), 0), s -> {
                            try (StateView view = s.at(BlockNumber.GENESIS)) {
                                view.classHashAt(CONTRACT);
                            }
                        }),
                new Target("declared class", ColumnFamily.DECLARED_CLASSES, Keys.felt(CLASS.value()), s -> {
                    try (StateView view = s.latest()) {
                        view.compiledClassHash(CLASS);
                    }
                }),
                new Target("block", ColumnFamily.BLOCKS, Keys.number(0), s -> s.block(BlockNumber.GENESIS)),
                new Target("receipts", ColumnFamily.RECEIPTS, Keys.number(1), s -> s.receipts(new BlockNumber(1))),
                new Target("state diff", ColumnFamily.STATE_DIFFS, Keys.number(0),
                        s -> s.stateDiff(BlockNumber.GENESIS)),
                new Target("transaction index", ColumnFamily.TRANSACTION_INDEX, Keys.felt(TRANSACTION),
                        s -> s.transactionLocation(TRANSACTION)),
                new Target("trie node", ColumnFamily.TRIE_NODES, Keys.felt(NODE_HASH),
                        s -> s.nodeStore().node(NODE_HASH)),
                new Target("commitment", ColumnFamily.BLOCK_COMMITMENTS, Keys.number(0),
                        s -> s.commitment(BlockNumber.GENESIS)),
                new Target("pending transaction", ColumnFamily.PENDING_TRANSACTIONS, Keys.number(0),
                        s -> s.pending(0, 10)),
                new Target("prover job", ColumnFamily.PROVER_JOBS, Keys.number(0),
                        s -> s.proverJob(BlockNumber.GENESIS)),
                new Target("head marker", ColumnFamily.META, Keys.meta(Markers.HEAD), s -> {
                    try (StateView view = s.latest()) {
                        view.block();
                    }
                }));
    }

    static Stream<Arguments> cases() {
        return targets().flatMap(target -> Arrays.stream(Damage.values()).map(damage -> Arguments.of(target, damage)));
    }

    @ParameterizedTest(name = "{1} in {0}")
    @MethodSource("cases")
    void damagedValueIsReportedWithItsColumnFamilyAndKey(Target target, Damage damage) {
        byte[] original = Raw.get(store, target.columnFamily(), target.key());
        assertThat(original).as("the target exists").isNotNull();
        target.read().accept(store);

        Raw.put(store, target.columnFamily(), target.key(), damaged(original, damage, target));
        try {
            assertThatThrownBy(() -> target.read().accept(store))
                    .satisfies(thrown -> {
                        Throwable cause = thrown instanceof StateReadException ? thrown.getCause() : thrown;
                        assertThat(cause).isInstanceOf(CorruptionException.class);
                        CorruptionException corruption = (CorruptionException) cause;
                        assertThat(corruption.columnFamily()).isEqualTo(target.columnFamily().columnFamilyName);
                        assertThat(corruption.keyHex()).isEqualTo("0x" + HexFormat.of().formatHex(target.key()));
                        assertThat(thrown.getMessage()).contains(target.columnFamily().columnFamilyName)
                                .contains(HexFormat.of().formatHex(target.key()));
                    });
        } finally {
            Raw.put(store, target.columnFamily(), target.key(), original);
        }
        // The restored bytes read again: the error came from the damage, not from the store's state.
        target.read().accept(store);
    }

    private byte[] damaged(byte[] original, Damage damage, Target target) {
        return switch (damage) {
            case FLIP_PAYLOAD_BIT -> {
                byte[] copy = original.clone();
                copy[original.length / 2] ^= 0x10;
                yield copy;
            }
            case FLIP_CHECKSUM_BIT -> {
                byte[] copy = original.clone();
                copy[original.length - 1] ^= 0x01;
                yield copy;
            }
            case TRUNCATE -> Arrays.copyOf(original, original.length - 1);
            case EXTEND -> Arrays.copyOf(original, original.length + 1);
            case TOO_SHORT -> new byte[] {Envelope.VERSION, 0};
            case FUTURE_VERSION_WITH_VALID_CHECKSUM -> {
                byte[] copy = original.clone();
                copy[0] = (byte) (Envelope.VERSION + 1);
                int crc = Envelope.checksum(target.columnFamily(), target.key(), copy, copy.length - 4);
                for (int i = 0; i < 4; i++) {
                    copy[copy.length - 4 + i] = (byte) (crc >>> (24 - 8 * i));
                }
                yield copy;
            }
            case VALUE_OF_ANOTHER_KEY -> {
                // A valid value, sealed for a different key of the same column family.
                byte[] otherKey = target.key().clone();
                otherKey[otherKey.length - 1] ^= 0x01;
                byte[] copy = original.clone();
                int crc = Envelope.checksum(target.columnFamily(), otherKey, copy, copy.length - 4);
                for (int i = 0; i < 4; i++) {
                    copy[copy.length - 4 + i] = (byte) (crc >>> (24 - 8 * i));
                }
                yield copy;
            }
            case VALUE_FROM_ANOTHER_COLUMN_FAMILY -> {
                ColumnFamily other = target.columnFamily() == ColumnFamily.META ? ColumnFamily.BLOCKS
                        : ColumnFamily.META;
                byte[] copy = original.clone();
                int crc = Envelope.checksum(other, target.key(), copy, copy.length - 4);
                for (int i = 0; i < 4; i++) {
                    copy[copy.length - 4 + i] = (byte) (crc >>> (24 - 8 * i));
                }
                yield copy;
            }
        };
    }

    @Test
    void validChecksumOverAMalformedPayloadIsStillCorruption() {
        Store store = fill(directory.resolve("malformed"));
        // A node with an unknown tag, correctly sealed: the checksum passes, the decoder refuses it.
        byte[] key = Keys.felt(NODE_HASH);
        Raw.put(store, ColumnFamily.TRIE_NODES, key, Envelope.writer(1).u8(7).seal(ColumnFamily.TRIE_NODES, key));
        assertThatThrownBy(() -> store.nodeStore().node(NODE_HASH)).isInstanceOf(CorruptionException.class)
                .hasMessageContaining("trie_nodes").hasMessageContaining("unknown trie node tag 7");
        // A storage value sealed correctly but holding a felt of 33 bytes.
        byte[] storageKey = Keys.storage(CONTRACT, KEY);
        Raw.put(store, ColumnFamily.STORAGE, storageKey, Envelope.writer(1).u8(33).seal(ColumnFamily.STORAGE,
                storageKey));
        try (StateView view = store.latest()) {
            assertThatThrownBy(() -> view.storageAt(CONTRACT, KEY)).isInstanceOf(StateReadException.class)
                    .hasCauseInstanceOf(CorruptionException.class).hasMessageContaining("compact felt of 33 bytes");
        }
        store.close();
    }

    @Test
    void damagedMarkerStopsTheStoreFromOpening() {
        Path directory = this.directory.resolve("marker");
        Store store = fill(directory);
        byte[] key = Keys.meta(Markers.APPLIED_INDEX);
        byte[] value = Raw.get(store, ColumnFamily.META, key);
        value[3] ^= 0x40;
        Raw.put(store, ColumnFamily.META, key, value);
        store.close();
        assertThatThrownBy(() -> Store.open(directory, StoreOptions.processCrashSafe()))
                .isInstanceOf(CorruptionException.class).hasMessageContaining("meta")
                .hasMessageContaining(HexFormat.of().formatHex(key));
        value[3] ^= 0x40;
        Db db = Db.open(directory, StoreOptions.processCrashSafe());
        try {
            db.rocks.put(db.handle(ColumnFamily.META), key, value);
        } catch (org.rocksdb.RocksDBException e) {
            throw new AssertionError(e);
        } finally {
            db.close();
        }
        try (Store reopened = Store.open(directory, StoreOptions.processCrashSafe())) {
            assertThat(reopened.appliedIndex()).contains(new AppliedIndex(1, 1));
        }
    }
}
