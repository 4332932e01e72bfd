package io.vellum.blockifier.execution;

import static io.vellum.blockifier.execution.InvokeScenariosTest.assertRejected;
import static io.vellum.blockifier.execution.InvokeScenariosTest.transferEvent;
import static io.vellum.blockifier.testing.TestChain.call;
import static org.assertj.core.api.Assertions.assertThat;

import io.vellum.blockifier.block.BlockBuilder;
import io.vellum.blockifier.block.BlockCloseReason;
import io.vellum.blockifier.block.ExecutedBlock;
import io.vellum.blockifier.block.GenesisAccounts;
import io.vellum.blockifier.block.TransactionOutcome;
import io.vellum.blockifier.contracts.VellumClass;
import io.vellum.blockifier.core.ClassHash;
import io.vellum.blockifier.core.ContractAddress;
import io.vellum.blockifier.core.ContractAddresses;
import io.vellum.blockifier.core.EntryPointSelector;
import io.vellum.blockifier.core.Nonce;
import io.vellum.blockifier.crypto.Ecdsa;
import io.vellum.blockifier.crypto.Felt;
import io.vellum.blockifier.crypto.Selectors;
import io.vellum.blockifier.testing.TestChain;
import io.vellum.blockifier.transaction.DeployAccountTransaction;
import io.vellum.blockifier.transaction.ExecutableTransaction;
import io.vellum.blockifier.transaction.L1HandlerTransaction;
import io.vellum.blockifier.transaction.TransactionType;
import java.math.BigInteger;
import java.util.List;
import org.junit.jupiter.api.Test;

/** DEPLOY_ACCOUNT and L1_HANDLER scenarios, with gas computed by hand from the gas table. */
class DeployAccountAndL1HandlerTest {
    private static final GasCosts GAS = GasCosts.DEFAULT;
    private static final long PRICE = TestChain.L2_GAS_PRICE;
    private static final Felt NEW_KEY = Felt.of(4242);
    private static final Felt NEW_PUBLIC_KEY = Ecdsa.publicKey(NEW_KEY);
    private static final Felt SALT = Felt.of(77);
    private static final BigInteger FUNDING = BigInteger.valueOf(50_000_000);

    /** One constructor felt and two signature felts, the deployment, the key write, then __validate_deploy__. */
    private static final long DEPLOY_GAS = GAS.transactionBaseGas() + GAS.calldataFeltGas()
            + 2 * GAS.signatureFeltGas() + GAS.deployGas() + GAS.storageWriteGas()
            + GAS.storageReadGas() + GAS.signatureCheckGas();

    private static DeployAccountTransaction deploy(ClassHash classHash, List<Felt> constructorCalldata, long nonce,
            Felt signingKey) {
        DeployAccountTransaction unsigned = new DeployAccountTransaction(classHash, SALT, constructorCalldata,
                List.of(), Nonce.of(nonce), TestChain.defaultFields());
        Felt hash = TestChain.executable(unsigned).hash();
        return unsigned.withSignature(Ecdsa.sign(signingKey, hash).toFelts());
    }

    private static DeployAccountTransaction deploy() {
        return deploy(VellumClass.ACCOUNT.classHash(), List.of(NEW_PUBLIC_KEY), 0, NEW_KEY);
    }

    @Test
    void theAddressIsDerivedFromSaltClassAndConstructorCalldataWithDeployerZero() {
        ContractAddress expected = ContractAddresses.compute(SALT, VellumClass.ACCOUNT.classHash(),
                List.of(NEW_PUBLIC_KEY), ContractAddress.of(0));
        assertThat(deploy().contractAddress()).isEqualTo(expected);
        // Genesis accounts follow the starknet.js convention salt = public key.
        assertThat(GenesisAccounts.accountAddress(NEW_PUBLIC_KEY)).isEqualTo(ContractAddresses.compute(
                NEW_PUBLIC_KEY, VellumClass.ACCOUNT.classHash(), List.of(NEW_PUBLIC_KEY), ContractAddress.of(0)));
    }

