package io.vellum.blockifier.contracts;

import static io.vellum.blockifier.testing.TestChain.call;
import static io.vellum.blockifier.testing.TestChain.high;
import static io.vellum.blockifier.testing.TestChain.low;
import static org.assertj.core.api.Assertions.assertThat;

import io.vellum.blockifier.block.ExecutedBlock;
import io.vellum.blockifier.block.GenesisAccount;
import io.vellum.blockifier.core.ContractAddress;
import io.vellum.blockifier.core.StorageKey;
import io.vellum.blockifier.crypto.Felt;
import io.vellum.blockifier.crypto.Selectors;
import io.vellum.blockifier.execution.Event;
import io.vellum.blockifier.execution.ExecutionConfig;
import io.vellum.blockifier.execution.ExecutionStatus;
import io.vellum.blockifier.execution.Receipt;
import io.vellum.blockifier.testing.TestChain;
import java.math.BigInteger;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The ERC20 token: its storage layout, views, allowances, events and failures. */
class Erc20ContractTest {
    private static final Felt TRANSFER = Selectors.fromName("Transfer");
    private static final Felt APPROVAL = Selectors.fromName("Approval");
    private static final BigInteger INFINITE = BigInteger.ONE.shiftLeft(256).subtract(BigInteger.ONE);

    @Test
    void balancesLiveAtTheCairoStorageVariableAddressesLowThenHigh() {
        // 2^130 + 7: the high half is 4, the low half 7.
        BigInteger balance = BigInteger.ONE.shiftLeft(130).add(BigInteger.valueOf(7));
        TestChain chain = TestChain.create(1, balance, ExecutionConfig.DEFAULT);
        ContractAddress account = chain.account(0).address();
        StorageKey low = new StorageKey(Selectors.storageVarAddress("ERC20_balances", account.value()));
        assertThat(chain.state.storageAt(chain.feeToken(), low)).isEqualTo(Felt.of(7));
        assertThat(chain.state.storageAt(chain.feeToken(), low.plus(1))).isEqualTo(Felt.of(4));
        assertThat(Erc20Contract.balanceSlot(account)).isEqualTo(low);
    }

    @Test
    void viewsReturnMetadataSupplyAndBalancesUnderBothNames() {
        TestChain chain = TestChain.create(2);
        Felt account = chain.account(1).address().value();
        assertThat(chain.view(chain.feeToken(), "name")).containsExactly(Felt.fromShortString("Starknet Token"));
        assertThat(chain.view(chain.feeToken(), "symbol")).containsExactly(Felt.fromShortString("STRK"));
        assertThat(chain.view(chain.feeToken(), "decimals")).containsExactly(Felt.of(18));
        // Two accounts plus the pool's STRK reserve of 1,000,000.
        BigInteger supply = TestChain.DEFAULT_BALANCE.multiply(BigInteger.TWO).add(BigInteger.valueOf(1_000_000));
        assertThat(chain.view(chain.feeToken(), "total_supply")).containsExactly(low(supply), high(supply));
        assertThat(chain.view(chain.feeToken(), "totalSupply")).containsExactly(low(supply), high(supply));
        List<Felt> expectedBalance = List.of(low(TestChain.DEFAULT_BALANCE), high(TestChain.DEFAULT_BALANCE));
        assertThat(chain.view(chain.feeToken(), "balance_of", account)).isEqualTo(expectedBalance);
        assertThat(chain.view(chain.feeToken(), "balanceOf", account)).isEqualTo(expectedBalance);
    }

