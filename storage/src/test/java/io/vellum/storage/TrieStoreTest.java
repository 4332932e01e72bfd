package io.vellum.storage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.vellum.blockifier.commitment.BinaryNode;
import io.vellum.blockifier.commitment.EdgeNode;
import io.vellum.blockifier.commitment.NodeStore;
import io.vellum.blockifier.commitment.TrieNode;
import io.vellum.blockifier.core.BlockNumber;
import io.vellum.blockifier.core.ContractAddress;
import io.vellum.blockifier.crypto.Felt;
import io.vellum.blockifier.state.StateDiff;
import java.math.BigInteger;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TrieStoreTest {
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

    @Test
    void nodesOfEveryShapeComeBackFromTheNodeStore() {
        Random random = new Random(5);
        Map<Felt, TrieNode> nodes = new HashMap<>();
        for (int length = 1; length <= 251; length++) {
            // The longest path of each length, and a random one.
            Felt longest = Felt.fromBigInteger(BigInteger.ONE.shiftLeft(length).subtract(BigInteger.ONE));
            nodes.put(TestValues.felt251(random), new EdgeNode(TestValues.felt251(random), longest, length));
            nodes.put(TestValues.felt251(random), new EdgeNode(Felt.MAX, Felt.fromBigInteger(
                    new BigInteger(length, random)), length));
            nodes.put(TestValues.felt251(random), new EdgeNode(Felt.ZERO, Felt.ZERO, length));
        }
        for (int i = 0; i < 200; i++) {
            nodes.put(TestValues.felt251(random), new BinaryNode(TestValues.anyLength(random), Felt.MAX));
        }
        try (ApplyBatch batch = store.batch()) {
            batch.putTrieNodes(nodes).commit();
        }
        NodeStore nodeStore = store.nodeStore();
        nodes.forEach((hash, node) -> assertThat(nodeStore.node(hash)).as("node " + hash).contains(node));
        assertThat(nodeStore.node(Felt.of(12345))).isEmpty();
    }

    @Test
    void encodingIsCompact() {
        Felt hash = Felt.of(1);
        EdgeNode shortEdge = new EdgeNode(Felt.MAX, Felt.of(5), 3);
        try (ApplyBatch batch = store.batch()) {
            batch.putTrieNodes(Map.of(hash, shortEdge, Felt.of(2), new BinaryNode(Felt.ONE, Felt.TWO))).commit();
        }
        // tag + length + child + one path byte, plus the 5-byte envelope.
        assertThat(Raw.get(store, ColumnFamily.TRIE_NODES, Keys.felt(hash))).hasSize(1 + 1 + 32 + 1 + 5);
        assertThat(Raw.get(store, ColumnFamily.TRIE_NODES, Keys.felt(Felt.of(2)))).hasSize(1 + 32 + 32 + 5);
    }

    @Test
    void contractRootsAreLatestOnlyAndZeroRemovesThem() {
        ContractAddress a = ContractAddress.of(10);
        ContractAddress b = ContractAddress.of(11);
        try (ApplyBatch batch = store.batch()) {
            batch.putContractStorageRoots(Map.of(a, Felt.of(100), b, Felt.of(200))).commit();
        }
        try (ApplyBatch batch = store.batch()) {
            batch.putContractStorageRoots(Map.of(a, Felt.of(101), b, Felt.ZERO)).commit();
        }
        assertThat(store.contractStorageRoot(a)).isEqualTo(Felt.of(101));
        assertThat(store.contractStorageRoot(b)).isEqualTo(Felt.ZERO);
        assertThat(Raw.count(store, ColumnFamily.CONTRACT_STORAGE_ROOTS)).isEqualTo(1);
    }

    @Test
    void trieRootsAreRecordedInHeightOrderBehindTheHead() {
        try (ApplyBatch batch = store.batch()) {
            assertThatThrownBy(() -> batch.recordTrieRoots(BlockNumber.GENESIS, Felt.ONE, Felt.TWO))
                    .isInstanceOf(NotFoundException.class);
            batch.appendBlock(BlockNumber.GENESIS, StateDiff.EMPTY, new byte[0], new byte[0], List.of());
            batch.appendBlock(new BlockNumber(1), StateDiff.EMPTY, new byte[0], new byte[0], List.of());
            assertThatThrownBy(() -> batch.recordTrieRoots(new BlockNumber(1), Felt.ONE, Felt.TWO))
                    .isInstanceOf(OutOfOrderException.class);
            batch.recordTrieRoots(BlockNumber.GENESIS, Felt.of(3), Felt.of(4)).commit();
        }
        assertThat(store.trieHeight()).contains(BlockNumber.GENESIS);
        assertThat(store.trieRoots(BlockNumber.GENESIS))
                .contains(new TrieRoots(BlockNumber.GENESIS, Felt.of(3), Felt.of(4)));
        assertThat(store.trieRoots(new BlockNumber(1))).isEmpty();
    }
}
