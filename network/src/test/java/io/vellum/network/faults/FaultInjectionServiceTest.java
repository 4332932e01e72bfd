package io.vellum.network.faults;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.grpc.ManagedChannel;
import io.grpc.Server;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.inprocess.InProcessChannelBuilder;
import io.grpc.inprocess.InProcessServerBuilder;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.vellum.consensus.faults.LinkFaults;
import io.vellum.consensus.faults.LinkRule;
import io.vellum.consensus.faults.SkewedClock;
import io.vellum.network.faults.proto.ClearLinkRuleRequest;
import io.vellum.network.faults.proto.FaultInjectionGrpc;
import io.vellum.network.faults.proto.FaultsResponse;
import io.vellum.network.faults.proto.HealRequest;
import io.vellum.network.faults.proto.IsolateRequest;
import io.vellum.network.faults.proto.ListFaultsRequest;
import io.vellum.network.faults.proto.NodeGroup;
import io.vellum.network.faults.proto.PartitionRequest;
import io.vellum.network.faults.proto.RingRequest;
import io.vellum.network.faults.proto.SetClockSkewRequest;
import io.vellum.network.faults.proto.SetLinkRuleRequest;
import io.vellum.proposer.NodeId;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The fault service over an in-process channel, against a real {@link LinkFaults}. */
class FaultInjectionServiceTest {
    private static final NodeId N0 = NodeId.of("n0");
    private static final NodeId N1 = NodeId.of("n1");
    private static final NodeId N2 = NodeId.of("n2");

    private final LinkFaults faults = new LinkFaults(5, new SimpleMeterRegistry());
    private final SkewedClock clock = new SkewedClock(Clock.fixed(Instant.ofEpochMilli(10_000), ZoneOffset.UTC));
    private Server server;
    private ManagedChannel channel;

    private FaultInjectionGrpc.FaultInjectionBlockingStub start(FaultServiceSettings settings,
            Optional<SkewedClock> skewable) throws Exception {
        faults.addNodes(List.of(N0, N1, N2));
        String name = "faults-" + System.nanoTime();
        server = InProcessServerBuilder.forName(name).directExecutor()
                .addService(FaultInjectionService.bind(faults, skewable, settings)).build().start();
        channel = InProcessChannelBuilder.forName(name).directExecutor().build();
        return FaultInjectionGrpc.newBlockingStub(channel).withDeadlineAfter(10, TimeUnit.SECONDS);
    }

    @AfterEach
    void stop() throws InterruptedException {
        if (channel != null) {
            channel.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
        }
        if (server != null) {
            server.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
        }
        faults.close();
    }

    @Test
    void rulesSetThroughTheServiceReachTheLinkLayer() throws Exception {
        var stub = start(FaultServiceSettings.enabledOnLoopback(), Optional.of(clock));
        FaultsResponse set = stub.setLinkRule(SetLinkRuleRequest.newBuilder().setFrom("n0").setTo("n1")
                .setRule(io.vellum.network.faults.proto.LinkRule.newBuilder().setDelayMs(40).setJitterMs(5)
                        .setLossProbability(0.1).setBytesPerSecond(1_000_000))
                .build());
        assertThat(faults.rule(N0, N1)).isEqualTo(new LinkRule(false, 40, 5, 0.1, 1_000_000));
        assertThat(set.getActiveCount()).isEqualTo(1);
        assertThat(set.getActive(0).getRule().getDelayMs()).isEqualTo(40);
        assertThat(set.getSummary()).isEqualTo(faults.describe());
        assertThat(set.getKnownNodesList()).containsExactly("n0", "n1", "n2");

        stub.clearLinkRule(ClearLinkRuleRequest.newBuilder().setFrom("n0").setTo("n1").build());
        assertThat(faults.activeFaults()).isEmpty();

        stub.partition(PartitionRequest.newBuilder()
                .addGroups(NodeGroup.newBuilder().addNodes("n0").addNodes("n1"))
                .addGroups(NodeGroup.newBuilder().addNodes("n2")).build());
        assertThat(faults.rule(N1, N2).blocked()).isTrue();
        assertThat(faults.rule(N2, N0).blocked()).isTrue();
        assertThat(faults.rule(N0, N1).blocked()).isFalse();

        stub.heal(HealRequest.getDefaultInstance());
        assertThat(faults.activeFaults()).isEmpty();

        FaultsResponse isolated = stub.isolate(IsolateRequest.newBuilder().setNode("n1").build());
        assertThat(isolated.getActiveCount()).isEqualTo(4);
        assertThat(stub.listFaults(ListFaultsRequest.getDefaultInstance()).getActiveList())
                .isEqualTo(isolated.getActiveList());
        stub.heal(HealRequest.getDefaultInstance());
        FaultsResponse ring = stub.ring(RingRequest.newBuilder().addNodes("n0").addNodes("n1").addNodes("n2")
                .addNodes("n3").build());
        assertThat(ring.getActiveCount()).as("n0<->n2 and n1<->n3 blocked").isEqualTo(4);
    }