    @Test
    void approveThenTransferFromSpendsTheAllowanceWithApprovalAndTransferEvents() {
        TestChain chain = TestChain.create(3);
        GenesisAccount owner = chain.account(0);
        GenesisAccount spender = chain.account(1);
        ContractAddress recipient = chain.account(2).address();
        ExecutedBlock block = chain.commitBlock(List.of(
                chain.invoke(owner, 0, call(chain.feeToken(), "approve", spender.address().value(), Felt.of(500),
                        Felt.ZERO)),
                chain.invoke(spender, 0, call(chain.feeToken(), "transfer_from", owner.address().value(),
                        recipient.value(), Felt.of(120), Felt.ZERO)),
                chain.invoke(spender, 1, call(chain.feeToken(), "transferFrom", owner.address().value(),
                        recipient.value(), Felt.of(80), Felt.ZERO))));
        assertThat(block.receipts()).allSatisfy(r -> assertThat(r.status()).isEqualTo(ExecutionStatus.SUCCEEDED));
        assertThat(block.receipts().get(0).events().get(0)).isEqualTo(new Event(chain.feeToken(), List.of(APPROVAL),
                List.of(owner.address().value(), spender.address().value(), Felt.of(500), Felt.ZERO)));
        assertThat(block.receipts().get(1).events().subList(0, 2)).containsExactly(
                new Event(chain.feeToken(), List.of(APPROVAL),
                        List.of(owner.address().value(), spender.address().value(), Felt.of(380), Felt.ZERO)),
                new Event(chain.feeToken(), List.of(TRANSFER),
                        List.of(owner.address().value(), recipient.value(), Felt.of(120), Felt.ZERO)));
        assertThat(chain.view(chain.feeToken(), "allowance", owner.address().value(), spender.address().value()))
                .containsExactly(Felt.of(300), Felt.ZERO);
        assertThat(TestChain.tokenBalance(chain.state, chain.feeToken(), recipient))
                .isEqualTo(TestChain.DEFAULT_BALANCE.add(BigInteger.valueOf(200)));
    }

    @Test
    void spendingBeyondTheAllowanceReverts() {
        TestChain chain = TestChain.create(3);
        GenesisAccount owner = chain.account(0);
        GenesisAccount spender = chain.account(1);
        Receipt receipt = chain.commitBlock(List.of(
                chain.invoke(owner, 0, call(chain.feeToken(), "approve", spender.address().value(), Felt.of(50),
                        Felt.ZERO)),
                chain.invoke(spender, 0, call(chain.feeToken(), "transfer_from", owner.address().value(),
                        chain.account(2).address().value(), Felt.of(51), Felt.ZERO)))).receipts().get(1);
        assertThat(receipt.status()).isEqualTo(ExecutionStatus.REVERTED);
        assertThat(receipt.revertReason().orElseThrow())
                .startsWith("INSUFFICIENT_ALLOWANCE: ERC20: insufficient allowance").contains("allowance 50, amount 51");
        assertThat(chain.view(chain.feeToken(), "allowance", owner.address().value(), spender.address().value()))
                .containsExactly(Felt.of(50), Felt.ZERO);
    }

    @Test
    void anInfiniteAllowanceIsNeverSpentDown() {
        TestChain chain = TestChain.create(3);
        GenesisAccount owner = chain.account(0);
        GenesisAccount spender = chain.account(1);
        ExecutedBlock block = chain.commitBlock(List.of(
                chain.invoke(owner, 0, call(chain.feeToken(), "approve", spender.address().value(), low(INFINITE),
                        high(INFINITE))),
                chain.invoke(spender, 0, call(chain.feeToken(), "transfer_from", owner.address().value(),
                        chain.account(2).address().value(), Felt.of(1_000), Felt.ZERO))));
        // Only the Transfer itself and the fee's Transfer: no Approval for an infinite allowance.
        assertThat(block.receipts().get(1).events()).extracting(e -> e.keys().get(0))
                .containsExactly(TRANSFER, TRANSFER);
        assertThat(chain.view(chain.feeToken(), "allowance", owner.address().value(), spender.address().value()))
                .containsExactly(low(INFINITE), high(INFINITE));
    }

    @Test
    void transfersAndApprovalsToTheZeroAddressFail() {
        TestChain chain = TestChain.create(1);
        GenesisAccount owner = chain.account(0);
        ExecutedBlock block = chain.commitBlock(List.of(
                chain.invoke(owner, 0, call(chain.feeToken(), "transfer", Felt.ZERO, Felt.ONE, Felt.ZERO)),
                chain.invoke(owner, 1, call(chain.feeToken(), "approve", Felt.ZERO, Felt.ONE, Felt.ZERO))));
        assertThat(block.receipts().get(0).revertReason().orElseThrow())
                .startsWith("ASSERTION_FAILED: ERC20: cannot transfer to the zero address");
        assertThat(block.receipts().get(1).revertReason().orElseThrow())
                .startsWith("ASSERTION_FAILED: ERC20: cannot approve to the zero address");
    }

