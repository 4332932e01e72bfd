package io.vellum.blockifier.crypto;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

/** Bad input to the hashes is refused with a typed error, never hashed as something else. */
class HashInputTest {

    @Test
    void aMissingStorageVariableNameIsRefused() {
        assertThatThrownBy(() -> Selectors.storageVarAddress(null, Felt.ONE))
                .isInstanceOfSatisfying(HashInputException.class,
                        e -> assertThat(e.reason()).isEqualTo(HashInputException.Reason.MISSING));
    }

    @Test
    void aMissingKeyOrKeyArrayIsRefused() {
        assertThatThrownBy(() -> Selectors.storageVarAddress("balance", Felt.ONE, null))
                .isInstanceOfSatisfying(HashInputException.class,
                        e -> assertThat(e.reason()).isEqualTo(HashInputException.Reason.MISSING));
        assertThatThrownBy(() -> Selectors.storageVarAddress("balance", (Felt[]) null))
                .isInstanceOfSatisfying(HashInputException.class,
                        e -> assertThat(e.reason()).isEqualTo(HashInputException.Reason.MISSING));
    }

    @Test
    void aMissingOrNonAsciiEntryPointNameIsRefused() {
        assertThatThrownBy(() -> Selectors.fromName(null))
                .isInstanceOfSatisfying(HashInputException.class,
                        e -> assertThat(e.reason()).isEqualTo(HashInputException.Reason.MISSING));
        assertThatThrownBy(() -> Selectors.fromName("transfér"))
                .isInstanceOfSatisfying(HashInputException.class,
                        e -> assertThat(e.reason()).isEqualTo(HashInputException.Reason.NOT_ASCII));
        assertThatThrownBy(() -> Selectors.storageVarAddress("balancé"))
                .isInstanceOfSatisfying(HashInputException.class,
                        e -> assertThat(e.reason()).isEqualTo(HashInputException.Reason.NOT_ASCII));
    }

    @Test
    void missingKeccakInputIsRefused() {
        assertThatThrownBy(() -> StarknetKeccak.hash(null))
                .isInstanceOfSatisfying(HashInputException.class,
                        e -> assertThat(e.reason()).isEqualTo(HashInputException.Reason.MISSING));
    }

    @Test
    void nullFeltsAreRefusedByTheFeltHashes() {
        assertThatThrownBy(() -> Poseidon.hash(null, Felt.ONE)).isInstanceOf(NullPointerException.class);
        assertThatThrownBy(() -> Poseidon.hashMany((List<Felt>) null)).isInstanceOf(NullPointerException.class);
        assertThatThrownBy(() -> Pedersen.hash(Felt.ONE, null)).isInstanceOf(NullPointerException.class);
        assertThatThrownBy(() -> Pedersen.hashOnElements((List<Felt>) null))
                .isInstanceOf(NullPointerException.class);
    }

    @Test
    void theEmptyCasesFollowTheirDefinitions() {
        assertThat(Pedersen.hashOnElements()).isEqualTo(Pedersen.hash(Felt.ZERO, Felt.ZERO));
        assertThat(Poseidon.hashMany()).isEqualTo(Poseidon.permute(Felt.ONE, Felt.ZERO, Felt.ZERO)[0]);
        assertThat(Selectors.storageVarAddress("counter")).isEqualTo(StarknetKeccak.hash("counter".getBytes(
                java.nio.charset.StandardCharsets.US_ASCII)));
    }
}
