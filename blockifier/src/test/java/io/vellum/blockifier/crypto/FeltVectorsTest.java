package io.vellum.blockifier.crypto;

import static io.vellum.blockifier.vectors.Vectors.describe;
import static io.vellum.blockifier.vectors.Vectors.felt;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import io.vellum.blockifier.vectors.Vectors;
import java.math.BigInteger;
import org.junit.jupiter.api.Test;

/** Every entry of {@code vectors/felt.json}. */
class FeltVectorsTest {

    @Test
    void modulusMatchesTheVectorFile() {
        assertThat(Vectors.integer(Vectors.file("felt.json"), "modulus")).isEqualTo(Felt.MODULUS);
    }

    @Test
    void fieldOperations() {
        int checked = 0;
        for (JsonNode v : Vectors.entries("felt.json", "field_ops")) {
            Felt a = felt(v, "a");
            Felt b = felt(v, "b");
            String why = describe(v);
            assertThat(a.add(b)).as(why).isEqualTo(felt(v, "add"));
            assertThat(a.sub(b)).as(why).isEqualTo(felt(v, "sub"));
            assertThat(a.mul(b)).as(why).isEqualTo(felt(v, "mul"));
            assertThat(a.neg()).as(why).isEqualTo(felt(v, "neg_a"));
            if (v.get("inv_a").isNull()) {
                assertThat(a.isZero()).as(why).isTrue();
                assertThatThrownBy(a::inverse).isInstanceOf(FeltException.class);
            } else {
                assertThat(a.inverse()).as(why).isEqualTo(felt(v, "inv_a"));
            }
            if (v.get("div").isNull()) {
                assertThat(b.isZero()).as(why).isTrue();
                assertThatThrownBy(() -> a.div(b)).isInstanceOf(FeltException.class);
            } else {
                assertThat(a.div(b)).as(why).isEqualTo(felt(v, "div"));
            }
            BigInteger exponent = Vectors.integer(v, "pow_exp");
            assertThat(a.pow(exponent)).as(why).isEqualTo(felt(v, "pow"));
            checked++;
        }
        assertThat(checked).isEqualTo(Vectors.file("felt.json").get("field_ops").size());
    }

    @Test
    void shortStrings() {
        for (JsonNode v : Vectors.entries("felt.json", "short_strings")) {
            String text = v.get("string").asText();
            Felt expected = felt(v, "expected");
            assertThat(Felt.fromShortString(text)).as(describe(v)).isEqualTo(expected);
            assertThat(expected.toShortString()).as(describe(v)).isEqualTo(text);
        }
    }
}
