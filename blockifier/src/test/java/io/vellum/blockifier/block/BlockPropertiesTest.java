package io.vellum.blockifier.block;

import static org.assertj.core.api.Assertions.assertThat;

import io.vellum.blockifier.core.ContractAddress;
import io.vellum.blockifier.core.Nonce;
import io.vellum.blockifier.core.StorageKey;
import io.vellum.blockifier.crypto.Felt;
import io.vellum.blockifier.execution.ExecutionConfig;
import io.vellum.blockifier.execution.Receipt;
import io.vellum.blockifier.state.CachedState;
import io.vellum.blockifier.state.InMemoryState;
import io.vellum.blockifier.testing.RandomWorkload;
import io.vellum.blockifier.testing.Samples;
import io.vellum.blockifier.testing.TestChain;
import io.vellum.blockifier.transaction.ExecutableTransaction;
import io.vellum.blockifier.transaction.InvokeTransaction;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Properties of block execution over seeded random workloads ({@link RandomWorkload}): supply conservation, no
 * negative balance, nonces that only increase, fee and usage accounting, determinism, and re-execution. Each
 * sample builds three blocks under limits drawn from the seed (small limits make blocks close on every bound),
 * committing each and carrying a transaction that did not fit over to the next block.
 */
class BlockPropertiesTest {
    private static final int ACCOUNTS = 6;
    private static final int BLOCKS = 3;
    private static final int OFFERS_PER_BLOCK = 24;

    /** A seed, whether signatures are checked, and the limits. */
    record Sample(long seed, boolean signatures, BlockLimits limits) {
        @Override
        public String toString() {
            return "seed " + seed + (signatures ? ", signed" : ", unsigned") + ", " + limits;
        }
    }

    static Stream<Sample> samples() {
        return Samples.stream("block properties", 12, random -> new Sample(random.nextLong(), random.nextBoolean(),
                new BlockLimits(4 + random.nextInt(30), 2_000_000 + random.nextInt(12_000_000),
                        20 + random.nextInt(120), 10 + random.nextInt(60))));
    }

    @ParameterizedTest
    @MethodSource("samples")
    void blocksOfRandomTransactionsKeepEveryInvariant(Sample sample) {
        TestChain chain = TestChain.create(ACCOUNTS, TestChain.DEFAULT_BALANCE,
                ExecutionConfig.DEFAULT.withSignatureChecks(sample.signatures()));
        RandomWorkload workload = new RandomWorkload(chain, sample.seed());
        ExecutableTransaction carried = null;
        for (int height = 0; height < BLOCKS; height++) {
            InMemoryState before = chain.state.copy();
            BlockBuilder builder = chain.builder(sample.limits());
            List<ExecutableTransaction> offered = new ArrayList<>();
            for (int i = 0; i < OFFERS_PER_BLOCK && builder.isOpen(); i++) {
                ExecutableTransaction transaction = carried != null ? carried : workload.next();
                carried = null;
                offered.add(transaction);
                TransactionOutcome outcome = builder.offer(transaction);
                workload.observe(outcome);
                if (outcome instanceof TransactionOutcome.DoesNotFit) {
                    carried = transaction;
                }
            }
            builder.close(BlockCloseReason.INTERVAL_ELAPSED);
            ExecutedBlock block = builder.finish();

            checkLimitsAndTotals(block, sample.limits());
            checkDeterminism(chain, before, offered, block, sample.limits());
            chain.state.apply(block.stateDiff());
            checkSupplyAndBalances(chain, workload, block);
            checkNoncesAndFees(chain, before, block);
            chain.setContext(chain.context().next(chain.context().timestampSeconds() + 2));
        }
    }

    private static void checkLimitsAndTotals(ExecutedBlock block, BlockLimits limits) {
        assertThat(block.transactionCount()).isLessThanOrEqualTo(limits.transactionCountMax());
        assertThat(block.l2GasUsed()).isLessThanOrEqualTo(limits.l2GasMax());
        assertThat(block.eventCount()).isLessThanOrEqualTo(limits.eventCountMax());
        assertThat(block.stateDiffEntries()).isLessThanOrEqualTo(limits.stateDiffEntriesMax());
        assertThat(block.stateDiff().length()).isLessThanOrEqualTo(block.stateDiffEntries());
        assertThat(block.l2GasUsed()).isEqualTo(block.receipts().stream()
                .mapToLong(receipt -> receipt.gasConsumed().l2Gas()).sum());
        assertThat(block.eventCount()).isEqualTo(block.receipts().stream()
                .mapToInt(receipt -> receipt.events().size()).sum());
    }

