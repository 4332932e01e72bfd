package io.vellum.storage;

import static org.assertj.core.api.Assertions.assertThat;

import io.vellum.blockifier.commitment.NodeStore;
import io.vellum.blockifier.commitment.TrieNode;
import io.vellum.blockifier.core.BlockNumber;
import io.vellum.blockifier.core.ClassHash;
import io.vellum.blockifier.core.CompiledClassHash;
import io.vellum.blockifier.core.ContractAddress;
import io.vellum.blockifier.core.Nonce;
import io.vellum.blockifier.core.StorageKey;
import io.vellum.blockifier.crypto.Felt;
import io.vellum.blockifier.state.StorageSlot;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.TreeMap;
import java.util.zip.CRC32C;

/**
 * What the store must hold after the crash workload's batches 1..k, computed in memory from the plans alone
 * (never from the store), and the check of a store against it: every value through the public API, and the
 * exact number of entries in every column family, so nothing from a batch after k can hide anywhere.
 */
final class CrashModel {
    private final CrashWorkload workload;
    long applied;

    final Map<StorageSlot, Felt> storage = new HashMap<>();
    final Map<ContractAddress, Nonce> nonces = new HashMap<>();
    final Map<ContractAddress, ClassHash> classHashes = new HashMap<>();
    final Map<ClassHash, CompiledClassHash> declared = new HashMap<>();
    final Map<StorageSlot, TreeMap<Long, Felt>> storageHistory = new HashMap<>();
    long nonceHistoryEntries;
    long classHashHistoryEntries;
    long declaredHistoryEntries;

    final List<Integer> blockChecksums = new ArrayList<>();
    final List<Integer> receiptChecksums = new ArrayList<>();
    final Map<Felt, TransactionLocation> transactions = new HashMap<>();
    final LinkedHashMap<Felt, Integer> pending = new LinkedHashMap<>();
    long pendingNextSequence;
    final Map<Felt, TrieNode> nodes = new HashMap<>();
    final Map<ContractAddress, Felt> roots = new HashMap<>();
    final List<BlockCommitment> commitments = new ArrayList<>();
    final List<TrieRoots> trieRoots = new ArrayList<>();
    final ProverModel prover = new ProverModel();
    AppliedIndex appliedIndex;

    CrashModel(CrashWorkload workload) {
        this.workload = workload;
    }

    static int crc(byte[] bytes) {
        CRC32C crc = new CRC32C();
        crc.update(bytes);
        return (int) crc.getValue();
    }

    /** Applies batches up to and including {@code index}. */
    void advanceTo(long index) {
        while (applied < index) {
            apply(workload.plan(applied + 1));
        }
    }

