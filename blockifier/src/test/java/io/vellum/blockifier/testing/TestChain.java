package io.vellum.blockifier.testing;

import io.vellum.blockifier.execution.BlockContext;
import io.vellum.blockifier.block.BlockLimits;
import io.vellum.blockifier.block.ExecutedBlock;
import io.vellum.blockifier.block.BlockBuilder;
import io.vellum.blockifier.block.BlockCloseReason;
import io.vellum.blockifier.execution.GasPrices;
import io.vellum.blockifier.block.Genesis;
import io.vellum.blockifier.block.GenesisAccount;
import io.vellum.blockifier.block.GenesisLoader;
import io.vellum.blockifier.block.GenesisSpec;
import io.vellum.blockifier.contracts.Multicall;
import io.vellum.blockifier.core.BlockNumber;
import io.vellum.blockifier.core.Call;
import io.vellum.blockifier.core.ChainId;
import io.vellum.blockifier.core.ClassHash;
import io.vellum.blockifier.core.ContractAddress;
import io.vellum.blockifier.core.EntryPointSelector;
import io.vellum.blockifier.core.Nonce;
import io.vellum.blockifier.core.StorageKey;
import io.vellum.blockifier.crypto.Ecdsa;
import io.vellum.blockifier.crypto.Felt;
import io.vellum.blockifier.crypto.Selectors;
import io.vellum.blockifier.execution.ContractRegistry;
import io.vellum.blockifier.execution.ExecutionConfig;
import io.vellum.blockifier.execution.TransactionExecutor;
import io.vellum.blockifier.state.InMemoryState;
import io.vellum.blockifier.state.StateDiff;
import io.vellum.blockifier.state.StateReader;
import io.vellum.blockifier.transaction.AllResourceBounds;
import io.vellum.blockifier.transaction.ExecutableTransaction;
import io.vellum.blockifier.transaction.InvokeTransaction;
import io.vellum.blockifier.transaction.ResourceBounds;
import io.vellum.blockifier.transaction.Transaction;
import io.vellum.blockifier.transaction.V3Fields;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.TreeMap;

/**
 * A small chain for execution tests: a genesis with accounts whose private keys are 1001, 1002, ..., the STRK
 * fee token, the workload contracts and a {@link ProbeContract}; a block context at L2 gas price
 * {@link #L2_GAS_PRICE}; and helpers to build signed transactions. The state is an {@link InMemoryState} that
 * tests may commit blocks to.
 */
public final class TestChain {
    public static final ChainId CHAIN_ID = ChainId.of("VELLUM_TEST");
    public static final long L2_GAS_PRICE = 3;
    public static final ContractAddress SEQUENCER = ContractAddress.of(0x5e9);
    /** The default L2 gas bound of test transactions: enough for any single call in the tests. */
    public static final long DEFAULT_MAX_L2_GAS = 3_000_000;
    /** The default max price per unit: above the block price so a tip can be paid. */
    public static final long DEFAULT_MAX_PRICE = 5;
    public static final BigInteger DEFAULT_BALANCE = new BigInteger("1000000000000");
    public static final ContractAddress PROBE = ContractAddress.of(0x9806e);
    public static final Felt L1_BRIDGE = Felt.fromHex("0xb1d9e0");

    public final Genesis genesis;
    public final InMemoryState state;
    public final ExecutionConfig config;
    public final ContractRegistry registry;
    public final TransactionExecutor executor;
    private BlockContext context;

    private TestChain(Genesis genesis, ExecutionConfig config) {
        this.genesis = genesis;
        this.config = config;
        this.state = genesis.toState();
        // The probe: deployed next to the genesis contracts, test-only.
        TreeMap<ContractAddress, ClassHash> deployed = new TreeMap<>();
        deployed.put(PROBE, ProbeContract.CLASS_HASH);
        state.apply(new StateDiff(new TreeMap<>(), new TreeMap<>(), deployed, new TreeMap<>()));
        List<io.vellum.blockifier.execution.NativeContract> classes =
                new ArrayList<>(io.vellum.blockifier.contracts.StandardContracts.registry().classes());
        classes.add(new ProbeContract());
        this.registry = ContractRegistry.of(classes);
        this.executor = new TransactionExecutor(registry, config);
        this.context = new BlockContext(BlockNumber.GENESIS.next(), 1_700_000_000L, SEQUENCER,
                GasPrices.ofL2(L2_GAS_PRICE), CHAIN_ID, genesis.contracts().feeToken());
    }

