package io.vellum.blockifier.contracts;

import static io.vellum.blockifier.testing.TestChain.call;
import static org.assertj.core.api.Assertions.assertThat;

import io.vellum.blockifier.block.ExecutedBlock;
import io.vellum.blockifier.core.StorageKey;
import io.vellum.blockifier.crypto.Felt;
import io.vellum.blockifier.crypto.Poseidon;
import io.vellum.blockifier.crypto.Selectors;
import io.vellum.blockifier.execution.ExecutionStatus;
import io.vellum.blockifier.execution.GasCosts;
import io.vellum.blockifier.execution.Receipt;
import io.vellum.blockifier.testing.TestChain;
import java.util.List;
import java.util.NavigableMap;
import org.junit.jupiter.api.Test;

/** The counter, the key-value writer and the gas burner, with gas computed by hand. */
class WorkloadContractsTest {
    private static final GasCosts GAS = GasCosts.DEFAULT;
    /** __validate__: read the key, check the signature. */
    private static final long VALIDATE_GAS = GAS.storageReadGas() + GAS.signatureCheckGas();

    private static long intrinsic(int calldataFelts) {
        return GAS.transactionBaseGas() + calldataFelts * GAS.calldataFeltGas() + 2 * GAS.signatureFeltGas();
    }

    @Test
    void theCounterIncrementsOneHotSlot() {
        TestChain chain = TestChain.create(2);
        ExecutedBlock block = chain.commitBlock(List.of(
                chain.invoke(chain.account(0), 0, call(chain.counter(), "increment")),
                chain.invoke(chain.account(1), 0, call(chain.counter(), "increment"),
                        call(chain.counter(), "increment"))));
        assertThat(block.receipts()).allSatisfy(r -> assertThat(r.status()).isEqualTo(ExecutionStatus.SUCCEEDED));
        assertThat(chain.view(chain.counter(), "get")).containsExactly(Felt.of(3));
        // [1, to, selector, 0]: four felts; the call, a read and a write.
        assertThat(block.receipts().get(0).gasConsumed().l2Gas()).isEqualTo(intrinsic(4) + VALIDATE_GAS
                + GAS.contractCallGas() + GAS.storageReadGas() + GAS.storageWriteGas());
        assertThat(block.stateDiff().storageUpdates().get(chain.counter())).hasSize(1);
    }

    @Test
    void theKeyValueWriterSpreadsWritesOverDistinctSlots() {
        TestChain chain = TestChain.create(1);
        Felt seed = Felt.of(7);
        ExecutedBlock block = chain.commitBlock(List.of(chain.invoke(chain.account(0), 0,
                call(chain.keyValue(), "write", seed, Felt.of(5)))));
        Receipt receipt = block.receipts().get(0);
        assertThat(receipt.status()).isEqualTo(ExecutionStatus.SUCCEEDED);
        // [1, to, selector, 2, seed, 5]: six felts; the call, then five Poseidon hashes and five writes.
        assertThat(receipt.gasConsumed().l2Gas()).isEqualTo(intrinsic(6) + VALIDATE_GAS + GAS.contractCallGas()
                + 5 * (GAS.poseidonGas() + GAS.storageWriteGas()));
        NavigableMap<StorageKey, Felt> written = block.stateDiff().storageUpdates().get(chain.keyValue());
        assertThat(written).hasSize(5);
        for (int i = 0; i < 5; i++) {
            // The slot is poseidon(seed, i), reduced below 2^251 - 256 (one subtraction at most).
            Felt hash = Poseidon.hash(seed, Felt.of(i));
            Felt slot = hash.compareTo(Selectors.ADDRESS_BOUND) >= 0 ? hash.sub(Selectors.ADDRESS_BOUND) : hash;
            assertThat(written).containsEntry(new StorageKey(slot), Felt.of(7 + i + 1));
        }
        assertThat(chain.view(chain.keyValue(), "read", seed, Felt.of(3))).containsExactly(Felt.of(11));
    }

    @Test
    void theKeyValueWriterRefusesTooManyWrites() {
        TestChain chain = TestChain.create(1);
        Receipt receipt = chain.commitBlock(List.of(chain.invoke(chain.account(0), 0,
                call(chain.keyValue(), "write", Felt.ONE, Felt.of(KeyValueContract.WRITES_MAX + 1))))).receipts().get(0);
        assertThat(receipt.revertReason().orElseThrow()).startsWith("VALUE_OUT_OF_RANGE: count 0x3e9");
    }

    @Test
    void theGasBurnerChainsOnePoseidonPerPoseidonCostOfGas() {
        TestChain chain = TestChain.create(1);
        long hashes = 10;
        Felt gas = Felt.of(hashes * GAS.poseidonGas() + GAS.poseidonGas() - 1);
        Receipt receipt = chain.commitBlock(List.of(chain.invoke(chain.account(0), 0,
                call(chain.gasBurner(), "burn", gas)))).receipts().get(0);
        // [1, to, selector, 1, gas]: five felts; the call and ten hashes (the remainder is not burned).
        assertThat(receipt.gasConsumed().l2Gas()).isEqualTo(intrinsic(5) + VALIDATE_GAS + GAS.contractCallGas()
                + hashes * GAS.poseidonGas());
        Felt expected = chain.gasBurner().value();
        for (int i = 0; i < hashes; i++) {
            expected = Poseidon.hash(expected, Felt.of(i));
        }
        assertThat(chain.view(chain.gasBurner(), "burn", gas)).containsExactly(expected, Felt.of(hashes));
    }

    @Test
    void burningMoreThanTheBoundRunsOutOfGas() {
        TestChain chain = TestChain.create(1);
        Receipt receipt = chain.commitBlock(List.of(chain.invoke(chain.account(0), 0,
                call(chain.gasBurner(), "burn", Felt.of(1_000_000_000))))).receipts().get(0);
        assertThat(receipt.status()).isEqualTo(ExecutionStatus.REVERTED);
        assertThat(receipt.revertReason().orElseThrow()).startsWith("OUT_OF_GAS: out of L2 gas: Poseidon hash");
        assertThat(receipt.gasConsumed().l2Gas()).isEqualTo(TestChain.DEFAULT_MAX_L2_GAS);
    }

    @Test
    void nestedCallsStopAtTheCallDepthLimit() {
        TestChain chain = TestChain.create(1);
        // __execute__ is depth 1, the first recurse depth 2; recurse(n) reaches depth n + 2. The limit is 50.
        ExecutedBlock block = chain.commitBlock(List.of(
                chain.invoke(chain.account(0), 0, call(chain.gasBurner(), "recurse", Felt.of(48))),
                chain.invoke(chain.account(0), 1, call(chain.gasBurner(), "recurse", Felt.of(49)))));
        assertThat(block.receipts().get(0).status()).isEqualTo(ExecutionStatus.SUCCEEDED);
        assertThat(block.receipts().get(1).revertReason().orElseThrow())
                .startsWith("CALL_DEPTH_EXCEEDED: call depth exceeds the limit of 50")
                .contains("... ");
    }
}