    private void apply(CrashWorkload.Plan plan) {
        assert plan.index() == applied + 1;
        long block = plan.block();
        plan.diff().storageUpdates().forEach((contract, updates) -> updates.forEach((key, value) -> {
            StorageSlot slot = new StorageSlot(contract, key);
            if (value.isZero()) {
                storage.remove(slot);
            } else {
                storage.put(slot, value);
            }
            storageHistory.computeIfAbsent(slot, s -> new TreeMap<>()).put(block, value);
        }));
        plan.diff().nonces().forEach((contract, nonce) -> {
            if (nonce.value().isZero()) {
                nonces.remove(contract);
            } else {
                nonces.put(contract, nonce);
            }
        });
        nonceHistoryEntries += plan.diff().nonces().size();
        plan.diff().deployedContracts().forEach((contract, classHash) -> {
            if (classHash.isZero()) {
                classHashes.remove(contract);
            } else {
                classHashes.put(contract, classHash);
            }
        });
        classHashHistoryEntries += plan.diff().deployedContracts().size();
        declared.putAll(plan.diff().declaredClasses());
        declaredHistoryEntries += plan.diff().declaredClasses().size();

        blockChecksums.add(crc(plan.blockBytes()));
        receiptChecksums.add(crc(plan.receipts()));
        for (int i = 0; i < plan.included().size(); i++) {
            transactions.put(plan.included().get(i), new TransactionLocation(new BlockNumber(block), i));
        }
        plan.appended().forEach((hash, bytes) -> {
            if (!pending.containsKey(hash) && !transactions.containsKey(hash)) {
                pending.put(hash, crc(bytes));
                pendingNextSequence++;
            }
        });
        plan.removed().forEach(pending::remove);
        nodes.putAll(plan.nodes());
        plan.roots().forEach((contract, root) -> {
            if (root.isZero()) {
                roots.remove(contract);
            } else {
                roots.put(contract, root);
            }
        });
        if (plan.committedBlock() >= 0) {
            BlockNumber committed = new BlockNumber(plan.committedBlock());
            trieRoots.add(new TrieRoots(committed, plan.contractsRoot(), plan.classesRoot()));
            commitments.add(new BlockCommitment(committed, plan.stateRoot(), plan.blockHash()));
            prover.enqueue();
        }
        Optional<Integer> leased = prover.lease(plan.owner(), plan.nowMs(), CrashWorkload.LEASE_MS);
        leased.ifPresent(h -> {
            switch (plan.action()) {
                case COMPLETE -> prover.prove(h);
                case FAIL -> prover.fail(h, "batch " + plan.index());
                case KEEP -> {
                }
            }
        });
        appliedIndex = plan.applied();
        applied = plan.index();
    }

    long head() {
        return applied - 1;
    }

