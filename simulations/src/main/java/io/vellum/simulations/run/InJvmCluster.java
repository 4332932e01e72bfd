package io.vellum.simulations.run;

import java.util.Comparator;
import io.vellum.blockifier.transaction.ExecutableTransaction;
import io.vellum.consensus.core.OpenProposal;
import io.vellum.consensus.core.SequencerCore;
import io.vellum.consensus.node.NodeStateException;
import io.vellum.consensus.node.Ordering;
import io.vellum.simulations.check.NodeChain;
import io.micrometer.core.instrument.MeterRegistry;
import io.vellum.blockifier.block.BlockLimits;
import io.vellum.blockifier.block.Genesis;
import io.vellum.blockifier.commitment.StarknetVersion;
import io.vellum.blockifier.core.ContractAddress;
import io.vellum.blockifier.crypto.Ecdsa;
import io.vellum.blockifier.crypto.Felt;
import io.vellum.blockifier.execution.ExecutionConfig;
import io.vellum.blockifier.execution.GasPrices;
import io.vellum.consensus.committer.CommitterSettings;
import io.vellum.consensus.core.CoreConfig;
import io.vellum.consensus.core.Notification;
import io.vellum.consensus.entry.Member;
import io.vellum.consensus.faults.LinkFaults;
import io.vellum.consensus.node.BatchingSettings;
import io.vellum.consensus.node.Endpoint;
import io.vellum.consensus.node.LoopbackPorts;
import io.vellum.consensus.node.NodeConfig;
import io.vellum.consensus.node.Peer;
import io.vellum.consensus.node.RatisSettings;
import io.vellum.consensus.node.SequencerNode;
import io.vellum.proposer.NodeId;
import io.vellum.proposer.builder.ProposerFault;
import io.vellum.proposer.mempool.MempoolLimits;
import io.vellum.proposer.ordering.OrderingPolicy;
import io.vellum.proposer.schedule.ProposerSchedule;
import io.vellum.simulations.faults.AdjustableClock;
import io.vellum.simulations.faults.LinkControl;
import io.vellum.simulations.faults.LinkFaultsControl;
import io.vellum.simulations.scenario.ClusterSpec;
import io.vellum.storage.StoreOptions;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.BindException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Real {@link SequencerNode}s in this JVM: Ratis over gRPC on 127.0.0.1, each node with a RocksDB store in its own
 * directory, a clock of its own (for skew), the simulated prover, and the link-fault layer in its Raft server. Nodes can be crashed (closed: the server stops,
 * the store stays on disk), restarted from their directory (with or without a lying proposer), and new nodes can
 * join. Every notification of every node incarnation goes to one listener.
 *
 * <p>Thread safety: the methods that change which nodes run are {@code synchronized}; the views are too.
 */
public final class InJvmCluster implements SimCluster {
    private static final Logger LOG = LoggerFactory.getLogger(InJvmCluster.class);
    /** The L2 gas price of every block (fri). */
    public static final long L2_GAS_PRICE = 3;
    private static final Duration MEMBERSHIP_TIMEOUT = Duration.ofSeconds(20);

    /** Receives each notification with the node and its incarnation (1 for the first start, 2 after a restart...). */
    public interface Listener {
        void onNotification(NodeId node, int incarnation, Notification notification);
    }

    private final ClusterSpec spec;
    private final Genesis genesis;
    private final ExecutionConfig execution;
    private final Path dir;
    private final MeterRegistry registry;
    private final Listener listener;
    private final LoopbackPorts ports;
    private final long seed;
    private final LinkFaults links;
    private final CoreConfig core;
    private final List<Member> genesisVoters = new ArrayList<>();
    private final Map<NodeId, NodeConfig> configs = new LinkedHashMap<>();
    private final Map<NodeId, SequencerNode> running = new LinkedHashMap<>();
    private final Map<NodeId, Integer> incarnations = new LinkedHashMap<>();
    private final Map<NodeId, AdjustableClock> clocks = new LinkedHashMap<>();

