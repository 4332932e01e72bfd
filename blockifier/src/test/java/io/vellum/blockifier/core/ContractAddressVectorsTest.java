package io.vellum.blockifier.core;

import static io.vellum.blockifier.vectors.Vectors.describe;
import static io.vellum.blockifier.vectors.Vectors.felt;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.vellum.blockifier.vectors.Vectors;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Every entry of {@code vectors/contract-address.json} through {@link ContractAddresses#compute}. (The addresses
 * derived from the DEPLOY and DEPLOY_ACCOUNT transactions of {@code tx-hash.json} are checked by the transaction
 * hash test.)
 */
class ContractAddressVectorsTest {
    @Test
    void everyContractAddress() {
        List<JsonNode> entries = Vectors.entries("contract-address.json", "contract_address");
        int checked = 0;
        for (JsonNode v : entries) {
            ContractAddress actual = ContractAddresses.compute(felt(v, "salt"), new ClassHash(felt(v, "class_hash")),
                    Vectors.felts(v.get("constructor_calldata")), new ContractAddress(felt(v, "deployer_address")));
            assertThat(actual.value()).as(describe(v)).isEqualTo(felt(v, "expected"));
            checked++;
        }
        assertThat(checked).isEqualTo(entries.size()).isEqualTo(21);
    }
}
