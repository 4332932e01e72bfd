package io.vellum.blockifier.transaction;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.vellum.blockifier.core.ChainId;
import io.vellum.blockifier.core.ContractAddress;
import io.vellum.blockifier.core.Nonce;
import io.vellum.blockifier.crypto.Felt;
import java.util.List;
import org.junit.jupiter.api.Test;

class ExecutableTransactionTest {
    private static final InvokeTransaction INVOKE = new InvokeTransaction(ContractAddress.of(0x1234),
            List.of(Felt.ONE, Felt.TWO), List.of(Felt.of(7), Felt.of(8)), Nonce.of(5),
            V3Fields.of(AllResourceBounds.l2Only(ResourceBounds.of(1_000_000, 10)), 0), List.of());

    @Test
    void carriesTheHashOfItsChain() {
        ExecutableTransaction onMainnet = ExecutableTransaction.of(INVOKE, ChainId.MAINNET);
        ExecutableTransaction onSepolia = ExecutableTransaction.of(INVOKE, ChainId.SEPOLIA);
        assertThat(onMainnet.hash()).isEqualTo(TransactionHashes.hash(INVOKE, ChainId.MAINNET));
        assertThat(onMainnet.hash()).isNotEqualTo(onSepolia.hash());
        assertThat(onMainnet).isNotEqualTo(onSepolia);
        assertThat(onMainnet).isEqualTo(ExecutableTransaction.of(INVOKE, ChainId.MAINNET))
                .hasSameHashCodeAs(ExecutableTransaction.of(INVOKE, ChainId.MAINNET));
        assertThat(onMainnet.type()).isEqualTo(TransactionType.INVOKE);
        assertThat(onMainnet.toString()).startsWith("INVOKE 0x");
    }

    @Test
    void theSignatureIsNotHashed() {
        InvokeTransaction resigned = INVOKE.withSignature(List.of(Felt.of(9)));
        assertThat(TransactionHashes.hash(resigned, ChainId.MAINNET))
                .isEqualTo(TransactionHashes.hash(INVOKE, ChainId.MAINNET));
        // Same hash, different transactions: not equal.
        assertThat(ExecutableTransaction.of(resigned, ChainId.MAINNET))
                .isNotEqualTo(ExecutableTransaction.of(INVOKE, ChainId.MAINNET));
    }

    @Test
    void queryHashDiffersFromTheHash() {
        assertThat(TransactionHashes.queryHash(INVOKE, ChainId.MAINNET))
                .isNotEqualTo(TransactionHashes.hash(INVOKE, ChainId.MAINNET));
    }

    @Test
    void versionsAreZeroToThree() {
        assertThatThrownBy(() -> TransactionHashes.Mode.EXECUTE.version(4)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> TransactionHashes.Mode.QUERY.version(-1)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void dataAvailabilityModesPackNonceModeAboveFeeMode() {
        assertThat(TransactionHashes.dataAvailabilityModes(DataAvailabilityMode.L2, DataAvailabilityMode.L1))
                .isEqualTo(Felt.of(1L << 32));
        assertThat(TransactionHashes.dataAvailabilityModes(DataAvailabilityMode.L1, DataAvailabilityMode.L2))
                .isEqualTo(Felt.ONE);
    }
}
