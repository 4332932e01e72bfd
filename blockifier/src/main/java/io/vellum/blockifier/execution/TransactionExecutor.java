package io.vellum.blockifier.execution;

import io.vellum.blockifier.core.ClassHash;
import io.vellum.blockifier.core.ContractAddress;
import io.vellum.blockifier.core.Nonce;
import io.vellum.blockifier.core.StorageKey;
import io.vellum.blockifier.crypto.Felt;
import io.vellum.blockifier.crypto.Selectors;
import io.vellum.blockifier.state.CachedState;
import io.vellum.blockifier.transaction.DeployAccountTransaction;
import io.vellum.blockifier.transaction.InvokeTransaction;
import io.vellum.blockifier.transaction.L1HandlerTransaction;
import io.vellum.blockifier.transaction.ResourceBounds;
import io.vellum.blockifier.transaction.Transaction;
import io.vellum.blockifier.transaction.TransactionType;
import io.vellum.blockifier.transaction.V3Fields;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Executes one transaction at a time on a {@link CachedState}, with Starknet's split between validation and
 * execution.
 *
 * <h2>Rejected or reverted</h2>
 * A transaction is <b>rejected</b> — not included, no state change at all, no fee — when it fails before its
 * execution starts: a size or bound check, the account missing, a wrong nonce, a balance below its fee bound, or
 * validation ({@code __validate__}, or for DEPLOY_ACCOUNT the constructor and {@code __validate_deploy__})
 * failing, including a bad signature or running out of gas while validating. It is <b>reverted</b> — included,
 * fee charged, nonce bumped, but every change its execution made rolled back — when {@code __execute__} (or an
 * L1 handler) fails, for whatever reason, or when after execution the account can no longer pay the actual fee.
 *
 * <h2>Phases of an INVOKE</h2>
 * <ol>
 *   <li>Stateless checks: calldata and signature lengths, no paymaster or account-deployment data, L2 max price
 *       per unit at least the block's L2 gas price, L2 max amount at least the intrinsic gas
 *       ({@link GasCosts#intrinsicGas}).</li>
 *   <li>The account is deployed with an account class; the nonce is the account's nonce; the fee-token balance
 *       covers the sum over all resources of max amount × max price per unit.</li>
 *   <li>{@code __validate__} runs (caller 0) on the L2 gas left after the intrinsic gas and must return
 *       {@code 'VALID'}.</li>
 *   <li>The nonce is bumped.</li>
 *   <li>{@code __execute__} runs on the gas left; on failure its changes are rolled back.</li>
 *   <li>Fee = gas used × min(L2 gas price + tip, max price per unit). If the account's balance is now below it,
 *       the execution is rolled back (reverted). The fee is paid with a real call of the fee token's
 *       {@code transfer} from the account to the sequencer; its {@code Transfer} event ends the receipt.</li>
 * </ol>
 * Gas used = the L2 max amount minus what is left, so running out of gas uses the whole bound. The bound is
 * capped at {@link ExecutionConfig#transactionL2GasMax()}; a transaction whose intrinsic gas alone is above that
 * cap is rejected as too large.
 *
 * <h2>DEPLOY_ACCOUNT</h2>
 * The same checks on the new address (nothing deployed there yet, nonce 0, a pre-funded balance); then the class
 * is deployed, its constructor runs, {@code __validate_deploy__(class_hash, salt, constructor_calldata...)}
 * checks the signature, the nonce becomes 1 and the fee is charged. Any failure rejects it; there is no revert.
 *
 * <h2>L1_HANDLER</h2>
 * No signature, no fee (paid on L1), no L2 nonce: the nonce is the L1 message nonce, part of the hash but neither
 * checked nor bumped here — the L1 core contract consumes each message once, and the transaction log admits each
 * hash once. The handler runs with caller 0 on at most {@link ExecutionConfig#transactionL2GasMax()} gas; if it
 * fails it is included as reverted.
 *
 * <h2>Failure model</h2>
 * {@link #execute} never throws for any transaction: every problem is a rejection or a revert. The one
 * exception is {@code StateReadException} from the state below, which passes through (the block cannot be
 * executed on unreadable state); the state is rolled back to how it was before the transaction first.
 *
 * <p>Thread-safe: it holds no state between transactions but a memo of storage addresses (a pure function,
 * in a concurrent map), so the same inputs always give the same result, whichever thread executes them.
 */
public final class TransactionExecutor {
    /** Cairo's short string 'VALID', what validation entry points return. */
    public static final Felt VALID = Felt.fromShortString("VALID");
    /** What a transaction's version field is for INVOKE and DEPLOY_ACCOUNT v3. */
    private static final Felt VERSION_3 = Felt.of(3);

    static final Felt VALIDATE_SELECTOR = Selectors.fromName("__validate__");
    static final Felt EXECUTE_SELECTOR = Selectors.fromName("__execute__");
    static final Felt VALIDATE_DEPLOY_SELECTOR = Selectors.fromName("__validate_deploy__");
    static final Felt TRANSFER_SELECTOR = Selectors.fromName("transfer");
    /** The fee token's balances, as the Cairo ERC20 lays them out: low at the address, high at address + 1. */
    static final StorageVariable FEE_TOKEN_BALANCES = StorageVariable.of("ERC20_balances");

    private final ContractRegistry registry;
    private final ExecutionConfig config;
    private final StorageAddressCache addresses = new StorageAddressCache();

    public TransactionExecutor(ContractRegistry registry, ExecutionConfig config) {
        this.registry = Objects.requireNonNull(registry, "registry");
        this.config = Objects.requireNonNull(config, "config");
    }

    public ContractRegistry registry() {
        return registry;
    }

    public ExecutionConfig config() {
        return config;
    }

    StorageAddressCache addresses() {
        return addresses;
    }

    /**
     * Executes a transaction whose hash is {@code transactionHash} (computed by the caller for the block's chain)
     * on {@code state}, in {@code block}. A rejected transaction leaves {@code state} exactly as it was.
     */
    public TransactionResult execute(CachedState state, BlockContext block, Transaction transaction,
            Felt transactionHash) {
        Objects.requireNonNull(state, "state");
        Objects.requireNonNull(block, "block");
        Objects.requireNonNull(transaction, "transaction");
        Objects.requireNonNull(transactionHash, "transactionHash");
        CachedState.Checkpoint before = state.checkpoint();
        TransactionResult result;
        try {
            if (transaction instanceof InvokeTransaction invoke) {
                result = executeInvoke(state, block, invoke, transactionHash);
            } else if (transaction instanceof DeployAccountTransaction deploy) {
                result = executeDeployAccount(state, block, deploy, transactionHash);
            } else if (transaction instanceof L1HandlerTransaction handler) {
                result = executeL1Handler(state, block, handler, transactionHash);
            } else {
                throw new IllegalStateException("unknown transaction kind: " + transaction.getClass());
            }
        } catch (RuntimeException unexpected) {
            state.rollback(before);
            throw unexpected;
        }
        if (result instanceof TransactionResult.Rejected) {
            state.rollback(before);
        }
        return result;
    }

    // -----------------------------------------------------------------------------------------------------
    // INVOKE

    private TransactionResult executeInvoke(CachedState state, BlockContext block, InvokeTransaction tx,
            Felt hash) {
        V3Fields fields = tx.fields();
        Rejection stateless = checkV3(block, fields, tx.calldata().size(), tx.signature().size(),
                tx.accountDeploymentData().size(), 0);
        if (stateless != null) {
            return rejected(stateless);
        }
        ContractAddress sender = tx.senderAddress();
        ClassHash classHash = state.classHashAt(sender);
        if (classHash.isZero()) {
            return rejected(RejectionCode.ACCOUNT_NOT_DEPLOYED, "no account is deployed at " + sender);
        }
        NativeContract account = registry.get(classHash);
        if (account == null || !account.isAccount()) {
            return rejected(RejectionCode.NOT_AN_ACCOUNT, "the contract at " + sender + " (class " + classHash
                    + ") is not an account");
        }
        Rejection stateful = checkNonceAndBalance(state, block, sender, tx.nonce(), fields);
        if (stateful != null) {
            return rejected(stateful);
        }

        long gasBound = maxL2Amount(fields);
        TransactionInfo info = new TransactionInfo(hash, tx.signature(), sender, tx.nonce(), VERSION_3,
                fields.resourceBounds(), fields.tip(), block.chainId());
        TransactionRun run = new TransactionRun(this, state, block, info,
                gasBound - intrinsicGas(tx.calldata().size(), tx.signature().size(), 0));

        Rejection invalid = validate(run, sender, VALIDATE_SELECTOR, tx.calldata(), "__validate__");
        if (invalid != null) {
            return rejected(invalid);
        }
        bumpNonce(run, sender, tx.nonce());

        TransactionRun.Mark beforeExecution = run.mark();
        String revertReason = null;
        try {
            run.invoke(sender, ContractAddress.of(0), EntryPointType.EXTERNAL, EXECUTE_SELECTOR, tx.calldata(), 1);
        } catch (ExecutionException failure) {
            revertReason = failure.revertReason();
        }
        long gasUsed = gasBound - run.gasRemaining();
        BigInteger fee = BigInteger.valueOf(gasUsed).multiply(pricePerUnit(block, fields));
        if (revertReason == null) {
            U256 balance = feeTokenBalance(state, block, sender);
            if (balance.compareTo(U256.of(fee)) < 0) {
                ExecutionException failure = new ExecutionException(
                        new ExecutionError.InsufficientBalance(sender, balance.value(), fee));
                failure.addFrame("actual fee");
                revertReason = failure.revertReason();
            }
        }
        if (revertReason != null) {
            run.rollback(beforeExecution);
        }
        Rejection feeFailure = chargeFee(run, sender, fee);
        if (feeFailure != null) {
            return rejected(feeFailure);
        }
        return executed(run, hash, TransactionType.INVOKE, fee, revertReason, gasUsed);
    }

    // -----------------------------------------------------------------------------------------------------
    // DEPLOY_ACCOUNT

    private TransactionResult executeDeployAccount(CachedState state, BlockContext block,
            DeployAccountTransaction tx, Felt hash) {
        V3Fields fields = tx.fields();
        Rejection stateless = checkV3(block, fields, tx.constructorCalldata().size(), tx.signature().size(), 0,
                config.gasCosts().deployGas());
        if (stateless != null) {
            return rejected(stateless);
        }
        NativeContract account = registry.get(tx.classHash());
        if (account == null || !account.isAccount()) {
            return rejected(RejectionCode.NOT_AN_ACCOUNT, "class " + tx.classHash() + " is not an account class");
        }
        ContractAddress address = tx.contractAddress();
        ClassHash deployed = state.classHashAt(address);
        if (!deployed.isZero()) {
            return rejected(RejectionCode.CONTRACT_ALREADY_DEPLOYED, "a contract of class " + deployed
                    + " is already deployed at " + address);
        }
        Rejection stateful = checkNonceAndBalance(state, block, address, tx.nonce(), fields);
        if (stateful != null) {
            return rejected(stateful);
        }

        long gasBound = maxL2Amount(fields);
        TransactionInfo info = new TransactionInfo(hash, tx.signature(), address, tx.nonce(), VERSION_3,
                fields.resourceBounds(), fields.tip(), block.chainId());
        TransactionRun run = new TransactionRun(this, state, block, info, gasBound
                - intrinsicGas(tx.constructorCalldata().size(), tx.signature().size(), config.gasCosts().deployGas()));

        state.setClassHash(address, tx.classHash());
        run.recordWrite(new TransactionRun.ClassEntry(address));
        try {
            run.construct(address, ContractAddress.of(0), account, tx.constructorCalldata(), 1);
        } catch (ExecutionException failure) {
            return rejected(RejectionCode.VALIDATION_FAILED, "constructor failed: " + failure.revertReason());
        }
        List<Felt> validateCalldata = new ArrayList<>(2 + tx.constructorCalldata().size());
        validateCalldata.add(tx.classHash().value());
        validateCalldata.add(tx.contractAddressSalt());
        validateCalldata.addAll(tx.constructorCalldata());
        Rejection invalid = validate(run, address, VALIDATE_DEPLOY_SELECTOR, validateCalldata,
                "__validate_deploy__");
        if (invalid != null) {
            return rejected(invalid);
        }
        bumpNonce(run, address, tx.nonce());

        long gasUsed = gasBound - run.gasRemaining();
        BigInteger fee = BigInteger.valueOf(gasUsed).multiply(pricePerUnit(block, fields));
        Rejection feeFailure = chargeFee(run, address, fee);
        if (feeFailure != null) {
            return rejected(feeFailure);
        }
        return executed(run, hash, TransactionType.DEPLOY_ACCOUNT, fee, null, gasUsed);
    }

    // -----------------------------------------------------------------------------------------------------
    // L1_HANDLER

    private TransactionResult executeL1Handler(CachedState state, BlockContext block, L1HandlerTransaction tx,
            Felt hash) {
        if (tx.calldata().size() > config.calldataLengthMax()) {
            return rejected(RejectionCode.TRANSACTION_FIELD_TOO_LONG, "calldata has " + tx.calldata().size()
                    + " felts, at most " + config.calldataLengthMax() + " allowed");
        }
        long intrinsic = intrinsicGas(tx.calldata().size(), 0, 0);
        long gasBound = config.transactionL2GasMax();
        if (intrinsic > gasBound) {
            return rejected(RejectionCode.TRANSACTION_TOO_LARGE, "the L1 handler's size requires " + intrinsic
                    + " L2 gas, above the per-transaction limit " + gasBound);
        }
        TransactionInfo info = new TransactionInfo(hash, List.of(), tx.contractAddress(), tx.nonce(), Felt.ZERO,
                io.vellum.blockifier.transaction.AllResourceBounds.l2Only(ResourceBounds.ZERO), Felt.ZERO,
                block.chainId());
        TransactionRun run = new TransactionRun(this, state, block, info, gasBound - intrinsic);
        TransactionRun.Mark beforeExecution = run.mark();
        String revertReason = null;
        try {
            run.invoke(tx.contractAddress(), ContractAddress.of(0), EntryPointType.L1_HANDLER,
                    tx.entryPointSelector().value(), tx.calldata(), 1);
        } catch (ExecutionException failure) {
            revertReason = failure.revertReason();
            run.rollback(beforeExecution);
        }
        long gasUsed = gasBound - run.gasRemaining();
        return executed(run, hash, TransactionType.L1_HANDLER, BigInteger.ZERO, revertReason, gasUsed);
    }

    // -----------------------------------------------------------------------------------------------------
    // Read-only calls.

    /**
     * Runs entry point {@code selector} of the contract at {@code contract} as a view call (Starknet's
     * {@code starknet_call}): caller 0, no transaction (hash, signature and nonce zero), on at most
     * {@link ExecutionConfig#transactionL2GasMax()} gas. Writes land in {@code state}, which the caller discards.
     *
     * @return what the entry point returned
     * @throws ExecutionException the call failed: unknown contract or selector, out of gas, a failure inside
     */
    public List<Felt> call(CachedState state, BlockContext block, ContractAddress contract, Felt selector,
            List<Felt> calldata) {
        Objects.requireNonNull(state, "state");
        Objects.requireNonNull(block, "block");
        Objects.requireNonNull(contract, "contract");
        Objects.requireNonNull(selector, "selector");
        Objects.requireNonNull(calldata, "calldata");
        TransactionInfo info = new TransactionInfo(Felt.ZERO, List.of(), ContractAddress.of(0), Nonce.ZERO,
                Felt.ZERO, io.vellum.blockifier.transaction.AllResourceBounds.l2Only(ResourceBounds.ZERO), Felt.ZERO,
                block.chainId());
        TransactionRun run = new TransactionRun(this, state, block, info, config.transactionL2GasMax());
        return run.invoke(contract, ContractAddress.of(0), EntryPointType.EXTERNAL, selector, calldata, 1);
    }

    // -----------------------------------------------------------------------------------------------------
    // Shared steps.

    /** The intrinsic gas: what a transaction's size costs before any code runs. */
    public long intrinsicGas(int calldataFelts, int signatureFelts, long deployGas) {
        return config.gasCosts().intrinsicGas(calldataFelts, signatureFelts) + deployGas;
    }

    private Rejection checkV3(BlockContext block, V3Fields fields, int calldataFelts, int signatureFelts,
            int accountDeploymentDataFelts, long deployGas) {
        if (calldataFelts > config.calldataLengthMax()) {
            return new Rejection(RejectionCode.TRANSACTION_FIELD_TOO_LONG, "calldata has " + calldataFelts
                    + " felts, at most " + config.calldataLengthMax() + " allowed");
        }
        if (signatureFelts > config.signatureLengthMax()) {
            return new Rejection(RejectionCode.TRANSACTION_FIELD_TOO_LONG, "signature has " + signatureFelts
                    + " felts, at most " + config.signatureLengthMax() + " allowed");
        }
        if (!fields.paymasterData().isEmpty()) {
            return new Rejection(RejectionCode.UNSUPPORTED_FEATURE, "paymaster data is not supported");
        }
        if (accountDeploymentDataFelts != 0) {
            return new Rejection(RejectionCode.UNSUPPORTED_FEATURE, "account deployment data is not supported");
        }
        ResourceBounds l2 = fields.resourceBounds().l2Gas();
        if (l2.maxPricePerUnit().compareTo(block.l2GasPriceFri()) < 0) {
            return new Rejection(RejectionCode.MAX_L2_GAS_PRICE_TOO_LOW, "L2 gas max price per unit "
                    + l2.maxPricePerUnit().toBigInteger() + " is below the block's L2 gas price "
                    + block.l2GasPriceFri().toBigInteger());
        }
        long intrinsic = intrinsicGas(calldataFelts, signatureFelts, deployGas);
        if (intrinsic > config.transactionL2GasMax()) {
            return new Rejection(RejectionCode.TRANSACTION_TOO_LARGE, "the transaction's size requires " + intrinsic
                    + " L2 gas, above the per-transaction limit " + config.transactionL2GasMax());
        }
        if (l2.maxAmount().compareTo(Felt.of(intrinsic)) < 0) {
            return new Rejection(RejectionCode.MAX_L2_GAS_AMOUNT_TOO_LOW, "L2 gas max amount "
                    + l2.maxAmount().toBigInteger() + " is below the " + intrinsic
                    + " the transaction's size requires");
        }
        return null;
    }

    private Rejection checkNonceAndBalance(CachedState state, BlockContext block, ContractAddress account,
            Nonce nonce, V3Fields fields) {
        Nonce expected = state.nonceAt(account);
        if (!expected.equals(nonce)) {
            return new Rejection(RejectionCode.INVALID_NONCE, "account " + account + " expects nonce "
                    + expected.value().toBigInteger() + ", the transaction has " + nonce.value().toBigInteger());
        }
        BigInteger maxFee = maxFee(fields.resourceBounds());
        U256 balance = feeTokenBalance(state, block, account);
        if (balance.compareTo(U256.of(maxFee)) < 0) {
            return new Rejection(RejectionCode.INSUFFICIENT_BALANCE_FOR_FEE_BOUND, "balance " + balance
                    + " of " + account + " is below the fee bound " + maxFee);
        }
        return null;
    }

    /** Runs a validation entry point; null when it returned 'VALID', otherwise why the transaction is rejected. */
    private Rejection validate(TransactionRun run, ContractAddress account, Felt selector, List<Felt> calldata,
            String entryPointName) {
        List<Felt> result;
        try {
            result = run.invoke(account, ContractAddress.of(0), EntryPointType.EXTERNAL, selector, calldata, 1);
        } catch (ExecutionException failure) {
            RejectionCode code = failure.error() instanceof ExecutionError.InvalidSignature
                    ? RejectionCode.INVALID_SIGNATURE
                    : RejectionCode.VALIDATION_FAILED;
            return new Rejection(code, entryPointName + " failed: " + failure.revertReason());
        }
        if (result.size() != 1 || !result.get(0).equals(VALID)) {
            return new Rejection(RejectionCode.VALIDATION_FAILED, entryPointName + " returned " + result
                    + " instead of ['VALID']");
        }
        return null;
    }

    private void bumpNonce(TransactionRun run, ContractAddress account, Nonce nonce) {
        run.state.setNonce(account, nonce.next());
        run.recordWrite(new TransactionRun.NonceEntry(account));
    }

    /**
     * Pays the fee: the fee token's {@code transfer(sequencer, fee)} called by the account, outside the
     * transaction's gas bound. Null on success (or a zero fee, which transfers nothing).
     */
    private Rejection chargeFee(TransactionRun run, ContractAddress account, BigInteger fee) {
        if (fee.signum() == 0) {
            return null;
        }
        U256 amount = U256.of(fee);
        long gasLeft = run.gasRemaining();
        run.setGasRemaining(Long.MAX_VALUE);
        run.setLimitsEnforced(false);
        try {
            run.invoke(run.block.feeTokenAddress(), account, EntryPointType.EXTERNAL, TRANSFER_SELECTOR,
                    List.of(run.block.sequencerAddress().value(), amount.low(), amount.high()), 1);
        } catch (ExecutionException failure) {
            return new Rejection(RejectionCode.FEE_TRANSFER_FAILED, "the fee transfer of " + fee + " from "
                    + account + " failed: " + failure.revertReason());
        } finally {
            run.setGasRemaining(gasLeft);
            run.setLimitsEnforced(true);
        }
        return null;
    }

    private TransactionResult executed(TransactionRun run, Felt hash, TransactionType type, BigInteger fee,
            String revertReason, long gasUsed) {
        boolean reverted = revertReason != null;
        Receipt receipt = new Receipt(hash, type, Felt.fromBigInteger(fee),
                reverted ? ExecutionStatus.REVERTED : ExecutionStatus.SUCCEEDED,
                Optional.ofNullable(revertReason), run.events, run.messages, GasConsumed.l2(gasUsed));
        ResourceUsage usage = new ResourceUsage(gasUsed, run.events.size(), run.writtenEntryCount(),
                run.messages.size());
        return new TransactionResult.Executed(receipt, usage);
    }

    /** The transaction's L2 gas bound, capped at the per-transaction limit. */
    private long maxL2Amount(V3Fields fields) {
        Felt amount = fields.resourceBounds().l2Gas().maxAmount();
        long bound = amount.fitsBits(63) ? amount.longValueExact() : Long.MAX_VALUE;
        return Math.min(bound, config.transactionL2GasMax());
    }

    /** min(L2 gas price + tip, max price per unit): what each unit of L2 gas is charged. */
    private static BigInteger pricePerUnit(BlockContext block, V3Fields fields) {
        BigInteger price = integer(block.l2GasPriceFri()).add(integer(fields.tip()));
        BigInteger maxPrice = integer(fields.resourceBounds().l2Gas().maxPricePerUnit());
        return price.min(maxPrice);
    }

    /**
     * The sum over the resources present of max amount × max price per unit: the most the transaction may pay
     * ({@link io.vellum.blockifier.transaction.AllResourceBounds#maxFee()}, computed here without its slower
     * conversions).
     */
    private static BigInteger maxFee(io.vellum.blockifier.transaction.AllResourceBounds bounds) {
        BigInteger total = boundFee(bounds.l1Gas()).add(boundFee(bounds.l2Gas()));
        return bounds.l1DataGas().isPresent() ? total.add(boundFee(bounds.l1DataGas().get())) : total;
    }

    private static BigInteger boundFee(ResourceBounds bound) {
        return integer(bound.maxAmount()).multiply(integer(bound.maxPricePerUnit()));
    }

    /** The value of a felt as a {@code BigInteger}, by way of its bytes. */
    private static BigInteger integer(Felt value) {
        return value.fitsBits(63) ? BigInteger.valueOf(value.longValueExact()) : new BigInteger(1, value.toBytes());
    }

    /** The fee-token balance of {@code account}, read directly from the token's storage (not charged). */
    U256 feeTokenBalance(CachedState state, BlockContext block, ContractAddress account) {
        StorageKey low = addresses.address(FEE_TOKEN_BALANCES, account.value());
        ContractAddress token = block.feeTokenAddress();
        Felt lowValue = state.storageAt(token, low);
        Felt highValue = state.storageAt(token, low.plus(1));
        if (!lowValue.fitsBits(128) || !highValue.fitsBits(128)) {
            // A corrupt balance cannot cover anything: treat it as zero rather than fail.
            return U256.ZERO;
        }
        return U256.fromParts(lowValue, highValue, "balance");
    }

    private static TransactionResult rejected(Rejection rejection) {
        return new TransactionResult.Rejected(rejection);
    }

    private static TransactionResult rejected(RejectionCode code, String message) {
        return new TransactionResult.Rejected(new Rejection(code, message));
    }
}
