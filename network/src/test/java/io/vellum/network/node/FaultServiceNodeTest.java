package io.vellum.network.node;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.grpc.ManagedChannel;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.netty.shaded.io.grpc.netty.NettyChannelBuilder;
import io.vellum.network.faults.proto.FaultInjectionGrpc;
import io.vellum.network.faults.proto.FaultsResponse;
import io.vellum.network.faults.proto.HealRequest;
import io.vellum.network.faults.proto.IsolateRequest;
import io.vellum.network.faults.proto.ListFaultsRequest;
import java.math.BigInteger;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The fault-injection service on real nodes: an external harness (this test) sends the same command to every node's
 * admin address, as it would to separate processes. Isolating the leader makes the others elect a new one and go on,
 * while the isolated node, knowing no leader, refuses submissions with UNAVAILABLE; healing brings every node back to
 * the same height. A node started without the service does not serve it.
 */
class FaultServiceNodeTest {
    private static final int ACCOUNTS = 20;

    @TempDir
    Path dir;

    @Test
    @Timeout(value = 120, unit = TimeUnit.SECONDS)
    void isolatingTheLeaderThroughEveryNodesServiceElectsAnotherAndHealingReunitesThem() throws Exception {
        ApiCluster.Options options = ApiCluster.Options.of(3, ACCOUNTS).withFaultService();
        try (ApiCluster cluster = ApiCluster.start(options, dir, 0xfa17L)) {
            List<ManagedChannel> channels = new ArrayList<>();
            try {
                List<FaultInjectionGrpc.FaultInjectionBlockingStub> stubs = new ArrayList<>();
                for (int i = 0; i < cluster.size(); i++) {
                    ManagedChannel channel = NettyChannelBuilder.forAddress("127.0.0.1",
                            cluster.node(i).adminPort().orElseThrow()).usePlaintext().build();
                    channels.add(channel);
                    stubs.add(FaultInjectionGrpc.newBlockingStub(channel));
                }
                int leader = cluster.awaitLeader(Duration.ofSeconds(30));
                String leaderId = ApiCluster.idOf(leader).value();
                for (var stub : stubs) {
                    FaultsResponse isolated = stub.withDeadlineAfter(10, TimeUnit.SECONDS)
                            .isolate(IsolateRequest.newBuilder().setNode(leaderId).build());
                    assertThat(isolated.getActiveCount()).isPositive();
                }
                int other = (leader + 1) % cluster.size();
                long heightAtCut = cluster.node(other).sequencer().consensus().finalHeight();
                // The two others elect one of themselves and finalize blocks without the old leader.
                long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
                int sent = 0;
                while (true) {
                    send(cluster, other, sent++); // blocks are cut only when there is something to include
                    var status = cluster.client(other).nodeStatus();
                    if (!status.getLeader().isEmpty() && !status.getLeader().equals(leaderId)
                            && status.getFinalHeight() > heightAtCut + 2) {
                        break;
                    }
                    assertThat(System.nanoTime()).as("a new leader finalizing blocks").isLessThan(deadline);
                    Thread.sleep(50);
                }
                long isolatedHeight = cluster.node(leader).sequencer().consensus().finalHeight();
                assertThat(isolatedHeight).as("the isolated node is behind")
                        .isLessThan(cluster.node(other).sequencer().consensus().finalHeight());

                // The isolated node stepped down and hears from nobody: it knows no leader, and a submission
                // through it is refused at once with UNAVAILABLE (retry elsewhere) rather than left to time out.
                while (cluster.node(leader).sequencer().consensus().leader().isPresent()) {
                    assertThat(System.nanoTime()).as("the isolated node forgets its leadership").isLessThan(deadline);
                    Thread.sleep(20);
                }
                long before = System.nanoTime();
                assertThatThrownBy(() -> cluster.client(leader).transfer(cluster.account(0),
                        cluster.account(1).address(), BigInteger.ONE))
                        .isInstanceOfSatisfying(StatusRuntimeException.class, e -> {
                            assertThat(e.getStatus().getCode()).isEqualTo(Status.Code.UNAVAILABLE);
                            assertThat(e.getStatus().getDescription()).contains("no Raft leader");
                        });
                assertThat(System.nanoTime() - before).as("refused without waiting")
                        .isLessThan(TimeUnit.SECONDS.toNanos(5));

                for (var stub : stubs) {
                    FaultsResponse healed = stub.withDeadlineAfter(10, TimeUnit.SECONDS)
                            .heal(HealRequest.getDefaultInstance());
                    assertThat(healed.getActiveCount()).isZero();
                }
                long target = cluster.node(other).sequencer().consensus().finalHeight();
                deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
                while (cluster.node(leader).sequencer().consensus().finalHeight() < target) {
                    assertThat(System.nanoTime()).as("the healed node catches up to %d", target)
                            .isLessThan(deadline);
                    Thread.sleep(50);
                }
            } finally {
                for (ManagedChannel channel : channels) {
                    channel.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
                }
            }
        }
    }

    /** A transfer through node {@code node}, from one of the accounts in turn; refusals (a nonce in flight) are fine. */
    private static void send(ApiCluster cluster, int node, int sequence) {
        int from = sequence % ACCOUNTS;
        try {
            cluster.client(node).transfer(cluster.account(from), cluster.account((from + 1) % ACCOUNTS).address(),
                    BigInteger.ONE);
        } catch (StatusRuntimeException refusedOrNoLeaderYet) {
            // the next round sends again
        }
    }

    @Test
    @Timeout(value = 60, unit = TimeUnit.SECONDS)
    void aNodeWithoutTheServiceDoesNotServeIt() throws Exception {
        try (ApiCluster cluster = ApiCluster.start(ApiCluster.Options.of(1, 2), dir, 0xfa18L)) {
            ManagedChannel channel = NettyChannelBuilder.forAddress("127.0.0.1",
                    cluster.node(0).adminPort().orElseThrow()).usePlaintext().build();
            try {
                var stub = FaultInjectionGrpc.newBlockingStub(channel).withDeadlineAfter(10, TimeUnit.SECONDS);
                assertThatThrownBy(() -> stub.listFaults(ListFaultsRequest.getDefaultInstance()))
                        .isInstanceOfSatisfying(StatusRuntimeException.class,
                                e -> assertThat(e.getStatus().getCode()).isEqualTo(Status.Code.UNIMPLEMENTED));
                assertThat(cluster.node(0).isRunning()).isTrue();
            } finally {
                channel.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
            }
        }
    }
}
