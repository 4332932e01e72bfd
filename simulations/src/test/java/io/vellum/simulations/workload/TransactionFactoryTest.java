package io.vellum.simulations.workload;

import static org.assertj.core.api.Assertions.assertThat;

import io.vellum.blockifier.block.BlockBuilder;
import io.vellum.blockifier.block.BlockCloseReason;
import io.vellum.blockifier.block.BlockLimits;
import io.vellum.blockifier.block.ExecutedBlock;
import io.vellum.blockifier.block.Genesis;
import io.vellum.blockifier.contracts.StandardContracts;
import io.vellum.blockifier.core.BlockNumber;
import io.vellum.blockifier.core.ContractAddress;
import io.vellum.blockifier.execution.BlockContext;
import io.vellum.blockifier.execution.ExecutionConfig;
import io.vellum.blockifier.execution.GasPrices;
import io.vellum.blockifier.execution.TransactionExecutor;
import io.vellum.blockifier.transaction.ExecutableTransaction;
import io.vellum.simulations.run.InJvmCluster;
import io.vellum.simulations.scenario.HotSpotSpec;
import io.vellum.simulations.scenario.RateSpec;
import io.vellum.simulations.scenario.WorkloadSpec;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.ValueSource;

/** Each workload's transactions execute on the simulation genesis without rejection or revert, signed or not. */
class TransactionFactoryTest {

    @ParameterizedTest
    @EnumSource(WorkloadSpec.Kind.class)
    void everyKindExecutes(WorkloadSpec.Kind kind) {
        WorkloadSpec other = new WorkloadSpec(WorkloadSpec.Kind.COUNTER, 3, null, null, null, null, null);
        WorkloadSpec spec = new WorkloadSpec(kind, 4, null, null, null, null, 50_000L);
        Genesis genesis = SimulationGenesis.build(List.of(other, spec));
        TransactionFactory factory = new TransactionFactory(spec, genesis, 3);
        SplittableRandom random = new SplittableRandom(3);
        List<ExecutableTransaction> transactions = new ArrayList<>();
        for (int nonce = 0; nonce < 2; nonce++) {
            for (int account = 0; account < 4; account++) {
                transactions.add(factory.build(account, nonce, random.nextInt(4), random));
            }
        }
        ExecutedBlock block = execute(genesis, transactions, ExecutionConfig.DEFAULT);
        assertThat(block.rejected()).as("rejected").isEmpty();
        assertThat(block.receipts()).hasSize(8).allSatisfy(r -> assertThat(r.revertReason()).isEmpty());
        assertThat(transactions.stream().map(t -> t.hash()).distinct()).hasSize(8);
    }

    @ParameterizedTest
    @ValueSource(booleans = {true, false})
    void signaturesAreCheckedWhenSigned(boolean signed) {
        WorkloadSpec spec = new WorkloadSpec(WorkloadSpec.Kind.TRANSFERS, 2, null, null, signed, null, null);
        Genesis genesis = SimulationGenesis.build(List.of(spec));
        ExecutableTransaction transaction = new TransactionFactory(spec, genesis, 0).build(0, 0, 1,
                new SplittableRandom(1));
        ExecutedBlock checked = execute(genesis, List.of(transaction), ExecutionConfig.DEFAULT);
        assertThat(checked.rejected()).as("rejected with signature checks on").hasSize(signed ? 0 : 1);
    }

    @ParameterizedTest
    @ValueSource(longs = {1, 2, 3})
    void hotSpotSendsItsShareToTheHotTargets(long seed) {
        HotSpotSpec hot = new HotSpotSpec(0.1, 0.8);
        SplittableRandom random = new SplittableRandom(seed);
        int hits = 0;
        for (int i = 0; i < 10_000; i++) {
            int target = hot.pick(200, random.nextDouble(), random.nextDouble());
            assertThat(target).isBetween(0, 199);
            if (target < 20) {
                hits++;
            }
        }
        assertThat(hits).isBetween(7_700, 8_300);
    }

    @ParameterizedTest
    @ValueSource(doubles = {0, 3.5, 9.9, 10, 12.9, 13, 19})
    void burstsPeakAtTheStartOfEachPeriod(double atS) {
        RateSpec rate = new RateSpec(null, null, new RateSpec.Bursts(10.0, 100.0, 10.0, 3.0));
        assertThat(rate.at(atS, 60)).isEqualTo(atS % 10 < 3 ? 100.0 : 10.0);
    }

    private static ExecutedBlock execute(Genesis genesis, List<ExecutableTransaction> transactions,
            ExecutionConfig config) {
        TransactionExecutor executor = new TransactionExecutor(StandardContracts.registry(), config);
        BlockContext context = new BlockContext(BlockNumber.GENESIS.next(), 1_700_000_000L, ContractAddress.of(0x5e9),
                GasPrices.ofL2(InJvmCluster.L2_GAS_PRICE), genesis.chainId(), genesis.contracts().feeToken());
        return BlockBuilder.execute(executor, genesis.toState(), context, BlockLimits.DEFAULT, transactions,
                BlockCloseReason.NO_MORE_TRANSACTIONS);
    }
}
