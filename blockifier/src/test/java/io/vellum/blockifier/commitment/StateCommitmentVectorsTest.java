package io.vellum.blockifier.commitment;

import static io.vellum.blockifier.vectors.Vectors.describe;
import static io.vellum.blockifier.vectors.Vectors.felt;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.vellum.blockifier.core.ClassHash;
import io.vellum.blockifier.core.CompiledClassHash;
import io.vellum.blockifier.core.ContractAddress;
import io.vellum.blockifier.core.Nonce;
import io.vellum.blockifier.core.StorageKey;
import io.vellum.blockifier.crypto.Felt;
import io.vellum.blockifier.state.InMemoryState;
import io.vellum.blockifier.state.StateDiff;
import io.vellum.blockifier.vectors.Vectors;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Every entry of every section of {@code vectors/state-commitment.json}. The chain replays run block by block
 * through incremental commits on one node store, the way a node commits them.
 */
class StateCommitmentVectorsTest {
    private static final String FILE = "state-commitment.json";

    /** What a node keeps between blocks: the trie nodes, the roots, each contract's storage root, the state. */
    private static final class Chain {
        final InMemoryNodeStore store = new InMemoryNodeStore();
        final Map<ContractAddress, Felt> storageRoots = new HashMap<>();
        final InMemoryState state = new InMemoryState();
        StateRoots roots = StateRoots.EMPTY;

        CommittedState commit(StateDiff diff, GlobalRootRule rule) {
            state.apply(diff);
            CommittedState committed = new StateCommitter(store, Parallelism.SEQUENTIAL, rule)
                    .commit(roots, contract -> storageRoots.getOrDefault(contract, Felt.ZERO), diff, state);
            store.putAll(committed.newNodes());
            committed.contracts().forEach((address, leaf) -> storageRoots.put(address, leaf.storageRoot()));
            roots = committed.roots();
            return committed;
        }
    }

    @Test
    void chainReplaysBlockByBlock() {
        List<JsonNode> replays = Vectors.entries(FILE, "chain_replays");
        int blocks = 0;
        int contractsChecked = 0;
        for (JsonNode replay : replays) {
            assertThat(replay.get("global_root_rule").asText()).startsWith("pre-v0.14");
            Chain chain = new Chain();
            long expectedNumber = 0;
            for (JsonNode block : replay.get("blocks")) {
                String what = replay.get("name").asText() + ", block " + block.get("block_number").asLong();
                assertThat(block.get("block_number").asLong()).isEqualTo(expectedNumber++);
                assertThat(chain.roots.globalRoot(GlobalRootRule.PRE_V0_14)).as(what + " old root")
                        .isEqualTo(felt(block, "expected_old_root"));

                CommittedState committed = chain.commit(replayDiff(block.get("state_diff")), GlobalRootRule.PRE_V0_14);

                JsonNode after = block.get("intermediate_after_block");
                assertThat(committed.globalRoot()).as(what + " new root").isEqualTo(felt(block, "expected_new_root"));
                assertThat(committed.roots().contractsRoot()).as(what).isEqualTo(felt(after, "contracts_trie_root"));
                assertThat(committed.roots().classesRoot()).as(what).isEqualTo(felt(after, "classes_trie_root"));

                // Every contract of the state after the block: its leaf, and nothing else in the contracts trie.
                PatriciaTrie contractsTrie = PatriciaTrie.storage(chain.store);
                Map<Felt, Felt> expectedLeaves = new TreeMap<>();
                for (JsonNode contract : after.get("contracts")) {
                    ContractAddress address = ContractAddress.of(contract.get("address").asText());
                    Felt stateHash = felt(contract, "contract_state_hash");
                    assertThat(chain.storageRoots.getOrDefault(address, Felt.ZERO)).as(what + " " + address)
                            .isEqualTo(felt(contract, "storage_root"));
                    assertThat(chain.state.classHashAt(address).value()).isEqualTo(felt(contract, "class_hash"));
                    assertThat(chain.state.nonceAt(address).value()).isEqualTo(felt(contract, "nonce"));
                    assertThat(contractsTrie.get(committed.roots().contractsRoot(), address.value()))
                            .as(what + " leaf of " + address).isEqualTo(stateHash);
                    ContractLeaf leaf = committed.contracts().get(address);
                    if (leaf != null) {
                        assertThat(leaf.stateHash()).as(what + " " + address).isEqualTo(stateHash);
                    }
                    expectedLeaves.put(address.value(), stateHash);
                    contractsChecked++;
                }
                assertThat(TrieValidator.leaves(chain.store, committed.roots().contractsRoot(), 251,
                        TrieHashFunction.PEDERSEN)).as(what).isEqualTo(expectedLeaves);
                blocks++;
            }
        }
        assertThat(replays).hasSize(2);
        assertThat(blocks).isEqualTo(11);
        assertThat(contractsChecked).isEqualTo(62);
    }

