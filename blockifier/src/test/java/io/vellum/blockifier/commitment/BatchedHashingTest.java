package io.vellum.blockifier.commitment;

import static io.vellum.blockifier.vectors.Vectors.describe;
import static io.vellum.blockifier.vectors.Vectors.felt;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import io.vellum.blockifier.core.ClassHash;
import io.vellum.blockifier.core.Nonce;
import io.vellum.blockifier.crypto.Felt;
import io.vellum.blockifier.testing.Samples;
import io.vellum.blockifier.vectors.Vectors;
import java.util.List;
import java.util.SplittableRandom;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The batched paths of the commitment code give what the one-at-a-time formulas give: a trie level through
 * {@link TrieHashFunction#hashPairs}, and contract leaves through {@link StateHashes#contractStateHashes} (three
 * batched rounds, repeated pairs hashed once).
 */
class BatchedHashingTest {

    static Stream<Integer> sizes() {
        return Stream.of(0, 1, 7, 8, 33, 300);
    }

    @ParameterizedTest
    @MethodSource("sizes")
    void aLevelOfPairsHashesLikeSingleHashes(int size) {
        SplittableRandom random = new SplittableRandom(Samples.seed("BatchedHashingTest.level." + size));
        for (TrieHashFunction function : TrieHashFunction.values()) {
            Felt[] first = new Felt[size + 4];
            Felt[] second = new Felt[size + 4];
            for (int i = 0; i < first.length; i++) {
                first[i] = Samples.felt(random);
                second[i] = Samples.felt(random);
            }
            Felt[] out = new Felt[first.length];
            function.hashPairs(first, second, out, 2, 2 + size);
            for (int i = 0; i < first.length; i++) {
                Felt expected = i >= 2 && i < 2 + size ? function.hash(first[i], second[i]) : null;
                assertThat(out[i]).as("%s entry %d", function, i).isEqualTo(expected);
            }
        }
    }

    @ParameterizedTest
    @MethodSource("sizes")
    void contractLeavesInBatchesMatchTheFormula(int size) {
        SplittableRandom random = new SplittableRandom(Samples.seed("BatchedHashingTest.leaves." + size));
        // Few classes, many empty storage roots and small nonces: rounds see repeated pairs, as real blocks do.
        ClassHash[] classes = {new ClassHash(Samples.uniformFelt(random)), new ClassHash(Samples.uniformFelt(random)),
            new ClassHash(Felt.ZERO)};
        ClassHash[] classHashes = new ClassHash[size];
        Felt[] storageRoots = new Felt[size];
        Nonce[] nonces = new Nonce[size];
        for (int i = 0; i < size; i++) {
            classHashes[i] = classes[random.nextInt(classes.length)];
            storageRoots[i] = random.nextBoolean() ? Felt.ZERO : Samples.felt(random);
            nonces[i] = Nonce.of(random.nextInt(4));
        }
        Felt[] batched = StateHashes.contractStateHashes(classHashes, storageRoots, nonces);
        assertThat(batched).hasSize(size);
        for (int i = 0; i < size; i++) {
            assertThat(batched[i]).as("leaf %d", i)
                    .isEqualTo(StateHashes.contractStateHash(classHashes[i], storageRoots[i], nonces[i]));
        }
    }

    @Test
    void contractStateHashVectorsThroughTheBatch() {
        List<JsonNode> entries = Vectors.entries("patricia-trie.json", "contract_state_hash");
        int count = entries.size();
        ClassHash[] classHashes = new ClassHash[count];
        Felt[] storageRoots = new Felt[count];
        Nonce[] nonces = new Nonce[count];
        for (int i = 0; i < count; i++) {
            JsonNode v = entries.get(i);
            classHashes[i] = new ClassHash(felt(v, "class_hash"));
            storageRoots[i] = felt(v, "storage_root");
            nonces[i] = new Nonce(felt(v, "nonce"));
        }
        Felt[] batched = StateHashes.contractStateHashes(classHashes, storageRoots, nonces);
        for (int i = 0; i < count; i++) {
            assertThat(batched[i]).as(describe(entries.get(i))).isEqualTo(felt(entries.get(i), "expected"));
        }
        assertThat(count).isEqualTo(4);
    }

    @Test
    void contractLeafInputsOfDifferentLengthsAreRefused() {
        assertThatThrownBy(() -> StateHashes.contractStateHashes(new ClassHash[2], new Felt[1], new Nonce[2]))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
