package io.vellum.blockifier.bench;

import io.vellum.blockifier.block.BlockBuilder;
import io.vellum.blockifier.block.BlockCloseReason;
import io.vellum.blockifier.execution.BlockContext;
import io.vellum.blockifier.block.BlockLimits;
import io.vellum.blockifier.block.ExecutedBlock;
import io.vellum.blockifier.execution.GasPrices;
import io.vellum.blockifier.block.Genesis;
import io.vellum.blockifier.block.GenesisAccount;
import io.vellum.blockifier.block.GenesisSpec;
import io.vellum.blockifier.block.GenesisLoader;
import io.vellum.blockifier.block.TransactionOutcome;
import io.vellum.blockifier.contracts.Multicall;
import io.vellum.blockifier.contracts.StandardContracts;
import io.vellum.blockifier.core.BlockNumber;
import io.vellum.blockifier.core.Call;
import io.vellum.blockifier.core.ChainId;
import io.vellum.blockifier.core.ContractAddress;
import io.vellum.blockifier.core.EntryPointSelector;
import io.vellum.blockifier.core.Nonce;
import io.vellum.blockifier.crypto.Ecdsa;
import io.vellum.blockifier.crypto.Felt;
import io.vellum.blockifier.crypto.Selectors;
import io.vellum.blockifier.execution.ExecutionConfig;
import io.vellum.blockifier.execution.TransactionExecutor;
import io.vellum.blockifier.state.InMemoryState;
import io.vellum.blockifier.transaction.AllResourceBounds;
import io.vellum.blockifier.transaction.ExecutableTransaction;
import io.vellum.blockifier.transaction.InvokeTransaction;
import io.vellum.blockifier.transaction.ResourceBounds;
import io.vellum.blockifier.transaction.V3Fields;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Block-building throughput of ERC20 STRK transfers through the account (validate, multicall execute, fee
 * transfer, receipt, bouncer), one thread, without the state root: each invocation builds one block of
 * {@value #TRANSFERS} transfers on the genesis state and takes its state diff. The score is transfers per
 * second. With {@code signatureChecks=true} every transaction's ECDSA signature is verified (the signed target
 * is 4,000/s on a 2-core machine); with {@code false} the same transactions skip verification (target
 * 100,000/s). Transactions are signed and hashed in {@code @Setup}, as they arrive at a node's block builder.
 *
 * <p>Run: {@code mvn -Pjmh -Djmh.module=blockifier -pl blockifier -am verify -DskipTests -Djmh.args="TransferBenchmark -f 1 -wi 3 -i 5"}
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@State(Scope.Thread)
@Fork(1)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
public class TransferBenchmark {
    static final int TRANSFERS = 2_000;
    private static final int ACCOUNTS = 64;
    private static final ChainId CHAIN_ID = ChainId.of("VELLUM_BENCH");

    @Param({"true", "false"})
    public boolean signatureChecks;

    private InMemoryState genesisState;
    private BlockContext context;
    private TransactionExecutor executor;
    private List<ExecutableTransaction> transfers;

    @Setup(Level.Trial)
    public void setUp() {
        BigInteger balance = BigInteger.TEN.pow(30);
        List<GenesisSpec.Accounts> accounts = List.of(
                new GenesisSpec.DerivedAccounts(Felt.fromHex("0xbe4c4"), ACCOUNTS, balance));
        Genesis genesis = Genesis.build(new GenesisSpec(CHAIN_ID, new GenesisSpec.FeeToken(
                GenesisLoader.STRK_ADDRESS, new GenesisSpec.Token(Felt.fromShortString("Starknet Token"),
                        Felt.fromShortString("STRK"), 18), Felt.ZERO),
                accounts, new GenesisSpec.Workload(false, false, false, Optional.empty())));
        genesisState = genesis.toState();
        ContractAddress token = genesis.contracts().feeToken();
        context = new BlockContext(BlockNumber.GENESIS.next(), 1_700_000_000L, ContractAddress.of(0x5e9),
                GasPrices.ofL2(1_000_000_000L), CHAIN_ID, token);
        executor = new TransactionExecutor(StandardContracts.registry(),
                ExecutionConfig.DEFAULT.withSignatureChecks(signatureChecks));
        V3Fields fields = V3Fields.of(AllResourceBounds.l2Only(ResourceBounds.of(1_000_000, 2_000_000_000L)), 0);
        EntryPointSelector transfer = new EntryPointSelector(Selectors.fromName("transfer"));
        transfers = new ArrayList<>(TRANSFERS);
        for (int i = 0; i < TRANSFERS; i++) {
            GenesisAccount sender = genesis.accounts().get(i % ACCOUNTS);
            GenesisAccount recipient = genesis.accounts().get((i * 7 + 1) % ACCOUNTS);
            Call call = new Call(token, transfer, List.of(recipient.address().value(), Felt.of(1_000 + i), Felt.ZERO));
            InvokeTransaction unsigned = new InvokeTransaction(sender.address(), Multicall.encode(call), List.of(),
                    Nonce.of(i / ACCOUNTS), fields, List.of());
            Felt hash = ExecutableTransaction.of(unsigned, CHAIN_ID).hash();
            transfers.add(ExecutableTransaction.of(
                    unsigned.withSignature(Ecdsa.sign(sender.privateKey(), hash).toFelts()), CHAIN_ID));
        }
        // Check once that every transfer is included and succeeds, so the benchmark measures the real path.
        ExecutedBlock block = buildBlock();
        if (block.transactionCount() != TRANSFERS || !block.rejected().isEmpty()
                || block.receipts().stream().anyMatch(receipt -> receipt.revertReason().isPresent())) {
            throw new IllegalStateException("the benchmark block is not all successful transfers: "
                    + block.transactionCount() + " included, " + block.rejected().size() + " rejected");
        }
    }

    private ExecutedBlock buildBlock() {
        BlockBuilder builder = new BlockBuilder(executor, genesisState, context, BlockLimits.DEFAULT);
        for (ExecutableTransaction transaction : transfers) {
            TransactionOutcome outcome = builder.offer(transaction);
            if (!(outcome instanceof TransactionOutcome.Included)) {
                throw new IllegalStateException("not included: " + outcome);
            }
        }
        builder.close(BlockCloseReason.NO_MORE_TRANSACTIONS);
        return builder.finish();
    }

    @Benchmark
    @OperationsPerInvocation(TRANSFERS)
    public ExecutedBlock transfers() {
        return buildBlock();
    }
}