    private InJvmCluster(ClusterSpec spec, Genesis genesis, ExecutionConfig execution, Path dir, MeterRegistry registry,
            Listener listener, long seed) {
        this.spec = spec;
        this.genesis = genesis;
        this.execution = execution;
        this.dir = dir;
        this.registry = registry;
        this.listener = listener;
        this.seed = seed;
        this.ports = new LoopbackPorts(seed);
        this.links = new LinkFaults(seed, registry);
        this.core = new CoreConfig(genesis.chainId(), genesis.contracts().feeToken(), GasPrices.ofL2(L2_GAS_PRICE),
                BlockLimits.DEFAULT.withTransactionCountMax(2_000), MempoolLimits.DEFAULT,
                OrderingPolicy.named(spec.ordering()), ProposerSchedule.parse(spec.proposerSchedule()),
                spec.quorumRule(), spec.blockIntervalMs(), 500, 3_000, 500);
        for (int i = 0; i < spec.nodes(); i++) {
            genesisVoters.add(member(i));
        }
    }

    /** Starts the cluster's nodes (in parallel), retrying with other ports if one was taken meanwhile. */
    public static InJvmCluster start(ClusterSpec spec, Genesis genesis, ExecutionConfig execution, Path dir,
            MeterRegistry registry, Listener listener, long seed) throws IOException {
        for (int attempt = 0; ; attempt++) {
            InJvmCluster cluster = new InJvmCluster(spec, genesis, execution, dir.resolve("attempt-" + attempt),
                    registry, listener, seed + attempt);
            try {
                cluster.startAll();
                return cluster;
            } catch (BindException clash) {
                cluster.close();
                if (attempt == 3) {
                    throw clash;
                }
            }
        }
    }

    public static NodeId idOf(int index) {
        return NodeId.of("n" + index);
    }

    private static Felt keyOf(int index) {
        return Felt.of(7_000 + index);
    }

    private static Member member(int index) {
        return new Member(idOf(index), Ecdsa.publicKey(keyOf(index)), ContractAddress.of(0x5e90 + index));
    }

    private void startAll() throws IOException {
        List<Peer> peers = new ArrayList<>();
        for (int i = 0; i < spec.nodes(); i++) {
            peers.add(new Peer(idOf(i), Endpoint.loopback(ports.next())));
        }
        for (int i = 0; i < spec.nodes(); i++) {
            configs.put(idOf(i), config(i, peers.get(i).address(), peers, false));
            clocks.put(idOf(i), new AdjustableClock(Clock.systemUTC()));
        }
        List<CompletableFuture<Void>> starts = new ArrayList<>();
        for (NodeId id : List.copyOf(configs.keySet())) {
            starts.add(inThread(() -> startNode(id, ProposerFault.NONE)));
        }
        joinAll(starts);
    }

    private NodeConfig config(int index, Endpoint address, List<Peer> peers, boolean joining) {
        return new NodeConfig(idOf(index), keyOf(index), ContractAddress.of(0x5e90 + index), dir.resolve("n" + index),
                address, peers, joining, "sim", genesis, genesisVoters, core, execution, StarknetVersion.V0_14_0,
                RatisSettings.DEFAULT,
                new BatchingSettings(200, BatchingSettings.DEFAULT.batchDelayMs(), 50_000, 30_000), ProposerFault.NONE);
    }

    private void startNode(NodeId id, ProposerFault fault) {
        NodeConfig config;
        int incarnation;
        synchronized (this) {
            config = configs.get(id).withProposerFault(fault);
            incarnation = incarnations.merge(id, 1, Integer::sum);
        }
        int index = Integer.parseInt(id.value().substring(1));
        SequencerNode.Settings settings = new SequencerNode.Settings(StoreOptions.processCrashSafe(),
                CommitterSettings.DEFAULT, Optional.of(spec.prover().model(seed * 31 + index)));
        SequencerNode node = new SequencerNode(config, settings, registry, clocks.get(id), links);
        node.consensus().addListener(n -> listener.onNotification(id, incarnation, n));
        try {
            node.start();
        } catch (IOException e) {
            node.close();
            throw new UncheckedIOException(e);
        }
        synchronized (this) {
            running.put(id, node);
        }
    }