    /** Same state, same offers: the same block. The included list alone reproduces receipts and diff. */
    private static void checkDeterminism(TestChain chain, InMemoryState before, List<ExecutableTransaction> offered,
            ExecutedBlock block, BlockLimits limits) {
        ExecutedBlock again = BlockBuilder.execute(chain.executor, before.copy(), chain.context(), limits, offered,
                BlockCloseReason.INTERVAL_ELAPSED);
        assertThat(again).isEqualTo(block);
        ExecutedBlock replayed = BlockBuilder.execute(chain.executor, before.copy(), chain.context(), limits,
                block.transactions(), block.closeReason());
        assertThat(replayed.included()).isEqualTo(block.included());
        assertThat(replayed.stateDiff()).isEqualTo(block.stateDiff());
        assertThat(replayed.rejected()).isEmpty();
    }

    private static void checkSupplyAndBalances(TestChain chain, RandomWorkload workload, ExecutedBlock block) {
        for (ContractAddress token : List.of(chain.feeToken(), chain.swapToken())) {
            BigInteger sum = BigInteger.ZERO;
            for (ContractAddress holder : workload.holders()) {
                sum = sum.add(TestChain.tokenBalance(chain.state, token, holder));
            }
            assertThat(sum).as("sum of %s balances", token).isEqualTo(TestChain.totalSupply(chain.state, token));
            // No balance, allowance or supply cell ever wraps: every token value the block wrote is a u128 half.
            NavigableMap<StorageKey, Felt> written = block.stateDiff().storageUpdates().get(token);
            if (written != null) {
                assertThat(written.values()).allSatisfy(value -> assertThat(value.fitsBits(128)).isTrue());
            }
        }
        // The pool's reserves are its real balances.
        List<Felt> reserves = List.of(
                TestChain.storage(chain.state, chain.swapPool(), "pool_reserve_a"),
                TestChain.storage(chain.state, chain.swapPool(), "pool_reserve_b"));
        assertThat(reserves.get(0).toBigInteger()).isEqualTo(chain.balance(chain.state, chain.swapPool()));
        assertThat(reserves.get(1).toBigInteger())
                .isEqualTo(TestChain.tokenBalance(chain.state, chain.swapToken(), chain.swapPool()));
    }

    private static void checkNoncesAndFees(TestChain chain, InMemoryState before, ExecutedBlock block) {
        Map<ContractAddress, Integer> included = new HashMap<>();
        BigInteger fees = BigInteger.ZERO;
        for (IncludedTransaction transaction : block.included()) {
            if (transaction.transaction().transaction() instanceof InvokeTransaction invoke) {
                included.merge(invoke.senderAddress(), 1, Integer::sum);
            }
            fees = fees.add(transaction.receipt().actualFee().toBigInteger());
        }
        for (int i = 0; i < ACCOUNTS; i++) {
            ContractAddress account = chain.account(i).address();
            Nonce was = before.nonceAt(account);
            Nonce now = chain.state.nonceAt(account);
            assertThat(now).isGreaterThanOrEqualTo(was);
            assertThat(now.value().toBigInteger().subtract(was.value().toBigInteger()))
                    .isEqualTo(BigInteger.valueOf(included.getOrDefault(account, 0)));
        }
        assertThat(chain.balance(chain.state, TestChain.SEQUENCER).subtract(chain.balance(before, TestChain.SEQUENCER)))
                .isEqualTo(fees);
        for (Receipt receipt : block.receipts()) {
            assertThat(receipt.gasConsumed().l2Gas()).isPositive();
        }
    }

    // -----------------------------------------------------------------------------------------------------

    static Stream<Long> garbageSeeds() {
        return Samples.stream("garbage transactions", 6, random -> random.nextLong());
    }

    @ParameterizedTest
    @MethodSource("garbageSeeds")
    void garbageTransactionsNeverThrowAndRejectionsChangeNothing(long seed) {
        TestChain chain = TestChain.create(3);
        RandomWorkload workload = new RandomWorkload(chain, seed);
        BlockBuilder builder = chain.builder(BlockLimits.DEFAULT);
        CachedState probe = new CachedState(chain.state);
        for (int i = 0; i < 150 && builder.isOpen(); i++) {
            ExecutableTransaction transaction = workload.garbage();
            int entriesBefore = builder.stateDiffEntries();
            TransactionOutcome outcome = builder.offer(transaction);
            workload.observe(outcome);
            if (!(outcome instanceof TransactionOutcome.Included)) {
                assertThat(builder.stateDiffEntries()).isEqualTo(entriesBefore);
            }
            // The executor alone, on a throwaway state, never throws either.
            chain.executor.execute(probe, chain.context(), transaction.transaction(), transaction.hash());
        }
        builder.close(BlockCloseReason.NO_MORE_TRANSACTIONS);
        ExecutedBlock block = builder.finish();
        assertThat(block.included().size() + block.rejected().size()).isPositive();
    }
}