    @Test
    void aFundedDeployAccountDeploysRunsTheConstructorValidatesAndPays() {
        TestChain chain = TestChain.create(1);
        DeployAccountTransaction deploy = deploy();
        ContractAddress address = deploy.contractAddress();
        ExecutedBlock block = chain.commitBlock(List.of(
                chain.transfer(chain.account(0), address, FUNDING, 0),
                TestChain.executable(deploy)));
        assertThat(block.included()).hasSize(2);
        Receipt receipt = block.receipts().get(1);
        BigInteger fee = BigInteger.valueOf(DEPLOY_GAS * PRICE);
        assertThat(receipt.type()).isEqualTo(TransactionType.DEPLOY_ACCOUNT);
        assertThat(receipt.status()).isEqualTo(ExecutionStatus.SUCCEEDED);
        assertThat(receipt.gasConsumed().l2Gas()).isEqualTo(DEPLOY_GAS);
        assertThat(receipt.actualFee()).isEqualTo(Felt.fromBigInteger(fee));
        assertThat(receipt.events()).containsExactly(transferEvent(chain, address, TestChain.SEQUENCER, fee));

        assertThat(chain.state.classHashAt(address)).isEqualTo(VellumClass.ACCOUNT.classHash());
        assertThat(TestChain.storage(chain.state, address, "Account_public_key")).isEqualTo(NEW_PUBLIC_KEY);
        assertThat(chain.state.nonceAt(address)).isEqualTo(Nonce.of(1));
        assertThat(chain.balance(chain.state, address)).isEqualTo(FUNDING.subtract(fee));
        assertThat(block.stateDiff().deployedContracts()).containsEntry(address, VellumClass.ACCOUNT.classHash());

        // The new account can now send transactions with nonce 1.
        ExecutableTransaction next = chain.invokeRaw(address, NEW_KEY, 1, TestChain.defaultFields(),
                io.vellum.blockifier.contracts.Multicall.encode(
                        TestChain.transferCall(chain.feeToken(), chain.account(0).address(), BigInteger.ONE)));
        assertThat(chain.commitBlock(List.of(next)).receipts().get(0).status()).isEqualTo(ExecutionStatus.SUCCEEDED);
    }

    @Test
    void aBadSignatureIsRejectedAndNothingIsDeployed() {
        TestChain chain = TestChain.create(1);
        DeployAccountTransaction forged = deploy(VellumClass.ACCOUNT.classHash(), List.of(NEW_PUBLIC_KEY), 0,
                Felt.of(999));
        BlockBuilder builder = chain.builder();
        builder.offer(chain.transfer(chain.account(0), forged.contractAddress(), FUNDING, 0));
        assertRejected(builder.offer(TestChain.executable(forged)), RejectionCode.INVALID_SIGNATURE);
        builder.close(BlockCloseReason.NO_MORE_TRANSACTIONS);
        ExecutedBlock block = builder.finish();
        assertThat(block.stateDiff().deployedContracts()).doesNotContainKey(forged.contractAddress());
        assertThat(block.stateDiff().nonces()).doesNotContainKey(forged.contractAddress());
    }

    @Test
    void anUnfundedDeployAccountIsRejected() {
        TestChain chain = TestChain.create(1);
        assertRejected(chain.builder().offer(TestChain.executable(deploy())),
                RejectionCode.INSUFFICIENT_BALANCE_FOR_FEE_BOUND);
    }

    @Test
    void deployingOverAnExistingContractIsRejected() {
        TestChain chain = TestChain.create(1);
        Felt key = chain.account(0).privateKey();
        Felt publicKey = chain.account(0).publicKey();
        DeployAccountTransaction unsigned = new DeployAccountTransaction(VellumClass.ACCOUNT.classHash(), publicKey,
                List.of(publicKey), List.of(), Nonce.ZERO, TestChain.defaultFields());
        DeployAccountTransaction again = unsigned.withSignature(
                Ecdsa.sign(key, TestChain.executable(unsigned).hash()).toFelts());
        assertThat(again.contractAddress()).isEqualTo(chain.account(0).address());
        assertRejected(chain.builder().offer(TestChain.executable(again)), RejectionCode.CONTRACT_ALREADY_DEPLOYED);
    }

    @Test
    void aClassThatIsNotAnAccountOrAFailingConstructorOrAWrongNonceIsRejected() {
        TestChain chain = TestChain.create(1);
        assertRejected(chain.builder().offer(TestChain.executable(
                deploy(VellumClass.COUNTER.classHash(), List.of(), 0, NEW_KEY))), RejectionCode.NOT_AN_ACCOUNT);

        DeployAccountTransaction noKey = deploy(VellumClass.ACCOUNT.classHash(), List.of(), 0, NEW_KEY);
        BlockBuilder builder = chain.builder();
        builder.offer(chain.transfer(chain.account(0), noKey.contractAddress(), FUNDING, 0));
        TransactionOutcome outcome = builder.offer(TestChain.executable(noKey));
        assertRejected(outcome, RejectionCode.VALIDATION_FAILED);
        assertThat(((TransactionOutcome.Rejected) outcome).rejected().rejection().message())
                .startsWith("constructor failed: MALFORMED_CALLDATA");

        DeployAccountTransaction nonceOne = deploy(VellumClass.ACCOUNT.classHash(), List.of(NEW_PUBLIC_KEY), 1,
                NEW_KEY);
        builder.offer(chain.transfer(chain.account(0), nonceOne.contractAddress(), FUNDING, 1));
        assertRejected(builder.offer(TestChain.executable(nonceOne)), RejectionCode.INVALID_NONCE);
    }

