package io.vellum.blockifier.commitment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.vellum.blockifier.core.ClassHash;
import io.vellum.blockifier.core.CompiledClassHash;
import io.vellum.blockifier.core.ContractAddress;
import io.vellum.blockifier.core.Nonce;
import io.vellum.blockifier.core.StorageKey;
import io.vellum.blockifier.crypto.Felt;
import io.vellum.blockifier.state.InMemoryState;
import io.vellum.blockifier.state.StateDiff;
import io.vellum.blockifier.testing.Samples;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.Optional;
import java.util.SplittableRandom;
import java.util.TreeMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** The state committer is independent of its executor and of how a history of changes is cut into blocks. */
class StateCommitterTest {
    private static ExecutorService pool;
    /** One thread for up to eight requested: most helpers start late, after the caller has done their work. */
    private static ExecutorService saturatedPool;

    @BeforeAll
    static void startPools() {
        pool = Executors.newFixedThreadPool(3);
        saturatedPool = Executors.newSingleThreadExecutor();
    }

    @AfterAll
    static void stopPools() {
        pool.shutdownNow();
        saturatedPool.shutdownNow();
    }

    /** A seeded history of blocks over a small set of contracts. */
    record History(long seed, List<StateDiff> blocks) {
        @Override
        public String toString() {
            return "seed=" + seed + " blocks=" + blocks.size();
        }
    }

    static Stream<History> histories() {
        return Samples.stream("StateCommitterTest.histories", 16, random -> {
            long seed = random.nextLong();
            return new History(seed, randomHistory(new SplittableRandom(seed)));
        });
    }

    /** What a node keeps between blocks. */
    private static final class Node {
        final InMemoryNodeStore store = new InMemoryNodeStore();
        final Map<ContractAddress, Felt> storageRoots = new HashMap<>();
        final InMemoryState state = new InMemoryState();
        final Parallelism parallelism;
        StateRoots roots = StateRoots.EMPTY;

        Node(Parallelism parallelism) {
            this.parallelism = parallelism;
        }

        CommittedState commit(StateDiff diff) {
            state.apply(diff);
            CommittedState committed = new StateCommitter(store, parallelism, GlobalRootRule.V0_14)
                    .commit(roots, contract -> storageRoots.getOrDefault(contract, Felt.ZERO), diff, state);
            store.putAll(committed.newNodes());
            committed.contracts().forEach((address, leaf) -> storageRoots.put(address, leaf.storageRoot()));
            roots = committed.roots();
            return committed;
        }
    }

    @ParameterizedTest
    @MethodSource("histories")
    void sameResultOnAnyExecutor(History history) {
        Node sequential = new Node(Parallelism.SEQUENTIAL);
        Node parallel = new Node(new Parallelism(pool, 4));
        Node saturated = new Node(new Parallelism(saturatedPool, 8));
        for (StateDiff block : history.blocks()) {
            CommittedState expected = sequential.commit(block);
            assertThat(parallel.commit(block)).isEqualTo(expected);
            assertThat(saturated.commit(block)).isEqualTo(expected);
        }
    }

    @ParameterizedTest
    @MethodSource("histories")
    void sameRootsHoweverTheHistoryIsCutIntoBlocks(History history) {
        Node blockByBlock = new Node(Parallelism.SEQUENTIAL);
        history.blocks().forEach(blockByBlock::commit);

        StateDiff merged = history.blocks().stream().reduce(StateDiff.EMPTY, StateDiff::then);
        Node oneBlock = new Node(Parallelism.SEQUENTIAL);
        CommittedState all = oneBlock.commit(merged);

        assertThat(all.roots()).isEqualTo(blockByBlock.roots);
        assertThat(all.globalRoot()).isEqualTo(blockByBlock.roots.globalRoot(GlobalRootRule.V0_14));
        assertThat(oneBlock.storageRoots).isEqualTo(blockByBlock.storageRoots);

        // And a from-scratch view of the final state: every storage trie built from the final storage.
        PatriciaTrie contracts = PatriciaTrie.storage(blockByBlock.store);
        for (ContractAddress address : blockByBlock.storageRoots.keySet()) {
            Felt leaf = StateHashes.contractStateHash(blockByBlock.state.classHashAt(address),
                    blockByBlock.storageRoots.get(address), blockByBlock.state.nonceAt(address));
            assertThat(contracts.get(blockByBlock.roots.contractsRoot(), address.value())).isEqualTo(leaf);
        }
    }