    @Test
    void unitVectors() {
        List<JsonNode> entries = Vectors.entries(FILE, "unit");
        int checked = 0;
        for (JsonNode v : entries) {
            if (v.has("contracts")) {
                Chain chain = new Chain();
                CommittedState committed = chain.commit(synthesizedDiff(v, "declared_classes"), GlobalRootRule.V0_14);
                JsonNode intermediate = v.get("intermediate");
                ContractLeaf systemContract = committed.contracts().get(ContractAddress.of(2));
                assertThat(systemContract.storageRoot()).as(describe(v))
                        .isEqualTo(felt(intermediate, "storage_root_0x2"));
                assertThat(systemContract.stateHash()).as(describe(v))
                        .isEqualTo(felt(intermediate, "contract_state_hash_0x2"));
                assertThat(committed.roots()).as(describe(v)).isEqualTo(new StateRoots(
                        felt(intermediate, "contracts_trie_root"), felt(intermediate, "classes_trie_root")));
                assertThat(v.get("global_root_rule").asText()).isEqualTo("v0.14");
                assertThat(committed.globalRoot()).as(describe(v)).isEqualTo(felt(v, "expected_global_root"));
                assertThat(committed.roots().globalRoot(GlobalRootRule.PRE_V0_14)).as(describe(v))
                        .isEqualTo(felt(v, "expected_global_root_pre_v0_14"));
            } else {
                StateRoots roots = new StateRoots(felt(v, "contracts_trie_root"), felt(v, "classes_trie_root"));
                // Either both roots are zero or the classes root is not: both rules agree.
                for (GlobalRootRule rule : GlobalRootRule.values()) {
                    assertThat(roots.globalRoot(rule)).as(rule + " " + describe(v))
                            .isEqualTo(felt(v, "expected_global_root"));
                }
            }
            checked++;
        }
        assertThat(checked).isEqualTo(entries.size()).isEqualTo(3);
    }

    @Test
    void generatedStates() {
        List<JsonNode> entries = Vectors.entries(FILE, "generated");
        int checked = 0;
        for (JsonNode v : entries) {
            Chain chain = new Chain();
            CommittedState committed = chain.commit(
                    synthesizedDiff(v, "declared_classes_class_hash_to_compiled_class_hash"), GlobalRootRule.V0_14);
            JsonNode intermediate = v.get("intermediate");
            assertThat(committed.contracts()).hasSize(intermediate.get("contracts").size());
            for (JsonNode contract : intermediate.get("contracts")) {
                ContractLeaf leaf = committed.contracts().get(ContractAddress.of(contract.get("address").asText()));
                assertThat(leaf).as(describe(contract)).isEqualTo(new ContractLeaf(
                        new ClassHash(felt(contract, "class_hash")), felt(contract, "storage_root"),
                        new Nonce(felt(contract, "nonce")), felt(contract, "contract_state_hash")));
            }
            assertThat(committed.roots()).as(describe(v)).isEqualTo(new StateRoots(
                    felt(intermediate, "contracts_trie_root"), felt(intermediate, "classes_trie_root")));
            assertThat(committed.globalRoot()).as(describe(v)).isEqualTo(felt(v, "expected_global_root"));
            assertThat(committed.roots().globalRoot(GlobalRootRule.PRE_V0_14)).as(describe(v))
                    .isEqualTo(felt(v, "expected_global_root_pre_v0_14"));
            checked++;
        }
        assertThat(checked).isEqualTo(entries.size()).isEqualTo(3);
    }

