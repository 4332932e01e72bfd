package io.vellum.simulations.faults;

import io.grpc.StatusRuntimeException;
import io.vellum.network.faults.proto.ClearLinkRuleRequest;
import io.vellum.network.faults.proto.FaultInjectionGrpc;
import io.vellum.network.faults.proto.HealRequest;
import io.vellum.network.faults.proto.LinkRule;
import io.vellum.network.faults.proto.SetLinkRuleRequest;
import io.vellum.proposer.NodeId;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@link LinkControl} over the {@code FaultInjection} gRPC service of node processes. Each node enforces only the
 * links that touch it (its inbound requests, its replies), so every setting is sent to every node that answers; a
 * node that was down or paused when a setting changed gets every setting again through {@link #replay} once it runs.
 * The settings use the same {@code LinkRule} model as the in-JVM link layer.
 *
 * <p>Failure model: a node that does not answer within {@link #CALL_TIMEOUT_MS} is skipped (logged); the other end of
 * the link still enforces its half. Thread-safe: calls are serialized.
 */
public final class FaultServiceLinkControl implements LinkControl {
    private static final Logger LOG = LoggerFactory.getLogger(FaultServiceLinkControl.class);
    /** How long one call to a node's fault service may take. */
    public static final long CALL_TIMEOUT_MS = 3_000;

    private record Link(NodeId from, NodeId to) {
    }

    private final Supplier<List<NodeId>> reachable;
    private final Function<NodeId, Optional<FaultInjectionGrpc.FaultInjectionBlockingStub>> stubs;
    /** Every link whose settings are not clear. Guarded by "this". */
    private final Map<Link, LinkSettings> current = new LinkedHashMap<>();

    /**
     * @param reachable the nodes to send settings to now (running, not paused)
     * @param stubs a node's fault-service stub, if it has one now
     */
    public FaultServiceLinkControl(Supplier<List<NodeId>> reachable,
            Function<NodeId, Optional<FaultInjectionGrpc.FaultInjectionBlockingStub>> stubs) {
        this.reachable = reachable;
        this.stubs = stubs;
    }

    @Override
    public boolean available() {
        return true;
    }

    @Override
    public synchronized void set(NodeId from, NodeId to, LinkSettings settings) {
        if (from.equals(to)) {
            throw new IllegalArgumentException("a link from a node to itself: " + from);
        }
        Link link = new Link(from, to);
        if (settings.equals(LinkSettings.CLEAR)) {
            current.remove(link);
        } else {
            current.put(link, settings);
        }
        for (NodeId node : reachable.get()) {
            send(node, link, settings);
        }
    }

    @Override
    public synchronized void clearAll() {
        current.clear();
        for (NodeId node : reachable.get()) {
            stubs.apply(node).ifPresent(stub -> {
                try {
                    deadline(stub).heal(HealRequest.getDefaultInstance());
                } catch (StatusRuntimeException e) {
                    LOG.warn("heal on {} failed: {}", node, e.getStatus());
                }
            });
        }
    }

    /** Sends every current setting to {@code node} (after it started again or continued). */
    public synchronized void replay(NodeId node) {
        current.forEach((link, settings) -> send(node, link, settings));
    }

    /** The links whose settings are not clear, for reports. */
    public synchronized Map<String, LinkSettings> current() {
        Map<String, LinkSettings> out = new LinkedHashMap<>();
        current.forEach((link, settings) -> out.put(link.from().value() + "->" + link.to().value(), settings));
        return out;
    }

    private void send(NodeId node, Link link, LinkSettings settings) {
        Optional<FaultInjectionGrpc.FaultInjectionBlockingStub> stub = stubs.apply(node);
        if (stub.isEmpty()) {
            return;
        }
        try {
            if (settings.equals(LinkSettings.CLEAR)) {
                deadline(stub.get()).clearLinkRule(ClearLinkRuleRequest.newBuilder().setFrom(link.from().value())
                        .setTo(link.to().value()).build());
            } else {
                deadline(stub.get()).setLinkRule(SetLinkRuleRequest.newBuilder().setFrom(link.from().value())
                        .setTo(link.to().value()).setRule(rule(settings)).build());
            }
        } catch (StatusRuntimeException e) {
            LOG.warn("setting {}->{} on {} failed: {}", link.from(), link.to(), node, e.getStatus());
        }
    }

    static LinkRule rule(LinkSettings settings) {
        return LinkRule.newBuilder().setBlocked(settings.blocked()).setDelayMs(settings.delayMs())
                .setJitterMs(settings.jitterMs()).setLossProbability(settings.loss())
                .setBytesPerSecond(settings.bytesPerSecond()).build();
    }

    private static FaultInjectionGrpc.FaultInjectionBlockingStub deadline(
            FaultInjectionGrpc.FaultInjectionBlockingStub stub) {
        return stub.withDeadlineAfter(CALL_TIMEOUT_MS, TimeUnit.MILLISECONDS);
    }
}
