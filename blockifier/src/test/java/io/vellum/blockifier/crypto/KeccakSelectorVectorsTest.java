package io.vellum.blockifier.crypto;

import static io.vellum.blockifier.vectors.Vectors.describe;
import static io.vellum.blockifier.vectors.Vectors.felt;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.vellum.blockifier.vectors.Vectors;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Every entry of every section of {@code vectors/keccak-selector.json}. */
class KeccakSelectorVectorsTest {
    private static final String FILE = "keccak-selector.json";

    @Test
    void starknetKeccak() {
        List<JsonNode> entries = Vectors.entries(FILE, "starknet_keccak");
        int ascii = 0;
        int hex = 0;
        for (JsonNode v : entries) {
            byte[] input;
            if (v.has("input_ascii")) {
                input = v.get("input_ascii").asText().getBytes(StandardCharsets.US_ASCII);
                ascii++;
            } else {
                String text = v.get("input_hex").asText();
                assertThat(text).as(describe(v)).startsWith("0x");
                input = HexFormat.of().parseHex(text.substring(2));
                hex++;
            }
            assertThat(StarknetKeccak.hash(input)).as(describe(v)).isEqualTo(felt(v, "expected"));
        }
        assertThat(ascii + hex).isEqualTo(entries.size()).isEqualTo(10);
        assertThat(ascii).isEqualTo(3);
    }

    @Test
    void selectors() {
        List<JsonNode> entries = Vectors.entries(FILE, "selector");
        int checked = 0;
        for (JsonNode v : entries) {
            assertThat(Selectors.fromName(v.get("name").asText())).as(describe(v)).isEqualTo(felt(v, "expected"));
            checked++;
        }
        assertThat(checked).isEqualTo(entries.size()).isEqualTo(25);
    }

    @Test
    void storageVariableAddresses() {
        List<JsonNode> entries = Vectors.entries(FILE, "storage_var_address");
        int checked = 0;
        for (JsonNode v : entries) {
            Felt[] keys = Vectors.felts(v.get("args")).toArray(new Felt[0]);
            assertThat(Selectors.storageVarAddress(v.get("name").asText(), keys)).as(describe(v))
                    .isEqualTo(felt(v, "expected"));
            checked++;
        }
        assertThat(checked).isEqualTo(entries.size()).isEqualTo(4);
    }
}
