package io.vellum.blockifier.commitment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.vellum.blockifier.crypto.Felt;
import io.vellum.blockifier.crypto.Pedersen;
import io.vellum.blockifier.testing.Samples;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SortedMap;
import java.util.SplittableRandom;
import java.util.TreeMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Properties of the trie over seeded random batches, and its behaviour on bad input and corrupt stores. */
class PatriciaTrieTest {

    /** One random history: a seed, a trie shape, how keys are drawn. */
    record Scenario(long seed, int height, TrieHashFunction hash, KeyPattern keys, int batches) {
        @Override
        public String toString() {
            return "seed=" + seed + " height=" + height + " " + hash + " " + keys + " batches=" + batches;
        }
    }

    enum KeyPattern { UNIFORM, CLUSTERED, DENSE_SMALL, EXTREMES }

    static Stream<Scenario> scenarios() {
        return Samples.stream("PatriciaTrieTest.scenarios", 36, random -> {
            int[] heights = {251, 251, 251, 64, 16, 3};
            int height = heights[random.nextInt(heights.length)];
            TrieHashFunction hash = random.nextInt(4) == 0 ? TrieHashFunction.PEDERSEN : TrieHashFunction.POSEIDON;
            KeyPattern keys = KeyPattern.values()[random.nextInt(KeyPattern.values().length)];
            return new Scenario(random.nextLong(), height, hash, keys, 2 + random.nextInt(5));
        });
    }

    /**
     * Incremental batches of inserts, overwrites, rewrites of the same value, deletes and deletes of absent keys
     * give, after every batch, the root of a from-scratch build of the resulting leaves; the stored trie is
     * canonical and holds exactly those leaves; {@code get} returns what was set (0 for what was deleted).
     */
    @ParameterizedTest
    @MethodSource("scenarios")
    void incrementalBatchesMatchFromScratchBuild(Scenario scenario) {
        SplittableRandom random = new SplittableRandom(scenario.seed());
        InMemoryNodeStore store = new InMemoryNodeStore();
        PatriciaTrie trie = new PatriciaTrie(scenario.height(), scenario.hash(), store);
        TreeMap<Felt, Felt> model = new TreeMap<>();
        Felt root = Felt.ZERO;
        List<Felt> everDeleted = new ArrayList<>();
        for (int batch = 0; batch < scenario.batches(); batch++) {
            SortedMap<Felt, Felt> changes = randomChanges(random, scenario, model);
            TrieUpdate update = trie.update(root, changes);
            store.putAll(update.newNodes());
            root = update.root();
            changes.forEach((key, value) -> {
                if (value.isZero()) {
                    if (model.remove(key) != null) {
                        everDeleted.add(key);
                    }
                } else {
                    model.put(key, value);
                }
            });
            Felt scratch = new PatriciaTrie(scenario.height(), scenario.hash(), new InMemoryNodeStore()).build(model)
                    .root();
            assertThat(root).as("batch %d of %s", batch, scenario).isEqualTo(scratch);
            assertThat(TrieValidator.leaves(store, root, scenario.height(), scenario.hash())).isEqualTo(model);
        }
        for (Map.Entry<Felt, Felt> leaf : model.entrySet()) {
            assertThat(trie.get(root, leaf.getKey())).isEqualTo(leaf.getValue());
        }
        for (Felt deleted : everDeleted) {
            assertThat(trie.get(root, deleted)).isEqualTo(model.getOrDefault(deleted, Felt.ZERO));
        }
        for (int i = 0; i < 20; i++) {
            Felt key = randomKey(random, scenario);
            assertThat(trie.get(root, key)).isEqualTo(model.getOrDefault(key, Felt.ZERO));
        }
    }

    /** Deleting every leaf, in random batches, ends at the empty root 0. */
    @ParameterizedTest
    @MethodSource("scenarios")
    void deletingEverythingGivesTheEmptyRoot(Scenario scenario) {
        SplittableRandom random = new SplittableRandom(scenario.seed() ^ 0xdead);
        InMemoryNodeStore store = new InMemoryNodeStore();
        PatriciaTrie trie = new PatriciaTrie(scenario.height(), scenario.hash(), store);
        TreeMap<Felt, Felt> leaves = new TreeMap<>();
        int count = 1 + random.nextInt(24);
        for (int i = 0; i < count; i++) {
            leaves.put(randomKey(random, scenario), Felt.of(1 + random.nextInt(1000)));
        }
        TrieUpdate built = trie.update(Felt.ZERO, leaves);
        store.putAll(built.newNodes());
        Felt root = built.root();
        List<Felt> keys = new ArrayList<>(leaves.keySet());
        while (!keys.isEmpty()) {
            TreeMap<Felt, Felt> deletions = new TreeMap<>();
            int take = 1 + random.nextInt(keys.size());
            for (int i = 0; i < take; i++) {
                deletions.put(keys.remove(random.nextInt(keys.size())), Felt.ZERO);
            }
            TrieUpdate update = trie.update(root, deletions);
            store.putAll(update.newNodes());
            root = update.root();
            TreeMap<Felt, Felt> remaining = new TreeMap<>();
            keys.forEach(key -> remaining.put(key, leaves.get(key)));
            assertThat(TrieValidator.leaves(store, root, scenario.height(), scenario.hash())).isEqualTo(remaining);
        }
        assertThat(root).isEqualTo(Felt.ZERO);
    }

