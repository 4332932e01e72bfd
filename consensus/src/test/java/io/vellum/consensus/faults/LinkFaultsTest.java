package io.vellum.consensus.faults;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.vellum.proposer.NodeId;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.ratis.proto.RaftProtos.AppendEntriesRequestProto;
import org.apache.ratis.proto.RaftProtos.RaftClientRequestProto;
import org.apache.ratis.proto.RaftProtos.RaftRpcRequestProto;
import org.apache.ratis.proto.RaftProtos.RequestVoteRequestProto;
import org.apache.ratis.proto.RaftProtos.RequestVoteReplyProto;
import org.apache.ratis.protocol.ClientId;
import org.apache.ratis.thirdparty.com.google.protobuf.ByteString;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class LinkFaultsTest {
    private static final NodeId A = NodeId.of("a");
    private static final NodeId B = NodeId.of("b");
    private static final NodeId C = NodeId.of("c");
    private static final NodeId D = NodeId.of("d");
    private static final NodeId E = NodeId.of("e");
    private static final long MS = 1_000_000L;

    private final AtomicLong now = new AtomicLong(1_000 * MS);
    private final List<LinkFaults> opened = new ArrayList<>();

    private LinkFaults faults(long seed) {
        LinkFaults faults = new LinkFaults(seed, new SimpleMeterRegistry(), now::get);
        opened.add(faults);
        return faults;
    }

    @AfterEach
    void close() {
        opened.forEach(LinkFaults::close);
    }

    /** The links between {@code nodes} that drop everything. */
    private static Set<String> blocked(LinkFaults faults) {
        Set<String> out = new TreeSet<>();
        for (ActiveFault fault : faults.activeFaults()) {
            if (fault.rule().blocked()) {
                out.add(fault.link().toString());
            }
        }
        return out;
    }

    @Test
    void aClearLayerPassesEverythingAtOnce() {
        LinkFaults faults = faults(1);
        faults.addNodes(List.of(A, B));
        assertThat(faults.decide(Link.of(A, B), "message")).isZero();
        assertThat(faults.activeFaults()).isEmpty();
        assertThat(faults.describe()).isEqualTo("none");
    }

    @Test
    void partitionBlocksExactlyTheLinksBetweenGroupsBothWays() {
        LinkFaults faults = faults(1);
        faults.addNodes(List.of(A, B, C, D));
        faults.partition(Set.of(A, B), Set.of(C));
        assertThat(blocked(faults)).containsExactlyInAnyOrder("a->c", "c->a", "b->c", "c->b");
        assertThat(faults.decide(Link.of(A, C), "m")).isEqualTo(LinkState.DROP);
        assertThat(faults.decide(Link.of(A, B), "m")).isZero();
        assertThat(faults.decide(Link.of(A, D), "m")).as("a node in no group is left alone").isZero();
        assertThat(faults.counts(A, C).blocked()).isEqualTo(1);
    }

    @Test
    void isolateCutsOneNodeFromEveryKnownNode() {
        LinkFaults faults = faults(1);
        faults.addNodes(List.of(A, B, C));
        faults.isolate(B);
        assertThat(blocked(faults)).containsExactlyInAnyOrder("a->b", "b->a", "b->c", "c->b");
        assertThat(faults.describe()).isEqualTo("blocked: a->b b->a b->c c->b");
    }

    @Test
    void oneWayBlocksOnlyOneDirection() {
        LinkFaults faults = faults(1);
        faults.oneWay(A, B);
        assertThat(blocked(faults)).containsExactly("a->b");
        assertThat(faults.decide(Link.of(B, A), "m")).isZero();
    }

    @Test
    void aRingLeavesEachNodeOnlyItsTwoNeighbours() {
        LinkFaults faults = faults(1);
        List<NodeId> order = List.of(A, B, C, D, E);
        faults.ring(order);
        for (int i = 0; i < order.size(); i++) {
            for (int j = 0; j < order.size(); j++) {
                if (i == j) {
                    continue;
                }
                boolean neighbours = Math.floorMod(i - j, 5) == 1 || Math.floorMod(j - i, 5) == 1;
                assertThat(faults.rule(order.get(i), order.get(j)).blocked()).as("%d->%d", i, j)
                        .isEqualTo(!neighbours);
            }
        }
    }

    @Test
    void faultsComposeOnALinkAndHealClearsThemAll() {
        LinkFaults faults = faults(1);
        faults.delay(A, B, 50, 10);
        faults.loss(A, B, 0.25);
        faults.bandwidth(A, B, 1_000_000);
        faults.oneWay(A, B);
        assertThat(faults.rule(A, B)).isEqualTo(new LinkRule(true, 50, 10, 0.25, 1_000_000));
        assertThat(faults.activeFaults()).hasSize(1);
        faults.heal();
        assertThat(faults.rule(A, B)).isEqualTo(LinkRule.CLEAR);
        assertThat(faults.activeFaults()).isEmpty();
        assertThat(faults.decide(Link.of(A, B), "m")).isZero();
    }

    @ParameterizedTest
    @ValueSource(longs = {1, 7, 42, 1_000_003, -5})
    void jitteredDelaysStayWithinTheirBoundsAndSpreadAcrossThem(long seed) {
        LinkFaults faults = faults(seed);
        faults.delay(A, B, 50, 10);
        long min = Long.MAX_VALUE;
        long max = Long.MIN_VALUE;
        for (int i = 0; i < 2_000; i++) {
            long wait = faults.decide(Link.of(A, B), "m");
            assertThat(wait).isBetween(40 * MS, 60 * MS);
            min = Math.min(min, wait);
            max = Math.max(max, wait);
        }
        assertThat(min).isLessThan(42 * MS);
        assertThat(max).isGreaterThan(58 * MS);
        assertThat(faults.counts(A, B).delayed()).isEqualTo(2_000);
    }

    @Test
    void aDelayWithoutJitterIsExact() {
        LinkFaults faults = faults(3);
        faults.delay(A, B, 25, 0);
        assertThat(faults.decide(Link.of(A, B), "m")).isEqualTo(25 * MS);
    }

    @ParameterizedTest
    @ValueSource(longs = {1, 2, 99, 123_456_789})
    void lossIsDeterminedByTheSeedAndTheLinkAndHasTheRightRate(long seed) {
        List<Boolean> first = drops(faults(seed), A, B, 0.3, 4_000);
        List<Boolean> again = drops(faults(seed), A, B, 0.3, 4_000);
        assertThat(again).as("same seed, same link").isEqualTo(first);
        assertThat(drops(faults(seed + 1), A, B, 0.3, 4_000)).as("another seed").isNotEqualTo(first);
        assertThat(drops(faults(seed), B, A, 0.3, 4_000)).as("the other direction").isNotEqualTo(first);
        long lost = first.stream().filter(d -> d).count();
        // 4000 draws at p = 0.3: mean 1200, standard deviation 29; 5 sigma either side.
        assertThat(lost).isBetween(1_055L, 1_345L);
    }

    private static List<Boolean> drops(LinkFaults faults, NodeId from, NodeId to, double p, int count) {
        faults.loss(from, to, p);
        List<Boolean> out = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            long wait = faults.decide(Link.of(from, to), "m");
            assertThat(wait).as("a lost message arrives late, it is not dropped").isNotEqualTo(LinkState.DROP);
            // No delay rule: any wait is retransmissions, a multiple of the first timeout, 200 ms · (2^k − 1).
            long timeouts = wait / (LinkState.RETRANSMISSION_TIMEOUT_MS * MS);
            assertThat(wait % (LinkState.RETRANSMISSION_TIMEOUT_MS * MS)).isZero();
            assertThat(Long.bitCount(timeouts + 1)).isEqualTo(1);
            assertThat(timeouts).isLessThan(1L << LinkState.RETRANSMISSIONS_MAX);
            out.add(wait > 0);
        }
        assertThat(faults.counts(from, to).lost()).isEqualTo(out.stream().filter(d -> d).count());
        return out;
    }

    @Test
    void aBandwidthCapDelaysBySerializedSizeAndDropsBeyondTheBacklog() {
        LinkFaults faults = faults(1);
        faults.bandwidth(A, B, 10_000); // burst: 100 ms = 1000 bytes
        AppendEntriesRequestProto message = append("a", 2_000);
        int size = message.getSerializedSize();
        assertThat(size).isGreaterThan(2_000);
        long first = faults.decide(Link.of(A, B), message);
        assertThat(first).isEqualTo((long) Math.ceil((size - 1_000) * 1e9 / 10_000));
        long waits = first;
        int passed = 1;
        while (true) {
            long wait = faults.decide(Link.of(A, B), message);
            if (wait == LinkState.DROP) {
                break;
            }
            assertThat(wait).isGreaterThan(waits);
            waits = wait;
            passed++;
        }
        assertThat(waits).isLessThanOrEqualTo(LinkRule.BACKLOG_MAX_MS * MS);
        assertThat(passed).isEqualTo(10); // 2 s of backlog at ~2 KB each at 10 KB/s
        assertThat(faults.counts(A, B).overflowed()).isEqualTo(1);
        now.addAndGet(5_000 * MS); // drained
        assertThat(faults.decide(Link.of(A, B), message)).isLessThan(first + 1);
    }

    @Test
    void theSenderIsReadFromServerRequestsAndFromClientsOfKnownNodes() {
        LinkFaults faults = faults(1);
        faults.addNodes(List.of(A, B));
        assertThat(faults.senderOf(append("b", 0))).isEqualTo(B);
        RequestVoteRequestProto vote = RequestVoteRequestProto.newBuilder()
                .setServerRequest(RaftRpcRequestProto.newBuilder().setRequestorId(ByteString.copyFromUtf8("a")))
                .build();
        assertThat(faults.senderOf(vote)).isEqualTo(A);
        assertThat(faults.senderOf(clientRequest(NodeClientIds.newClientId(B)))).isEqualTo(B);
        assertThat(faults.senderOf(clientRequest(NodeClientIds.newClientId(C)))).as("not a known node").isNull();
        assertThat(faults.senderOf(clientRequest(ClientId.randomId()))).isNull();
        assertThat(faults.senderOf(RequestVoteReplyProto.getDefaultInstance())).as("a reply names no sender")
                .isNull();
        assertThat(faults.senderOf("not a proto")).isNull();
    }

    @Test
    void everyStartOfANodeGetsAnotherClientIdWithTheSameNodePrefix() {
        ClientId first = NodeClientIds.newClientId(A);
        ClientId second = NodeClientIds.newClientId(A);
        assertThat(first).isNotEqualTo(second);
        assertThat(first.getUuid().getMostSignificantBits()).isEqualTo(NodeClientIds.nodePrefix(A))
                .isEqualTo(second.getUuid().getMostSignificantBits());
        assertThat(NodeClientIds.nodePrefix(A)).isNotEqualTo(NodeClientIds.nodePrefix(B));
    }

    @Test
    void badInputIsRefusedWithTheReason() {
        assertThatThrownBy(() -> Link.of(A, A)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("distinct");
        assertThatThrownBy(() -> new LinkRule(false, 10, 20, 0, 0)).hasMessageContaining("jitterMs");
        assertThatThrownBy(() -> new LinkRule(false, -1, 0, 0, 0)).hasMessageContaining("delayMs");
        assertThatThrownBy(() -> new LinkRule(false, 0, 0, 1.5, 0)).hasMessageContaining("lossProbability");
        assertThatThrownBy(() -> new LinkRule(false, 0, 0, Double.NaN, 0)).hasMessageContaining("lossProbability");
        assertThatThrownBy(() -> new LinkRule(false, 0, 0, 0, -1)).hasMessageContaining("bytesPerSecond");
        LinkFaults faults = faults(1);
        assertThatThrownBy(() -> faults.partition(Set.of(A, B), Set.of(B, C))).hasMessageContaining("two groups");
        assertThatThrownBy(() -> faults.partition(Set.of(A, B))).hasMessageContaining("two non-empty");
        assertThatThrownBy(() -> faults.ring(List.of(A, B))).hasMessageContaining("at least 3");
        assertThatThrownBy(() -> faults.isolate(A)).isInstanceOf(IllegalStateException.class);
        assertThat(faults.activeFaults()).as("nothing changed by refused calls").isEmpty();
    }

    @Test
    void aClosedLayerPassesEverythingAndRefusesNewFaults() {
        LinkFaults faults = faults(1);
        faults.oneWay(A, B);
        faults.close();
        assertThat(faults.decide(Link.of(A, B), "m")).isZero();
        assertThat(faults.activeFaults()).isEmpty();
        assertThatThrownBy(() -> faults.oneWay(A, B)).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("closed");
        faults.heal(); // clearing stays allowed
    }

    private static AppendEntriesRequestProto append(String sender, int padding) {
        return AppendEntriesRequestProto.newBuilder()
                .setServerRequest(RaftRpcRequestProto.newBuilder().setRequestorId(ByteString.copyFromUtf8(sender))
                        .setReplyId(ByteString.copyFromUtf8("x")).setCallId(1))
                .addCommitInfos(org.apache.ratis.proto.RaftProtos.CommitInfoProto.newBuilder()
                        .setServer(org.apache.ratis.proto.RaftProtos.RaftPeerProto.newBuilder()
                                .setAddress("p".repeat(padding))))
                .build();
    }

    private static RaftClientRequestProto clientRequest(ClientId client) {
        return RaftClientRequestProto.newBuilder()
                .setRpcRequest(RaftRpcRequestProto.newBuilder().setRequestorId(client.toByteString())).build();
    }
}
