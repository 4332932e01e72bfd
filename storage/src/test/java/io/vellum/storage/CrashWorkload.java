package io.vellum.storage;

import io.vellum.blockifier.commitment.TrieNode;
import io.vellum.blockifier.core.BlockNumber;
import io.vellum.blockifier.core.ClassHash;
import io.vellum.blockifier.core.CompiledClassHash;
import io.vellum.blockifier.core.ContractAddress;
import io.vellum.blockifier.core.Nonce;
import io.vellum.blockifier.core.StorageKey;
import io.vellum.blockifier.crypto.Felt;
import io.vellum.blockifier.state.StateDiff;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.Random;
import java.util.TreeMap;

/**
 * The crash test's workload: batch {@code i} (its applied index, from 1) is a pure function of the seed and
 * {@code i}, so the parent can recompute exactly what the killed child committed. Each batch is heavy (hundreds
 * of state writes, a block, pending-queue traffic, trie nodes, commitments and prover-queue transitions).
 */
final class CrashWorkload {
    static final int CONTRACTS = 24;
    static final int KEYS = 512;
    static final int STORAGE_WRITES = 600;
    static final int NONCE_WRITES = 40;
    static final int PENDING_PER_BATCH = 30;
    static final int INCLUDED_PER_BATCH = 20;
    static final int REJECTED_PER_BATCH = 5;
    static final int NODES_PER_BATCH = 30;
    static final long STEP_MS = 100;
    static final long LEASE_MS = 250;

    private final long seed;
    private final List<ContractAddress> contracts = new ArrayList<>();
    private final List<StorageKey> keys = new ArrayList<>();
    private final List<ClassHash> classes = new ArrayList<>();

    CrashWorkload(long seed) {
        this.seed = seed;
        Random random = new Random(seed);
        for (int i = 0; i < CONTRACTS * 2; i++) {
            contracts.add(TestValues.address(random));
        }
        for (int i = 0; i < KEYS; i++) {
            keys.add(TestValues.storageKey(random));
        }
        for (int i = 0; i < 8; i++) {
            classes.add(TestValues.classHash(random));
        }
    }

    /** What the prover does with the lease it takes in a batch. */
    enum ProverAction { COMPLETE, FAIL, KEEP }

    /** Everything batch {@code index} does. */
    record Plan(long index, long block, StateDiff diff, byte[] blockBytes, byte[] receipts, List<Felt> included,
                Map<Felt, byte[]> appended, List<Felt> removed, Map<Felt, TrieNode> nodes,
                Map<ContractAddress, Felt> roots, long committedBlock, Felt stateRoot, Felt blockHash,
                Felt contractsRoot, Felt classesRoot, String owner, long nowMs, ProverAction action,
                AppliedIndex applied) {
    }

    /** A pending transaction's hash: the {@code t}-th appended by batch {@code index}. */
    Felt transactionHash(long index, int t) {
        Random random = new Random(seed * 0x9E3779B97F4A7C15L + index * 1_000_003L + t);
        return TestValues.felt251(random);
    }