    @Override
    public String mode() {
        return "in-jvm";
    }

    @Override
    public synchronized List<NodeId> runningIds() {
        return running.keySet().stream().sorted(Comparator.comparing(NodeId::value)).toList();
    }

    @Override
    public Optional<NodeView> view(NodeId id) {
        Optional<SequencerNode> found = running(id);
        if (found.isEmpty()) {
            return Optional.empty();
        }
        SequencerNode node = found.get();
        try {
            long height = node.consensus().finalHeight();
            long term = height <= 0 ? 0 : node.chain().blockHeader(height).map(h -> h.proposal().term()).orElse(-1L);
            String role = node.consensus().isLeader() ? "leader" : "follower";
            long pending = node.consensus().read(SequencerCore::pendingCount).orElse(-1);
            long committed = node.chain().store().committedHeight().map(b -> b.value()).orElse(0L);
            var status = node.proverQueue().status();
            return Optional.of(new NodeView(role, height, term, pending, committed, node.committer().lagBlocks(),
                    status.depth(), status.provenHeight()));
        } catch (RuntimeException closing) {
            return Optional.empty();
        }
    }

    @Override
    public Optional<NodeId> openProposer() {
        for (SequencerNode node : runningNodes()) {
            Optional<OpenProposal> open = node.consensus().replicatedState().flatMap(s -> s.open());
            if (open.isPresent()) {
                return Optional.of(open.get().proposal().proposer());
            }
        }
        return Optional.empty();
    }

    @Override
    public List<CompletableFuture<Ordering>> submit(NodeId id, List<ExecutableTransaction> transactions)
            throws io.vellum.consensus.node.OverloadedException {
        SequencerNode node = running(id).orElseThrow(() -> new NodeStateException(id + " does not run"));
        return node.consensus().submit(transactions);
    }

    @Override
    public void setClockOffset(NodeId id, long offsetMs) {
        clock(id).setOffsetMs(offsetMs);
    }

    @Override
    public void setProverPaused(NodeId id, boolean paused) {
        running(id).flatMap(SequencerNode::simulatedProver).ifPresent(p -> {
            if (paused) {
                p.pause();
            } else {
                p.resume();
            }
        });
    }

    @Override
    public void transferLeadership(NodeId leader, NodeId target, Duration timeout) throws IOException {
        SequencerNode leading = running(leader).orElseThrow(() -> new IOException(leader + " does not run"));
        leading.consensus().transferLeadership(target, timeout);
    }

    @Override
    public NodeChain readChain(NodeId id) throws IOException {
        SequencerNode node = running(id).orElseThrow(() -> new IOException(id + " does not run"));
        return ChainReader.read(node);
    }

    /** The links between the nodes, for network faults. */
    @Override
    public LinkControl links() {
        return new LinkFaultsControl(links);
    }

    /** Every node configured so far (joined ones too), in id order. */
    @Override
    public synchronized List<NodeId> ids() {
        return List.copyOf(configs.keySet());
    }

    /** The running nodes, in id order. */
    public synchronized List<SequencerNode> runningNodes() {
        return running.values().stream().sorted(Comparator.comparing(n -> n.config().id())).toList();
    }

    public synchronized Optional<SequencerNode> running(NodeId id) {
        return Optional.ofNullable(running.get(id));
    }

    @Override
    public synchronized int incarnation(NodeId id) {
        return incarnations.getOrDefault(id, 0);
    }

