package io.vellum.blockifier.crypto;

import static io.vellum.blockifier.vectors.Vectors.describe;
import static io.vellum.blockifier.vectors.Vectors.felt;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.vellum.blockifier.vectors.Vectors;
import java.math.BigInteger;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Every entry of every section of {@code vectors/ecdsa.json}. */
class EcdsaVectorsTest {
    private static final String FILE = "ecdsa.json";

    @Test
    void curveConstantsMatchTheVectorFile() {
        JsonNode curve = Vectors.file(FILE).get("curve");
        assertThat(Vectors.integer(curve, "p")).isEqualTo(Felt.MODULUS);
        assertThat(felt(curve, "alpha")).isEqualTo(StarkCurve.ALPHA);
        assertThat(felt(curve, "beta")).isEqualTo(StarkCurve.BETA);
        assertThat(Vectors.integer(curve, "order_n")).isEqualTo(StarkCurve.ORDER);
        JsonNode generator = curve.get("generator");
        assertThat(StarkCurve.GENERATOR.x()).isEqualTo(felt(generator, "x"));
        assertThat(StarkCurve.GENERATOR.y()).isEqualTo(felt(generator, "y"));
    }

    @Test
    void publicKeys() {
        List<JsonNode> entries = Vectors.entries(FILE, "get_public_key");
        int checked = 0;
        for (JsonNode v : entries) {
            Felt privateKey = felt(v, "private_key");
            Felt expected = felt(v, "public_key");
            assertThat(Ecdsa.publicKey(privateKey)).as(describe(v)).isEqualTo(expected);
            StarkPoint point = Ecdsa.publicKeyPoint(privateKey);
            assertThat(point.x()).as(describe(v)).isEqualTo(expected);
            assertThat(StarkCurve.isOnCurve(point.x(), point.y())).as(describe(v)).isTrue();
            checked++;
        }
        assertThat(checked).isEqualTo(entries.size()).isEqualTo(63);
    }

    @Test
    void deterministicSignatures() {
        List<JsonNode> entries = Vectors.entries(FILE, "sign_rfc6979");
        int checked = 0;
        for (JsonNode v : entries) {
            Felt privateKey = felt(v, "private_key");
            Felt message = felt(v, "msg_hash");
            Signature expected = new Signature(felt(v, "r"), felt(v, "s"));
            Signature signature = Ecdsa.sign(privateKey, message);
            assertThat(signature).as(describe(v)).isEqualTo(expected);
            Felt starkKey = felt(v, "public_key");
            assertThat(Ecdsa.publicKey(privateKey)).as(describe(v)).isEqualTo(starkKey);
            assertThat(Ecdsa.verify(starkKey, message, signature)).as(describe(v)).isTrue();
            assertThat(Ecdsa.verify(Ecdsa.publicKeyPoint(privateKey), message, signature)).as(describe(v)).isTrue();
            checked++;
        }
        assertThat(checked).isEqualTo(entries.size()).isEqualTo(51);
    }

    @Test
    void signaturesWithAnExplicitNonce() {
        List<JsonNode> entries = Vectors.entries(FILE, "sign_with_k");
        int checked = 0;
        for (JsonNode v : entries) {
            Felt privateKey = felt(v, "private_key");
            Felt message = felt(v, "msg_hash");
            Signature signature = Ecdsa.signWithK(privateKey, message, Vectors.integer(v, "k"));
            assertThat(signature).as(describe(v)).isEqualTo(new Signature(felt(v, "r"), felt(v, "s")));
            assertThat(Ecdsa.verify(Ecdsa.publicKey(privateKey), message, signature)).as(describe(v)).isTrue();
            checked++;
        }
        assertThat(checked).isEqualTo(entries.size()).isEqualTo(8);
    }

    @Test
    void verification() {
        List<JsonNode> entries = Vectors.entries(FILE, "verify");
        Map<Verification, Integer> outcomes = new EnumMap<>(Verification.class);
        for (JsonNode v : entries) {
            Felt starkKey = felt(v, "public_key");
            Felt message = felt(v, "msg_hash");
            Signature signature = new Signature(felt(v, "r"), felt(v, "s"));
            Verification expected = expectedOutcome(v.get("expected").asText());
            assertThat(Ecdsa.check(starkKey, message, signature)).as(describe(v)).isEqualTo(expected);
            assertThat(Ecdsa.verify(starkKey, message, signature)).as(describe(v))
                    .isEqualTo(expected == Verification.VALID);
            outcomes.merge(expected, 1, Integer::sum);
        }
        assertThat(outcomes.values().stream().mapToInt(Integer::intValue).sum()).isEqualTo(entries.size())
                .isEqualTo(28);
        assertThat(outcomes).containsOnlyKeys(Verification.values());
    }

    @Test
    void nonceWithSeed() {
        List<JsonNode> entries = Vectors.entries(FILE, "rfc6979_generate_k_with_seed");
        int checked = 0;
        for (JsonNode v : entries) {
            BigInteger k = Ecdsa.rfc6979Nonce(felt(v, "msg_hash"), felt(v, "private_key"),
                    Vectors.integer(v, "seed"));
            assertThat(k).as(describe(v)).isEqualTo(Vectors.integer(v, "k"));
            checked++;
        }
        assertThat(checked).isEqualTo(entries.size()).isEqualTo(20);
    }

    private static Verification expectedOutcome(String expected) {
        switch (expected) {
            case "valid":
                return Verification.VALID;
            case "invalid":
                return Verification.INVALID;
            case "error_invalid_public_key":
                return Verification.INVALID_PUBLIC_KEY;
            case "error_out_of_range":
                return Verification.OUT_OF_RANGE;
            default:
                throw new AssertionError("unknown expected outcome in the vectors: " + expected);
        }
    }
}
