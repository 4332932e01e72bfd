package io.vellum.consensus.faults;

import io.micrometer.core.instrument.MeterRegistry;
import io.vellum.proposer.NodeId;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.LongSupplier;
import java.util.function.UnaryOperator;
import org.apache.ratis.grpc.server.GrpcServices;
import org.apache.ratis.proto.RaftProtos.AppendEntriesRequestProto;
import org.apache.ratis.proto.RaftProtos.RaftClientRequestProto;
import org.apache.ratis.proto.RaftProtos.RaftRpcRequestProto;
import org.apache.ratis.thirdparty.com.google.protobuf.ByteString;
import org.apache.ratis.thirdparty.com.google.protobuf.Descriptors.FieldDescriptor;
import org.apache.ratis.thirdparty.com.google.protobuf.Message;
import org.apache.ratis.thirdparty.com.google.protobuf.MessageLite;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The link layer's controller: a rule ({@link LinkRule}) for every ordered pair of nodes, applied to every Ratis
 * message between them (Raft's own traffic and the entries nodes submit as clients). In one JVM all nodes share one
 * instance; a node in a process of its own has its own, driven through the fault service, and then every node
 * should be told the same rules (each enforces the ones that concern its links).
 *
 * <h2>How a rule is enforced</h2>
 * Each node's Ratis gRPC server gets an interceptor ({@link #customizer(NodeId)}; {@code ConsensusNode} installs it
 * when given a {@code LinkFaults}). A request arriving at node R names its sender S (a server request carries the
 * sender's peer id; a client request the client id, which {@link NodeClientIds} ties to a node), so link S→R is
 * applied to it before Ratis sees it. Replies that R sends back on the same call travel on R→S and are applied as
 * they leave. Every message thus crosses exactly one link, once. Messages from senders this layer cannot name (an
 * outside client) are never touched. See {@code docs/faults.md} for what a dropped message does to a gRPC call.
 *
 * <h2>Randomness</h2>
 * Loss and jitter draw from one {@link java.util.SplittableRandom} per link, seeded from {@link #seed()} and the two
 * node names only: the same seed gives each link the same sequence of draws (which message of a run meets which draw
 * still depends on timing).
 *
 * <h2>Changing rules</h2>
 * Each call changes the rules of its links at once, not all links atomically together; rule changes are serialized.
 * A message already waiting (delayed) keeps its delivery time. {@link #close()} stops the delivery thread: messages
 * still waiting are delivered at once and later ones pass untouched.
 *
 * <p>Thread-safe.
 */
public final class LinkFaults implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(LinkFaults.class);

    /** A unary call whose request or reply was dropped fails with UNAVAILABLE after this long, unless cancelled. */
    static final long DROPPED_CALL_HOLD_MS = 10_000;
    private static final int DELIVERY_THREADS = 2;

    private final long seed;
    private final MeterRegistry registry;
    private final LongSupplier nanoTime;
    /** The delivery threads the scheduler made, joined on close. */
    private final List<Thread> deliveryThreads = new CopyOnWriteArrayList<>();
    private final ScheduledThreadPoolExecutor scheduler;
    private final Map<Link, LinkState> links = new ConcurrentHashMap<>();
    /** How many links have a rule other than CLEAR; zero lets every message through without a look-up. */
    private final AtomicInteger activeLinks = new AtomicInteger();
    /** Guarded by "this" for writes; read without it. */
    private final Set<NodeId> nodes = ConcurrentHashMap.newKeySet();
    private final Map<Long, NodeId> clientPrefixes = new ConcurrentHashMap<>();
    private final Map<ByteString, NodeId> peerIds = new ConcurrentHashMap<>();
    private final Map<Class<?>, FieldDescriptor> requestFields = new ConcurrentHashMap<>();
    /** Guarded by "this". */
    private boolean closed;

    /**
     * @param seed the scenario seed: loss and jitter on every link draw from it
     * @param registry where the per-link counters go ({@code vellum.link.messages})
     */
    public LinkFaults(long seed, MeterRegistry registry) {
        this(seed, registry, System::nanoTime);
    }

    LinkFaults(long seed, MeterRegistry registry, LongSupplier nanoTime) {
        this.seed = seed;
        this.registry = Objects.requireNonNull(registry, "registry");
        this.nanoTime = Objects.requireNonNull(nanoTime, "nanoTime");
        AtomicInteger threads = new AtomicInteger();
        this.scheduler = new ScheduledThreadPoolExecutor(DELIVERY_THREADS, runnable -> {
            Thread thread = new Thread(runnable, "vellum-links-" + threads.incrementAndGet());
            thread.setDaemon(true);
            deliveryThreads.add(thread);
            return thread;
        });
        this.scheduler.setRemoveOnCancelPolicy(true);
        this.scheduler.setExecuteExistingDelayedTasksAfterShutdownPolicy(false);
    }

    public long seed() {
        return seed;
    }

    // -------------------------------------------------------------------------------------------------------------
    // Nodes.

    /**
     * Makes nodes known: {@link #isolate}, {@link #setAll} and friends act on every known node, and client requests
     * are matched to known nodes only. A node given a rule, or whose server installs the layer, is known already.
     */
    public synchronized void addNodes(Collection<NodeId> more) {
        for (NodeId node : more) {
            know(node);
        }
    }

    /** The known nodes, in id order. */
    public SortedSet<NodeId> nodes() {
        return new TreeSet<>(nodes);
    }

    private void know(NodeId node) {
        Objects.requireNonNull(node, "node");
        if (nodes.add(node)) {
            clientPrefixes.put(NodeClientIds.nodePrefix(node), node);
        }
    }

    // -------------------------------------------------------------------------------------------------------------
    // Rules.

    /** Sets the rule of the link {@code from}→{@code to} (replacing what it had). */
    public synchronized void set(NodeId from, NodeId to, LinkRule rule) {
        Objects.requireNonNull(rule, "rule");
        Link link = Link.of(from, to);
        if (closed && !rule.isClear()) {
            throw new IllegalStateException("the link layer is closed: " + link + " cannot get " + rule.describe());
        }
        know(from);
        know(to);
        LinkState state = links.computeIfAbsent(link, l -> new LinkState(l, seed, registry));
        boolean wasClear = state.rule().isClear();
        if (!(wasClear && rule.isClear())) {
            LOG.debug("link {}: {}", link, rule.isClear() ? "cleared" : rule.describe());
        }
        state.setRule(rule, nanoTime.getAsLong());
        if (wasClear && !rule.isClear()) {
            activeLinks.incrementAndGet();
        } else if (!wasClear && rule.isClear()) {
            activeLinks.decrementAndGet();
        }
    }

    /** Changes the rule of one link with a function of its current rule. */
    public synchronized void update(NodeId from, NodeId to, UnaryOperator<LinkRule> change) {
        set(from, to, Objects.requireNonNull(change.apply(rule(from, to)), "changed rule"));
    }

    /** Sets the same rule on every link between known nodes. */
    public synchronized void setAll(LinkRule rule) {
        for (Link link : allLinks()) {
            set(link.from(), link.to(), rule);
        }
    }

    /** The rule of the link {@code from}→{@code to} ({@link LinkRule#CLEAR} if none was set). */
    public LinkRule rule(NodeId from, NodeId to) {
        LinkState state = links.get(Link.of(from, to));
        return state == null ? LinkRule.CLEAR : state.rule();
    }

    /** Clears one link. */
    public void clear(NodeId from, NodeId to) {
        set(from, to, LinkRule.CLEAR);
    }

    /** Clears every link: no partition, delay, loss or cap is left. */
    public synchronized void heal() {
        for (Map.Entry<Link, LinkState> entry : links.entrySet()) {
            if (!entry.getValue().rule().isClear()) {
                set(entry.getKey().from(), entry.getKey().to(), LinkRule.CLEAR);
            }
        }
    }

    /**
     * Splits nodes into groups that cannot reach each other: every link between two nodes of different groups is
     * blocked, both ways (other settings of those links stay). Links within a group, and of nodes in no group, are
     * left as they are; call {@link #heal()} first for a fresh shape.
     *
     * @throws IllegalArgumentException fewer than two non-empty groups, or a node in two groups
     */
    @SafeVarargs
    public final void partition(Set<NodeId>... groups) {
        partition(Arrays.asList(groups));
    }

    /** {@link #partition(Set[])} with the groups in a list. */
    public synchronized void partition(List<Set<NodeId>> groups) {
        if (groups.size() < 2 || groups.stream().anyMatch(Set::isEmpty)) {
            throw new IllegalArgumentException("a partition needs at least two non-empty groups: " + groups);
        }
        Map<NodeId, Integer> groupOf = new LinkedHashMap<>();
        for (int g = 0; g < groups.size(); g++) {
            for (NodeId node : groups.get(g)) {
                if (groupOf.put(node, g) != null) {
                    throw new IllegalArgumentException(node + " is in two groups of the partition " + groups);
                }
            }
        }
        for (NodeId from : groupOf.keySet()) {
            for (NodeId to : groupOf.keySet()) {
                if (!groupOf.get(from).equals(groupOf.get(to))) {
                    block(from, to);
                }
            }
        }
    }

    /**
     * Cuts one node off from every other known node, both ways.
     *
     * @throws IllegalStateException no other node is known
     */
    public synchronized void isolate(NodeId node) {
        know(node);
        List<NodeId> others = nodes.stream().filter(n -> !n.equals(node)).sorted().toList();
        if (others.isEmpty()) {
            throw new IllegalStateException("no node other than " + node + " is known: addNodes first");
        }
        for (NodeId other : others) {
            block(node, other);
            block(other, node);
        }
    }

    /** Blocks {@code from}→{@code to} only: {@code to} still reaches {@code from}. */
    public synchronized void oneWay(NodeId from, NodeId to) {
        block(from, to);
    }

    /**
     * A ring: each node reaches only its two neighbours in {@code order} (cyclically); every other link between
     * these nodes is blocked, both ways.
     *
     * @throws IllegalArgumentException fewer than 3 nodes, or a node listed twice
     */
    public synchronized void ring(List<NodeId> order) {
        if (order.size() < 3 || new HashSet<>(order).size() != order.size()) {
            throw new IllegalArgumentException("a ring needs at least 3 distinct nodes: " + order);
        }
        int n = order.size();
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < n; j++) {
                int distance = Math.abs(i - j);
                if (i != j && distance != 1 && distance != n - 1) {
                    block(order.get(i), order.get(j));
                }
            }
        }
    }

    /** Adds latency to {@code from}→{@code to}: {@code delayMs} ± {@code jitterMs}, uniformly. */
    public synchronized void delay(NodeId from, NodeId to, long delayMs, long jitterMs) {
        update(from, to, rule -> rule.withDelay(delayMs, jitterMs));
    }

    /** Adds the same latency to every link between known nodes (other settings stay). */
    public synchronized void delayAll(long delayMs, long jitterMs) {
        for (Link link : allLinks()) {
            delay(link.from(), link.to(), delayMs, jitterMs);
        }
    }

    /** Drops each message on {@code from}→{@code to} with {@code probability} (seeded). */
    public synchronized void loss(NodeId from, NodeId to, double probability) {
        update(from, to, rule -> rule.withLoss(probability));
    }

    /** The same loss on every link between known nodes (other settings stay). */
    public synchronized void lossAll(double probability) {
        for (Link link : allLinks()) {
            loss(link.from(), link.to(), probability);
        }
    }

    /** Caps {@code from}→{@code to} at {@code bytesPerSecond} of serialized messages (0 removes the cap). */
    public synchronized void bandwidth(NodeId from, NodeId to, long bytesPerSecond) {
        update(from, to, rule -> rule.withBandwidth(bytesPerSecond));
    }

    private void block(NodeId from, NodeId to) {
        update(from, to, rule -> rule.withBlocked(true));
    }

    private List<Link> allLinks() {
        List<NodeId> known = nodes.stream().sorted().toList();
        List<Link> out = new ArrayList<>();
        for (NodeId from : known) {
            for (NodeId to : known) {
                if (!from.equals(to)) {
                    out.add(Link.of(from, to));
                }
            }
        }
        return out;
    }

    // -------------------------------------------------------------------------------------------------------------
    // Reading.

    /** Every link with a rule other than CLEAR, in link order. */
    public List<ActiveFault> activeFaults() {
        TreeMap<Link, LinkRule> active = new TreeMap<>();
        links.forEach((link, state) -> {
            LinkRule rule = state.rule();
            if (!rule.isClear()) {
                active.put(link, rule);
            }
        });
        List<ActiveFault> out = new ArrayList<>(active.size());
        active.forEach((link, rule) -> out.add(new ActiveFault(link, rule)));
        return out;
    }

    /**
     * One line for a progress display: the active faults grouped by rule, e.g.
     * {@code "blocked: n0->n1 n0->n2 n1->n0 n2->n0; delay 50±10ms: n1->n2"}, or {@code "none"}.
     */
    public String describe() {
        Map<String, List<String>> byRule = new TreeMap<>();
        for (ActiveFault fault : activeFaults()) {
            byRule.computeIfAbsent(fault.rule().describe(), r -> new ArrayList<>()).add(fault.link().toString());
        }
        if (byRule.isEmpty()) {
            return "none";
        }
        List<String> parts = new ArrayList<>();
        byRule.forEach((rule, links) -> parts.add(rule + ": " + String.join(" ", links)));
        return String.join("; ", parts);
    }

    /** What the rules of {@code from}→{@code to} did to its messages so far. */
    public LinkCounts counts(NodeId from, NodeId to) {
        LinkState state = links.get(Link.of(from, to));
        return state == null ? LinkCounts.NONE : state.counts();
    }

    // -------------------------------------------------------------------------------------------------------------
    // Enforcement (the interceptor's side).

    /**
     * The Ratis gRPC customizer that installs this layer in the server of node {@code receiver}: give it to
     * {@code GrpcConfigKeys.Server.setServicesCustomizer} in the server's parameters.
     */
    public GrpcServices.Customizer customizer(NodeId receiver) {
        addNodes(List.of(receiver));
        LinkInterceptor interceptor = new LinkInterceptor(this, receiver);
        return (builder, types) -> builder.intercept(interceptor);
    }

    /** Whether any link has a rule: when none has, messages pass without a look-up. */
    boolean active() {
        return activeLinks.get() > 0;
    }

    /**
     * What happens to {@code message} on {@code link} now: {@link LinkState#DROP} or its wait in nanoseconds.
     */
    long decide(Link link, Object message) {
        if (activeLinks.get() == 0) {
            return 0;
        }
        LinkState state = links.get(link);
        if (state == null) {
            return 0;
        }
        LinkRule rule = state.rule();
        if (rule.isClear()) {
            return 0;
        }
        long size = rule.bytesPerSecond() > 0 && message instanceof MessageLite lite ? lite.getSerializedSize() : 0;
        return state.decide(size, nanoTime);
    }

    OrderedLane newLane() {
        return new OrderedLane(scheduler, nanoTime);
    }

    void schedule(Runnable task, long delayMs) {
        try {
            scheduler.schedule(task, delayMs, TimeUnit.MILLISECONDS);
        } catch (RejectedExecutionException closed) {
            task.run();
        }
    }

    /**
     * The node that sent a Ratis request message, or null if it cannot be told (not a Ratis request, or a client
     * that is no known node's).
     */
    NodeId senderOf(Object message) {
        if (message instanceof AppendEntriesRequestProto append) {
            return peer(append.getServerRequest().getRequestorId());
        }
        if (message instanceof RaftClientRequestProto client) {
            return client(client.getRpcRequest().getRequestorId());
        }
        if (message instanceof Message other) {
            // Every other Ratis request carries a RaftRpcRequestProto as field 1: "serverRequest" between servers,
            // "rpcRequest" from clients.
            FieldDescriptor field = requestFields.computeIfAbsent(message.getClass(), c -> requestField(other));
            if (field == NO_FIELD) {
                return null;
            }
            RaftRpcRequestProto rpc = (RaftRpcRequestProto) other.getField(field);
            return field.getName().equals("serverRequest") ? peer(rpc.getRequestorId())
                    : client(rpc.getRequestorId());
        }
        return null;
    }

    /** Marks classes without a request header (a descriptor no Ratis request uses). */
    private static final FieldDescriptor NO_FIELD = RaftRpcRequestProto.getDescriptor().getFields().get(0);

    private static FieldDescriptor requestField(Message message) {
        FieldDescriptor field = message.getDescriptorForType().findFieldByNumber(1);
        if (field != null && field.getJavaType() == FieldDescriptor.JavaType.MESSAGE && !field.isRepeated()
                && field.getMessageType().getFullName().equals(RaftRpcRequestProto.getDescriptor().getFullName())) {
            return field;
        }
        return NO_FIELD;
    }

    private NodeId peer(ByteString id) {
        NodeId known = peerIds.get(id);
        if (known != null) {
            return known;
        }
        try {
            NodeId node = NodeId.of(id.toStringUtf8());
            if (peerIds.size() < 10_000) {
                peerIds.put(id, node);
            }
            return node;
        } catch (IllegalArgumentException notANodeId) {
            return null;
        }
    }

    private NodeId client(ByteString id) {
        if (id.size() != 16) {
            return null;
        }
        return clientPrefixes.get(ByteBuffer.wrap(id.substring(0, 8).toByteArray()).getLong());
    }

    /**
     * Stops the delivery threads; messages waiting are delivered at once, later ones pass untouched, and setting a
     * rule other than CLEAR throws {@link IllegalStateException}.
     */
    @Override
    public void close() {
        synchronized (this) {
            closed = true;
            for (LinkState state : links.values()) {
                if (!state.rule().isClear()) {
                    state.setRule(LinkRule.CLEAR, nanoTime.getAsLong());
                }
            }
            activeLinks.set(0);
        }
        scheduler.shutdownNow().forEach(Runnable::run);
        try {
            scheduler.awaitTermination(5, TimeUnit.SECONDS);
            // The pool reports termination while its last thread is still on its way out: wait for the threads.
            for (Thread thread : deliveryThreads) {
                thread.join(1_000);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
