package io.vellum.consensus.core;

import static org.assertj.core.api.Assertions.assertThat;

import io.vellum.blockifier.block.BlockLimits;
import io.vellum.blockifier.commitment.StarknetVersion;
import io.vellum.blockifier.core.ContractAddress;
import io.vellum.blockifier.crypto.Ecdsa;
import io.vellum.blockifier.crypto.Felt;
import io.vellum.blockifier.execution.ExecutionConfig;
import io.vellum.blockifier.state.StateReader;
import io.vellum.blockifier.testing.TestChain;
import io.vellum.consensus.entry.Member;
import io.vellum.consensus.entry.Proposal;
import io.vellum.consensus.entry.ProposalTimeout;
import io.vellum.consensus.entry.TransactionBatch;
import io.vellum.proposer.NodeId;
import io.vellum.proposer.builder.BlockProducer;
import io.vellum.proposer.builder.Deadline;
import io.vellum.proposer.mempool.MempoolLimits;
import io.vellum.proposer.ordering.OrderingPolicy;
import io.vellum.proposer.schedule.ProposerSchedule;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

/**
 * A node's reports of a proposal that stays open: a report can be lost (sent to a leader that was just cut off), and
 * nothing but a report ends a proposal whose votes cannot reach the quorum, so a node reports it again each timeout
 * period for as long as it stays open, and stops once it is discarded.
 */
class ProposalTimeoutTest {
    private static final long TIMEOUT_MS = 3_000;
    private static final long START_MS = 1_700_000_000_000L;

    private final TestChain chain = TestChain.create(2, TestChain.DEFAULT_BALANCE,
            ExecutionConfig.DEFAULT.withSignatureChecks(false));
    private final List<Member> members = new ArrayList<>();
    private final CoreConfig config = new CoreConfig(TestChain.CHAIN_ID, chain.feeToken(), chain.context().gasPrices(),
            BlockLimits.DEFAULT, new MempoolLimits(1_000, 64), OrderingPolicy.named("fifo"),
            ProposerSchedule.parse("leader"), QuorumRule.MAJORITY, 100, 100, TIMEOUT_MS, 400);
    private final BlockProducer producer = new BlockProducer(chain.executor, StarknetVersion.V0_14_0);
    private final ChainView genesisOnly = new ChainView() {
        @Override
        public <T> T withStateAfter(long height, Function<StateReader, T> reading) {
            assertThat(height).as("only the genesis state exists here").isZero();
            return reading.apply(chain.state);
        }

        @Override
        public boolean isFinal(Felt transactionHash) {
            return false;
        }
    };

    ProposalTimeoutTest() {
        for (int i = 0; i < 3; i++) {
            members.add(new Member(NodeId.of("n" + i), Ecdsa.publicKey(key(i)), ContractAddress.of(0x5e90 + i)));
        }
    }

    @Test
    void anOpenProposalIsReportedAgainEachTimeoutPeriodUntilItIsDiscarded() {
        SequencerCore proposer = core(0);
        SequencerCore follower = core(1);
        TransactionBatch batch = new TransactionBatch(NodeId.of("n2"), List.of(chain.transfer(
                chain.genesis.accounts().get(0), chain.genesis.accounts().get(1).address(), BigInteger.TEN, 0)));
        proposer.apply(1, batch);
        follower.apply(1, batch);

        // n0 leads and proposes height 1; the proposal reaches the log at index 2.
        proposer.onLeaderChanged(1, NodeId.of("n0"));
        proposer.onLeaderReady(1);
        follower.onLeaderChanged(1, NodeId.of("n0"));
        BuildTask task = only(proposer.tick(START_MS), Action.Build.class).task();
        var built = producer.build(chain.state, task.context(), task.parentCommitment(), task.limits(),
                task.candidates(), Deadline.NEVER);
        Proposal proposal = (Proposal) only(proposer.onBuilt(task, built), Action.Submit.class).entry();
        follower.apply(2, proposal);
        assertThat(follower.state().open()).isPresent();

        // Its votes never arrive: the follower reports it at the timeout, not before...
        assertThat(timeouts(follower.tick(START_MS + TIMEOUT_MS - 1))).isEmpty();
        assertThat(timeouts(follower.tick(START_MS + TIMEOUT_MS))).hasSize(1);
        // ...not twice within one period...
        assertThat(timeouts(follower.tick(START_MS + TIMEOUT_MS + 10))).isEmpty();
        assertThat(timeouts(follower.tick(START_MS + 2 * TIMEOUT_MS - 1))).isEmpty();
        // ...but again once the period passed with the proposal still open (the first report was lost).
        List<ProposalTimeout> again = timeouts(follower.tick(START_MS + 2 * TIMEOUT_MS));
        assertThat(again).hasSize(1);
        assertThat(again.get(0).height()).isEqualTo(1);
        assertThat(again.get(0).proposalCommitment()).isEqualTo(proposal.proposalCommitment());

        // The report lands: the proposal is discarded and nothing more is reported.
        follower.apply(3, again.get(0));
        assertThat(follower.state().open()).isEmpty();
        assertThat(follower.state().lostTurns()).containsExactly(NodeId.of("n0"));
        assertThat(timeouts(follower.tick(START_MS + 4 * TIMEOUT_MS))).isEmpty();
    }

    private SequencerCore core(int index) {
        return new SequencerCore(members.get(index).id(), key(index), config, producer, genesisOnly,
                ReplicatedState.genesis(members), 0, List.of(), START_MS);
    }

    private static Felt key(int index) {
        return Felt.of(7_000 + index);
    }

    private static <A extends Action> A only(List<Action> actions, Class<A> type) {
        List<A> matching = actions.stream().filter(type::isInstance).map(type::cast).toList();
        assertThat(matching).as("%s among %s", type.getSimpleName(), actions).hasSize(1);
        return matching.get(0);
    }

    private static List<ProposalTimeout> timeouts(List<Action> actions) {
        return actions.stream().filter(Action.Submit.class::isInstance).map(a -> ((Action.Submit) a).entry())
                .filter(ProposalTimeout.class::isInstance).map(ProposalTimeout.class::cast).toList();
    }
}
