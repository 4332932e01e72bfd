package io.vellum.storage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.vellum.blockifier.core.BlockNumber;
import io.vellum.blockifier.crypto.Felt;
import io.vellum.blockifier.state.StateDiff;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class PendingQueueTest {
    @TempDir
    Path directory;
    Store store;

    @BeforeEach
    void open() {
        store = Store.open(directory, StoreOptions.processCrashSafe());
    }

    @AfterEach
    void close() {
        StoreValidator.validate(store);
        store.close();
    }

    static byte[] tx(int i) {
        return new byte[] {(byte) i, (byte) (i >> 8), 42};
    }

    List<Felt> hashes(List<PendingTransaction> page) {
        return page.stream().map(PendingTransaction::hash).toList();
    }

    @Test
    void transactionsComeBackInLogOrderAcrossBatchesAndReopen() {
        try (ApplyBatch batch = store.batch()) {
            assertThat(batch.appendPending(Felt.of(30), tx(30))).isTrue();
            assertThat(batch.appendPending(Felt.of(10), tx(10))).isTrue();
            batch.commit();
        }
        try (ApplyBatch batch = store.batch()) {
            assertThat(batch.appendPending(Felt.of(20), tx(20))).isTrue();
            batch.commit();
        }
        store.close();
        store = Store.open(directory, StoreOptions.processCrashSafe());
        List<PendingTransaction> page = store.pending(0, 10);
        // Log order, not hash order.
        assertThat(hashes(page)).containsExactly(Felt.of(30), Felt.of(10), Felt.of(20));
        assertThat(page.get(1).transaction()).containsExactly(tx(10));
        assertThat(page).extracting(PendingTransaction::sequence).containsExactly(0L, 1L, 2L);
        assertThat(store.pendingCount()).isEqualTo(3);
        assertThat(store.isPending(Felt.of(10))).isTrue();
    }

    @Test
    void duplicatesAndIncludedTransactionsAreNotAppendedAgain() {
        try (ApplyBatch batch = store.batch()) {
            assertThat(batch.appendPending(Felt.of(1), tx(1))).isTrue();
            assertThat(batch.appendPending(Felt.of(1), tx(1))).as("same batch").isFalse();
            batch.appendBlock(BlockNumber.GENESIS, StateDiff.EMPTY, new byte[0], new byte[0], List.of(Felt.of(9)));
            assertThat(batch.appendPending(Felt.of(9), tx(9))).as("included in this batch").isFalse();
            batch.commit();
        }
        try (ApplyBatch batch = store.batch()) {
            assertThat(batch.appendPending(Felt.of(1), tx(1))).as("already pending").isFalse();
            assertThat(batch.appendPending(Felt.of(9), tx(9))).as("already in a block").isFalse();
            batch.commit();
        }
        assertThat(hashes(store.pending(0, 10))).containsExactly(Felt.of(1));
    }

    @Test
    void removalByHashKeepsTheOrderOfTheRest() {
        try (ApplyBatch batch = store.batch()) {
            for (int i = 1; i <= 5; i++) {
                batch.appendPending(Felt.of(i), tx(i));
            }
            batch.commit();
        }
        try (ApplyBatch batch = store.batch()) {
            assertThat(batch.removePending(List.of(Felt.of(2), Felt.of(4), Felt.of(77)))).isEqualTo(2);
            assertThat(batch.removePending(Felt.of(2))).as("removed already in this batch").isFalse();
            // Appended and removed within one batch: nothing remains of it.
            assertThat(batch.appendPending(Felt.of(6), tx(6))).isTrue();
            assertThat(batch.removePending(Felt.of(6))).isTrue();
            // Removed, then appended again: it goes to the back of the queue.
            assertThat(batch.removePending(Felt.of(1))).isTrue();
            assertThat(batch.appendPending(Felt.of(1), tx(1))).isTrue();
            batch.commit();
        }
        assertThat(hashes(store.pending(0, 10))).containsExactly(Felt.of(3), Felt.of(5), Felt.of(1));
        assertThat(store.pendingCount()).isEqualTo(3);
        assertThat(store.isPending(Felt.of(2))).isFalse();
    }

    @Test
    void readsAreBoundedAndPageOn() {
        try (ApplyBatch batch = store.batch()) {
            for (int i = 0; i < 25; i++) {
                batch.appendPending(Felt.of(1000 + i), tx(i));
            }
            batch.commit();
        }
        List<Felt> seen = new ArrayList<>();
        long from = 0;
        while (true) {
            List<PendingTransaction> page = store.pending(from, 10);
            assertThat(page.size()).isLessThanOrEqualTo(10);
            if (page.isEmpty()) {
                break;
            }
            seen.addAll(hashes(page));
            from = page.get(page.size() - 1).sequence() + 1;
        }
        assertThat(seen).hasSize(25).startsWith(Felt.of(1000)).endsWith(Felt.of(1024));
        assertThatThrownBy(() -> store.pending(0, 0)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> store.pending(0, Store.PAGE_ENTRIES_MAX + 1))
                .isInstanceOf(IllegalArgumentException.class);
        try (ApplyBatch batch = store.batch()) {
            assertThatThrownBy(() -> batch.appendPending(Felt.ONE, new byte[ApplyBatch.TRANSACTION_BYTES_MAX + 1]))
                    .isInstanceOf(IllegalArgumentException.class);
        }
    }

    @ParameterizedTest(name = "seed {0}")
    @ValueSource(longs = {1, 2, 3, 4})
    void randomAppendsAndRemovalsMatchAnInsertionOrderedModel(long seed) {
        Random random = new Random(seed);
        LinkedHashMap<Felt, byte[]> model = new LinkedHashMap<>();
        for (int round = 0; round < 20; round++) {
            try (ApplyBatch batch = store.batch()) {
                for (int op = random.nextInt(30); op > 0; op--) {
                    Felt hash = Felt.of(random.nextInt(60));
                    if (random.nextInt(3) == 0) {
                        boolean removed = batch.removePending(hash);
                        assertThat(removed).isEqualTo(model.remove(hash) != null);
                    } else {
                        byte[] bytes = TestValues.bytes(random, random.nextInt(50));
                        boolean appended = batch.appendPending(hash, bytes);
                        assertThat(appended).isEqualTo(!model.containsKey(hash));
                        if (appended) {
                            model.put(hash, bytes);
                        }
                    }
                }
                if (random.nextInt(4) == 0) {
                    // An uncommitted batch changes nothing: roll the model back by re-reading the store.
                    model.clear();
                    for (PendingTransaction pending : store.pending(0, Store.PAGE_ENTRIES_MAX)) {
                        model.put(pending.hash(), pending.transaction());
                    }
                    continue;
                }
                batch.commit();
            }
            List<PendingTransaction> stored = store.pending(0, Store.PAGE_ENTRIES_MAX);
            assertThat(hashes(stored)).containsExactlyElementsOf(model.keySet());
            for (PendingTransaction pending : stored) {
                assertThat(pending.transaction()).isEqualTo(model.get(pending.hash()));
            }
            assertThat(store.pendingCount()).isEqualTo(model.size());
        }
        for (Map.Entry<Felt, byte[]> entry : model.entrySet()) {
            assertThat(store.isPending(entry.getKey())).isTrue();
        }
    }
}