    // -----------------------------------------------------------------------------------------------------
    // L1_HANDLER

    private static L1HandlerTransaction handler(ContractAddress to, String entryPoint, long nonce, Felt... calldata) {
        return new L1HandlerTransaction(to, new EntryPointSelector(Selectors.fromName(entryPoint)), List.of(calldata),
                Nonce.of(nonce), Felt.of(1_000_000));
    }

    @Test
    void aDepositFromTheBridgeMintsWithoutFeeOrNonce() {
        TestChain chain = TestChain.create(1);
        ContractAddress recipient = ContractAddress.of(0xabc);
        BigInteger supplyBefore = TestChain.totalSupply(chain.state, chain.feeToken());
        ExecutedBlock block = chain.commitBlock(List.of(TestChain.executable(handler(chain.feeToken(),
                "handle_deposit", 5, TestChain.L1_BRIDGE, recipient.value(), Felt.of(777), Felt.ZERO))));
        Receipt receipt = block.receipts().get(0);
        // Four calldata felts; the bridge read; mint: supply and balance read (2 + 2) and written (2 + 2); the event.
        long gas = GAS.transactionBaseGas() + 4 * GAS.calldataFeltGas() + GAS.storageReadGas()
                + 4 * GAS.storageReadGas() + 4 * GAS.storageWriteGas()
                + GAS.eventGas() + GAS.eventKeyFeltGas() + 4 * GAS.eventDataFeltGas();
        assertThat(receipt.type()).isEqualTo(TransactionType.L1_HANDLER);
        assertThat(receipt.status()).isEqualTo(ExecutionStatus.SUCCEEDED);
        assertThat(receipt.gasConsumed().l2Gas()).isEqualTo(gas);
        assertThat(receipt.actualFee()).isEqualTo(Felt.ZERO);
        assertThat(receipt.events()).containsExactly(new Event(chain.feeToken(),
                List.of(Selectors.fromName("Transfer")), List.of(Felt.ZERO, recipient.value(), Felt.of(777), Felt.ZERO)));
        assertThat(chain.balance(chain.state, recipient)).isEqualTo(BigInteger.valueOf(777));
        assertThat(TestChain.totalSupply(chain.state, chain.feeToken()))
                .isEqualTo(supplyBefore.add(BigInteger.valueOf(777)));
        assertThat(chain.balance(chain.state, TestChain.SEQUENCER)).isZero();
        assertThat(block.stateDiff().nonces()).isEmpty();
    }

    @Test
    void aDepositFromAnotherL1AddressRevertsAndMintsNothing() {
        TestChain chain = TestChain.create(1);
        ExecutedBlock block = chain.commitBlock(List.of(TestChain.executable(handler(chain.feeToken(),
                "handle_deposit", 0, Felt.of(0xbad), Felt.of(0xabc), Felt.of(777), Felt.ZERO))));
        Receipt receipt = block.receipts().get(0);
        assertThat(receipt.status()).isEqualTo(ExecutionStatus.REVERTED);
        assertThat(receipt.revertReason().orElseThrow()).startsWith("ASSERTION_FAILED: ERC20: deposit from 0xbad");
        assertThat(receipt.actualFee()).isEqualTo(Felt.ZERO);
        assertThat(receipt.events()).isEmpty();
        assertThat(block.stateDiff().isEmpty()).isTrue();
    }

    @Test
    void anL1HandlerIncrementsTheCounterAndOnlyL1HandlerEntryPointsCanBeReached() {
        TestChain chain = TestChain.create(1);
        ExecutedBlock block = chain.commitBlock(List.of(
                TestChain.executable(handler(chain.counter(), "increment_from_l1", 0, Felt.of(0x1234), Felt.of(5))),
                TestChain.executable(handler(chain.counter(), "increment", 1)),
                TestChain.executable(handler(ContractAddress.of(0x777), "increment_from_l1", 2, Felt.ONE, Felt.ONE))));
        assertThat(block.receipts().get(0).status()).isEqualTo(ExecutionStatus.SUCCEEDED);
        assertThat(TestChain.storage(chain.state, chain.counter(), "counter_value")).isEqualTo(Felt.of(5));
        assertThat(block.receipts().get(1).revertReason().orElseThrow())
                .startsWith("UNKNOWN_SELECTOR: Counter at " + chain.counter() + " has no l1_handler entry point");
        assertThat(block.receipts().get(2).revertReason().orElseThrow()).startsWith("UNKNOWN_CONTRACT");
        assertThat(chain.state.nonceAt(chain.counter())).isEqualTo(Nonce.ZERO);
    }
}
