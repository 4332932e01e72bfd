package io.vellum.network.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.grpc.ManagedChannel;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.netty.shaded.io.grpc.netty.NettyChannelBuilder;
import io.vellum.blockifier.crypto.Felt;
import io.vellum.blockifier.transaction.ExecutableTransaction;
import io.vellum.consensus.entry.Member;
import io.vellum.network.api.AddMemberRequest;
import io.vellum.network.api.AdminGrpc;
import io.vellum.network.api.ListMembersRequest;
import io.vellum.network.api.ListMembersResponse;
import io.vellum.network.api.RemoveMemberRequest;
import io.vellum.network.api.SubmitResult;
import io.vellum.network.api.TakeSnapshotRequest;
import io.vellum.network.api.TransactionStatus;
import io.vellum.network.api.TransferLeadershipRequest;
import io.vellum.network.client.VellumClient;
import io.vellum.network.node.ApiCluster;
import io.vellum.network.node.VellumNode;
import java.math.BigInteger;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The Admin service on a real 3-node cluster: members, leadership transfer, snapshots, a fourth node added and
 * removed again; bad requests; the Admin service refused on the public port.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@Timeout(180)
class AdminApiTest {
    @TempDir
    static Path dir;
    private ApiCluster cluster;
    private final List<ManagedChannel> channels = new ArrayList<>();

    @BeforeAll
    void start() throws Exception {
        cluster = ApiCluster.start(ApiCluster.Options.of(3, 6), dir, 0xad_0011L);
    }

    @AfterAll
    void stop() {
        channels.forEach(ManagedChannel::shutdownNow);
        if (cluster != null) {
            cluster.close();
        }
    }

    private AdminGrpc.AdminBlockingStub admin(int node) {
        ManagedChannel channel = NettyChannelBuilder.forAddress("127.0.0.1",
                cluster.node(node).adminPort().orElseThrow()).usePlaintext().build();
        channels.add(channel);
        return AdminGrpc.newBlockingStub(channel).withDeadlineAfter(60, TimeUnit.SECONDS);
    }

    @Test
    void membersLeadershipAndSnapshots() throws Exception {
        int leader = cluster.awaitLeader(Duration.ofSeconds(10));
        ListMembersResponse members = admin(leader).listMembers(ListMembersRequest.getDefaultInstance());
        assertThat(members.getMembersList()).extracting(io.vellum.network.api.Member::getId)
                .containsExactlyInAnyOrder("n0", "n1", "n2");
        assertThat(members.getMembersList()).allSatisfy(m -> {
            assertThat(m.getVoter()).isTrue();
            assertThat(m.getRaftAddress()).startsWith("127.0.0.1:");
            assertThat(m.getPublicKey()).startsWith("0x");
        });
        assertThat(members.getMembersList()).filteredOn(io.vellum.network.api.Member::getLeader)
                .extracting(io.vellum.network.api.Member::getId).containsExactly("n" + leader);

        int target = (leader + 1) % 3;
        admin(leader).transferLeadership(TransferLeadershipRequest.newBuilder().setTarget("n" + target)
                .setTimeoutMs(20_000).build());
        assertThat(cluster.awaitLeader(Duration.ofSeconds(20))).isEqualTo(target);

        // Step down without naming a successor: someone else leads.
        admin(target).transferLeadership(TransferLeadershipRequest.newBuilder().setTimeoutMs(20_000).build());
        assertThat(cluster.awaitLeader(Duration.ofSeconds(20))).isNotEqualTo(target);

        // Some entries, then a snapshot on a follower.
        VellumClient client = cluster.client(0);
        ExecutableTransaction transfer = client.signTransfer(cluster.account(0), cluster.account(1).address(),
                BigInteger.TEN, 0, VellumClient.DEFAULT_FEES);
        assertThat(client.submit(transfer).getOutcome()).isEqualTo(SubmitResult.Outcome.ORDERED);
        assertThat(client.awaitFinal(transfer.hash(), Duration.ofSeconds(30)).getState())
                .isEqualTo(TransactionStatus.State.FINAL_SUCCEEDED);
        int follower = cluster.follower();
        long index = admin(follower).takeSnapshot(TakeSnapshotRequest.getDefaultInstance()).getLogIndex();
        assertThat(index).isPositive();
    }