    /** {@code accounts} accounts with the default balance, every workload contract, signatures checked. */
    public static TestChain create(int accounts) {
        return create(accounts, DEFAULT_BALANCE, ExecutionConfig.DEFAULT);
    }

    public static TestChain create(int accounts, BigInteger balance, ExecutionConfig config) {
        List<GenesisSpec.Accounts> specs = new ArrayList<>();
        for (int i = 0; i < accounts; i++) {
            specs.add(new GenesisSpec.ListedAccount(Felt.of(1001 + i), balance));
        }
        GenesisSpec spec = new GenesisSpec(CHAIN_ID,
                new GenesisSpec.FeeToken(GenesisLoader.STRK_ADDRESS, new GenesisSpec.Token(
                        Felt.fromShortString("Starknet Token"), Felt.fromShortString("STRK"), 18), L1_BRIDGE),
                specs,
                new GenesisSpec.Workload(true, true, true, Optional.of(new GenesisSpec.SwapPool(
                        new GenesisSpec.Token(Felt.fromShortString("Vellum USD"), Felt.fromShortString("VUSD"), 18),
                        BigInteger.valueOf(1_000_000), BigInteger.valueOf(2_000_000), 30,
                        BigInteger.valueOf(10_000_000)))));
        return new TestChain(Genesis.build(spec), config);
    }

    // -----------------------------------------------------------------------------------------------------
    // Addresses.

    public GenesisAccount account(int index) {
        return genesis.accounts().get(index);
    }

    public ContractAddress feeToken() {
        return genesis.contracts().feeToken();
    }

    public ContractAddress counter() {
        return genesis.contracts().counter().orElseThrow();
    }

    public ContractAddress keyValue() {
        return genesis.contracts().keyValue().orElseThrow();
    }

    public ContractAddress gasBurner() {
        return genesis.contracts().gasBurner().orElseThrow();
    }

    public ContractAddress swapPool() {
        return genesis.contracts().swapPool().orElseThrow();
    }

    public ContractAddress swapToken() {
        return genesis.contracts().swapToken().orElseThrow();
    }

    public BlockContext context() {
        return context;
    }

    public void setContext(BlockContext newContext) {
        context = newContext;
    }

    // -----------------------------------------------------------------------------------------------------
    // Transactions.

    public static Call call(ContractAddress to, String entryPoint, Felt... calldata) {
        return new Call(to, new EntryPointSelector(Selectors.fromName(entryPoint)), List.of(calldata));
    }

    public static Call call(ContractAddress to, String entryPoint, List<Felt> calldata) {
        return new Call(to, new EntryPointSelector(Selectors.fromName(entryPoint)), calldata);
    }

    /** ERC20 {@code transfer(recipient, amount)} on {@code token}. */
    public static Call transferCall(ContractAddress token, ContractAddress recipient, BigInteger amount) {
        return call(token, "transfer", recipient.value(), low(amount), high(amount));
    }

    public static Felt low(BigInteger amount) {
        return Felt.fromBigInteger(amount.and(BigInteger.ONE.shiftLeft(128).subtract(BigInteger.ONE)));
    }

    public static Felt high(BigInteger amount) {
        return Felt.fromBigInteger(amount.shiftRight(128));
    }

    public static V3Fields fields(long maxL2Gas, long maxPricePerUnit, long tip) {
        return V3Fields.of(AllResourceBounds.l2Only(ResourceBounds.of(maxL2Gas, maxPricePerUnit)), tip);
    }

    public static V3Fields defaultFields() {
        return fields(DEFAULT_MAX_L2_GAS, DEFAULT_MAX_PRICE, 0);
    }

    /** A signed INVOKE of these calls with default bounds. */
    public ExecutableTransaction invoke(GenesisAccount from, long nonce, Call... calls) {
        return invoke(from, nonce, defaultFields(), List.of(calls));
    }

    /** A signed INVOKE of these calls. */
    public ExecutableTransaction invoke(GenesisAccount from, long nonce, V3Fields fields, List<Call> calls) {
        return invokeRaw(from.address(), from.privateKey(), nonce, fields, Multicall.encode(calls));
    }

    /** A signed INVOKE with raw calldata (signed with {@code privateKey}, which may be the wrong one). */
    public ExecutableTransaction invokeRaw(ContractAddress sender, Felt privateKey, long nonce, V3Fields fields,
            List<Felt> calldata) {
        InvokeTransaction unsigned = new InvokeTransaction(sender, calldata, List.of(), Nonce.of(nonce), fields,
                List.of());
        return sign(unsigned, privateKey);
    }