    /** A feeder-gateway state diff (juno testdata form); old_declared_contracts do not enter the tries. */
    private static StateDiff replayDiff(JsonNode diff) {
        NavigableMap<ContractAddress, NavigableMap<StorageKey, Felt>> storage = new TreeMap<>();
        diff.get("storage_diffs").fields().forEachRemaining(contract -> {
            NavigableMap<StorageKey, Felt> writes = new TreeMap<>();
            contract.getValue().forEach(write -> writes.put(new StorageKey(felt(write, "key")), felt(write, "value")));
            storage.put(ContractAddress.of(contract.getKey()), writes);
        });
        NavigableMap<ContractAddress, Nonce> nonces = new TreeMap<>();
        diff.get("nonces").fields().forEachRemaining(nonce -> nonces.put(ContractAddress.of(nonce.getKey()),
                new Nonce(Felt.fromHex(nonce.getValue().asText()))));
        NavigableMap<ContractAddress, ClassHash> deployed = new TreeMap<>();
        for (String field : List.of("deployed_contracts", "replaced_classes")) {
            diff.get(field).forEach(entry -> deployed.put(ContractAddress.of(entry.get("address").asText()),
                    new ClassHash(felt(entry, "class_hash"))));
        }
        NavigableMap<ClassHash, CompiledClassHash> declared = new TreeMap<>();
        diff.get("declared_classes").forEach(entry -> declared.put(new ClassHash(felt(entry, "class_hash")),
                new CompiledClassHash(felt(entry, "compiled_class_hash"))));
        return new StateDiff(storage, nonces, deployed, declared);
    }

    /**
     * A diff that creates the listed contracts from nothing: deployed with their class hash (unless it is 0, a
     * system contract), their storage written, their nonce set (unless 0); the listed classes declared.
     */
    private static StateDiff synthesizedDiff(JsonNode v, String declaredField) {
        NavigableMap<ContractAddress, NavigableMap<StorageKey, Felt>> storage = new TreeMap<>();
        NavigableMap<ContractAddress, Nonce> nonces = new TreeMap<>();
        NavigableMap<ContractAddress, ClassHash> deployed = new TreeMap<>();
        for (JsonNode contract : v.get("contracts")) {
            ContractAddress address = ContractAddress.of(contract.get("address").asText());
            NavigableMap<StorageKey, Felt> writes = new TreeMap<>();
            contract.get("storage").forEach(pair -> writes.put(new StorageKey(Felt.fromHex(pair.get(0).asText())),
                    Felt.fromHex(pair.get(1).asText())));
            storage.put(address, writes);
            Felt nonce = felt(contract, "nonce");
            if (!nonce.isZero()) {
                nonces.put(address, new Nonce(nonce));
            }
            Felt classHash = felt(contract, "class_hash");
            if (!classHash.isZero()) {
                deployed.put(address, new ClassHash(classHash));
            }
        }
        NavigableMap<ClassHash, CompiledClassHash> declared = new TreeMap<>();
        v.get(declaredField).forEach(pair -> declared.put(new ClassHash(Felt.fromHex(pair.get(0).asText())),
                new CompiledClassHash(Felt.fromHex(pair.get(1).asText()))));
        StateDiff diff = new StateDiff(storage, nonces, deployed, declared);
        assertThat(touchedCount(diff)).as("every listed contract is touched").isEqualTo(v.get("contracts").size());
        return diff;
    }

    private static int touchedCount(StateDiff diff) {
        return Stream.of(diff.storageUpdates().keySet(), diff.nonces().keySet(),
                diff.deployedContracts().keySet()).flatMap(Set::stream).collect(Collectors.toSet()).size();
    }
}
