package io.vellum.blockifier.contracts;

import static io.vellum.blockifier.testing.TestChain.call;
import static org.assertj.core.api.Assertions.assertThat;

import io.vellum.blockifier.block.ExecutedBlock;
import io.vellum.blockifier.block.GenesisAccount;
import io.vellum.blockifier.crypto.Felt;
import io.vellum.blockifier.crypto.Selectors;
import io.vellum.blockifier.execution.Event;
import io.vellum.blockifier.execution.ExecutionStatus;
import io.vellum.blockifier.execution.Receipt;
import io.vellum.blockifier.testing.Samples;
import io.vellum.blockifier.testing.TestChain;
import java.math.BigInteger;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.api.Test;

/**
 * The constant-product pool. The test chain's pool holds 1,000,000 STRK and 2,000,000 VUSD with a 30 basis-point
 * fee; expected figures are worked out by hand in the comments.
 */
class SwapPoolContractTest {
    private static final long RESERVE_STRK = 1_000_000;
    private static final long RESERVE_VUSD = 2_000_000;

    @Test
    void aSwapPaysOutByTheConstantProductRuleAndMovesBothReserves() {
        TestChain chain = TestChain.create(1);
        GenesisAccount trader = chain.account(0);
        // in·(10000 - 30) = 99,700,000; out = 99,700,000 · 2,000,000 / (1,000,000 · 10,000 + 99,700,000)
        //   = 199,400,000,000,000 / 10,099,700,000 = 19,743.16…, rounded down.
        long expectedOut = 19_743;
        ExecutedBlock block = chain.commitBlock(List.of(chain.invoke(trader, 0,
                call(chain.feeToken(), "approve", chain.swapPool().value(), Felt.of(10_000), Felt.ZERO),
                call(chain.swapPool(), "swap", chain.feeToken().value(), Felt.of(10_000), Felt.ZERO,
                        Felt.of(expectedOut), Felt.ZERO))));
        Receipt receipt = block.receipts().get(0);
        assertThat(receipt.revertReason()).isEmpty();
        assertThat(chain.view(chain.swapPool(), "get_reserves"))
                .containsExactly(Felt.of(RESERVE_STRK + 10_000), Felt.of(RESERVE_VUSD - expectedOut));
        BigInteger fee = receipt.actualFee().toBigInteger();
        assertThat(chain.balance(chain.state, trader.address()))
                .isEqualTo(TestChain.DEFAULT_BALANCE.subtract(BigInteger.valueOf(10_000)).subtract(fee));
        assertThat(TestChain.tokenBalance(chain.state, chain.swapToken(), trader.address()))
                .isEqualTo(BigInteger.valueOf(10_000_000 + expectedOut));
        // The reserves stay equal to the pool's real balances.
        assertThat(chain.balance(chain.state, chain.swapPool())).isEqualTo(BigInteger.valueOf(RESERVE_STRK + 10_000));
        assertThat(TestChain.tokenBalance(chain.state, chain.swapToken(), chain.swapPool()))
                .isEqualTo(BigInteger.valueOf(RESERVE_VUSD - expectedOut));
        assertThat(receipt.events()).contains(new Event(chain.swapPool(),
                List.of(Selectors.fromName("Swap"), trader.address().value()),
                List.of(chain.feeToken().value(), Felt.of(10_000), Felt.ZERO, Felt.of(expectedOut), Felt.ZERO)));
    }

    @Test
    void aSwapBelowTheMinimumOutputRevertsWithEverythingRolledBack() {
        TestChain chain = TestChain.create(1);
        Receipt receipt = chain.commitBlock(List.of(chain.invoke(chain.account(0), 0,
                call(chain.feeToken(), "approve", chain.swapPool().value(), Felt.of(10_000), Felt.ZERO),
                call(chain.swapPool(), "swap", chain.feeToken().value(), Felt.of(10_000), Felt.ZERO,
                        Felt.of(19_744), Felt.ZERO)))).receipts().get(0);
        assertThat(receipt.revertReason().orElseThrow())
                .startsWith("ASSERTION_FAILED: SwapPool: output 19743 is below the minimum 19744");
        assertThat(chain.view(chain.swapPool(), "get_reserves"))
                .containsExactly(Felt.of(RESERVE_STRK), Felt.of(RESERVE_VUSD));
        assertThat(chain.view(chain.feeToken(), "allowance", chain.account(0).address().value(),
                chain.swapPool().value())).containsExactly(Felt.ZERO, Felt.ZERO);
    }