    Plan plan(long index) {
        assert index >= 1 : index;
        Random random = new Random(seed ^ (index * 0xC2B2AE3D27D4EB4FL));
        long block = index - 1;

        TreeMap<ContractAddress, NavigableMap<StorageKey, Felt>> storage = new TreeMap<>();
        for (int i = 0; i < STORAGE_WRITES; i++) {
            Felt value = random.nextInt(100) < 15 ? Felt.ZERO : TestValues.anyLength(random);
            storage.computeIfAbsent(contracts.get(random.nextInt(CONTRACTS)), c -> new TreeMap<>())
                    .put(keys.get(random.nextInt(KEYS)), value);
        }
        TreeMap<ContractAddress, Nonce> nonces = new TreeMap<>();
        for (int i = 0; i < NONCE_WRITES; i++) {
            nonces.put(contracts.get(random.nextInt(contracts.size())), Nonce.of(index));
        }
        TreeMap<ContractAddress, ClassHash> deployed = new TreeMap<>();
        for (int i = 0; i < 2; i++) {
            deployed.put(contracts.get(random.nextInt(contracts.size())), classes.get(random.nextInt(classes.size())));
        }
        TreeMap<ClassHash, CompiledClassHash> declared = new TreeMap<>();
        declared.put(TestValues.classHash(random), new CompiledClassHash(TestValues.felt251(random)));
        StateDiff diff = new StateDiff(storage, nonces, deployed, declared);

        byte[] blockBytes = TestValues.bytes(random, 2000);
        byte[] receipts = TestValues.bytes(random, 1000);

        List<Felt> included = new ArrayList<>();
        if (index > 2) {
            for (int t = 0; t < INCLUDED_PER_BATCH; t++) {
                included.add(transactionHash(index - 2, t));
            }
        }
        Map<Felt, byte[]> appended = new LinkedHashMap<>();
        for (int t = 0; t < PENDING_PER_BATCH; t++) {
            appended.put(transactionHash(index, t), TestValues.bytes(random, 40 + random.nextInt(80)));
        }
        List<Felt> removed = new ArrayList<>(included);
        if (index > 4) {
            for (int t = INCLUDED_PER_BATCH; t < INCLUDED_PER_BATCH + REJECTED_PER_BATCH; t++) {
                removed.add(transactionHash(index - 4, t));
            }
        }

        Map<Felt, TrieNode> nodes = new LinkedHashMap<>();
        for (int i = 0; i < NODES_PER_BATCH; i++) {
            nodes.put(TestValues.felt251(random), TestValues.node(random));
        }
        Map<ContractAddress, Felt> roots = new LinkedHashMap<>();
        for (int i = 0; i < 4; i++) {
            roots.put(contracts.get(random.nextInt(CONTRACTS)),
                    random.nextInt(10) == 0 ? Felt.ZERO : TestValues.felt251(random));
        }
        long committedBlock = block - 2;
        Felt stateRoot = TestValues.felt251(random);
        Felt blockHash = TestValues.felt251(random);
        Felt contractsRoot = TestValues.felt251(random);
        Felt classesRoot = TestValues.felt251(random);

        int roll = random.nextInt(100);
        ProverAction action = roll < 55 ? ProverAction.COMPLETE : roll < 70 ? ProverAction.FAIL : ProverAction.KEEP;
        return new Plan(index, block, diff, blockBytes, receipts, included, appended, removed, nodes, roots,
                committedBlock, stateRoot, blockHash, contractsRoot, classesRoot, "prover-" + (index % 3),
                index * STEP_MS, action, new AppliedIndex(1 + index / 64, index));
    }

    /** Adds batch {@code plan.index()} to {@code batch} (which the caller commits). */
    static void apply(Plan plan, ApplyBatch batch) {
        batch.appendBlock(new BlockNumber(plan.block()), plan.diff(), plan.blockBytes(), plan.receipts(),
                plan.included());
        plan.appended().forEach(batch::appendPending);
        batch.removePending(plan.removed());
        batch.putTrieNodes(plan.nodes());
        batch.putContractStorageRoots(plan.roots());
        if (plan.committedBlock() >= 0) {
            BlockNumber committed = new BlockNumber(plan.committedBlock());
            batch.recordTrieRoots(committed, plan.contractsRoot(), plan.classesRoot());
            batch.recordCommitment(committed, plan.stateRoot(), plan.blockHash());
            batch.enqueueProvingJob(committed);
        }
        batch.leaseProvingJob(plan.owner(), plan.nowMs(), LEASE_MS).ifPresent(lease -> {
            switch (plan.action()) {
                case COMPLETE -> batch.completeProvingJob(lease, plan.nowMs() + 1, Felt.ZERO);
                case FAIL -> batch.failProvingJob(lease, plan.nowMs() + 1, "batch " + plan.index());
                case KEEP -> {
                    // The lease expires and the job is leased again by a later batch.
                }
            }
        });
        batch.appliedIndex(plan.applied());
    }
}