    public AdjustableClock clock(NodeId id) {
        synchronized (this) {
            return clocks.get(id);
        }
    }

    /** The leader that some running node leads as, if any. */
    @Override
    public Optional<NodeId> leader() {
        for (SequencerNode node : runningNodes()) {
            if (node.consensus().isLeader()) {
                return Optional.of(node.config().id());
            }
        }
        return Optional.empty();
    }

    /** Stops a node (its Raft server and store close; the directory stays). Does nothing if it is not running. */
    @Override
    public void crash(NodeId id) {
        SequencerNode node;
        synchronized (this) {
            node = running.remove(id);
        }
        if (node != null) {
            node.close();
        }
    }

    /** Starts a stopped node again from its directory, optionally with a lying proposer. Retries a busy port. */
    @Override
    public void restart(NodeId id, ProposerFault fault) throws IOException, InterruptedException {
        for (int attempt = 0; ; attempt++) {
            try {
                startNode(id, fault);
                return;
            } catch (UncheckedIOException e) {
                if (!(e.getCause() instanceof BindException) || attempt == 20) {
                    throw e.getCause();
                }
                Thread.sleep(250); // the previous incarnation's port is still being released
            }
        }
    }

    /** Starts node {@code n<index>} as a joiner and makes it a voter through the leader. */
    @Override
    public void join(int index) throws IOException, InterruptedException {
        NodeId id = idOf(index);
        synchronized (this) {
            if (configs.containsKey(id)) {
                throw new IllegalArgumentException(id + " exists already");
            }
        }
        List<Peer> peers = new ArrayList<>();
        for (SequencerNode node : runningNodes()) {
            peers.add(node.config().peer());
        }
        Endpoint address = Endpoint.loopback(ports.next());
        peers.add(new Peer(id, address));
        synchronized (this) {
            configs.put(id, config(index, address, peers, true));
            clocks.put(id, new AdjustableClock(Clock.systemUTC()));
        }
        startNode(id, ProposerFault.NONE);
        NodeId leader = leader().orElseThrow(() -> new IOException("no leader to add " + id + " through"));
        SequencerNode leading = running(leader).orElseThrow();
        SequencerNode joiner = running(id).orElseThrow();
        leading.consensus().addMember(joiner.config().peer(), joiner.config().member(), MEMBERSHIP_TIMEOUT);
        LOG.info("{} joined through {}", id, leader);
    }

    @Override
    public void close() {
        List<CompletableFuture<Void>> closes = new ArrayList<>();
        for (SequencerNode node : runningNodes()) {
            closes.add(inThread(node::close));
        }
        closes.forEach(future -> {
            try {
                future.join();
            } catch (RuntimeException e) {
                LOG.warn("closing a node failed", e);
            }
        });
        synchronized (this) {
            running.clear();
        }
        links.close();
    }

    /** Runs on a thread of its own (the common pool may have one thread on a small machine). */
    static CompletableFuture<Void> inThread(Runnable task) {
        CompletableFuture<Void> done = new CompletableFuture<>();
        Thread thread = new Thread(() -> {
            try {
                task.run();
                done.complete(null);
            } catch (Throwable e) {
                done.completeExceptionally(e);
            }
        }, "sim-node-start");
        thread.start();
        return done;
    }

    private static void joinAll(List<CompletableFuture<Void>> futures) throws IOException {
        IOException first = null;
        RuntimeException firstOther = null;
        for (CompletableFuture<Void> future : futures) {
            try {
                future.join();
            } catch (RuntimeException e) {
                Throwable cause = e.getCause() != null ? e.getCause() : e;
                if (cause instanceof UncheckedIOException io && first == null) {
                    first = io.getCause();
                } else if (firstOther == null) {
                    firstOther = cause instanceof RuntimeException r ? r : new IllegalStateException(cause);
                }
            }
        }
        if (first != null) {
            throw first;
        }
        if (firstOther != null) {
            throw firstOther;
        }
    }
}