    /** Hashing levels on a thread pool gives the same root and nodes as on the caller's thread. */
    @Test
    void parallelHashingGivesTheSameUpdate() {
        SplittableRandom random = new SplittableRandom(Samples.seed("PatriciaTrieTest.parallel"));
        TreeMap<Felt, Felt> leaves = new TreeMap<>();
        for (int i = 0; i < 400; i++) {
            leaves.put(Felt.fromBigInteger(Samples.bits(random, 251)), Felt.of(i + 1));
        }
        InMemoryNodeStore store = new InMemoryNodeStore();
        PatriciaTrie trie = PatriciaTrie.classes(store);
        TrieUpdate sequential = trie.build(leaves);
        store.putAll(sequential.newNodes());
        TreeMap<Felt, Felt> changes = new TreeMap<>();
        List<Felt> keys = new ArrayList<>(leaves.keySet());
        for (int i = 0; i < 200; i++) {
            changes.put(keys.get(random.nextInt(keys.size())), i % 5 == 0 ? Felt.ZERO : Felt.of(7000 + i));
            changes.put(Felt.fromBigInteger(Samples.bits(random, 251)), Felt.of(9000 + i));
        }
        ExecutorService pool = Executors.newFixedThreadPool(3);
        try {
            Parallelism parallel = new Parallelism(pool, 4);
            assertThat(trie.build(leaves, parallel)).isEqualTo(sequential);
            assertThat(trie.update(sequential.root(), changes, parallel))
                    .isEqualTo(trie.update(sequential.root(), changes));
            // Regression: an update that changes nothing leaves a known root, which parallel hashing must accept.
            TreeMap<Felt, Felt> rewrite = new TreeMap<>(leaves.headMap(keys.get(10)));
            assertThat(trie.update(sequential.root(), rewrite, parallel))
                    .isEqualTo(new TrieUpdate(sequential.root(), Map.of()));
            // Small updates, whose pending tree is smaller than the number of tasks wanted.
            for (int i = 0; i < 5; i++) {
                TreeMap<Felt, Felt> one = new TreeMap<>(Map.of(keys.get(i), Felt.of(123 + i)));
                assertThat(trie.update(sequential.root(), one, parallel)).isEqualTo(trie.update(sequential.root(), one));
            }
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void emptyBatchKeepsTheRootAndCreatesNothing() {
        PatriciaTrie trie = PatriciaTrie.storage(new InMemoryNodeStore());
        Felt root = Felt.fromHex("0x1234");
        assertThat(trie.update(root, new TreeMap<>())).isEqualTo(new TrieUpdate(root, Map.of()));
        assertThat(trie.update(Felt.ZERO, new TreeMap<>(Map.of(Felt.ONE, Felt.ZERO))))
                .isEqualTo(new TrieUpdate(Felt.ZERO, Map.of()));
    }

    @Test
    void rewritingCurrentValuesCreatesNoNodes() {
        InMemoryNodeStore store = new InMemoryNodeStore();
        PatriciaTrie trie = PatriciaTrie.storage(store);
        TreeMap<Felt, Felt> leaves = new TreeMap<>(Map.of(Felt.of(1), Felt.of(10), Felt.of(2), Felt.of(20),
                Felt.of(1L << 40), Felt.of(30)));
        TrieUpdate built = trie.update(Felt.ZERO, leaves);
        store.putAll(built.newNodes());
        TreeMap<Felt, Felt> rewrite = new TreeMap<>(leaves);
        rewrite.put(Felt.of(77), Felt.ZERO); // deleting an absent key
        assertThat(trie.update(built.root(), rewrite)).isEqualTo(new TrieUpdate(built.root(), Map.of()));
    }

    /** A single leaf is one edge from the root: H(value, key) + 251. */
    @Test
    void singleLeafIsOneEdgeFromTheRoot() {
        Felt key = Felt.fromHex("0x5");
        Felt value = Felt.fromHex("0x22b");
        TrieUpdate update = PatriciaTrie.storage(new InMemoryNodeStore()).build(new TreeMap<>(Map.of(key, value)));
        Felt expected = Pedersen.hash(value, key).add(Felt.of(251));
        assertThat(update.root()).isEqualTo(expected);
        assertThat(update.newNodes()).isEqualTo(Map.of(expected, new EdgeNode(value, key, 251)));
    }

    @Test
    void missingNodeIsReportedByHash() {
        InMemoryNodeStore full = new InMemoryNodeStore();
        PatriciaTrie trie = PatriciaTrie.storage(full);
        TreeMap<Felt, Felt> leaves = new TreeMap<>(Map.of(Felt.of(1), Felt.of(10), Felt.of(2), Felt.of(20)));
        TrieUpdate built = trie.update(Felt.ZERO, leaves);
        full.putAll(built.newNodes());
        Felt root = built.root();
        NodeStore corrupt = hash -> hash.equals(root) ? Optional.empty() : full.node(hash);
        PatriciaTrie broken = PatriciaTrie.storage(corrupt);
        assertThatThrownBy(() -> broken.get(root, Felt.of(1)))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining(root.toHex());
        assertThatThrownBy(() -> broken.update(root, new TreeMap<>(Map.of(Felt.of(3), Felt.of(30)))))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining(root.toHex());
    }

    /** A stored edge longer than the depth left below it is a corrupt (or foreign) node, reported by hash. */
    @Test
    void edgeRunningPastTheLeavesIsReported() {
        InMemoryNodeStore store = new InMemoryNodeStore();
        Felt tooLongEdge = Felt.fromHex("0xbad");
        Felt root = Felt.fromHex("0xb0b");
        store.put(root, new BinaryNode(tooLongEdge, Felt.fromHex("0xc0c")));
        store.put(tooLongEdge, new EdgeNode(Felt.ONE, Felt.ZERO, 251));
        PatriciaTrie trie = PatriciaTrie.storage(store);
        assertThatThrownBy(() -> trie.update(root, new TreeMap<>(Map.of(Felt.of(3), Felt.of(30)))))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("0xbad");
        assertThatThrownBy(() -> trie.get(root, Felt.of(3)))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("0xbad");
    }

    @Test
    void keysMustFitTheHeight() {
        PatriciaTrie trie = new PatriciaTrie(64, TrieHashFunction.POSEIDON, new InMemoryNodeStore());
        Felt tooLong = Felt.fromBigInteger(BigInteger.ONE.shiftLeft(64));
        assertThatThrownBy(() -> trie.update(Felt.ZERO, new TreeMap<>(Map.of(tooLong, Felt.ONE))))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining(tooLong.toHex());
        assertThatThrownBy(() -> trie.get(Felt.ZERO, tooLong)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new PatriciaTrie(252, TrieHashFunction.PEDERSEN, new InMemoryNodeStore()))
                .isInstanceOf(IllegalArgumentException.class);
    }

    // ---------------------------------------------------------------------------------------------------------

    private static SortedMap<Felt, Felt> randomChanges(SplittableRandom random, Scenario scenario,
            TreeMap<Felt, Felt> model) {
        TreeMap<Felt, Felt> changes = new TreeMap<>();
        int count = 1 + random.nextInt(scenario.height() <= 3 ? 8 : 40);
        List<Felt> existing = new ArrayList<>(model.keySet());
        for (int i = 0; i < count; i++) {
            int operation = random.nextInt(10);
            if (existing.isEmpty() || operation < 4) {
                changes.put(randomKey(random, scenario), randomValue(random));
            } else {
                Felt key = existing.get(random.nextInt(existing.size()));
                switch (operation) {
                    case 4, 5 -> changes.put(key, randomValue(random)); // overwrite
                    case 6 -> changes.put(key, model.get(key)); // rewrite the same value
                    default -> changes.put(key, Felt.ZERO); // delete
                }
            }
            if (random.nextInt(12) == 0) {
                changes.put(randomKey(random, scenario), Felt.ZERO); // delete, probably absent
            }
        }
        return changes;
    }

    private static Felt randomValue(SplittableRandom random) {
        Felt value = Samples.felt(random);
        return value.isZero() ? Felt.ONE : value;
    }

    private static Felt randomKey(SplittableRandom random, Scenario scenario) {
        int height = scenario.height();
        BigInteger max = BigInteger.ONE.shiftLeft(height).subtract(BigInteger.ONE);
        BigInteger key = switch (scenario.keys()) {
            case UNIFORM -> Samples.bits(random, height);
            case CLUSTERED -> max.shiftRight(1).xor(Samples.bits(random, Math.min(height, 6)));
            case DENSE_SMALL -> BigInteger.valueOf(random.nextInt(64)).and(max);
            case EXTREMES -> switch (random.nextInt(4)) {
                case 0 -> BigInteger.valueOf(random.nextInt(4)).and(max);
                case 1 -> max.subtract(BigInteger.valueOf(random.nextInt(4))).max(BigInteger.ZERO);
                case 2 -> BigInteger.ONE.shiftLeft(random.nextInt(height));
                default -> Samples.bits(random, height);
            };
        };
        return Felt.fromBigInteger(key);
    }
}
