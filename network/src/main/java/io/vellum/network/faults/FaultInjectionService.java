package io.vellum.network.faults;

import io.grpc.Grpc;
import io.grpc.Metadata;
import io.grpc.ServerCall;
import io.grpc.ServerCallHandler;
import io.grpc.ServerInterceptor;
import io.grpc.ServerInterceptors;
import io.grpc.ServerServiceDefinition;
import io.grpc.Status;
import io.grpc.stub.StreamObserver;
import io.vellum.consensus.faults.ActiveFault;
import io.vellum.consensus.faults.LinkCounts;
import io.vellum.consensus.faults.LinkFaults;
import io.vellum.consensus.faults.LinkRule;
import io.vellum.consensus.faults.SkewedClock;
import io.vellum.network.faults.proto.ClearLinkRuleRequest;
import io.vellum.network.faults.proto.FaultInjectionGrpc;
import io.vellum.network.faults.proto.FaultsResponse;
import io.vellum.network.faults.proto.HealRequest;
import io.vellum.network.faults.proto.IsolateRequest;
import io.vellum.network.faults.proto.LinkFault;
import io.vellum.network.faults.proto.ListFaultsRequest;
import io.vellum.network.faults.proto.NodeGroup;
import io.vellum.network.faults.proto.PartitionRequest;
import io.vellum.network.faults.proto.RingRequest;
import io.vellum.network.faults.proto.SetClockSkewRequest;
import io.vellum.network.faults.proto.SetClockSkewResponse;
import io.vellum.network.faults.proto.SetLinkRuleRequest;
import io.vellum.proposer.NodeId;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The {@code FaultInjection} gRPC service of one node: sets and clears the rules of its {@link LinkFaults}, and the
 * offset of its {@link SkewedClock}. Add it to the node's gRPC server with {@link #bind}; when the settings do not
 * enable it, every call fails with PERMISSION_DENIED, and callers not on loopback are refused the same way.
 *
 * <p>Errors: INVALID_ARGUMENT for a malformed node id or an out-of-range rule (the description names the field),
 * FAILED_PRECONDITION for what this node cannot do (no skewable clock; isolating with no other node known).
 */
public final class FaultInjectionService extends FaultInjectionGrpc.FaultInjectionImplBase {
    private static final Logger LOG = LoggerFactory.getLogger(FaultInjectionService.class);
    private static final int GROUPS_MAX = 64;
    private static final int NODES_MAX = 256;

    private final LinkFaults faults;
    private final Optional<SkewedClock> clock;
    private final FaultServiceSettings settings;

    private FaultInjectionService(LinkFaults faults, Optional<SkewedClock> clock, FaultServiceSettings settings) {
        this.faults = Objects.requireNonNull(faults, "faults");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.settings = Objects.requireNonNull(settings, "settings");
    }

    /**
     * The service, ready for {@code ServerBuilder.addService}: refuses every call unless {@code settings} enable it,
     * and every caller not on loopback.
     *
     * @param faults the link layer the node's consensus server runs
     * @param clock the node's clock, if it is a {@link SkewedClock}; otherwise SetClockSkew is FAILED_PRECONDITION
     */
    public static ServerServiceDefinition bind(LinkFaults faults, Optional<SkewedClock> clock,
            FaultServiceSettings settings) {
        return ServerInterceptors.intercept(new FaultInjectionService(faults, clock, settings),
                new Gate(settings.enabled()));
    }

    /** Whether a caller's address is local: a loopback IP, or a transport without IP (in-process, Unix socket). */
    static boolean isLocal(SocketAddress address) {
        if (address instanceof InetSocketAddress inet) {
            return inet.getAddress() != null && inet.getAddress().isLoopbackAddress();
        }
        return address != null;
    }

    // -------------------------------------------------------------------------------------------------------------

    @Override
    public void setLinkRule(SetLinkRuleRequest request, StreamObserver<FaultsResponse> response) {
        answer(response, "SetLinkRule", () -> {
            NodeId from = node("from", request.getFrom());
            NodeId to = node("to", request.getTo());
            io.vellum.network.faults.proto.LinkRule rule = request.getRule();
            faults.set(from, to, new LinkRule(rule.getBlocked(), rule.getDelayMs(), rule.getJitterMs(),
                    rule.getLossProbability(), rule.getBytesPerSecond()));
            return state();
        });
    }

    @Override
    public void clearLinkRule(ClearLinkRuleRequest request, StreamObserver<FaultsResponse> response) {
        answer(response, "ClearLinkRule", () -> {
            faults.clear(node("from", request.getFrom()), node("to", request.getTo()));
            return state();
        });
    }

    @Override
    public void partition(PartitionRequest request, StreamObserver<FaultsResponse> response) {
        answer(response, "Partition", () -> {
            if (request.getGroupsCount() > GROUPS_MAX) {
                throw new IllegalArgumentException("groups: at most " + GROUPS_MAX);
            }
            List<Set<NodeId>> groups = new ArrayList<>();
            for (NodeGroup group : request.getGroupsList()) {
                groups.add(new LinkedHashSet<>(nodes("groups.nodes", group.getNodesList())));
            }
            faults.partition(groups);
            return state();
        });
    }