    /** Checks {@code store} against this model; {@code historySamples} random past reads are compared too. */
    void verify(Store store, Random random, int historySamples) {
        assertThat(store.appliedIndex()).as("applied index").isEqualTo(Optional.ofNullable(appliedIndex));
        assertThat(store.head().map(BlockNumber::value).orElse(-1L)).as("head").isEqualTo(head());

        // Exact entry counts: nothing more is stored than the model holds.
        Map<ColumnFamily, Long> expected = new TreeMap<>();
        expected.put(ColumnFamily.DEFAULT, 0L);
        expected.put(ColumnFamily.STORAGE, (long) storage.size());
        expected.put(ColumnFamily.NONCES, (long) nonces.size());
        expected.put(ColumnFamily.CLASS_HASHES, (long) classHashes.size());
        expected.put(ColumnFamily.DECLARED_CLASSES, (long) declared.size());
        expected.put(ColumnFamily.STORAGE_HISTORY, storageHistory.values().stream().mapToLong(TreeMap::size).sum());
        expected.put(ColumnFamily.NONCE_HISTORY, nonceHistoryEntries);
        expected.put(ColumnFamily.CLASS_HASH_HISTORY, classHashHistoryEntries);
        expected.put(ColumnFamily.DECLARED_CLASS_HISTORY, declaredHistoryEntries);
        expected.put(ColumnFamily.STATE_DIFFS, applied);
        expected.put(ColumnFamily.BLOCKS, applied);
        expected.put(ColumnFamily.RECEIPTS, applied);
        expected.put(ColumnFamily.TRANSACTION_INDEX, (long) transactions.size());
        expected.put(ColumnFamily.BLOCK_COMMITMENTS, (long) commitments.size());
        expected.put(ColumnFamily.TRIE_NODES, (long) nodes.size());
        expected.put(ColumnFamily.CONTRACT_STORAGE_ROOTS, (long) roots.size());
        expected.put(ColumnFamily.TRIE_ROOTS, (long) trieRoots.size());
        expected.put(ColumnFamily.PENDING_TRANSACTIONS, (long) pending.size());
        expected.put(ColumnFamily.PENDING_INDEX, (long) pending.size());
        expected.put(ColumnFamily.PROVER_JOBS, (long) prover.size());
        Map<ColumnFamily, Long> actual = new TreeMap<>();
        for (ColumnFamily columnFamily : expected.keySet()) {
            actual.put(columnFamily, Raw.count(store, columnFamily));
        }
        assertThat(actual).as("entries per column family at applied index " + applied).isEqualTo(expected);

        // Markers, exactly.
        Markers markers = store.markers();
        assertThat(markers.pendingCount()).isEqualTo(pending.size());
        assertThat(markers.pendingNextSequence()).isEqualTo(pendingNextSequence);
        assertThat(markers.committed()).isEqualTo(commitments.size() - 1);
        assertThat(markers.trieHeight()).isEqualTo(trieRoots.size() - 1);
        assertThat(markers.proverNextHeight()).isEqualTo(prover.size());
        assertThat(Markers.load(store.db(), store.db().plainReads)).isEqualTo(markers);

        // Latest state, every value.
        try (StateView latest = store.latest()) {
            storage.forEach((slot, value) -> assertThat(latest.storageAt(slot.contract(), slot.key()))
                    .as("storage " + slot).isEqualTo(value));
            nonces.forEach((contract, nonce) -> assertThat(latest.nonceAt(contract)).isEqualTo(nonce));
            classHashes.forEach((contract, classHash) -> assertThat(latest.classHashAt(contract))
                    .isEqualTo(classHash));
            declared.forEach((classHash, compiled) -> assertThat(latest.compiledClassHash(classHash))
                    .contains(compiled));
        }

        // Past state, sampled.
        if (applied > 0 && !storageHistory.isEmpty()) {
            List<StorageSlot> slots = new ArrayList<>(storageHistory.keySet());
            slots.sort(null);
            for (int i = 0; i < historySamples; i++) {
                long block = random.nextInt((int) applied);
                try (StateView past = store.at(new BlockNumber(block))) {
                    for (int j = 0; j < 20; j++) {
                        StorageSlot slot = slots.get(random.nextInt(slots.size()));
                        Map.Entry<Long, Felt> entry = storageHistory.get(slot).floorEntry(block);
                        Felt value = entry == null ? Felt.ZERO : entry.getValue();
                        assertThat(past.storageAt(slot.contract(), slot.key()))
                                .as("storage " + slot + " after block " + block).isEqualTo(value);
                    }
                }
            }
        }

        // Blocks, receipts, transactions.
        for (int n = 0; n < applied; n++) {
            BlockNumber number = new BlockNumber(n);
            assertThat(store.block(number).map(CrashModel::crc)).as("block " + n).contains(blockChecksums.get(n));
            assertThat(store.receipts(number).map(CrashModel::crc)).contains(receiptChecksums.get(n));
        }
        assertThat(store.block(new BlockNumber(applied))).as("no block after the head").isEmpty();
        transactions.forEach((hash, location) -> assertThat(store.transactionLocation(hash)).contains(location));

        // Pending queue, in order.
        List<Felt> order = new ArrayList<>();
        long from = 0;
        while (true) {
            List<PendingTransaction> page = store.pending(from, 1000);
            if (page.isEmpty()) {
                break;
            }
            for (PendingTransaction transaction : page) {
                order.add(transaction.hash());
                assertThat(crc(transaction.transaction())).isEqualTo(pending.get(transaction.hash()));
            }
            from = page.get(page.size() - 1).sequence() + 1;
        }
        assertThat(order).as("pending queue").containsExactlyElementsOf(pending.keySet());
        // The next batch's transactions are nowhere.
        assertThat(store.isPending(workload.transactionHash(applied + 1, 0))).isFalse();

        // Tries and commitments.
        NodeStore nodeStore = store.nodeStore();
        nodes.forEach((hash, node) -> assertThat(nodeStore.node(hash)).contains(node));
        roots.forEach((contract, root) -> assertThat(store.contractStorageRoot(contract)).isEqualTo(root));
        commitments.forEach(c -> assertThat(store.commitment(c.block())).contains(c));
        trieRoots.forEach(r -> assertThat(store.trieRoots(r.block())).contains(r));

        // Prover queue, every job.
        for (int h = 0; h < prover.size(); h++) {
            assertThat(store.proverJob(new BlockNumber(h))).as("job " + h).contains(prover.job(h));
        }
    }
}