    @Test
    void theClockSkewIsSetWithinItsBound() throws Exception {
        var stub = start(new FaultServiceSettings(true, 5_000), Optional.of(clock));
        assertThat(stub.setClockSkew(SetClockSkewRequest.newBuilder().setOffsetMs(-2_500).build()).getOffsetMs())
                .isEqualTo(-2_500);
        assertThat(clock.millis()).isEqualTo(7_500);
        assertStatus(() -> stub.setClockSkew(SetClockSkewRequest.newBuilder().setOffsetMs(6_000).build()),
                Status.Code.INVALID_ARGUMENT, "offset_ms");
    }

    @Test
    void aNodeWithoutASkewableClockSaysSo() throws Exception {
        var stub = start(FaultServiceSettings.enabledOnLoopback(), Optional.empty());
        assertStatus(() -> stub.setClockSkew(SetClockSkewRequest.newBuilder().setOffsetMs(1).build()),
                Status.Code.FAILED_PRECONDITION, "not skewable");
    }

    @Test
    void badRequestsAreInvalidArgumentsNamingTheField() throws Exception {
        var stub = start(FaultServiceSettings.enabledOnLoopback(), Optional.of(clock));
        assertStatus(() -> stub.setLinkRule(SetLinkRuleRequest.newBuilder().setFrom("n0 bad").setTo("n1").build()),
                Status.Code.INVALID_ARGUMENT, "from");
        assertStatus(() -> stub.setLinkRule(SetLinkRuleRequest.newBuilder().setFrom("n0").setTo("n1")
                .setRule(io.vellum.network.faults.proto.LinkRule.newBuilder().setDelayMs(5).setJitterMs(9))
                .build()), Status.Code.INVALID_ARGUMENT, "jitterMs");
        assertStatus(() -> stub.setLinkRule(SetLinkRuleRequest.newBuilder().setFrom("n0").setTo("n0").build()),
                Status.Code.INVALID_ARGUMENT, "distinct");
        assertStatus(() -> stub.partition(PartitionRequest.newBuilder()
                .addGroups(NodeGroup.newBuilder().addNodes("n0"))
                .addGroups(NodeGroup.newBuilder().addNodes("n0")).build()), Status.Code.INVALID_ARGUMENT,
                "two groups");
        assertThat(faults.activeFaults()).isEmpty();
    }

    @Test
    void aDisabledServiceRefusesEveryCall() throws Exception {
        var stub = start(FaultServiceSettings.DISABLED, Optional.of(clock));
        assertStatus(() -> stub.heal(HealRequest.getDefaultInstance()), Status.Code.PERMISSION_DENIED,
                "not enabled");
        assertStatus(() -> stub.isolate(IsolateRequest.newBuilder().setNode("n1").build()),
                Status.Code.PERMISSION_DENIED, "not enabled");
        assertThat(faults.activeFaults()).isEmpty();
    }

    @Test
    void onlyLoopbackAddressesCountAsLocal() throws Exception {
        assertThat(FaultInjectionService.isLocal(new InetSocketAddress(InetAddress.getLoopbackAddress(), 1)))
                .isTrue();
        assertThat(FaultInjectionService.isLocal(new InetSocketAddress(
                InetAddress.getByAddress(new byte[] {10, 0, 0, 7}), 1))).isFalse();
        assertThat(FaultInjectionService.isLocal(new InetSocketAddress(
                InetAddress.getByAddress(new byte[] {0, 0, 0, 0}), 1))).isFalse();
        assertThat(FaultInjectionService.isLocal(null)).isFalse();
    }

    private static void assertStatus(Runnable call, Status.Code code, String reason) {
        assertThatThrownBy(call::run).isInstanceOfSatisfying(StatusRuntimeException.class, e -> {
            assertThat(e.getStatus().getCode()).isEqualTo(code);
            assertThat(e.getStatus().getDescription()).contains(reason);
        });
    }
}
