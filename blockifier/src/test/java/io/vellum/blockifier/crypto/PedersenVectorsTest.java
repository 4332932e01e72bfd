package io.vellum.blockifier.crypto;

import static io.vellum.blockifier.vectors.Vectors.describe;
import static io.vellum.blockifier.vectors.Vectors.felt;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.vellum.blockifier.vectors.Vectors;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Every entry of every section of {@code vectors/pedersen.json}. */
class PedersenVectorsTest {
    private static final String FILE = "pedersen.json";

    @Test
    void hashOfTwo() {
        List<JsonNode> entries = Vectors.entries(FILE, "pedersen_hash");
        int checked = 0;
        for (JsonNode v : entries) {
            assertThat(Pedersen.hash(felt(v, "a"), felt(v, "b"))).as(describe(v)).isEqualTo(felt(v, "expected"));
            checked++;
        }
        assertThat(checked).isEqualTo(entries.size()).isEqualTo(36);
    }

    /** The same entries as one batch, and each as a batch of one (through the batch engine, not the fallback). */
    @Test
    void hashOfTwoThroughTheBatch() {
        List<JsonNode> entries = Vectors.entries(FILE, "pedersen_hash");
        Felt[] first = new Felt[entries.size()];
        Felt[] second = new Felt[entries.size()];
        for (int i = 0; i < entries.size(); i++) {
            first[i] = felt(entries.get(i), "a");
            second[i] = felt(entries.get(i), "b");
        }
        Felt[] together = new Felt[entries.size()];
        Pedersen.hashBatch(first, second, together);
        int checked = 0;
        for (int i = 0; i < entries.size(); i++) {
            JsonNode v = entries.get(i);
            Felt[] alone = new Felt[1];
            PedersenBatch.hashTogether(new Felt[] {first[i]}, new Felt[] {second[i]}, alone, 0, 1);
            assertThat(together[i]).as(describe(v)).isEqualTo(felt(v, "expected"));
            assertThat(alone[0]).as(describe(v)).isEqualTo(felt(v, "expected"));
            checked++;
        }
        assertThat(checked).isEqualTo(36);
    }

    @Test
    void hashOnElements() {
        List<JsonNode> entries = Vectors.entries(FILE, "compute_hash_on_elements");
        int checked = 0;
        for (JsonNode v : entries) {
            List<Felt> elements = Vectors.felts(v.get("elements"));
            Felt expected = felt(v, "expected");
            assertThat(Pedersen.hashOnElements(elements)).as(describe(v)).isEqualTo(expected);
            assertThat(Pedersen.hashOnElements(elements.toArray(new Felt[0]))).as(describe(v)).isEqualTo(expected);
            checked++;
        }
        assertThat(checked).isEqualTo(entries.size()).isEqualTo(7);
    }
}