    @Test
    void stateAfterMustAgreeWithTheDiff() {
        ContractAddress account = ContractAddress.of(0x1234);
        StateDiff diff = new StateDiff(new TreeMap<>(), new TreeMap<>(Map.of(account, Nonce.of(3))),
                new TreeMap<>(Map.of(account, ClassHash.of("0x99"))), new TreeMap<>());
        InMemoryState stale = new InMemoryState();
        StateCommitter committer = new StateCommitter(new InMemoryNodeStore(), Parallelism.SEQUENTIAL,
                GlobalRootRule.V0_14);
        assertThatThrownBy(() -> committer.commit(StateRoots.EMPTY, StorageRootLookup.EMPTY, diff, stale))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining(account.toString());
    }

    @Test
    void missingStorageNodeFailsNamingIt() {
        Node node = new Node(Parallelism.SEQUENTIAL);
        ContractAddress contract = ContractAddress.of(0x777);
        node.commit(storageWrite(contract, 1, 10));
        Felt storageRoot = node.storageRoots.get(contract);
        NodeStore corrupt = hash -> hash.equals(storageRoot) ? Optional.empty() : node.store.node(hash);
        StateDiff next = storageWrite(contract, 2, 20);
        node.state.apply(next);
        StateCommitter committer = new StateCommitter(corrupt, new Parallelism(pool, 3), GlobalRootRule.V0_14);
        assertThatThrownBy(() -> committer.commit(node.roots, node.storageRoots::get, next, node.state))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining(storageRoot.toHex());
    }

    @Test
    void emptyDiffKeepsTheRoots() {
        Node node = new Node(Parallelism.SEQUENTIAL);
        node.commit(storageWrite(ContractAddress.of(5), 1, 1));
        StateRoots before = node.roots;
        CommittedState committed = node.commit(StateDiff.EMPTY);
        assertThat(committed.roots()).isEqualTo(before);
        assertThat(committed.newNodes()).isEmpty();
        assertThat(committed.contracts()).isEmpty();
    }

    // ---------------------------------------------------------------------------------------------------------

    private static StateDiff storageWrite(ContractAddress contract, long key, long value) {
        NavigableMap<StorageKey, Felt> writes = new TreeMap<>(Map.of(StorageKey.of(key), Felt.of(value)));
        return new StateDiff(new TreeMap<>(Map.of(contract, writes)), new TreeMap<>(), new TreeMap<>(),
                new TreeMap<>());
    }

    private static List<StateDiff> randomHistory(SplittableRandom random) {
        List<ContractAddress> contracts = new ArrayList<>();
        int contractCount = 3 + random.nextInt(8);
        for (int i = 0; i < contractCount; i++) {
            contracts.add(i == 0 ? ContractAddress.of(2) : new ContractAddress(Felt.fromBigInteger(
                    Samples.bits(random, 251))));
        }
        Map<ContractAddress, Long> nonces = new HashMap<>();
        Map<ContractAddress, List<StorageKey>> keys = new HashMap<>();
        List<StateDiff> blocks = new ArrayList<>();
        int blockCount = 2 + random.nextInt(4);
        for (int block = 0; block < blockCount; block++) {
            NavigableMap<ContractAddress, NavigableMap<StorageKey, Felt>> storage = new TreeMap<>();
            NavigableMap<ContractAddress, Nonce> nonceUpdates = new TreeMap<>();
            NavigableMap<ContractAddress, ClassHash> deployed = new TreeMap<>();
            NavigableMap<ClassHash, CompiledClassHash> declared = new TreeMap<>();
            int actions = 1 + random.nextInt(12);
            for (int i = 0; i < actions; i++) {
                ContractAddress contract = contracts.get(random.nextInt(contracts.size()));
                switch (random.nextInt(6)) {
                    case 0 -> {
                        long next = nonces.merge(contract, 1L, Long::sum);
                        nonceUpdates.put(contract, Nonce.of(next));
                    }
                    case 1 -> {
                        if (!contract.equals(ContractAddress.of(2))) {
                            deployed.put(contract, new ClassHash(Felt.fromBigInteger(Samples.bits(random, 250))));
                        }
                    }
                    case 2 -> declared.put(new ClassHash(Felt.fromBigInteger(Samples.bits(random, 250))),
                            new CompiledClassHash(Samples.uniformFelt(random)));
                    default -> {
                        List<StorageKey> used = keys.computeIfAbsent(contract, c -> new ArrayList<>());
                        StorageKey key = !used.isEmpty() && random.nextBoolean()
                                ? used.get(random.nextInt(used.size()))
                                : new StorageKey(Felt.fromBigInteger(Samples.bits(random, 251)));
                        used.add(key);
                        Felt value = random.nextInt(4) == 0 ? Felt.ZERO : Felt.of(1 + random.nextInt(1 << 20));
                        storage.computeIfAbsent(contract, c -> new TreeMap<>()).put(key, value);
                    }
                }
            }
            blocks.add(new StateDiff(storage, nonceUpdates, deployed, declared));
        }
        return blocks;
    }
}