    @Test
    void aFourthNodeIsAddedThenRemoved() throws Exception {
        VellumNode joiner = cluster.startJoiner(3);
        Member member = ApiCluster.memberOf(3);
        int leader = cluster.awaitLeader(Duration.ofSeconds(10));
        admin(leader).addMember(AddMemberRequest.newBuilder().setMember(io.vellum.network.api.Member.newBuilder()
                .setId("n3").setRaftAddress(joiner.config().raftAddress().address())
                .setPublicKey(member.publicKey().toHex())
                .setSequencerAddress(member.sequencerAddress().value().toHex())).setTimeoutMs(60_000).build());
        assertThat(admin(leader).listMembers(ListMembersRequest.getDefaultInstance()).getMembersList())
                .filteredOn(m -> m.getId().equals("n3")).singleElement()
                .satisfies(m -> assertThat(m.getVoter()).isTrue());

        // The new node follows the chain: a transaction sent to it becomes final there.
        VellumClient joined = cluster.client(3);
        ExecutableTransaction transfer = joined.signTransfer(cluster.account(2), cluster.account(3).address(),
                BigInteger.TWO, 0, VellumClient.DEFAULT_FEES);
        assertThat(joined.submit(transfer).getOutcome()).isEqualTo(SubmitResult.Outcome.ORDERED);
        assertThat(joined.awaitFinal(transfer.hash(), Duration.ofSeconds(30)).getState())
                .isEqualTo(TransactionStatus.State.FINAL_SUCCEEDED);

        int current = cluster.awaitLeader(Duration.ofSeconds(10));
        int asked = current == 3 ? 0 : current;
        admin(asked).removeMember(RemoveMemberRequest.newBuilder().setId("n3").setTimeoutMs(60_000).build());
        await().atMost(Duration.ofSeconds(20)).until(() -> admin(asked).listMembers(
                ListMembersRequest.getDefaultInstance()).getMembersList().stream().noneMatch(m -> m.getId()
                        .equals("n3")));
        joiner.close();
    }

    @Test
    void badAdminRequestsGetTheirStatus() {
        AdminGrpc.AdminBlockingStub admin = admin(0);
        assertCode(() -> admin.removeMember(RemoveMemberRequest.newBuilder().setId("n99").build()),
                Status.Code.NOT_FOUND);
        assertCode(() -> admin.removeMember(RemoveMemberRequest.getDefaultInstance()), Status.Code.INVALID_ARGUMENT);
        assertCode(() -> admin.removeMember(RemoveMemberRequest.newBuilder().setId("n/1").build()),
                Status.Code.INVALID_ARGUMENT);
        assertCode(() -> admin.transferLeadership(TransferLeadershipRequest.newBuilder().setTarget("n42").build()),
                Status.Code.NOT_FOUND);
        assertCode(() -> admin.addMember(AddMemberRequest.getDefaultInstance()), Status.Code.INVALID_ARGUMENT);
        io.vellum.network.api.Member.Builder valid = io.vellum.network.api.Member.newBuilder().setId("n7")
                .setRaftAddress("127.0.0.1:1").setPublicKey(Felt.of(5).toHex()).setSequencerAddress("0x77");
        assertCode(() -> admin.addMember(AddMemberRequest.newBuilder().setMember(valid.clone()
                .setRaftAddress("10.1.2.3:4000")).build()), Status.Code.INVALID_ARGUMENT);
        assertCode(() -> admin.addMember(AddMemberRequest.newBuilder().setMember(valid.clone()
                .setRaftAddress("127.0.0.1")).build()), Status.Code.INVALID_ARGUMENT);
        assertCode(() -> admin.addMember(AddMemberRequest.newBuilder().setMember(valid.clone()
                .setPublicKey("0x0")).build()), Status.Code.INVALID_ARGUMENT);
        assertCode(() -> admin.addMember(AddMemberRequest.newBuilder().setMember(valid).setTimeoutMs(1L << 40)
                .build()), Status.Code.INVALID_ARGUMENT);
        assertCode(() -> admin.addMember(AddMemberRequest.newBuilder().setMember(valid.clone().setId("n1"))
                .build()), Status.Code.FAILED_PRECONDITION);
    }

    @Test
    void thePublicPortRefusesTheAdminService() {
        ManagedChannel channel = NettyChannelBuilder.forAddress("127.0.0.1", cluster.node(0).publicPort())
                .usePlaintext().build();
        channels.add(channel);
        assertCode(() -> AdminGrpc.newBlockingStub(channel).withDeadlineAfter(10, TimeUnit.SECONDS)
                .listMembers(ListMembersRequest.getDefaultInstance()), Status.Code.PERMISSION_DENIED);
    }

    private static void assertCode(Runnable call, Status.Code code) {
        assertThatThrownBy(call::run).isInstanceOfSatisfying(StatusRuntimeException.class,
                e -> assertThat(e.getStatus().getCode()).as(String.valueOf(e.getStatus())).isEqualTo(code));
    }
}
