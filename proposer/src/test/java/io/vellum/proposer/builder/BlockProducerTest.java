package io.vellum.proposer.builder;

import static org.assertj.core.api.Assertions.assertThat;

import io.vellum.blockifier.block.BlockCloseReason;
import io.vellum.blockifier.block.BlockLimits;
import io.vellum.blockifier.block.GenesisAccount;
import io.vellum.blockifier.commitment.StarknetVersion;
import io.vellum.blockifier.crypto.Felt;
import io.vellum.blockifier.execution.RejectionCode;
import io.vellum.blockifier.testing.TestChain;
import io.vellum.blockifier.transaction.ExecutableTransaction;
import io.vellum.proposer.mempool.LogPosition;
import io.vellum.proposer.mempool.PendingTransaction;
import io.vellum.proposer.ordering.FifoPolicy;
import io.vellum.proposer.ordering.OrderedCandidates;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Build, then verify on an equal state as a follower would: honest blocks are approved with the same commitment;
 * every lie is rejected at the first transaction it touches.
 */
class BlockProducerTest {
    private static final Felt PARENT = Felt.fromHex("0x9a7e47");
    private TestChain chain;
    private BlockProducer honest;
    private List<PendingTransaction> candidates;

    @BeforeEach
    void setUp() {
        chain = TestChain.create(4);
        honest = new BlockProducer(chain.executor, StarknetVersion.V0_14_0);
        GenesisAccount a = chain.account(0);
        GenesisAccount b = chain.account(1);
        GenesisAccount c = chain.account(2);
        candidates = pending(
                chain.transfer(a, b.address(), BigInteger.TEN, 0),
                chain.transfer(b, c.address(), BigInteger.ONE, 0),
                chain.transfer(a, c.address(), BigInteger.TWO, 1),
                chain.transfer(c, a.address(), BigInteger.ONE, 5)); // bad nonce: rejected
    }

    private static List<PendingTransaction> pending(ExecutableTransaction... transactions) {
        List<PendingTransaction> out = new ArrayList<>();
        for (int i = 0; i < transactions.length; i++) {
            out.add(new PendingTransaction(transactions[i], new LogPosition(10, i)));
        }
        return out;
    }

    private BuiltBlock build(BlockProducer producer, BlockLimits limits, Deadline deadline) {
        return producer.build(chain.state, chain.context(), PARENT, limits, candidates, deadline);
    }

    private Verdict verify(BuiltBlock built, BlockLimits limits) {
        return honest.verify(chain.state, chain.context(), PARENT, limits, candidates, built.claim());
    }

    /**
     * With candidates produced as read, a build and a re-execution read what the block takes (and one more, to see
     * why it closed), not the whole backlog — and the follower still approves.
     */
    @Test
    void buildAndReExecutionReadOnlyWhatTheBlockTakes() {
        List<ExecutableTransaction> backlog = new ArrayList<>();
        for (int nonce = 0; nonce < 6; nonce++) {
            backlog.add(chain.transfer(chain.account(0), chain.account(1).address(), BigInteger.ONE, nonce));
            backlog.add(chain.transfer(chain.account(2), chain.account(3).address(), BigInteger.ONE, nonce));
        }
        List<PendingTransaction> pending = pending(backlog.toArray(ExecutableTransaction[]::new));
        BlockLimits twoPerBlock = BlockLimits.DEFAULT.withTransactionCountMax(2);
        OrderedCandidates proposerView = new FifoPolicy().order(pending, chain.state::nonceAt);
        BuiltBlock built = honest.build(chain.state, chain.context(), PARENT, twoPerBlock, proposerView,
                Deadline.NEVER);
        assertThat(built.block().transactionCount()).isEqualTo(2);
        assertThat(proposerView.producedSoFar()).isBetween(2, 3);
        OrderedCandidates followerView = new FifoPolicy().order(pending, chain.state::nonceAt);
        Verdict verdict = honest.verify(chain.state, chain.context(), PARENT, twoPerBlock, followerView,
                built.claim());
        assertThat(verdict).isInstanceOf(Verdict.Approve.class);
        assertThat(followerView.producedSoFar()).isBetween(2, 3);
        assertThat(followerView.size()).isEqualTo(pending.size()); // nothing lost by reading lazily
    }

    @Test
    void anHonestBlockIsApprovedWithTheSameResult() {
        BuiltBlock built = build(honest, BlockLimits.DEFAULT, Deadline.NEVER);
        assertThat(built.block().closeReason()).isEqualTo(BlockCloseReason.NO_MORE_TRANSACTIONS);
        assertThat(built.offered()).hasSize(4);
        assertThat(built.offered().get(3)).isEqualTo(
                new OfferedTransaction.Rejected(candidates.get(3).hash(), RejectionCode.INVALID_NONCE));
        assertThat(built.block().transactionCount()).isEqualTo(3);
        Verdict verdict = verify(built, BlockLimits.DEFAULT);
        assertThat(verdict).isInstanceOfSatisfying(Verdict.Approve.class, approve -> {
            assertThat(approve.block().proposalCommitment()).isEqualTo(built.proposalCommitment());
            assertThat(approve.block().block()).isEqualTo(built.block());
        });
    }