    @Override
    public void isolate(IsolateRequest request, StreamObserver<FaultsResponse> response) {
        answer(response, "Isolate", () -> {
            faults.isolate(node("node", request.getNode()));
            return state();
        });
    }

    @Override
    public void ring(RingRequest request, StreamObserver<FaultsResponse> response) {
        answer(response, "Ring", () -> {
            faults.ring(nodes("nodes", request.getNodesList()));
            return state();
        });
    }

    @Override
    public void heal(HealRequest request, StreamObserver<FaultsResponse> response) {
        answer(response, "Heal", () -> {
            faults.heal();
            return state();
        });
    }

    @Override
    public void listFaults(ListFaultsRequest request, StreamObserver<FaultsResponse> response) {
        answer(response, "ListFaults", this::state);
    }

    @Override
    public void setClockSkew(SetClockSkewRequest request, StreamObserver<SetClockSkewResponse> response) {
        answer(response, "SetClockSkew", () -> {
            SkewedClock skewed = clock.orElseThrow(() -> new IllegalStateException(
                    "this node's clock is not skewable (start it with a SkewedClock)"));
            long offsetMs = request.getOffsetMs();
            if (Math.abs(offsetMs) > settings.clockSkewMaxMs()) {
                throw new IllegalArgumentException("offset_ms: at most " + settings.clockSkewMaxMs()
                        + " either way, got " + offsetMs);
            }
            skewed.setOffset(Duration.ofMillis(offsetMs));
            return SetClockSkewResponse.newBuilder().setOffsetMs(skewed.offset().toMillis()).build();
        });
    }

    // -------------------------------------------------------------------------------------------------------------

    private FaultsResponse state() {
        FaultsResponse.Builder out = FaultsResponse.newBuilder().setSummary(faults.describe());
        for (ActiveFault fault : faults.activeFaults()) {
            LinkRule rule = fault.rule();
            LinkCounts counts = faults.counts(fault.link().from(), fault.link().to());
            out.addActive(LinkFault.newBuilder()
                    .setFrom(fault.link().from().value())
                    .setTo(fault.link().to().value())
                    .setRule(io.vellum.network.faults.proto.LinkRule.newBuilder()
                            .setBlocked(rule.blocked()).setDelayMs(rule.delayMs()).setJitterMs(rule.jitterMs())
                            .setLossProbability(rule.lossProbability()).setBytesPerSecond(rule.bytesPerSecond()))
                    .setCounts(io.vellum.network.faults.proto.LinkCounts.newBuilder()
                            .setBlocked(counts.blocked()).setLost(counts.lost())
                            .setOverflowed(counts.overflowed()).setDelayed(counts.delayed())));
        }
        faults.nodes().forEach(node -> out.addKnownNodes(node.value()));
        return out.build();
    }

    private static NodeId node(String field, String value) {
        try {
            return NodeId.of(value);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(field + ": " + e.getMessage(), e);
        }
    }

    private static List<NodeId> nodes(String field, List<String> values) {
        if (values.size() > NODES_MAX) {
            throw new IllegalArgumentException(field + ": at most " + NODES_MAX + " nodes");
        }
        List<NodeId> out = new ArrayList<>(values.size());
        for (String value : values) {
            out.add(node(field, value));
        }
        return out;
    }

    private static <T> void answer(StreamObserver<T> response, String method, Supplier<T> action) {
        T result;
        try {
            result = action.get();
        } catch (IllegalArgumentException e) {
            response.onError(Status.INVALID_ARGUMENT.withDescription(e.getMessage()).asRuntimeException());
            return;
        } catch (IllegalStateException e) {
            response.onError(Status.FAILED_PRECONDITION.withDescription(e.getMessage()).asRuntimeException());
            return;
        }
        LOG.info("fault service: {} done", method);
        response.onNext(result);
        response.onCompleted();
    }

    /** Refuses every call when the service is disabled, and every caller not on loopback. */
    private static final class Gate implements ServerInterceptor {
        private final boolean enabled;

        Gate(boolean enabled) {
            this.enabled = enabled;
        }

        @Override
        public <Q, A> ServerCall.Listener<Q> interceptCall(ServerCall<Q, A> call, Metadata headers,
                ServerCallHandler<Q, A> next) {
            if (!enabled) {
                call.close(Status.PERMISSION_DENIED.withDescription(
                        "the fault-injection service is not enabled on this node"), new Metadata());
                return new ServerCall.Listener<>() {
                };
            }
            SocketAddress remote = call.getAttributes().get(Grpc.TRANSPORT_ATTR_REMOTE_ADDR);
            if (!isLocal(remote)) {
                call.close(Status.PERMISSION_DENIED.withDescription(
                        "the fault-injection service answers loopback callers only, not " + remote), new Metadata());
                return new ServerCall.Listener<>() {
                };
            }
            return next.startCall(call, headers);
        }
    }
}
