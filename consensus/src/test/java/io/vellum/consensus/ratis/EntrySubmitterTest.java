package io.vellum.consensus.ratis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.vellum.consensus.node.LoopbackPorts;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.ratis.client.RaftClient;
import org.apache.ratis.client.RaftClientRpc;
import org.apache.ratis.client.api.AdminApi;
import org.apache.ratis.client.api.AsyncApi;
import org.apache.ratis.client.api.BlockingApi;
import org.apache.ratis.client.api.DataStreamApi;
import org.apache.ratis.client.api.GroupManagementApi;
import org.apache.ratis.client.api.LeaderElectionManagementApi;
import org.apache.ratis.client.api.MessageStreamApi;
import org.apache.ratis.client.api.SnapshotManagementApi;
import org.apache.ratis.protocol.ClientId;
import org.apache.ratis.client.RaftClientConfigKeys;
import org.apache.ratis.conf.RaftProperties;
import org.apache.ratis.protocol.RaftGroup;
import org.apache.ratis.protocol.RaftGroupId;
import org.apache.ratis.protocol.RaftPeer;
import org.apache.ratis.protocol.RaftPeerId;
import org.apache.ratis.retry.RetryPolicies;
import org.apache.ratis.util.TimeDuration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The submitter follows the leader its node knows: a new client aimed at it when the current one points elsewhere,
 * the old one closed once its entries are answered. The peers are loopback ports nobody listens on: every send
 * fails fast (connection refused, one attempt), which is all these tests need.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class EntrySubmitterTest {
    private final RaftGroup group;
    private final List<Watched> built = new ArrayList<>();
    private final AtomicLong now = new AtomicLong(1_000);
    private EntrySubmitter submitter;

    EntrySubmitterTest() {
        LoopbackPorts ports = new LoopbackPorts(System.nanoTime());
        List<RaftPeer> peers = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            peers.add(RaftPeer.newBuilder().setId("n" + i).setAddress("127.0.0.1:" + ports.next()).build());
        }
        group = RaftGroup.valueOf(RaftGroupId.randomId(), peers);
    }

    private RaftClient client(RaftPeerId leader) {
        RaftProperties properties = new RaftProperties();
        RaftClientConfigKeys.Rpc.setRequestTimeout(properties, TimeDuration.valueOf(500, TimeUnit.MILLISECONDS));
        // Two tries: after the first fails, Ratis moves the client to another peer at random (it "wanders").
        RaftClient.Builder builder = RaftClient.newBuilder().setProperties(properties).setRaftGroup(group)
                .setRetryPolicy(RetryPolicies.retryUpToMaximumCountWithFixedSleep(2,
                        TimeDuration.valueOf(10, TimeUnit.MILLISECONDS)));
        if (leader != null) {
            builder.setLeaderId(leader);
        }
        Watched client = new Watched(builder.build());
        synchronized (built) {
            built.add(client);
        }
        return client;
    }

    @AfterEach
    void close() {
        if (submitter != null) {
            submitter.close();
        }
    }

    @Test
    void aKnownLeaderElsewhereStartsANewClientAimedAtIt() throws Exception {
        submitter = new EntrySubmitter(this::client, 4, 60_000, now::get);
        assertThat(submitter.target()).as("no leader known at first").isNull();
        List<RaftPeerId> ids = group.getPeers().stream().map(RaftPeer::getId).toList();
        RaftPeerId first = ids.get(1);
        RaftPeerId other = ids.get(2);

        send(1);
        assertThat(submitter.clientSwitches()).as("no leader known: the first client stays").isZero();
        submitter.leaderKnown(first);
        assertThat(submitter.clientSwitches()).as("the switch waits for the next send").isZero();
        send(2);
        assertThat(submitter.clientSwitches()).isEqualTo(1);
        assertThat(submitter.target()).isEqualTo(first);
        assertThat(built.get(1).getLeaderId()).as("the failed send moved the client").isNotEqualTo(first);

        send(3);
        submitter.leaderKnown(first);
        now.addAndGet(5_000);
        send(4);
        assertThat(submitter.clientSwitches())
                .as("the same leader: the same client, even though it wandered off after the failed sends")
                .isEqualTo(1);

        submitter.leaderKnown(null); // no serving leader known: the client is left alone
        send(5);
        assertThat(submitter.clientSwitches()).isEqualTo(1);
        submitter.leaderKnown(other);
        send(6);
        assertThat(submitter.clientSwitches()).as("a new leader: at once").isEqualTo(2);
        assertThat(submitter.target()).isEqualTo(other);
        assertThat(built).hasSize(3);

        // The replaced clients have nothing in flight: the next send closes them.
        send(7);
        await().atMost(Duration.ofSeconds(10)).until(() -> submitter.inFlight() == 0);
        for (int i = 0; i < 2; i++) {
            assertThat(built.get(i).closed).as("replaced client %d", i).isTrue();
        }
        assertThat(built.get(2).closed).isFalse();

        submitter.close();
        assertThat(built.get(2).closed).isTrue();
        assertThat(submitter.send(new byte[] {4}, 1_000)).isCompletedExceptionally();
    }

    private void send(int value) throws Exception {
        submitter.send(new byte[] {(byte) value}, 1_000).handle((r, e) -> null).get(10, TimeUnit.SECONDS);
    }

    @Test
    void everyNewLeaderStartsAClientAndReplacedOnesAreClosed() throws Exception {
        submitter = new EntrySubmitter(this::client, 1, 0, now::get);
        List<RaftPeerId> ids = group.getPeers().stream().map(RaftPeer::getId).toList();
        for (int round = 0; round < 6; round++) {
            RaftPeerId next = ids.get(round % ids.size());
            submitter.leaderKnown(next);
            submitter.send(new byte[] {(byte) round}, 1_000).handle((r, e) -> null).get(10, TimeUnit.SECONDS);
            assertThat(submitter.target()).isEqualTo(next);
            now.addAndGet(1); // retiredMaxMs 0: a replaced client is closed at the next send whatever it holds
        }
        assertThat(submitter.clientSwitches()).isEqualTo(6);
        List<Watched> all;
        synchronized (built) {
            all = List.copyOf(built);
        }
        for (Watched client : all.subList(0, all.size() - 1)) {
            assertThat(client.closed).as("a replaced client").isTrue();
        }
        assertThat(all.get(all.size() - 1).closed).as("the current client").isFalse();
    }

    /** A real client that records whether it was closed. */
    private static final class Watched implements RaftClient {
        private final RaftClient client;
        volatile boolean closed;

        Watched(RaftClient client) {
            this.client = client;
        }

        @Override
        public void close() throws IOException {
            closed = true;
            client.close();
        }

        @Override
        public ClientId getId() {
            return client.getId();
        }

        @Override
        public RaftGroupId getGroupId() {
            return client.getGroupId();
        }

        @Override
        public RaftPeerId getLeaderId() {
            return client.getLeaderId();
        }

        @Override
        public RaftClientRpc getClientRpc() {
            return client.getClientRpc();
        }

        @Override
        public AdminApi admin() {
            return client.admin();
        }

        @Override
        public GroupManagementApi getGroupManagementApi(RaftPeerId server) {
            return client.getGroupManagementApi(server);
        }

        @Override
        public SnapshotManagementApi getSnapshotManagementApi() {
            return client.getSnapshotManagementApi();
        }

        @Override
        public SnapshotManagementApi getSnapshotManagementApi(RaftPeerId server) {
            return client.getSnapshotManagementApi(server);
        }

        @Override
        public LeaderElectionManagementApi getLeaderElectionManagementApi(RaftPeerId server) {
            return client.getLeaderElectionManagementApi(server);
        }

        @Override
        public BlockingApi io() {
            return client.io();
        }

        @Override
        public AsyncApi async() {
            return client.async();
        }

        @Override
        public MessageStreamApi getMessageStreamApi() {
            return client.getMessageStreamApi();
        }

        @Override
        public DataStreamApi getDataStreamApi() {
            return client.getDataStreamApi();
        }
    }
}