    @Test
    void aDifferentParentChangesTheCommitment() {
        BuiltBlock built = build(honest, BlockLimits.DEFAULT, Deadline.NEVER);
        Verdict verdict = honest.verify(chain.state, chain.context(), PARENT.add(Felt.ONE), BlockLimits.DEFAULT,
                candidates, built.claim());
        assertThat(verdict).isInstanceOfSatisfying(Verdict.Reject.class, reject -> {
            assertThat(reject.position()).isEqualTo(-1);
            assertThat(reject.reason()).contains("proposal commitment differs");
        });
    }

    @Test
    void aWrongResultIsRejectedAtTheFirstIncludedTransaction() {
        BuiltBlock lie = build(new BlockProducer(chain.executor, StarknetVersion.V0_14_0, new ProposerFault.WrongResult()),
                BlockLimits.DEFAULT, Deadline.NEVER);
        assertThat(verify(lie, BlockLimits.DEFAULT)).isInstanceOfSatisfying(Verdict.Reject.class, reject -> {
            assertThat(reject.position()).isZero();
            assertThat(reject.reason()).contains("receipt of " + candidates.get(0).hash() + " differs");
        });
    }

    @Test
    void censoringAnAccountBreaksTheOrderingPolicyWhereItsTransactionWasDue() {
        BuiltBlock lie = build(new BlockProducer(chain.executor, StarknetVersion.V0_14_0,
                new ProposerFault.Censor(chain.account(1).address())), BlockLimits.DEFAULT, Deadline.NEVER);
        assertThat(verify(lie, BlockLimits.DEFAULT)).isInstanceOfSatisfying(Verdict.Reject.class, reject -> {
            assertThat(reject.position()).isEqualTo(1);
            assertThat(reject.reason()).contains("ordering policy not kept").contains(candidates.get(1).hash().toString());
        });
    }

    @Test
    void reorderingIsRejectedAtTheFirstPosition() {
        BuiltBlock lie = build(new BlockProducer(chain.executor, StarknetVersion.V0_14_0, new ProposerFault.Reorder()),
                BlockLimits.DEFAULT, Deadline.NEVER);
        assertThat(verify(lie, BlockLimits.DEFAULT)).isInstanceOfSatisfying(Verdict.Reject.class,
                reject -> assertThat(reject.position()).isZero());
    }

    @Test
    void aLimitThatClosesTheBlockIsReproduced() {
        BlockLimits two = BlockLimits.DEFAULT.withTransactionCountMax(2);
        BuiltBlock built = build(honest, two, Deadline.NEVER);
        assertThat(built.block().closeReason()).isEqualTo(BlockCloseReason.TRANSACTION_COUNT);
        assertThat(built.offered()).hasSize(2);
        assertThat(verify(built, two)).isInstanceOf(Verdict.Approve.class);
        // The same claim under larger limits does not reproduce the closing.
        assertThat(verify(built, BlockLimits.DEFAULT)).isInstanceOfSatisfying(Verdict.Reject.class,
                reject -> assertThat(reject.reason()).contains("still open"));
    }

    @Test
    void aProposerMayStopWhenItsIntervalElapsesButNotClaimThereWasNothingLeft() {
        int[] offers = {0};
        BuiltBlock early = build(honest, BlockLimits.DEFAULT, () -> offers[0]++ >= 1);
        assertThat(early.block().closeReason()).isEqualTo(BlockCloseReason.INTERVAL_ELAPSED);
        assertThat(early.offered()).hasSize(1);
        assertThat(verify(early, BlockLimits.DEFAULT)).isInstanceOf(Verdict.Approve.class);

        ClaimedBlock falseEnd = new ClaimedBlock(early.offered(), BlockCloseReason.NO_MORE_TRANSACTIONS,
                early.proposalCommitment());
        assertThat(honest.verify(chain.state, chain.context(), PARENT, BlockLimits.DEFAULT, candidates, falseEnd))
                .isInstanceOfSatisfying(Verdict.Reject.class, reject -> {
                    assertThat(reject.position()).isEqualTo(1);
                    assertThat(reject.reason()).contains("3 more candidates");
                });
    }

    @Test
    void claimingMoreTransactionsThanCandidatesIsRejected() {
        BuiltBlock built = build(honest, BlockLimits.DEFAULT, Deadline.NEVER);
        assertThat(honest.verify(chain.state, chain.context(), PARENT, BlockLimits.DEFAULT, candidates.subList(0, 2),
                built.claim())).isInstanceOfSatisfying(Verdict.Reject.class,
                        reject -> assertThat(reject.position()).isEqualTo(2));
    }
}