    @Test
    void aWithdrawalBurnsSendsAMessageToTheBridgeAndIsRolledBackOnRevert() {
        TestChain chain = TestChain.create(1);
        GenesisAccount account = chain.account(0);
        BigInteger supply = TestChain.totalSupply(chain.state, chain.feeToken());
        Felt l1Recipient = Felt.fromHex("0xabcdef0123456789abcdef0123456789abcdef01");
        ExecutedBlock block = chain.commitBlock(List.of(
                chain.invoke(account, 0, call(chain.feeToken(), "initiate_withdrawal", l1Recipient, Felt.of(700),
                        Felt.ZERO)),
                chain.invoke(account, 1, call(chain.feeToken(), "initiate_withdrawal", l1Recipient, Felt.of(5),
                        Felt.ZERO), call(chain.counter(), "assert_value", Felt.of(42)))));
        Receipt withdrawal = block.receipts().get(0);
        assertThat(withdrawal.status()).isEqualTo(ExecutionStatus.SUCCEEDED);
        assertThat(withdrawal.messagesToL1()).containsExactly(new io.vellum.blockifier.execution.MessageToL1(
                chain.feeToken(), TestChain.L1_BRIDGE, List.of(Felt.ZERO, l1Recipient, Felt.of(700), Felt.ZERO)));
        assertThat(withdrawal.events().get(0)).isEqualTo(new Event(chain.feeToken(), List.of(TRANSFER),
                List.of(account.address().value(), Felt.ZERO, Felt.of(700), Felt.ZERO)));
        Receipt reverted = block.receipts().get(1);
        assertThat(reverted.status()).isEqualTo(ExecutionStatus.REVERTED);
        assertThat(reverted.messagesToL1()).isEmpty();
        BigInteger fees = withdrawal.actualFee().toBigInteger().add(reverted.actualFee().toBigInteger());
        // Burned: the supply falls by exactly the withdrawal (fees only move between holders).
        assertThat(TestChain.totalSupply(chain.state, chain.feeToken()))
                .isEqualTo(supply.subtract(BigInteger.valueOf(700)));
        assertThat(chain.balance(chain.state, account.address()))
                .isEqualTo(TestChain.DEFAULT_BALANCE.subtract(BigInteger.valueOf(700)).subtract(fees));
    }

    @Test
    void amountsUseBothHalvesOfTheU256() {
        BigInteger balance = BigInteger.ONE.shiftLeft(130);
        TestChain chain = TestChain.create(2, balance, ExecutionConfig.DEFAULT);
        // 2^129 + 5 = (low 5, high 2).
        BigInteger amount = BigInteger.ONE.shiftLeft(129).add(BigInteger.valueOf(5));
        Receipt receipt = chain.commitBlock(List.of(chain.invoke(chain.account(0), 0,
                call(chain.feeToken(), "transfer", chain.account(1).address().value(), Felt.of(5), Felt.of(2)))))
                .receipts().get(0);
        assertThat(receipt.status()).isEqualTo(ExecutionStatus.SUCCEEDED);
        assertThat(chain.balance(chain.state, chain.account(1).address())).isEqualTo(balance.add(amount));
        BigInteger fee = receipt.actualFee().toBigInteger();
        // 2^130 - (2^129 + 5) - fee = 2^129 - 5 - fee: the low half borrows from the high half.
        BigInteger left = BigInteger.ONE.shiftLeft(129).subtract(BigInteger.valueOf(5)).subtract(fee);
        assertThat(chain.balance(chain.state, chain.account(0).address())).isEqualTo(left);
        StorageKey slot = new StorageKey(Selectors.storageVarAddress("ERC20_balances",
                chain.account(0).address().value()));
        assertThat(chain.state.storageAt(chain.feeToken(), slot.plus(1))).isEqualTo(Felt.ONE);
    }
}
