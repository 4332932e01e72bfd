package io.vellum.consensus.node;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.vellum.blockifier.block.BlockLimits;
import io.vellum.blockifier.commitment.StarknetVersion;
import io.vellum.blockifier.core.ContractAddress;
import io.vellum.blockifier.execution.ExecutionConfig;
import io.vellum.blockifier.testing.TestChain;
import io.vellum.consensus.core.CoreConfig;
import io.vellum.consensus.core.QuorumRule;
import io.vellum.consensus.entry.Member;
import io.vellum.proposer.NodeId;
import io.vellum.proposer.builder.ProposerFault;
import io.vellum.proposer.mempool.MempoolLimits;
import io.vellum.proposer.ordering.OrderingPolicy;
import io.vellum.proposer.schedule.ProposerSchedule;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/** A bad configuration fails when built, naming the node and what is wrong. */
class NodeConfigTest {
    private static final TestChain CHAIN = TestChain.create(2);
    private static final CoreConfig CORE = new CoreConfig(TestChain.CHAIN_ID, CHAIN.feeToken(),
            CHAIN.context().gasPrices(), BlockLimits.DEFAULT, MempoolLimits.DEFAULT, OrderingPolicy.named("fifo"),
            ProposerSchedule.parse("leader"), QuorumRule.MAJORITY, 100, 100, 3_000, 500);
    private static final Peer P0 = new Peer(TestCluster.idOf(0), Endpoint.loopback(21_000));
    private static final Peer P1 = new Peer(TestCluster.idOf(1), Endpoint.loopback(21_001));

    private static NodeConfig config(NodeId id, Endpoint address, List<Peer> peers, boolean joining,
            List<Member> voters) {
        return new NodeConfig(id, TestCluster.keyOf(Integer.parseInt(id.value().substring(1))), ContractAddress.of(1),
                Path.of("/tmp/unused"), address, peers, joining, "test", CHAIN.genesis, voters, CORE,
                ExecutionConfig.DEFAULT, StarknetVersion.V0_14_0, RatisSettings.DEFAULT, BatchingSettings.DEFAULT,
                ProposerFault.NONE);
    }

    @Test
    void aValidConfigurationDescribesItsMemberAndPeer() {
        NodeConfig config = config(P0.id(), P0.address(), List.of(P0, P1), false,
                List.of(TestCluster.memberOf(0), TestCluster.memberOf(1)));
        assertThat(config.member().publicKey()).isEqualTo(TestCluster.memberOf(0).publicKey());
        assertThat(config.peer()).isEqualTo(P0);
    }

    @Test
    void aNonLoopbackAddressIsRefused() {
        assertThatThrownBy(() -> new Endpoint("8.8.8.8", 9000)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("not a loopback address");
        assertThatThrownBy(() -> new Endpoint("127.0.0.1", 0)).hasMessageContaining("port");
    }

    @Test
    void aMemberMustListItselfAtItsOwnAddress() {
        assertThatThrownBy(() -> config(P0.id(), P0.address(), List.of(P1), false, List.of(TestCluster.memberOf(0))))
                .hasMessageContaining("n0: the peers must include this node");
        assertThatThrownBy(() -> config(P0.id(), Endpoint.loopback(21_009), List.of(P0, P1), false,
                List.of(TestCluster.memberOf(0)))).hasMessageContaining("its Raft address is");
    }

    @Test
    void aJoinerMustKnowAMemberToJoin() {
        assertThatThrownBy(() -> config(P0.id(), P0.address(), List.of(P0), true, List.of(TestCluster.memberOf(1))))
                .hasMessageContaining("must know at least one member");
        assertThat(config(P0.id(), P0.address(), List.of(P1, P0), true, List.of(TestCluster.memberOf(1))).joining())
                .isTrue();
    }

    @Test
    void duplicatesAndAMismatchedKeyAreRefused() {
        assertThatThrownBy(() -> config(P0.id(), P0.address(), List.of(P0, P0), false,
                List.of(TestCluster.memberOf(0)))).hasMessageContaining("listed twice");
        assertThatThrownBy(() -> config(P0.id(), P0.address(), List.of(P0, new Peer(P1.id(), P0.address())), false,
                List.of(TestCluster.memberOf(0)))).hasMessageContaining("share the address");
        assertThatThrownBy(() -> config(P0.id(), P0.address(), List.of(P0), false,
                List.of(TestCluster.memberOf(0), TestCluster.memberOf(0)))).hasMessageContaining("listed twice");
        Member wrongKey = new Member(P0.id(), TestCluster.memberOf(1).publicKey(), ContractAddress.of(1));
        assertThatThrownBy(() -> config(P0.id(), P0.address(), List.of(P0), false, List.of(wrongKey)))
                .hasMessageContaining("does not match its private key");
    }

    @Test
    void settingsAreChecked() {
        assertThatThrownBy(() -> RatisSettings.DEFAULT.withElectionTimeoutMs(300, 150))
                .hasMessageContaining("election timeout");
        assertThatThrownBy(() -> new BatchingSettings(0, 5, 10, 10)).hasMessageContaining("transactions per batch");
        assertThatThrownBy(() -> new BatchingSettings(100, 5, 10, 10)).hasMessageContaining("at least one batch");
        assertThatThrownBy(() -> RatisSettings.DEFAULT.withSnapshots(0, 1, 1 << 20))
                .hasMessageContaining("snapshot threshold");
    }
}
