package io.vellum.storage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.vellum.blockifier.core.BlockNumber;
import io.vellum.blockifier.core.ContractAddress;
import io.vellum.blockifier.core.Nonce;
import io.vellum.blockifier.core.StorageKey;
import io.vellum.blockifier.crypto.Felt;
import io.vellum.blockifier.state.StateDiff;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BlockStoreTest {
    @TempDir
    Path directory;
    Store store;

    @BeforeEach
    void open() {
        store = Store.open(directory.resolve("store"), StoreOptions.processCrashSafe());
    }

    @AfterEach
    void validateAndClose() {
        StoreValidator.validate(store);
        store.close();
    }

    static final ContractAddress ALICE = ContractAddress.of(0xa11ce);

    static StateDiff diff(long value) {
        TreeMap<ContractAddress, java.util.NavigableMap<StorageKey, Felt>> storage = new TreeMap<>();
        storage.put(ALICE, new TreeMap<>(Map.of(StorageKey.of(1), Felt.of(value))));
        return new StateDiff(storage, new TreeMap<>(Map.of(ALICE, Nonce.of(value))), new TreeMap<>(), new TreeMap<>());
    }

    void append(long number, Felt... transactions) {
        try (ApplyBatch batch = store.batch()) {
            batch.appendBlock(new BlockNumber(number), diff(number + 1), new byte[] {(byte) number, 1, 2},
                    new byte[] {(byte) number, 9}, List.of(transactions));
            batch.commit();
        }
    }

    @Test
    void emptyStoreHasNoHeadAndReadsZero() {
        assertThat(store.head()).isEmpty();
        assertThat(store.appliedIndex()).isEmpty();
        assertThat(store.block(BlockNumber.GENESIS)).isEmpty();
        try (StateView latest = store.latest()) {
            assertThat(latest.block()).isEmpty();
            assertThat(latest.storageAt(ALICE, StorageKey.of(1))).isEqualTo(Felt.ZERO);
            assertThat(latest.nonceAt(ALICE)).isEqualTo(Nonce.ZERO);
        }
        assertThatThrownBy(() -> store.at(BlockNumber.GENESIS)).isInstanceOf(NotFoundException.class);
    }

    @Test
    void blocksReceiptsAndTransactionsAreStoredAndIndexed() {
        append(0, Felt.of(100), Felt.of(101));
        append(1, Felt.of(200));
        assertThat(store.head()).contains(new BlockNumber(1));
        assertThat(store.block(new BlockNumber(0))).hasValueSatisfying(b -> assertThat(b).containsExactly(0, 1, 2));
        assertThat(store.receipts(new BlockNumber(1))).hasValueSatisfying(r -> assertThat(r).containsExactly(1, 9));
        assertThat(store.transactionLocation(Felt.of(101)))
                .contains(new TransactionLocation(new BlockNumber(0), 1));
        assertThat(store.transactionLocation(Felt.of(200)))
                .contains(new TransactionLocation(new BlockNumber(1), 0));
        assertThat(store.transactionLocation(Felt.of(300))).isEmpty();
        assertThat(store.stateDiff(new BlockNumber(1))).contains(diff(2));
    }

    @Test
    void outOfOrderAppendIsRefusedAndWritesNothing() {
        append(0);
        try (ApplyBatch batch = store.batch()) {
            assertThatThrownBy(() -> batch.appendBlock(new BlockNumber(2), diff(3), new byte[0], new byte[0],
                    List.of())).isInstanceOfSatisfying(OutOfOrderException.class, e -> {
                        assertThat(e.what()).isEqualTo("block");
                        assertThat(e.expected()).isEqualTo("block 1");
                        assertThat(e.actual()).isEqualTo("block 2");
                    });
            assertThatThrownBy(() -> batch.appendBlock(new BlockNumber(0), diff(3), new byte[0], new byte[0],
                    List.of())).isInstanceOf(OutOfOrderException.class);
            // The refused operations left the batch as it was: it still commits, and writes nothing else.
            assertThat(batch.size()).isZero();
            batch.commit();
        }
        assertThat(store.head()).contains(BlockNumber.GENESIS);
        assertThat(store.block(new BlockNumber(2))).isEmpty();
        try (StateView latest = store.latest()) {
            assertThat(latest.storageAt(ALICE, StorageKey.of(1))).isEqualTo(Felt.ONE);
        }
    }

    @Test
    void firstBlockMustBeGenesis() {
        try (ApplyBatch batch = store.batch()) {
            assertThatThrownBy(() -> batch.appendBlock(new BlockNumber(1), diff(1), new byte[0], new byte[0],
                    List.of())).isInstanceOf(OutOfOrderException.class).hasMessageContaining("expected block 0");
        }
    }

    @Test
    void severalBlocksInOneBatchChainTheirChecks() {
        try (ApplyBatch batch = store.batch()) {
            batch.appendBlock(new BlockNumber(0), diff(1), new byte[0], new byte[0], List.of(Felt.of(7)));
            batch.appendBlock(new BlockNumber(1), diff(2), new byte[0], new byte[0], List.of(Felt.of(8)));
            assertThatThrownBy(() -> batch.appendBlock(new BlockNumber(2), diff(3), new byte[0], new byte[0],
                    List.of(Felt.of(7)))).isInstanceOf(DuplicateException.class);
            batch.commit();
        }
        assertThat(store.head()).contains(new BlockNumber(1));
        try (StateView at0 = store.at(BlockNumber.GENESIS); StateView at1 = store.at(new BlockNumber(1))) {
            assertThat(at0.storageAt(ALICE, StorageKey.of(1))).isEqualTo(Felt.ONE);
            assertThat(at1.storageAt(ALICE, StorageKey.of(1))).isEqualTo(Felt.TWO);
        }
    }

    @Test
    void aTransactionCannotBeInTwoBlocks() {
        append(0, Felt.of(5));
        try (ApplyBatch batch = store.batch()) {
            assertThatThrownBy(() -> batch.appendBlock(new BlockNumber(1), diff(1), new byte[0], new byte[0],
                    List.of(Felt.of(6), Felt.of(5)))).isInstanceOf(DuplicateException.class)
                    .hasMessageContaining("already in block 0 at position 0");
            assertThatThrownBy(() -> batch.appendBlock(new BlockNumber(1), diff(1), new byte[0], new byte[0],
                    List.of(Felt.of(6), Felt.of(6)))).isInstanceOf(DuplicateException.class);
        }
        assertThat(store.head()).contains(BlockNumber.GENESIS);
    }

    @Test
    void appliedIndexOnlyIncreasesAndIsCommittedWithTheBatch() {
        try (ApplyBatch batch = store.batch()) {
            batch.appliedIndex(new AppliedIndex(1, 10)).commit();
        }
        try (ApplyBatch batch = store.batch()) {
            assertThatThrownBy(() -> batch.appliedIndex(new AppliedIndex(1, 10)))
                    .isInstanceOf(OutOfOrderException.class);
            assertThatThrownBy(() -> batch.appliedIndex(new AppliedIndex(0, 11)))
                    .isInstanceOf(OutOfOrderException.class);
            batch.appliedIndex(new AppliedIndex(2, 11));
            // Not committed: closing discards it.
        }
        assertThat(store.appliedIndex()).contains(new AppliedIndex(1, 10));
        try (ApplyBatch batch = store.batch()) {
            batch.appendBlock(BlockNumber.GENESIS, diff(1), new byte[0], new byte[0], List.of())
                    .appliedIndex(new AppliedIndex(2, 12)).commit();
        }
        store.close();
        store = Store.open(directory.resolve("store"), StoreOptions.processCrashSafe());
        assertThat(store.appliedIndex()).contains(new AppliedIndex(2, 12));
        assertThat(store.head()).contains(BlockNumber.GENESIS);
    }

    @Test
    void commitmentsFollowHeightOrderAndStayBehindTheHead() {
        append(0);
        append(1);
        try (ApplyBatch batch = store.batch()) {
            assertThatThrownBy(() -> batch.recordCommitment(new BlockNumber(1), Felt.ONE, Felt.TWO))
                    .isInstanceOf(OutOfOrderException.class);
            batch.recordCommitment(BlockNumber.GENESIS, Felt.of(10), Felt.of(11));
            batch.recordCommitment(new BlockNumber(1), Felt.of(20), Felt.of(21));
            assertThatThrownBy(() -> batch.recordCommitment(new BlockNumber(2), Felt.ONE, Felt.TWO))
                    .isInstanceOf(NotFoundException.class);
            batch.commit();
        }
        assertThat(store.committedHeight()).contains(new BlockNumber(1));
        assertThat(store.commitment(new BlockNumber(1)))
                .contains(new BlockCommitment(new BlockNumber(1), Felt.of(20), Felt.of(21)));
        assertThat(store.commitment(new BlockNumber(2))).isEmpty();
    }

    @Test
    void aBatchIsUsableOnlyUntilCommitOrClose() {
        ApplyBatch batch = store.batch();
        batch.commit();
        assertThatThrownBy(() -> batch.appliedIndex(new AppliedIndex(1, 1))).isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(batch::commit).isInstanceOf(IllegalStateException.class);
        batch.close();
    }

    @Test
    void oneBatchPerThreadAndOtherThreadsWait() throws Exception {
        ApplyBatch first = store.batch();
        assertThatThrownBy(store::batch).isInstanceOf(IllegalStateException.class);
        CountDownLatch started = new CountDownLatch(1);
        AtomicBoolean secondOpened = new AtomicBoolean();
        Thread other = new Thread(() -> {
            started.countDown();
            try (ApplyBatch second = store.batch()) {
                secondOpened.set(true);
                second.appendBlock(new BlockNumber(1), diff(2), new byte[0], new byte[0], List.of()).commit();
            }
        });
        other.start();
        started.await();
        Thread.sleep(100);
        assertThat(secondOpened).as("the second batch waits for the first").isFalse();
        first.appendBlock(BlockNumber.GENESIS, diff(1), new byte[0], new byte[0], List.of()).commit();
        other.join(TimeUnit.SECONDS.toMillis(10));
        assertThat(secondOpened).isTrue();
        assertThat(store.head()).contains(new BlockNumber(1));
    }

    @Test
    void latestViewIsASnapshot() {
        append(0);
        try (StateView before = store.latest()) {
            append(1);
            assertThat(before.block()).contains(BlockNumber.GENESIS);
            assertThat(before.storageAt(ALICE, StorageKey.of(1))).isEqualTo(Felt.ONE);
            assertThat(before.nonceAt(ALICE)).isEqualTo(Nonce.of(1));
        }
        try (StateView after = store.latest()) {
            assertThat(after.storageAt(ALICE, StorageKey.of(1))).isEqualTo(Felt.TWO);
        }
    }

    @Test
    void readersOnOtherThreadsSeeWholeBatchesOnly() throws Exception {
        // Each block sets two cells and a nonce to the same value, block number + 1: a reader that ever sees
        // them differ has seen part of a batch.
        ContractAddress bob = ContractAddress.of(0xb0b);
        int blocks = 150;
        AtomicBoolean done = new AtomicBoolean();
        AtomicReference<Throwable> failure = new AtomicReference<>();
        AtomicInteger checks = new AtomicInteger();
        Thread reader = new Thread(() -> {
            try {
                while (!done.get()) {
                    try (StateView view = store.latest()) {
                        long expected = view.block().map(b -> b.value() + 1).orElse(0L);
                        assertThat(view.storageAt(ALICE, StorageKey.of(1))).isEqualTo(Felt.of(expected));
                        assertThat(view.storageAt(bob, StorageKey.of(2))).isEqualTo(Felt.of(expected));
                        assertThat(view.nonceAt(bob)).isEqualTo(Nonce.of(expected));
                        checks.incrementAndGet();
                    }
                }
            } catch (Throwable t) {
                failure.set(t);
            }
        });
        reader.start();
        // On a loaded machine the reader may not run before the writer is done: let it start first.
        long readerDeadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (checks.get() == 0 && failure.get() == null && System.nanoTime() < readerDeadline) {
            Thread.sleep(1);
        }
        for (long n = 0; n < blocks; n++) {
            TreeMap<ContractAddress, java.util.NavigableMap<StorageKey, Felt>> storage = new TreeMap<>();
            storage.put(ALICE, new TreeMap<>(Map.of(StorageKey.of(1), Felt.of(n + 1))));
            storage.put(bob, new TreeMap<>(Map.of(StorageKey.of(2), Felt.of(n + 1))));
            StateDiff diff = new StateDiff(storage, new TreeMap<>(Map.of(bob, Nonce.of(n + 1))), new TreeMap<>(),
                    new TreeMap<>());
            try (ApplyBatch batch = store.batch()) {
                batch.appendBlock(new BlockNumber(n), diff, new byte[0], new byte[0], List.of()).commit();
            }
        }
        done.set(true);
        reader.join(TimeUnit.SECONDS.toMillis(10));
        assertThat(reader.isAlive()).as("reader stopped").isFalse();
        assertThat(failure.get()).isNull();
        assertThat(checks.get()).isPositive();
    }

    @Test
    void viewsAreClosedWithTheStore() {
        append(0);
        StateView latest = store.latest();
        StateView past = store.at(BlockNumber.GENESIS);
        store.close();
        assertThatThrownBy(() -> latest.storageAt(ALICE, StorageKey.of(1))).isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> past.nonceAt(ALICE)).isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(store::latest).isInstanceOf(IllegalStateException.class);
        store = Store.open(directory.resolve("store"), StoreOptions.processCrashSafe());
    }

    @Test
    void noWriteAheadLogStoreKeepsEverythingOnCleanClose() {
        store.close();
        Path other = directory.resolve("nowal");
        try (Store noWal = Store.open(other, StoreOptions.noWriteAheadLog())) {
            try (ApplyBatch batch = noWal.batch()) {
                batch.appendBlock(BlockNumber.GENESIS, diff(5), new byte[0], new byte[0], List.of())
                        .appliedIndex(new AppliedIndex(1, 1)).commit();
            }
        }
        try (Store reopened = Store.open(other, StoreOptions.processCrashSafe())) {
            assertThat(reopened.appliedIndex()).contains(new AppliedIndex(1, 1));
            try (StateView latest = reopened.latest()) {
                assertThat(latest.storageAt(ALICE, StorageKey.of(1))).isEqualTo(Felt.of(5));
            }
        }
        store = Store.open(directory.resolve("store"), StoreOptions.processCrashSafe());
    }

    @Test
    void aStoreWithAnotherFormatVersionIsRefused() {
        byte[] key = Keys.meta(Markers.FORMAT_VERSION);
        Raw.put(store, ColumnFamily.META, key, Envelope.writer(4).u32(2).seal(ColumnFamily.META, key));
        store.close();
        assertThatThrownBy(() -> Store.open(directory.resolve("store"), StoreOptions.processCrashSafe()))
                .isInstanceOf(IncompatibleFormatException.class).hasMessageContaining("format version 2");
        // Put it back so the after-each validation can run.
        Path path = directory.resolve("store");
        Db db = Db.open(path, StoreOptions.processCrashSafe());
        try {
            db.rocks.put(db.handle(ColumnFamily.META), key, Envelope.writer(4).u32(Store.FORMAT_VERSION)
                    .seal(ColumnFamily.META, key));
        } catch (org.rocksdb.RocksDBException e) {
            throw new AssertionError(e);
        } finally {
            db.close();
        }
        store = Store.open(path, StoreOptions.processCrashSafe());
    }
}
