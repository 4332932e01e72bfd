package io.vellum.blockifier.commitment;

import static io.vellum.blockifier.vectors.Vectors.describe;
import static io.vellum.blockifier.vectors.Vectors.felt;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.vellum.blockifier.core.ClassHash;
import io.vellum.blockifier.core.CompiledClassHash;
import io.vellum.blockifier.core.Nonce;
import io.vellum.blockifier.crypto.Felt;
import io.vellum.blockifier.vectors.Vectors;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.SortedMap;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/**
 * Every entry of every section of {@code vectors/patricia-trie.json}. Each trie root is checked three ways: a
 * from-scratch build, one incremental update of an empty stored trie, and leaf-by-leaf updates in a shuffled order
 * (with {@code get} checked against every leaf at the end).
 */
class PatriciaTrieVectorsTest {
    private static final String FILE = "patricia-trie.json";

    @Test
    void nodeHashes() {
        List<JsonNode> entries = Vectors.entries(FILE, "node_hash");
        int checked = 0;
        for (JsonNode v : entries) {
            TrieHashFunction hash = hashFunction(v);
            TrieNode node = v.get("kind").asText().equals("binary")
                    ? new BinaryNode(felt(v, "left"), felt(v, "right"))
                    : new EdgeNode(felt(v, "child"), felt(v, "path"), v.get("length").asInt());
            assertThat(hash.nodeHash(node)).as(describe(v)).isEqualTo(felt(v, "expected"));
            checked++;
        }
        assertThat(checked).isEqualTo(entries.size()).isEqualTo(13);
    }

    @Test
    void contractStateHashes() {
        List<JsonNode> entries = Vectors.entries(FILE, "contract_state_hash");
        int checked = 0;
        for (JsonNode v : entries) {
            Felt actual = StateHashes.contractStateHash(new ClassHash(felt(v, "class_hash")), felt(v, "storage_root"),
                    new Nonce(felt(v, "nonce")));
            assertThat(actual).as(describe(v)).isEqualTo(felt(v, "expected"));
            checked++;
        }
        assertThat(checked).isEqualTo(entries.size()).isEqualTo(4);
    }

    @Test
    void classLeafHashes() {
        List<JsonNode> entries = Vectors.entries(FILE, "class_leaf_hash");
        int checked = 0;
        for (JsonNode v : entries) {
            Felt actual = StateHashes.classLeafHash(new CompiledClassHash(felt(v, "compiled_class_hash")));
            assertThat(actual).as(describe(v)).isEqualTo(felt(v, "expected"));
            checked++;
        }
        assertThat(checked).isEqualTo(entries.size()).isEqualTo(3);
    }

    @Test
    void storageTrieRoots() {
        List<JsonNode> entries = Vectors.entries(FILE, "storage_trie_root");
        int checked = 0;
        for (JsonNode v : entries) {
            assertThat(v.get("height").asInt()).isEqualTo(251);
            assertThat(v.get("hash").asText()).isEqualTo("pedersen");
            SortedMap<Felt, Felt> leaves = new TreeMap<>();
            v.get("leaves").forEach(pair -> leaves.put(Felt.fromHex(pair.get(0).asText()),
                    Felt.fromHex(pair.get(1).asText())));
            assertRootEveryWay(251, TrieHashFunction.PEDERSEN, leaves, felt(v, "expected"), describe(v));
            checked++;
        }
        assertThat(checked).isEqualTo(entries.size()).isEqualTo(30);
    }

