package io.vellum.blockifier.crypto;

import static io.vellum.blockifier.vectors.Vectors.describe;
import static io.vellum.blockifier.vectors.Vectors.felt;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.vellum.blockifier.vectors.Vectors;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Every entry of every section of {@code vectors/poseidon.json}. */
class PoseidonVectorsTest {
    private static final String FILE = "poseidon.json";

    @Test
    void hadesPermutation() {
        List<JsonNode> entries = Vectors.entries(FILE, "hades_permutation");
        int checked = 0;
        for (JsonNode v : entries) {
            List<Felt> input = Vectors.felts(v.get("input"));
            List<Felt> expected = Vectors.felts(v.get("output"));
            assertThat(input).as(describe(v)).hasSize(3);
            assertThat(expected).as(describe(v)).hasSize(3);
            Felt[] output = Poseidon.permute(input.get(0), input.get(1), input.get(2));
            assertThat(output).as(describe(v)).containsExactlyElementsOf(expected);
            checked++;
        }
        assertThat(checked).isEqualTo(entries.size()).isEqualTo(18);
    }

    @Test
    void hashOfTwo() {
        List<JsonNode> entries = Vectors.entries(FILE, "poseidon_hash");
        int checked = 0;
        for (JsonNode v : entries) {
            assertThat(Poseidon.hash(felt(v, "x"), felt(v, "y"))).as(describe(v)).isEqualTo(felt(v, "expected"));
            checked++;
        }
        assertThat(checked).isEqualTo(entries.size()).isEqualTo(35);
    }

    @Test
    void hashOfOne() {
        List<JsonNode> entries = Vectors.entries(FILE, "poseidon_hash_single");
        int checked = 0;
        for (JsonNode v : entries) {
            assertThat(Poseidon.hashSingle(felt(v, "x"))).as(describe(v)).isEqualTo(felt(v, "expected"));
            checked++;
        }
        assertThat(checked).isEqualTo(entries.size()).isEqualTo(12);
    }

    @Test
    void hashOfMany() {
        List<JsonNode> entries = Vectors.entries(FILE, "poseidon_hash_many");
        int checked = 0;
        for (JsonNode v : entries) {
            List<Felt> inputs = Vectors.felts(v.get("inputs"));
            Felt expected = felt(v, "expected");
            assertThat(Poseidon.hashMany(inputs)).as(describe(v)).isEqualTo(expected);
            assertThat(Poseidon.hashMany(inputs.toArray(new Felt[0]))).as(describe(v)).isEqualTo(expected);
            checked++;
        }
        assertThat(checked).isEqualTo(entries.size()).isEqualTo(34);
    }
}
