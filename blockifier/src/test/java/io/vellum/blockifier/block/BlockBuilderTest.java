package io.vellum.blockifier.block;

import static io.vellum.blockifier.testing.TestChain.call;
import static io.vellum.blockifier.testing.TestChain.transferCall;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.vellum.blockifier.core.ClassHash;
import io.vellum.blockifier.core.CompiledClassHash;
import io.vellum.blockifier.core.ContractAddress;
import io.vellum.blockifier.core.Nonce;
import io.vellum.blockifier.core.StorageKey;
import io.vellum.blockifier.crypto.Selectors;
import io.vellum.blockifier.state.StateReadException;
import io.vellum.blockifier.state.StateReader;
import java.util.Optional;
import io.vellum.blockifier.crypto.Felt;
import io.vellum.blockifier.execution.RejectionCode;
import io.vellum.blockifier.state.CachedState;
import io.vellum.blockifier.testing.TestChain;
import io.vellum.blockifier.transaction.ExecutableTransaction;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The bouncer: each limit closes a block, oversized transactions are rejected, and the lifecycle is enforced. */
class BlockBuilderTest {
    /** An ERC20 transfer through the account costs 337,000 L2 gas (see InvokeScenariosTest). */
    private static final long TRANSFER_GAS = 337_000;

    /** Transfers from account 2i to account 2i + 1, so each writes its own cells. */
    private static List<ExecutableTransaction> disjointTransfers(TestChain chain, int count) {
        List<ExecutableTransaction> out = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            out.add(chain.transfer(chain.account(2 * i), chain.account(2 * i + 1).address(), BigInteger.TEN, 0));
        }
        return out;
    }

    @Test
    void theBlockClosesWhenItHoldsTheMaximumNumberOfTransactions() {
        TestChain chain = TestChain.create(6);
        List<ExecutableTransaction> transfers = disjointTransfers(chain, 3);
        BlockBuilder builder = chain.builder(BlockLimits.DEFAULT.withTransactionCountMax(2));
        assertThat(builder.offer(transfers.get(0))).isInstanceOf(TransactionOutcome.Included.class);
        assertThat(builder.isOpen()).isTrue();
        assertThat(builder.offer(transfers.get(1))).isInstanceOf(TransactionOutcome.Included.class);
        assertThat(builder.isOpen()).isFalse();
        assertThat(builder.closeReason()).contains(BlockCloseReason.TRANSACTION_COUNT);
        assertThatThrownBy(() -> builder.offer(transfers.get(2))).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("closed (TRANSACTION_COUNT)");
        assertThat(builder.finish().closeReason()).isEqualTo(BlockCloseReason.TRANSACTION_COUNT);
    }

    @Test
    void aTransactionThatWouldExceedTheL2GasLimitDoesNotFitAndIsRolledBack() {
        TestChain chain = TestChain.create(6);
        List<ExecutableTransaction> transfers = disjointTransfers(chain, 3);
        BlockBuilder builder = chain.builder(BlockLimits.DEFAULT.withL2GasMax(3 * TRANSFER_GAS - 1));
        builder.offer(transfers.get(0));
        builder.offer(transfers.get(1));
        TransactionOutcome third = builder.offer(transfers.get(2));
        assertThat(third).isEqualTo(new TransactionOutcome.DoesNotFit(transfers.get(2), BlockCloseReason.L2_GAS));
        ExecutedBlock block = builder.finish();
        assertThat(block.closeReason()).isEqualTo(BlockCloseReason.L2_GAS);
        assertThat(block.included()).hasSize(2);
        assertThat(block.l2GasUsed()).isEqualTo(2 * TRANSFER_GAS);
        // The third transaction left no trace: its sender's nonce and balance are untouched.
        assertThat(block.stateDiff().nonces()).doesNotContainKey(chain.account(4).address());
        assertThat(block.stateDiff()).isEqualTo(BlockBuilder.execute(chain.executor, chain.state, chain.context(),
                BlockLimits.DEFAULT, transfers.subList(0, 2), BlockCloseReason.L2_GAS).stateDiff());
    }

    @Test
    void exactlyReachingTheL2GasLimitStillFits() {
        TestChain chain = TestChain.create(4);
        BlockBuilder builder = chain.builder(BlockLimits.DEFAULT.withL2GasMax(2 * TRANSFER_GAS));
        for (ExecutableTransaction transfer : disjointTransfers(chain, 2)) {
            assertThat(builder.offer(transfer)).isInstanceOf(TransactionOutcome.Included.class);
        }
        assertThat(builder.isOpen()).isTrue();
    }

    @Test
    void aTransactionThatWouldExceedTheEventLimitDoesNotFit() {
        TestChain chain = TestChain.create(6);
        List<ExecutableTransaction> transfers = disjointTransfers(chain, 3);
        // Each transfer emits two events (its own Transfer and the fee's).
        BlockBuilder builder = chain.builder(BlockLimits.DEFAULT.withEventCountMax(5));
        builder.offer(transfers.get(0));
        builder.offer(transfers.get(1));
        assertThat(builder.offer(transfers.get(2)))
                .isEqualTo(new TransactionOutcome.DoesNotFit(transfers.get(2), BlockCloseReason.EVENTS));
        assertThat(builder.finish().eventCount()).isEqualTo(4);
    }

    @Test
    void aTransactionThatWouldExceedTheStateDiffLimitDoesNotFit() {
        TestChain chain = TestChain.create(6);
        List<ExecutableTransaction> transfers = disjointTransfers(chain, 3);
        // The first transfer writes 7 entries: sender and recipient balances (2 cells each), the sequencer's
        // balance (2) and the sender's nonce. The next ones share the sequencer's cells: 5 new entries each.
        BlockBuilder builder = chain.builder(BlockLimits.DEFAULT.withStateDiffEntriesMax(16));
        builder.offer(transfers.get(0));
        assertThat(builder.stateDiffEntries()).isEqualTo(7);
        builder.offer(transfers.get(1));
        assertThat(builder.stateDiffEntries()).isEqualTo(12);
        assertThat(builder.offer(transfers.get(2)))
                .isEqualTo(new TransactionOutcome.DoesNotFit(transfers.get(2), BlockCloseReason.STATE_DIFF_SIZE));
        ExecutedBlock block = builder.finish();
        assertThat(block.stateDiffEntries()).isEqualTo(12);
        assertThat(block.stateDiff().nonces()).containsOnlyKeys(chain.account(0).address(), chain.account(2).address());
    }

    @Test
    void aTransactionTooLargeForAnyBlockIsRejectedAndTheBlockStaysOpen() {
        TestChain chain = TestChain.create(2);
        BlockLimits limits = new BlockLimits(100, 2_000_000, 10, 3);
        BlockBuilder builder = chain.builder(limits);
        // Twenty key-value writes are more state entries than a block holds.
        assertTooLarge(builder.offer(chain.invoke(chain.account(0), 0, call(chain.keyValue(), "write", Felt.ONE,
                Felt.of(20)))), "state entries");
        // Burning 2,500,000 gas is more than a block holds.
        assertTooLarge(builder.offer(chain.invoke(chain.account(0), 0, call(chain.gasBurner(), "burn",
                Felt.of(2_500_000)))), "L2 gas");
        // Three transfers and the fee are four events, more than a block holds.
        var three = transferCall(chain.feeToken(), chain.account(1).address(), BigInteger.ONE);
        assertTooLarge(builder.offer(chain.invoke(chain.account(0), 0, three, three, three)), "events");
        assertThat(builder.isOpen()).isTrue();
        assertThat(builder.offer(chain.transfer(chain.account(0), chain.account(1).address(), BigInteger.ONE, 0)))
                .isInstanceOf(TransactionOutcome.Included.class);
        builder.close(BlockCloseReason.INTERVAL_ELAPSED);
        ExecutedBlock block = builder.finish();
        assertThat(block.rejected()).extracting(r -> r.rejection().code())
                .containsOnly(RejectionCode.TRANSACTION_TOO_LARGE);
        assertThat(block.stateDiff().nonces()).containsEntry(chain.account(0).address(), Nonce.of(1));
    }

    private static void assertTooLarge(TransactionOutcome outcome, String what) {
        assertThat(outcome).isInstanceOfSatisfying(TransactionOutcome.Rejected.class, rejected -> {
            assertThat(rejected.rejected().rejection().code()).isEqualTo(RejectionCode.TRANSACTION_TOO_LARGE);
            assertThat(rejected.rejected().rejection().message()).contains(what);
        });
    }

    @Test
    void theCallerClosesTheBlockAndTheFirstReasonStays() {
        TestChain chain = TestChain.create(2);
        BlockBuilder builder = chain.builder();
        assertThatThrownBy(builder::finish).isInstanceOf(IllegalStateException.class).hasMessageContaining("open");
        builder.close(BlockCloseReason.INTERVAL_ELAPSED);
        builder.close(BlockCloseReason.NO_MORE_TRANSACTIONS);
        ExecutedBlock block = builder.finish();
        assertThat(block.closeReason()).isEqualTo(BlockCloseReason.INTERVAL_ELAPSED);
        assertThat(builder.finish()).isSameAs(block);
        assertThat(block.transactionCount()).isZero();
        assertThat(block.stateDiff().isEmpty()).isTrue();
    }

    @Test
    void reExecutingTheIncludedTransactionsReproducesReceiptsAndStateDiff() {
        TestChain chain = TestChain.create(6);
        List<ExecutableTransaction> offered = new ArrayList<>(disjointTransfers(chain, 2));
        offered.add(1, chain.transfer(chain.account(0), chain.account(3).address(), BigInteger.TEN, 5)); // bad nonce
        offered.add(chain.invoke(chain.account(1), 0, call(chain.counter(), "assert_value", Felt.of(3)))); // reverts
        offered.add(chain.invoke(chain.account(3), 0, call(chain.counter(), "increment")));
        offered.add(chain.transfer(chain.account(4), chain.account(5).address(), BigInteger.TEN, 0));
        BlockLimits limits = BlockLimits.DEFAULT.withTransactionCountMax(4);
        BlockBuilder proposer = chain.builder(limits);
        for (ExecutableTransaction transaction : offered) {
            if (proposer.isOpen()) {
                proposer.offer(transaction);
            }
        }
        ExecutedBlock proposal = proposer.finish();
        assertThat(proposal.closeReason()).isEqualTo(BlockCloseReason.TRANSACTION_COUNT);
        assertThat(proposal.rejected()).hasSize(1);

        ExecutedBlock replayed = BlockBuilder.execute(chain.executor, chain.state.copy(), chain.context(), limits,
                proposal.transactions(), proposal.closeReason());
        assertThat(replayed.included()).isEqualTo(proposal.included());
        assertThat(replayed.stateDiff()).isEqualTo(proposal.stateDiff());
        assertThat(replayed.l2GasUsed()).isEqualTo(proposal.l2GasUsed());
        assertThat(replayed.eventCount()).isEqualTo(proposal.eventCount());
        assertThat(replayed.stateDiffEntries()).isEqualTo(proposal.stateDiffEntries());
        assertThat(replayed.closeReason()).isEqualTo(proposal.closeReason());
    }

    @Test
    void anUnreadableStatePassesThroughAndTheTransactionLeavesNoTrace() {
        TestChain chain = TestChain.create(4);
        ContractAddress broken = chain.account(1).address();
        StorageKey brokenCell = new StorageKey(Selectors.storageVarAddress("ERC20_balances", broken.value()));
        StateReader failing = new StateReader() {
            @Override
            public Felt storageAt(ContractAddress contract, StorageKey key) {
                if (key.equals(brokenCell)) {
                    throw new StateReadException("disk error reading " + key);
                }
                return chain.state.storageAt(contract, key);
            }

            @Override
            public Nonce nonceAt(ContractAddress contract) {
                return chain.state.nonceAt(contract);
            }

            @Override
            public ClassHash classHashAt(ContractAddress contract) {
                return chain.state.classHashAt(contract);
            }

            @Override
            public Optional<CompiledClassHash> compiledClassHash(ClassHash classHash) {
                return chain.state.compiledClassHash(classHash);
            }
        };
        BlockBuilder builder = new BlockBuilder(chain.executor, failing, chain.context(), BlockLimits.DEFAULT);
        assertThatThrownBy(() -> builder.offer(chain.transfer(chain.account(0), broken, BigInteger.TEN, 0)))
                .isInstanceOf(StateReadException.class).hasMessageContaining("disk error");
        assertThat(builder.stateDiffEntries()).isZero();
        assertThat(builder.offer(chain.transfer(chain.account(2), chain.account(3).address(), BigInteger.TEN, 0)))
                .isInstanceOf(TransactionOutcome.Included.class);
    }

    @Test
    void theExecutedBlockListsHashesSignaturesAndReceiptsInOrder() {
        TestChain chain = TestChain.create(4);
        List<ExecutableTransaction> transfers = disjointTransfers(chain, 2);
        ExecutedBlock block = BlockBuilder.execute(chain.executor, chain.state, chain.context(), BlockLimits.DEFAULT,
                transfers, BlockCloseReason.NO_MORE_TRANSACTIONS);
        assertThat(block.transactionHashes()).containsExactly(transfers.get(0).hash(), transfers.get(1).hash());
        assertThat(block.signatures()).containsExactly(
                ((io.vellum.blockifier.transaction.InvokeTransaction) transfers.get(0).transaction()).signature(),
                ((io.vellum.blockifier.transaction.InvokeTransaction) transfers.get(1).transaction()).signature());
        assertThat(block.receipts()).extracting(io.vellum.blockifier.execution.Receipt::transactionHash)
                .isEqualTo(block.transactionHashes());
    }

    @Test
    void aRejectionLeavesTheCachedStateExactlyAsItWas() {
        TestChain chain = TestChain.create(2);
        CachedState state = new CachedState(chain.state);
        var result = chain.executor.execute(state, chain.context(),
                chain.transfer(chain.account(0), chain.account(1).address(), BigInteger.TEN, 3).transaction(),
                Felt.ONE);
        assertThat(result).isInstanceOf(io.vellum.blockifier.execution.TransactionResult.Rejected.class);
        assertThat(state.writtenKeyCount()).isZero();
    }
}