    /** The transaction signed with {@code privateKey} over its hash on this chain. */
    public static ExecutableTransaction sign(InvokeTransaction transaction, Felt privateKey) {
        Felt hash = ExecutableTransaction.of(transaction, CHAIN_ID).hash();
        InvokeTransaction signed = transaction.withSignature(Ecdsa.sign(privateKey, hash).toFelts());
        return ExecutableTransaction.of(signed, CHAIN_ID);
    }

    /** The transaction hashed for this chain, unsigned as it is. */
    public static ExecutableTransaction executable(Transaction transaction) {
        return ExecutableTransaction.of(transaction, CHAIN_ID);
    }

    /** A signed ERC20 STRK transfer with default bounds. */
    public ExecutableTransaction transfer(GenesisAccount from, ContractAddress to, BigInteger amount, long nonce) {
        return invoke(from, nonce, transferCall(feeToken(), to, amount));
    }

    // -----------------------------------------------------------------------------------------------------
    // Blocks and reads.

    /** A builder on the current state, with the current context and default limits. */
    public BlockBuilder builder() {
        return builder(BlockLimits.DEFAULT);
    }

    public BlockBuilder builder(BlockLimits limits) {
        return new BlockBuilder(executor, state, context, limits);
    }

    /** Executes the transactions as one block on the current state, commits it, and moves to the next block. */
    public ExecutedBlock commitBlock(List<ExecutableTransaction> transactions) {
        ExecutedBlock block = BlockBuilder.execute(executor, state, context, BlockLimits.DEFAULT, transactions,
                BlockCloseReason.NO_MORE_TRANSACTIONS);
        state.apply(block.stateDiff());
        context = context.next(context.timestampSeconds() + 1);
        return block;
    }

    /**
     * What a view returns, as a client would see it: account 0 calls the {@link ProbeContract}, which calls
     * {@code target} and emits the result. The block is executed on the current state but not committed.
     */
    public List<Felt> view(ContractAddress target, String entryPoint, Felt... arguments) {
        List<Felt> probeCalldata = new ArrayList<>();
        probeCalldata.add(target.value());
        probeCalldata.add(Selectors.fromName(entryPoint));
        probeCalldata.add(Felt.of(arguments.length));
        probeCalldata.addAll(List.of(arguments));
        GenesisAccount viewer = account(0);
        ExecutableTransaction transaction = invoke(viewer, state.nonceAt(viewer.address()).value().longValueExact(),
                call(PROBE, "call_and_emit", probeCalldata));
        ExecutedBlock block = BlockBuilder.execute(executor, state, context, BlockLimits.DEFAULT,
                List.of(transaction), BlockCloseReason.NO_MORE_TRANSACTIONS);
        if (block.included().isEmpty()) {
            throw new AssertionError("view " + entryPoint + " rejected: " + block.rejected());
        }
        var receipt = block.receipts().get(0);
        if (receipt.revertReason().isPresent()) {
            throw new AssertionError("view " + entryPoint + " reverted: " + receipt.revertReason().get());
        }
        return receipt.events().stream().filter(event -> event.keys().equals(List.of(ProbeContract.PROBED_EVENT)))
                .findFirst().orElseThrow().data();
    }

    /** The STRK balance of {@code account} in {@code reader}. */
    public BigInteger balance(StateReader reader, ContractAddress account) {
        return tokenBalance(reader, feeToken(), account);
    }

    public static BigInteger tokenBalance(StateReader reader, ContractAddress token, ContractAddress account) {
        StorageKey low = new StorageKey(Selectors.storageVarAddress("ERC20_balances", account.value()));
        return u256(reader, token, low);
    }

    public static BigInteger totalSupply(StateReader reader, ContractAddress token) {
        return u256(reader, token, new StorageKey(Selectors.storageVarAddress("ERC20_total_supply")));
    }

    public static BigInteger u256(StateReader reader, ContractAddress contract, StorageKey low) {
        BigInteger lowValue = reader.storageAt(contract, low).toBigInteger();
        BigInteger highValue = reader.storageAt(contract, low.plus(1)).toBigInteger();
        return highValue.shiftLeft(128).or(lowValue);
    }

    public static Felt storage(StateReader reader, ContractAddress contract, String variable, Felt... keys) {
        return reader.storageAt(contract, new StorageKey(Selectors.storageVarAddress(variable, keys)));
    }
}