    @Test
    void aSwapWithoutApprovalOrOfAForeignTokenReverts() {
        TestChain chain = TestChain.create(1);
        ExecutedBlock block = chain.commitBlock(List.of(
                chain.invoke(chain.account(0), 0, call(chain.swapPool(), "swap", chain.feeToken().value(),
                        Felt.of(10), Felt.ZERO, Felt.ZERO, Felt.ZERO)),
                chain.invoke(chain.account(0), 1, call(chain.swapPool(), "swap", chain.counter().value(),
                        Felt.of(10), Felt.ZERO, Felt.ZERO, Felt.ZERO))));
        assertThat(block.receipts().get(0).revertReason().orElseThrow()).startsWith("INSUFFICIENT_ALLOWANCE")
                .contains(chain.swapPool() + ".swap > " + chain.feeToken() + ".transfer_from");
        assertThat(block.receipts().get(1).revertReason().orElseThrow())
                .startsWith("ASSERTION_FAILED: SwapPool: " + chain.counter() + " is not one of the pool's tokens");
    }

    @Test
    void addingLiquidityMintsSharesInProportionToTheReserves() {
        TestChain chain = TestChain.create(1);
        GenesisAccount provider = chain.account(0);
        // Genesis locked isqrt(1,000,000 · 2,000,000) = 1,414,213 shares in the pool. A deposit of 10,000 STRK and
        // 20,000 VUSD mints min(10,000 · 1,414,213 / 1,000,000, 20,000 · 1,414,213 / 2,000,000) = 14,142.
        Receipt receipt = chain.commitBlock(List.of(chain.invoke(provider, 0,
                call(chain.feeToken(), "approve", chain.swapPool().value(), Felt.of(10_000), Felt.ZERO),
                call(chain.swapToken(), "approve", chain.swapPool().value(), Felt.of(20_000), Felt.ZERO),
                call(chain.swapPool(), "add_liquidity", Felt.of(10_000), Felt.ZERO, Felt.of(20_000), Felt.ZERO))))
                .receipts().get(0);
        assertThat(receipt.revertReason()).isEmpty();
        assertThat(chain.view(chain.swapPool(), "shares_of", provider.address().value()))
                .containsExactly(Felt.of(14_142), Felt.ZERO);
        assertThat(chain.view(chain.swapPool(), "get_reserves"))
                .containsExactly(Felt.of(RESERVE_STRK + 10_000), Felt.of(RESERVE_VUSD + 20_000));
    }

    static Stream<long[]> swaps() {
        return Samples.stream("swap pool amounts", 40, random -> new long[] {
            1 + random.nextLong(1L << 40), 1 + random.nextLong(1L << 40), 1 + random.nextLong(1L << 40),
            random.nextInt(10_000)});
    }

    @ParameterizedTest
    @MethodSource("swaps")
    void theProductOfTheReservesNeverDecreases(long[] sample) {
        BigInteger amountIn = BigInteger.valueOf(sample[0]);
        BigInteger reserveIn = BigInteger.valueOf(sample[1]);
        BigInteger reserveOut = BigInteger.valueOf(sample[2]);
        BigInteger out = SwapPoolContract.amountOut(amountIn, reserveIn, reserveOut, sample[3]);
        assertThat(out).isLessThan(reserveOut);
        assertThat(reserveIn.add(amountIn).multiply(reserveOut.subtract(out)))
                .isGreaterThanOrEqualTo(reserveIn.multiply(reserveOut));
        // Without a fee, one more unit of output would break the invariant: the output is the largest allowed.
        BigInteger noFee = SwapPoolContract.amountOut(amountIn, reserveIn, reserveOut, 0);
        assertThat(reserveIn.add(amountIn).multiply(reserveOut.subtract(noFee.add(BigInteger.ONE))))
                .isLessThan(reserveIn.multiply(reserveOut));
    }

    @Test
    void theStatusOfASuccessfulSwapIsSucceeded() {
        TestChain chain = TestChain.create(1);
        Receipt receipt = chain.commitBlock(List.of(chain.invoke(chain.account(0), 0,
                call(chain.swapToken(), "approve", chain.swapPool().value(), Felt.of(1_000), Felt.ZERO),
                call(chain.swapPool(), "swap", chain.swapToken().value(), Felt.of(1_000), Felt.ZERO, Felt.ONE,
                        Felt.ZERO)))).receipts().get(0);
        assertThat(receipt.status()).isEqualTo(ExecutionStatus.SUCCEEDED);
        // 1,000 VUSD in: 9,970,000 · 1,000,000 / (2,000,000 · 10,000 + 9,970,000)
        //   = 9,970,000,000,000 / 20,009,970,000 = 498.25…, so 498 STRK out.
        assertThat(chain.view(chain.swapPool(), "get_reserves"))
                .containsExactly(Felt.of(RESERVE_STRK - 498), Felt.of(RESERVE_VUSD + 1_000));
    }
}
