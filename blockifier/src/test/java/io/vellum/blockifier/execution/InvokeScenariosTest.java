package io.vellum.blockifier.execution;

import static io.vellum.blockifier.testing.TestChain.call;
import static io.vellum.blockifier.testing.TestChain.transferCall;
import static org.assertj.core.api.Assertions.assertThat;

import io.vellum.blockifier.block.BlockBuilder;
import io.vellum.blockifier.block.ExecutedBlock;
import io.vellum.blockifier.block.GenesisAccount;
import io.vellum.blockifier.block.TransactionOutcome;
import io.vellum.blockifier.core.ContractAddress;
import io.vellum.blockifier.core.Nonce;
import io.vellum.blockifier.crypto.Felt;
import io.vellum.blockifier.crypto.Selectors;
import io.vellum.blockifier.state.StateDiff;
import io.vellum.blockifier.testing.TestChain;
import io.vellum.blockifier.transaction.ExecutableTransaction;
import java.math.BigInteger;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * INVOKE scenarios, one per outcome, with balances, nonces and fees computed by hand from the gas table: every
 * expected gas figure below is a count of operations times their cost in {@link GasCosts#DEFAULT}.
 */
class InvokeScenariosTest {
    private static final GasCosts GAS = GasCosts.DEFAULT;
    private static final long PRICE = TestChain.L2_GAS_PRICE;
    private static final Felt TRANSFER_KEY = Selectors.fromName("Transfer");

    /** A one-call multicall of an ERC20 transfer: [1, to, selector, 3, recipient, low, high]. */
    private static final int TRANSFER_CALLDATA_FELTS = 7;
    private static final long TRANSFER_INTRINSIC_GAS =
            GAS.transactionBaseGas() + TRANSFER_CALLDATA_FELTS * GAS.calldataFeltGas() + 2 * GAS.signatureFeltGas();
    /** __validate__: read the public key, check the signature. */
    private static final long VALIDATE_GAS = GAS.storageReadGas() + GAS.signatureCheckGas();
    /** The token call, two u256 balances read and written (four cells each way), one Transfer event. */
    private static final long TRANSFER_EXECUTE_GAS = GAS.contractCallGas() + 4 * GAS.storageReadGas()
            + 4 * GAS.storageWriteGas() + GAS.eventGas() + GAS.eventKeyFeltGas() + 4 * GAS.eventDataFeltGas();

    @Test
    void theGasTableGivesTheDocumentedTransferCost() {
        // docs/execution.md quotes this figure; if the table changes, the documentation must change with it.
        assertThat(TRANSFER_INTRINSIC_GAS + VALIDATE_GAS + TRANSFER_EXECUTE_GAS).isEqualTo(337_000);
    }

    @Test
    void aValidTransferMovesTheAmountPaysTheSequencerAndBumpsTheNonce() {
        TestChain chain = TestChain.create(2);
        GenesisAccount sender = chain.account(0);
        GenesisAccount recipient = chain.account(1);
        BigInteger amount = BigInteger.valueOf(12_345);

        BlockBuilder builder = chain.builder();
        TransactionOutcome outcome = builder.offer(chain.transfer(sender, recipient.address(), amount, 0));

        assertThat(outcome).isInstanceOf(TransactionOutcome.Included.class);
        Receipt receipt = ((TransactionOutcome.Included) outcome).included().receipt();
        long gas = TRANSFER_INTRINSIC_GAS + VALIDATE_GAS + TRANSFER_EXECUTE_GAS;
        BigInteger fee = BigInteger.valueOf(gas * PRICE);
        assertThat(receipt.status()).isEqualTo(ExecutionStatus.SUCCEEDED);
        assertThat(receipt.revertReason()).isEmpty();
        assertThat(receipt.gasConsumed()).isEqualTo(GasConsumed.l2(gas));
        assertThat(receipt.actualFee()).isEqualTo(Felt.fromBigInteger(fee));
        assertThat(receipt.transactionHash()).isEqualTo(outcome.transaction().hash());
        assertThat(receipt.events()).containsExactly(
                transferEvent(chain, sender.address(), recipient.address(), amount),
                transferEvent(chain, sender.address(), TestChain.SEQUENCER, fee));

        builder.close(io.vellum.blockifier.block.BlockCloseReason.NO_MORE_TRANSACTIONS);
        ExecutedBlock block = builder.finish();
        chain.state.apply(block.stateDiff());
        assertThat(chain.balance(chain.state, sender.address()))
                .isEqualTo(TestChain.DEFAULT_BALANCE.subtract(amount).subtract(fee));
        assertThat(chain.balance(chain.state, recipient.address())).isEqualTo(TestChain.DEFAULT_BALANCE.add(amount));
        assertThat(chain.balance(chain.state, TestChain.SEQUENCER)).isEqualTo(fee);
        assertThat(chain.state.nonceAt(sender.address())).isEqualTo(Nonce.of(1));
        assertThat(chain.state.nonceAt(recipient.address())).isEqualTo(Nonce.ZERO);
        assertThat(block.l2GasUsed()).isEqualTo(gas);
        assertThat(block.eventCount()).isEqualTo(2);
    }

    @Test
    void aTipRaisesThePricePerUnitUpToTheMaxPrice() {
        TestChain chain = TestChain.create(2);
        long gas = TRANSFER_INTRINSIC_GAS + VALIDATE_GAS + TRANSFER_EXECUTE_GAS;
        // Price 3 + tip 1 = 4, below the max of 5.
        Receipt tipped = includedReceipt(chain, chain.invoke(chain.account(0), 0, TestChain.fields(3_000_000, 5, 1),
                List.of(transferCall(chain.feeToken(), chain.account(1).address(), BigInteger.ONE))));
        assertThat(tipped.actualFee()).isEqualTo(Felt.of(gas * 4));
        // Price 3 + tip 10 = 13, capped at the max price of 5.
        Receipt capped = includedReceipt(chain, chain.invoke(chain.account(1), 0, TestChain.fields(3_000_000, 5, 10),
                List.of(transferCall(chain.feeToken(), chain.account(0).address(), BigInteger.ONE))));
        assertThat(capped.actualFee()).isEqualTo(Felt.of(gas * 5));
    }

    @Test
    void aWrongNonceIsRejectedWithoutAnyStateChange() {
        TestChain chain = TestChain.create(2);
        BlockBuilder builder = chain.builder();
        TransactionOutcome tooHigh = builder.offer(chain.transfer(chain.account(0), chain.account(1).address(),
                BigInteger.TEN, 1));
        assertRejected(tooHigh, RejectionCode.INVALID_NONCE);
        assertThat(((TransactionOutcome.Rejected) tooHigh).rejected().rejection().message())
                .contains("expects nonce 0").contains("has 1");

        assertThat(builder.offer(chain.transfer(chain.account(0), chain.account(1).address(), BigInteger.TEN, 0)))
                .isInstanceOf(TransactionOutcome.Included.class);
        assertRejected(builder.offer(chain.transfer(chain.account(0), chain.account(1).address(), BigInteger.TEN, 0)),
                RejectionCode.INVALID_NONCE);
        builder.close(io.vellum.blockifier.block.BlockCloseReason.NO_MORE_TRANSACTIONS);
        ExecutedBlock block = builder.finish();
        assertThat(block.included()).hasSize(1);
        assertThat(block.rejected()).hasSize(2);
        assertThat(block.rejected().get(0).position()).isZero();
        assertThat(block.rejected().get(1).position()).isEqualTo(1);
    }

    @Test
    void aRejectedTransactionChangesNothing() {
        TestChain chain = TestChain.create(2);
        BlockBuilder builder = chain.builder();
        assertRejected(builder.offer(chain.transfer(chain.account(0), chain.account(1).address(), BigInteger.TEN, 7)),
                RejectionCode.INVALID_NONCE);
        builder.close(io.vellum.blockifier.block.BlockCloseReason.NO_MORE_TRANSACTIONS);
        assertThat(builder.finish().stateDiff()).isEqualTo(StateDiff.EMPTY);
        assertThat(builder.stateDiffEntries()).isZero();
    }

    @Test
    void aSignatureByAnotherKeyIsRejected() {
        TestChain chain = TestChain.create(2);
        GenesisAccount sender = chain.account(0);
        ExecutableTransaction forged = chain.invokeRaw(sender.address(), chain.account(1).privateKey(), 0,
                TestChain.defaultFields(), io.vellum.blockifier.contracts.Multicall.encode(
                        transferCall(chain.feeToken(), chain.account(1).address(), BigInteger.TEN)));
        TransactionOutcome outcome = chain.builder().offer(forged);
        assertRejected(outcome, RejectionCode.INVALID_SIGNATURE);
        assertThat(((TransactionOutcome.Rejected) outcome).rejected().rejection().message())
                .contains("__validate__").contains("INVALID_SIGNATURE");
    }

    @Test
    void aSignatureOfTheWrongLengthIsRejected() {
        TestChain chain = TestChain.create(2);
        ExecutableTransaction signed = chain.transfer(chain.account(0), chain.account(1).address(), BigInteger.TEN, 0);
        var invoke = (io.vellum.blockifier.transaction.InvokeTransaction) signed.transaction();
        List<Felt> three = List.of(invoke.signature().get(0), invoke.signature().get(1), Felt.ONE);
        assertRejected(chain.builder().offer(TestChain.executable(invoke.withSignature(three))),
                RejectionCode.INVALID_SIGNATURE);
        assertRejected(chain.builder().offer(TestChain.executable(invoke.withSignature(List.of()))),
                RejectionCode.INVALID_SIGNATURE);
    }

    @Test
    void withSignatureChecksOffAnUnsignedTransactionIsIncludedAndPaysTheSameFee() {
        TestChain chain = TestChain.create(2, TestChain.DEFAULT_BALANCE,
                ExecutionConfig.DEFAULT.withSignatureChecks(false));
        ExecutableTransaction unsigned = TestChain.executable(new io.vellum.blockifier.transaction.InvokeTransaction(
                chain.account(0).address(), io.vellum.blockifier.contracts.Multicall.encode(
                        transferCall(chain.feeToken(), chain.account(1).address(), BigInteger.TEN)),
                List.of(Felt.ONE, Felt.TWO), Nonce.ZERO, TestChain.defaultFields(), List.of()));
        Receipt receipt = includedReceipt(chain, unsigned);
        assertThat(receipt.status()).isEqualTo(ExecutionStatus.SUCCEEDED);
        assertThat(receipt.gasConsumed().l2Gas()).isEqualTo(TRANSFER_INTRINSIC_GAS + VALIDATE_GAS + TRANSFER_EXECUTE_GAS);
    }

    @Test
    void aBalanceBelowTheFeeBoundIsRejected() {
        // Max fee 3,000,000 × 5 = 15,000,000 > 14,999,999.
        TestChain chain = TestChain.create(2, BigInteger.valueOf(14_999_999), ExecutionConfig.DEFAULT);
        assertRejected(chain.builder().offer(chain.transfer(chain.account(0), chain.account(1).address(),
                BigInteger.ONE, 0)), RejectionCode.INSUFFICIENT_BALANCE_FOR_FEE_BOUND);
        // Exactly covered: accepted.
        TestChain exact = TestChain.create(2, BigInteger.valueOf(15_000_000), ExecutionConfig.DEFAULT);
        assertThat(exact.builder().offer(exact.transfer(exact.account(0), exact.account(1).address(),
                BigInteger.ONE, 0))).isInstanceOf(TransactionOutcome.Included.class);
    }

    @Test
    void theFeeBoundSumsEveryResourceNotOnlyL2Gas() {
        TestChain chain = TestChain.create(2, BigInteger.valueOf(20_000_000), ExecutionConfig.DEFAULT);
        // L2: 3,000,000 × 5 = 15,000,000; L1 gas: 1,000 × 6,000 = 6,000,000; total 21,000,000 > 20,000,000.
        var fields = io.vellum.blockifier.transaction.V3Fields.of(
                io.vellum.blockifier.transaction.AllResourceBounds.of(
                        io.vellum.blockifier.transaction.ResourceBounds.of(1_000, 6_000),
                        io.vellum.blockifier.transaction.ResourceBounds.of(3_000_000, 5),
                        io.vellum.blockifier.transaction.ResourceBounds.ZERO), 0);
        assertRejected(chain.builder().offer(chain.invoke(chain.account(0), 0, fields,
                List.of(transferCall(chain.feeToken(), chain.account(1).address(), BigInteger.ONE)))),
                RejectionCode.INSUFFICIENT_BALANCE_FOR_FEE_BOUND);
    }

    @Test
    void anL2PriceBelowTheBlockPriceIsRejected() {
        TestChain chain = TestChain.create(2);
        assertRejected(chain.builder().offer(chain.invoke(chain.account(0), 0,
                TestChain.fields(3_000_000, TestChain.L2_GAS_PRICE - 1, 0),
                List.of(transferCall(chain.feeToken(), chain.account(1).address(), BigInteger.ONE)))),
                RejectionCode.MAX_L2_GAS_PRICE_TOO_LOW);
    }

    @Test
    void anL2AmountBelowTheIntrinsicGasIsRejectedAndJustAboveItValidationRunsOutOfGas() {
        TestChain chain = TestChain.create(2);
        var calls = List.of(transferCall(chain.feeToken(), chain.account(1).address(), BigInteger.ONE));
        assertRejected(chain.builder().offer(chain.invoke(chain.account(0), 0,
                TestChain.fields(TRANSFER_INTRINSIC_GAS - 1, 5, 0), calls)), RejectionCode.MAX_L2_GAS_AMOUNT_TOO_LOW);
        TransactionOutcome starved = chain.builder().offer(chain.invoke(chain.account(0), 0,
                TestChain.fields(TRANSFER_INTRINSIC_GAS + VALIDATE_GAS - 1, 5, 0), calls));
        assertRejected(starved, RejectionCode.VALIDATION_FAILED);
        assertThat(((TransactionOutcome.Rejected) starved).rejected().rejection().message()).contains("OUT_OF_GAS");
    }

    @Test
    void anUndeployedSenderAndANonAccountSenderAreRejected() {
        TestChain chain = TestChain.create(2);
        assertRejected(chain.builder().offer(chain.invokeRaw(ContractAddress.of(0xdead), Felt.of(5), 0,
                TestChain.defaultFields(), List.of(Felt.ZERO))), RejectionCode.ACCOUNT_NOT_DEPLOYED);
        assertRejected(chain.builder().offer(chain.invokeRaw(chain.counter(), Felt.of(5), 0,
                TestChain.defaultFields(), List.of(Felt.ZERO))), RejectionCode.NOT_AN_ACCOUNT);
    }

    @Test
    void paymasterDataAndAccountDeploymentDataAreUnsupported() {
        TestChain chain = TestChain.create(2);
        var withPaymaster = new io.vellum.blockifier.transaction.V3Fields(
                TestChain.defaultFields().resourceBounds(), Felt.ZERO, List.of(Felt.ONE),
                io.vellum.blockifier.transaction.DataAvailabilityMode.L1,
                io.vellum.blockifier.transaction.DataAvailabilityMode.L1);
        assertRejected(chain.builder().offer(chain.invoke(chain.account(0), 0, withPaymaster,
                List.of(transferCall(chain.feeToken(), chain.account(1).address(), BigInteger.ONE)))),
                RejectionCode.UNSUPPORTED_FEATURE);
    }

    @Test
    void aFailingTransferRevertsButStillPaysItsFeeAndBumpsTheNonce() {
        TestChain chain = TestChain.create(2);
        GenesisAccount sender = chain.account(0);
        BigInteger tooMuch = TestChain.DEFAULT_BALANCE.add(BigInteger.ONE);
        ExecutedBlock block = chain.commitBlock(List.of(chain.transfer(sender, chain.account(1).address(), tooMuch, 0)));

        Receipt receipt = block.receipts().get(0);
        // Execution got as far as reading the sender's balance: the call and two reads.
        long gas = TRANSFER_INTRINSIC_GAS + VALIDATE_GAS + GAS.contractCallGas() + 2 * GAS.storageReadGas();
        BigInteger fee = BigInteger.valueOf(gas * PRICE);
        assertThat(receipt.status()).isEqualTo(ExecutionStatus.REVERTED);
        assertThat(receipt.revertReason()).hasValueSatisfying(reason -> assertThat(reason)
                .startsWith("INSUFFICIENT_BALANCE: ERC20: transfer amount exceeds balance")
                .contains("__execute__ > " + chain.feeToken() + ".transfer"));
        assertThat(receipt.gasConsumed().l2Gas()).isEqualTo(gas);
        assertThat(receipt.actualFee()).isEqualTo(Felt.fromBigInteger(fee));
        assertThat(receipt.events()).containsExactly(transferEvent(chain, sender.address(), TestChain.SEQUENCER, fee));
        assertThat(chain.balance(chain.state, sender.address())).isEqualTo(TestChain.DEFAULT_BALANCE.subtract(fee));
        assertThat(chain.balance(chain.state, chain.account(1).address())).isEqualTo(TestChain.DEFAULT_BALANCE);
        assertThat(chain.state.nonceAt(sender.address())).isEqualTo(Nonce.of(1));
    }

    @Test
    void aMulticallRunsEveryCallInOrder() {
        TestChain chain = TestChain.create(3);
        GenesisAccount sender = chain.account(0);
        ExecutedBlock block = chain.commitBlock(List.of(chain.invoke(sender, 0,
                transferCall(chain.feeToken(), chain.account(1).address(), BigInteger.valueOf(100)),
                transferCall(chain.feeToken(), chain.account(2).address(), BigInteger.valueOf(200)),
                call(chain.counter(), "increment"))));
        Receipt receipt = block.receipts().get(0);
        assertThat(receipt.status()).isEqualTo(ExecutionStatus.SUCCEEDED);
        // Calldata: [3, (to, sel, 3, r, low, high) × 2, (to, sel, 0)] = 1 + 12 + 3 = 16 felts.
        long counterGas = GAS.contractCallGas() + GAS.storageReadGas() + GAS.storageWriteGas();
        long gas = GAS.transactionBaseGas() + 16 * GAS.calldataFeltGas() + 2 * GAS.signatureFeltGas() + VALIDATE_GAS
                + 2 * TRANSFER_EXECUTE_GAS + counterGas;
        assertThat(receipt.gasConsumed().l2Gas()).isEqualTo(gas);
        BigInteger fee = BigInteger.valueOf(gas * PRICE);
        assertThat(chain.balance(chain.state, sender.address()))
                .isEqualTo(TestChain.DEFAULT_BALANCE.subtract(BigInteger.valueOf(300)).subtract(fee));
        assertThat(TestChain.storage(chain.state, chain.counter(), "counter_value")).isEqualTo(Felt.ONE);
        assertThat(receipt.events()).extracting(io.vellum.blockifier.execution.Event::fromAddress)
                .containsExactly(chain.feeToken(), chain.feeToken(), chain.feeToken());
    }

    @Test
    void oneFailingCallRevertsTheWholeMulticall() {
        TestChain chain = TestChain.create(3);
        GenesisAccount sender = chain.account(0);
        ExecutedBlock block = chain.commitBlock(List.of(chain.invoke(sender, 0,
                call(chain.counter(), "increment"),
                transferCall(chain.feeToken(), chain.account(1).address(), BigInteger.valueOf(100)),
                call(chain.counter(), "assert_value", Felt.of(99)),
                call(chain.counter(), "increment"))));
        Receipt receipt = block.receipts().get(0);
        assertThat(receipt.status()).isEqualTo(ExecutionStatus.REVERTED);
        assertThat(receipt.revertReason()).hasValueSatisfying(reason -> assertThat(reason)
                .startsWith("ASSERTION_FAILED: Counter: value is 1, expected 99"));
        // Calldata: [4, (to, sel, 0), (to, sel, 3, r, low, high), (to, sel, 1, 99), (to, sel, 0)] = 17 felts.
        long gas = GAS.transactionBaseGas() + 17 * GAS.calldataFeltGas() + 2 * GAS.signatureFeltGas() + VALIDATE_GAS
                + (GAS.contractCallGas() + GAS.storageReadGas() + GAS.storageWriteGas()) // increment
                + TRANSFER_EXECUTE_GAS
                + (GAS.contractCallGas() + GAS.storageReadGas()); // the failing assertion
        assertThat(receipt.gasConsumed().l2Gas()).isEqualTo(gas);
        BigInteger fee = BigInteger.valueOf(gas * PRICE);
        // Everything the execution did is rolled back: the counter, the transfer and its event.
        assertThat(TestChain.storage(chain.state, chain.counter(), "counter_value")).isEqualTo(Felt.ZERO);
        assertThat(chain.balance(chain.state, chain.account(1).address())).isEqualTo(TestChain.DEFAULT_BALANCE);
        assertThat(chain.balance(chain.state, sender.address())).isEqualTo(TestChain.DEFAULT_BALANCE.subtract(fee));
        assertThat(receipt.events()).containsExactly(transferEvent(chain, sender.address(), TestChain.SEQUENCER, fee));
        assertThat(chain.state.nonceAt(sender.address())).isEqualTo(Nonce.of(1));
    }

    @Test
    void anUnknownSelectorOrContractReverts() {
        TestChain chain = TestChain.create(1);
        GenesisAccount sender = chain.account(0);
        ExecutedBlock block = chain.commitBlock(List.of(
                chain.invoke(sender, 0, call(chain.counter(), "no_such_entry_point")),
                chain.invoke(sender, 1, call(ContractAddress.of(0x1234567), "increment")),
                chain.invoke(sender, 2, call(chain.feeToken(), "handle_deposit", Felt.ONE, Felt.ONE, Felt.ONE,
                        Felt.ZERO))));
        assertThat(block.receipts()).allSatisfy(receipt ->
                assertThat(receipt.status()).isEqualTo(ExecutionStatus.REVERTED));
        assertThat(block.receipts().get(0).revertReason().orElseThrow()).startsWith("UNKNOWN_SELECTOR: Counter at ");
        assertThat(block.receipts().get(1).revertReason().orElseThrow())
                .startsWith("UNKNOWN_CONTRACT: no contract to call at 0x1234567");
        // An L1 handler is not an external entry point.
        assertThat(block.receipts().get(2).revertReason().orElseThrow()).startsWith("UNKNOWN_SELECTOR");
        assertThat(chain.state.nonceAt(sender.address())).isEqualTo(Nonce.of(3));
    }

    @Test
    void runningOutOfGasInExecutionRevertsAndChargesTheWholeBound() {
        TestChain chain = TestChain.create(2);
        long bound = TRANSFER_INTRINSIC_GAS + VALIDATE_GAS + TRANSFER_EXECUTE_GAS - 1;
        ExecutedBlock block = chain.commitBlock(List.of(chain.invoke(chain.account(0), 0,
                TestChain.fields(bound, 5, 0),
                List.of(transferCall(chain.feeToken(), chain.account(1).address(), BigInteger.ONE)))));
        Receipt receipt = block.receipts().get(0);
        assertThat(receipt.status()).isEqualTo(ExecutionStatus.REVERTED);
        assertThat(receipt.revertReason().orElseThrow()).startsWith("OUT_OF_GAS: out of L2 gas: event needs 12500");
        assertThat(receipt.gasConsumed().l2Gas()).isEqualTo(bound);
        assertThat(receipt.actualFee()).isEqualTo(Felt.of(bound * PRICE));
        assertThat(chain.balance(chain.state, chain.account(1).address())).isEqualTo(TestChain.DEFAULT_BALANCE);
    }

    @Test
    void whenExecutionLeavesTooLittleForTheFeeItIsRevertedAndTheFeePaidFromTheRestoredBalance() {
        TestChain chain = TestChain.create(2);
        GenesisAccount sender = chain.account(0);
        // Transfer everything but 1 fri away: the actual fee cannot be paid after that.
        BigInteger amount = TestChain.DEFAULT_BALANCE.subtract(BigInteger.ONE);
        ExecutedBlock block = chain.commitBlock(List.of(chain.transfer(sender, chain.account(1).address(), amount, 0)));
        Receipt receipt = block.receipts().get(0);
        long gas = TRANSFER_INTRINSIC_GAS + VALIDATE_GAS + TRANSFER_EXECUTE_GAS;
        BigInteger fee = BigInteger.valueOf(gas * PRICE);
        assertThat(receipt.status()).isEqualTo(ExecutionStatus.REVERTED);
        assertThat(receipt.revertReason().orElseThrow()).startsWith("INSUFFICIENT_BALANCE").endsWith("[actual fee]");
        assertThat(receipt.actualFee()).isEqualTo(Felt.fromBigInteger(fee));
        assertThat(chain.balance(chain.state, sender.address())).isEqualTo(TestChain.DEFAULT_BALANCE.subtract(fee));
        assertThat(chain.balance(chain.state, chain.account(1).address())).isEqualTo(TestChain.DEFAULT_BALANCE);
    }

    @Test
    void malformedMulticallCalldataIsRejectedByValidation() {
        TestChain chain = TestChain.create(2);
        // Claims five calls but carries one felt.
        TransactionOutcome outcome = chain.builder().offer(chain.invokeRaw(chain.account(0).address(),
                chain.account(0).privateKey(), 0, TestChain.defaultFields(), List.of(Felt.of(5), Felt.ONE)));
        assertRejected(outcome, RejectionCode.VALIDATION_FAILED);
        assertThat(((TransactionOutcome.Rejected) outcome).rejected().rejection().message())
                .contains("MALFORMED_CALLDATA");
    }

    @Test
    void malformedInnerCalldataAndOutOfRangeValuesRevert() {
        TestChain chain = TestChain.create(2);
        GenesisAccount sender = chain.account(0);
        ExecutedBlock block = chain.commitBlock(List.of(
                chain.invoke(sender, 0, call(chain.feeToken(), "transfer", chain.account(1).address().value(),
                        Felt.ONE)),
                chain.invoke(sender, 1, call(chain.feeToken(), "transfer", chain.account(1).address().value(),
                        Felt.ONE, Felt.ZERO, Felt.ZERO)),
                chain.invoke(sender, 2, call(chain.feeToken(), "transfer", chain.account(1).address().value(),
                        Felt.fromBigInteger(BigInteger.ONE.shiftLeft(128)), Felt.ZERO)),
                chain.invoke(sender, 3, call(chain.feeToken(), "transfer", Felt.MAX, Felt.ONE, Felt.ZERO))));
        List<Receipt> receipts = block.receipts();
        assertThat(receipts.get(0).revertReason().orElseThrow())
                .startsWith("MALFORMED_CALLDATA: malformed calldata for transfer: expected at least 3 felts, got 2");
        assertThat(receipts.get(1).revertReason().orElseThrow())
                .startsWith("MALFORMED_CALLDATA: malformed calldata for transfer: expected 3 felts, got 4");
        assertThat(receipts.get(2).revertReason().orElseThrow()).startsWith("VALUE_OUT_OF_RANGE: amount");
        assertThat(receipts.get(3).revertReason().orElseThrow()).startsWith("VALUE_OUT_OF_RANGE: recipient");
    }

    @Test
    void theAccountRefusesToBeExecutedByAnotherContract() {
        TestChain chain = TestChain.create(2);
        ExecutedBlock block = chain.commitBlock(List.of(chain.invoke(chain.account(0), 0,
                call(chain.account(1).address(), "__execute__", Felt.ZERO))));
        assertThat(block.receipts().get(0).revertReason().orElseThrow())
                .startsWith("ASSERTION_FAILED: Account: invalid caller " + chain.account(0).address());
    }

    @Test
    void theFeeTransferIsNotCountedAgainstTheEventLimitOfATransaction() {
        ExecutionConfig twoEvents = new ExecutionConfig(GAS, true, 50, 1_000_000_000L, 10_000, 64, 2, 50, 300, 100);
        TestChain chain = TestChain.create(3, TestChain.DEFAULT_BALANCE, twoEvents);
        ExecutedBlock block = chain.commitBlock(List.of(
                chain.invoke(chain.account(0), 0,
                        transferCall(chain.feeToken(), chain.account(1).address(), BigInteger.ONE),
                        transferCall(chain.feeToken(), chain.account(2).address(), BigInteger.ONE)),
                chain.invoke(chain.account(1), 0,
                        transferCall(chain.feeToken(), chain.account(0).address(), BigInteger.ONE),
                        transferCall(chain.feeToken(), chain.account(2).address(), BigInteger.ONE),
                        transferCall(chain.feeToken(), chain.account(2).address(), BigInteger.ONE))));
        // Two events and the fee's: included and succeeded.
        assertThat(block.receipts().get(0).status()).isEqualTo(ExecutionStatus.SUCCEEDED);
        assertThat(block.receipts().get(0).events()).hasSize(3);
        // Three events: the third exceeds the limit and reverts; the fee is still paid.
        assertThat(block.receipts().get(1).revertReason().orElseThrow())
                .startsWith("LIMIT_EXCEEDED: events per transaction exceeds the limit of 2");
        assertThat(block.receipts().get(1).events()).hasSize(1);
    }

    // -----------------------------------------------------------------------------------------------------

    static Event transferEvent(TestChain chain, ContractAddress from, ContractAddress to, BigInteger amount) {
        return new Event(chain.feeToken(), List.of(TRANSFER_KEY),
                List.of(from.value(), to.value(), TestChain.low(amount), TestChain.high(amount)));
    }

    static Receipt includedReceipt(TestChain chain, ExecutableTransaction transaction) {
        ExecutedBlock block = chain.commitBlock(List.of(transaction));
        assertThat(block.included()).as("included: %s", block.rejected()).hasSize(1);
        return block.receipts().get(0);
    }

    static void assertRejected(TransactionOutcome outcome, RejectionCode code) {
        assertThat(outcome).isInstanceOf(TransactionOutcome.Rejected.class);
        assertThat(((TransactionOutcome.Rejected) outcome).rejected().rejection().code()).isEqualTo(code);
    }

}