    /** The pathfinder regression the vector notes describe: insert 0x5, commit, then delete it. */
    @Test
    void storageTrieDeletionRegressionFromPathfinder() {
        JsonNode v = Vectors.entries(FILE, "storage_trie_root").get(4);
        assertThat(v.get("note").asText()).contains("deletion");
        SortedMap<Felt, Felt> leaves = new TreeMap<>();
        v.get("leaves").forEach(pair -> leaves.put(Felt.fromHex(pair.get(0).asText()),
                Felt.fromHex(pair.get(1).asText())));
        InMemoryNodeStore store = new InMemoryNodeStore();
        PatriciaTrie trie = PatriciaTrie.storage(store);
        SortedMap<Felt, Felt> withFifth = new TreeMap<>(leaves);
        withFifth.put(Felt.of(5), Felt.fromHex("0x22b"));
        TrieUpdate first = trie.update(Felt.ZERO, withFifth);
        store.putAll(first.newNodes());
        TrieUpdate second = trie.update(first.root(), new TreeMap<>(Map.of(Felt.of(5), Felt.ZERO)));
        assertThat(second.root()).as(describe(v)).isEqualTo(felt(v, "expected"));
    }

    @Test
    void classTrieRoots() {
        List<JsonNode> entries = Vectors.entries(FILE, "class_trie_root");
        int checked = 0;
        for (JsonNode v : entries) {
            assertThat(v.get("hash").asText()).isEqualTo("poseidon");
            SortedMap<Felt, Felt> leaves = new TreeMap<>();
            v.get("entries_class_hash_to_compiled_class_hash").forEach(pair -> leaves.put(
                    Felt.fromHex(pair.get(0).asText()),
                    StateHashes.classLeafHash(new CompiledClassHash(Felt.fromHex(pair.get(1).asText())))));
            assertRootEveryWay(251, TrieHashFunction.POSEIDON, leaves, felt(v, "expected"), describe(v));
            checked++;
        }
        assertThat(checked).isEqualTo(entries.size()).isEqualTo(2);
    }

    @Test
    void commitmentTrieRootsOfHeight64() {
        List<JsonNode> entries = Vectors.entries(FILE, "commitment_trie_root_height_64");
        int checked = 0;
        for (JsonNode v : entries) {
            assertThat(v.get("height").asInt()).isEqualTo(64);
            assertThat(v.get("keys").asText()).isEqualTo("index 0..n-1");
            TrieHashFunction hash = hashFunction(v);
            List<Felt> values = Vectors.felts(v.get("values"));
            Felt expected = felt(v, "expected");
            assertThat(PatriciaTrie.rootOfSequence(64, hash, values)).as(describe(v)).isEqualTo(expected);
            SortedMap<Felt, Felt> leaves = new TreeMap<>();
            for (int i = 0; i < values.size(); i++) {
                leaves.put(Felt.of(i), values.get(i));
            }
            assertRootEveryWay(64, hash, leaves, expected, describe(v));
            checked++;
        }
        assertThat(checked).isEqualTo(entries.size()).isEqualTo(15);
    }

    private static void assertRootEveryWay(int height, TrieHashFunction hash, SortedMap<Felt, Felt> leaves,
            Felt expected, String description) {
        PatriciaTrie scratch = new PatriciaTrie(height, hash, new InMemoryNodeStore());
        assertThat(scratch.build(leaves).root()).as("built: " + description).isEqualTo(expected);

        // One leaf at a time, in a shuffled order, each update on the nodes of the previous ones.
        InMemoryNodeStore store = new InMemoryNodeStore();
        PatriciaTrie trie = new PatriciaTrie(height, hash, store);
        List<Felt> order = new ArrayList<>(leaves.keySet());
        Collections.shuffle(order, new Random(leaves.size()));
        Felt root = Felt.ZERO;
        for (Felt key : order) {
            TrieUpdate update = trie.update(root, new TreeMap<>(Map.of(key, leaves.get(key))));
            store.putAll(update.newNodes());
            root = update.root();
        }
        assertThat(root).as("leaf by leaf: " + description).isEqualTo(expected);
        for (Felt key : order) {
            assertThat(trie.get(root, key)).as("get " + key + ": " + description).isEqualTo(leaves.get(key));
        }
    }

    private static TrieHashFunction hashFunction(JsonNode v) {
        return switch (v.get("hash").asText()) {
            case "pedersen" -> TrieHashFunction.PEDERSEN;
            case "poseidon" -> TrieHashFunction.POSEIDON;
            default -> throw new AssertionError("unknown hash in " + describe(v));
        };
    }
}
