package io.vellum.simulations.run;

import io.grpc.Context;
import io.grpc.InsecureChannelCredentials;
import io.grpc.ManagedChannel;
import io.grpc.Grpc;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.stub.StreamObserver;
import io.vellum.blockifier.crypto.Felt;
import io.vellum.blockifier.transaction.ExecutableTransaction;
import io.vellum.consensus.node.Endpoint;
import io.vellum.consensus.node.LoopbackPorts;
import io.vellum.consensus.node.NodeStateException;
import io.vellum.consensus.node.Ordering;
import io.vellum.network.api.AdminGrpc;
import io.vellum.network.api.Block;
import io.vellum.network.api.GetNodeStatusRequest;
import io.vellum.network.api.NodeStatus;
import io.vellum.network.api.SequencerGrpc;
import io.vellum.network.api.SubmitResult;
import io.vellum.network.api.TransferLeadershipRequest;
import io.vellum.network.client.VellumClient;
import io.vellum.network.cluster.ClusterLayout;
import io.vellum.network.cluster.NodeProcesses;
import io.vellum.network.config.ClusterFile;
import io.vellum.network.config.KeyFile;
import io.vellum.network.faults.proto.FaultInjectionGrpc;
import io.vellum.network.faults.proto.SetClockSkewRequest;
import io.vellum.proposer.NodeId;
import io.vellum.proposer.builder.ProposerFault;
import io.vellum.proposer.mempool.Admission;
import io.vellum.simulations.check.BlockRecord;
import io.vellum.simulations.check.NodeChain;
import io.vellum.simulations.faults.FaultServiceLinkControl;
import io.vellum.simulations.faults.LinkControl;
import io.vellum.simulations.scenario.ClusterSpec;
import io.vellum.simulations.scenario.ProverSpec;
import io.vellum.simulations.scenario.Scenario;
import io.vellum.simulations.workload.SimulationGenesis;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A cluster whose nodes are OS processes ({@code vellum node}), one JVM each, on 127.0.0.1: the cluster directory is
 * written with {@link ClusterLayout} (each node file with {@code faults.enabled: true} and an admin address, so the
 * {@code FaultInjection} service is served) and the processes are started, signalled and stopped with
 * {@link NodeProcesses}, by their recorded PIDs only. The runner reaches the nodes through their public API only:
 * {@link VellumClient} for the workload, node status polled every {@value #POLL_MS} ms for views and the leader, a
 * {@code StreamFinalBlocks} call per node incarnation for the observer, blocks with receipts for the final chains.
 *
 * <p>Faults: crash is SIGKILL of the recorded PID (then a restart from the same data directory), pause SIGSTOP and
 * resume SIGCONT, link faults and clock skew through every node's fault service ({@link FaultServiceLinkControl}).
 * A lying proposer, a prover stall and a join are not offered (the loader refuses them for this mode).
 *
 * <p>Every process started is stopped by {@link #close} (SIGKILL: the data are thrown away), and by a shutdown hook
 * if this JVM ends first; the nodes also get {@code -Dvellum.node.parentPid} and exit when this JVM does.
 *
 * <p>Thread safety: the sets of running and paused nodes and the started processes are guarded by "this"; views are
 * in a concurrent map written by the poller.
 */
final class ProcessCluster implements SimCluster {
    private static final Logger LOG = LoggerFactory.getLogger(ProcessCluster.class);
    /** How long the nodes may take to start and elect a leader (JVM start-ups are slow on a loaded machine). */
    static final Duration LEADER_TIMEOUT = Duration.ofSeconds(180);
    /** How long a restarted node may take to answer its API. */
    static final Duration RESTART_TIMEOUT = Duration.ofSeconds(120);
    static final long POLL_MS = 250;
    /** A view older than this is no view: the node is down, paused or too slow to answer. */
    static final long VIEW_STALE_MS = 1_500;
    /** The L2 gas price of every block (fri), as in {@link InJvmCluster}. */
    static final long L2_GAS_PRICE = InJvmCluster.L2_GAS_PRICE;
    /**
     * Timings of node processes, more generous than in one JVM ({@code RatisSettings.DEFAULT}: 150-300 ms elections,
     * 3 s proposals): separate JVMs on a small, shared machine are descheduled for hundreds of milliseconds at a time
     * (Ratis' pause monitor reports it), and with the in-JVM timings a loaded 3-process cluster was seen to change
     * leaders every second or two and finalize nothing for a minute.
     */
    static final long ELECTION_TIMEOUT_MIN_MS = 1_000;
    static final long RAFT_REQUEST_TIMEOUT_MS = 5_000;
    static final long PROPOSAL_TIMEOUT_MS = 10_000;
    /** Each node JVM's heap. */
    static final String HEAP = "320m";
    /**
     * Each node JVM's options: the serial collector (a small heap; on a small shared machine G1's parallel young
     * collections were seen to pause a node for seconds), and C2 compiler threads limited to what two cores allow.
     */
    static final List<String> NODE_JAVA_OPTIONS = List.of("-XX:+UseSerialGC", "-XX:CICompilerCount=2");

    private record TimedView(NodeView view, long atNs) {
    }

    private final ClusterFile clusterFile;
    private final NodeProcesses processes;
    private final RunObserver observer;
    private final List<NodeId> ids = new ArrayList<>();
    private final Map<NodeId, ClusterFile.Node> nodes = new LinkedHashMap<>();
    private final Map<NodeId, ManagedChannel> publicChannels = new HashMap<>();
    private final Map<NodeId, ManagedChannel> adminChannels = new HashMap<>();
    private final Map<NodeId, VellumClient> clients = new HashMap<>();
    private final Map<NodeId, TimedView> views = new ConcurrentHashMap<>();
    private final Map<NodeId, Long> seenHeight = new ConcurrentHashMap<>();
    private final FaultServiceLinkControl links;
    private final ScheduledExecutorService poller = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread thread = new Thread(r, "sim-process-poller");
        thread.setDaemon(true);
        return thread;
    });
    private final Thread shutdownHook;
    /** Guarded by "this". */
    private final Set<NodeId> running = new HashSet<>();
    private final Set<NodeId> paused = new HashSet<>();
    private final Map<NodeId, ProcessHandle> started = new HashMap<>();
    private final Map<NodeId, Integer> incarnations = new HashMap<>();
    private final Map<NodeId, Context.CancellableContext> streams = new HashMap<>();
    private boolean closed;

    private ProcessCluster(ClusterFile clusterFile, RunObserver observer) {
        this.clusterFile = clusterFile;
        this.processes = new NodeProcesses(clusterFile, true, NODE_JAVA_OPTIONS);
        this.observer = observer;
        for (ClusterFile.Node node : clusterFile.nodes()) {
            ids.add(node.id());
            nodes.put(node.id(), node);
            ManagedChannel channel = channel(node.grpc());
            publicChannels.put(node.id(), channel);
            clients.put(node.id(), VellumClient.over(channel).withCallTimeout(
                    Duration.ofMillis(WorkloadDriver.OPERATION_TIMEOUT_MS)));
            adminChannels.put(node.id(), channel(node.admin().orElseThrow()));
        }
        this.links = new FaultServiceLinkControl(this::reachable, this::faultStub);
        this.shutdownHook = new Thread(this::killAll, "sim-process-cluster-shutdown");
    }

    private static ManagedChannel channel(Endpoint endpoint) {
        return Grpc.newChannelBuilderForAddress(endpoint.host(), endpoint.port(), InsecureChannelCredentials.create())
                .maxInboundMessageSize(64 * 1024 * 1024).build();
    }

    /**
     * Writes the cluster directory {@code dir} (node files, keys, genesis; the node logs end up there too) and starts
     * every node as its own process; returns once every node answers (bounded by {@link #LEADER_TIMEOUT}).
     */
    static ProcessCluster start(Scenario scenario, boolean signed, Path dir, RunObserver observer, long seed,
            PrintStream progress) throws IOException, InterruptedException {
        ClusterSpec spec = scenario.cluster();
        LoopbackPorts ports = new LoopbackPorts(seed ^ 0x9e0c5L);
        List<KeyFile> keys = new ArrayList<>();
        List<ClusterLayout.NodePorts> nodePorts = new ArrayList<>();
        for (int i = 0; i < spec.nodes(); i++) {
            keys.add(KeyFile.of(Felt.of(7_000 + i)));
            nodePorts.add(new ClusterLayout.NodePorts(ports.next(), ports.next(), ports.next(), ports.next()));
        }
        ClusterFile clusterFile = ClusterLayout.write(dir, new ClusterLayout.Spec("sim", HEAP,
                SimulationGenesis.fileText(scenario.workloads()), keys, nodePorts, List.of(),
                index -> nodeSettings(spec, signed, seed, index)));
        ProcessCluster cluster = new ProcessCluster(clusterFile, observer);
        Runtime.getRuntime().addShutdownHook(cluster.shutdownHook);
        try {
            for (NodeId id : cluster.ids) {
                cluster.launch(id);
            }
            cluster.poller.scheduleWithFixedDelay(cluster::poll, 0, POLL_MS, TimeUnit.MILLISECONDS);
            cluster.awaitAnswering(cluster.ids, LEADER_TIMEOUT);
            for (NodeId id : cluster.ids) {
                cluster.follow(id);
            }
            return cluster;
        } catch (IOException | InterruptedException | RuntimeException e) {
            cluster.close();
            throw e;
        }
    }

    /** The settings of node {@code index} beyond addresses and peers: those of an in-JVM node of the same scenario. */
    static String nodeSettings(ClusterSpec spec, boolean signed, long seed, int index) {
        ProverSpec prover = spec.prover();
        return String.format(Locale.ROOT, """
                chain:
                  block_interval_ms: %d
                  build_budget_ms: 500
                  proposal_timeout_ms: %d
                  vote_resend_ms: 500
                  quorum: "%s"
                  ordering: "%s"
                  schedule: "%s"
                  l2_gas_price_fri: %d
                  signature_checks: %s
                limits:
                  block:
                    transactions_max: 2000
                  batching:
                    transactions_per_batch_max: 200
                    batch_delay_ms: 50
                    queue_capacity: 50000
                    ordering_timeout_ms: 30000
                  api:
                    submit_timeout_ms: 8000
                storage:
                  durability: process-crash-safe
                prover:
                  simulated: true
                  workers: %d
                  per_block_ms: %d
                  per_transaction_ms: %s
                  failure_probability: %s
                  abandon_probability: %s
                  lease_ms: %d
                  seed: %d
                raft:
                  election_timeout_min_ms: %d
                  election_timeout_max_ms: %d
                  request_timeout_ms: %d
                faults:
                  enabled: true
                  seed: %d
                """, spec.blockIntervalMs(), PROPOSAL_TIMEOUT_MS, spec.quorum(), spec.ordering(),
                spec.proposerSchedule(), L2_GAS_PRICE,
                signed, prover.workers(), prover.perBlockMs(), prover.perTransactionMs(), prover.failureProbability(),
                prover.abandonProbability(), prover.leaseMs(), seed * 31 + index, ELECTION_TIMEOUT_MIN_MS,
                2 * ELECTION_TIMEOUT_MIN_MS, RAFT_REQUEST_TIMEOUT_MS, seed);
    }

    // ---------------------------------------------------------------------------------------------------------
    // Processes.

    private void launch(NodeId id) {
        ClusterFile.Node node = nodes.get(id);
        synchronized (this) {
            if (closed) {
                throw new IllegalStateException("the cluster is closed");
            }
            if (processes.running(node).isPresent()) {
                throw new IllegalStateException(id + " runs already");
            }
            ProcessHandle handle = processes.start(node);
            started.put(id, handle);
            running.add(id);
            paused.remove(id);
            incarnations.merge(id, 1, Integer::sum);
            LOG.info("{} started, pid {}", id, handle.pid());
        }
    }

    /** Waits until every node of {@code which} answers its status; fails at once if one of their processes exits. */
    private void awaitAnswering(List<NodeId> which, Duration timeout) throws IOException, InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            List<NodeId> silent = new ArrayList<>();
            for (NodeId id : which) {
                ProcessHandle handle;
                synchronized (this) {
                    handle = started.get(id);
                }
                if (handle == null || !handle.isAlive()) {
                    throw new IOException(id + " exited while starting; the end of its log ("
                            + processes.logFile(nodes.get(id)) + "):\n" + processes.logTail(nodes.get(id), 30));
                }
                if (view(id).isEmpty()) {
                    silent.add(id);
                }
            }
            if (silent.isEmpty()) {
                return;
            }
            if (System.nanoTime() > deadline) {
                throw new IOException(silent + " did not answer within " + timeout.toSeconds() + " s; see "
                        + clusterFile.directory());
            }
            Thread.sleep(100);
        }
    }

    /** Opens the final-block stream of the node's current incarnation, from the first height not yet seen. */
    private void follow(NodeId id) {
        int incarnation;
        long from;
        synchronized (this) {
            if (closed || !running.contains(id)) {
                return;
            }
            incarnation = incarnations.get(id);
            from = seenHeight.getOrDefault(id, 0L) + 1;
            Context.CancellableContext previous = streams.remove(id);
            if (previous != null) {
                previous.cancel(null);
            }
        }
        Context.CancellableContext context = clients.get(id).streamFinalBlocks(from, true, new StreamObserver<>() {
            @Override
            public void onNext(Block block) {
                seenHeight.merge(id, block.getNumber(), Math::max);
                observer.blockFinal(id, incarnation, block.getNumber(), block.getProposalCommitment(),
                        block.getTransactionHashesList(), block.getRejectedTransactionHashesList());
            }

            @Override
            public void onError(Throwable error) {
                if (Status.fromThrowable(error).getCode() != Status.Code.CANCELLED) {
                    refollowLater(id, incarnation);
                }
            }

            @Override
            public void onCompleted() {
                refollowLater(id, incarnation);
            }
        });
        synchronized (this) {
            streams.put(id, context);
        }
    }

    /** The stream broke while the same incarnation runs (e.g. the node was slow): open it again in a second. */
    private void refollowLater(NodeId id, int incarnation) {
        synchronized (this) {
            if (closed || !running.contains(id) || incarnations.get(id) != incarnation) {
                return;
            }
        }
        try {
            poller.schedule(() -> {
                synchronized (this) {
                    if (closed || !running.contains(id) || incarnations.get(id) != incarnation) {
                        return;
                    }
                }
                follow(id);
            }, 1, TimeUnit.SECONDS);
        } catch (java.util.concurrent.RejectedExecutionException closing) {
            // the cluster is closing
        }
    }

    private void poll() {
        List<NodeId> targets = reachable();
        for (NodeId id : targets) {
            SequencerGrpc.newStub(publicChannels.get(id)).withDeadlineAfter(1, TimeUnit.SECONDS)
                    .getNodeStatus(GetNodeStatusRequest.getDefaultInstance(), new StreamObserver<>() {
                        @Override
                        public void onNext(NodeStatus status) {
                            views.put(id, new TimedView(toView(status), System.nanoTime()));
                        }

                        @Override
                        public void onError(Throwable error) {
                            // no answer: the view goes stale
                        }

                        @Override
                        public void onCompleted() {
                        }
                    });
        }
    }

    private static NodeView toView(NodeStatus status) {
        return new NodeView(status.getRole().toLowerCase(Locale.ROOT), status.getFinalHeight(), status.getTerm(),
                status.getPendingTransactions(), status.getCommittedHeight(), status.getCommitterLagBlocks(),
                status.getProverQueueDepth(), status.getProvenHeight());
    }

    /** The nodes that run and are not paused, in id order. */
    private synchronized List<NodeId> reachable() {
        return ids.stream().filter(id -> running.contains(id) && !paused.contains(id)).toList();
    }

    private Optional<FaultInjectionGrpc.FaultInjectionBlockingStub> faultStub(NodeId id) {
        ManagedChannel channel = adminChannels.get(id);
        return channel == null ? Optional.empty() : Optional.of(FaultInjectionGrpc.newBlockingStub(channel));
    }

    // ---------------------------------------------------------------------------------------------------------
    // SimCluster.

    @Override
    public String mode() {
        return "processes";
    }

    @Override
    public List<NodeId> ids() {
        return List.copyOf(ids);
    }

    @Override
    public synchronized List<NodeId> runningIds() {
        return ids.stream().filter(running::contains).toList();
    }

    @Override
    public synchronized int incarnation(NodeId id) {
        return incarnations.getOrDefault(id, 0);
    }

    @Override
    public Optional<NodeView> view(NodeId id) {
        synchronized (this) {
            if (!running.contains(id) || paused.contains(id)) {
                return Optional.empty();
            }
        }
        TimedView timed = views.get(id);
        if (timed == null || System.nanoTime() - timed.atNs() > TimeUnit.MILLISECONDS.toNanos(VIEW_STALE_MS)) {
            return Optional.empty();
        }
        return Optional.of(timed.view());
    }

    @Override
    public Optional<NodeId> leader() {
        NodeId best = null;
        long bestTerm = -1;
        for (NodeId id : runningIds()) {
            Optional<NodeView> view = view(id);
            if (view.isPresent() && view.get().leader() && view.get().term() > bestTerm) {
                best = id;
                bestTerm = view.get().term();
            }
        }
        return Optional.ofNullable(best);
    }

    @Override
    public List<CompletableFuture<Ordering>> submit(NodeId id, List<ExecutableTransaction> transactions) {
        synchronized (this) {
            if (!running.contains(id)) {
                throw new NodeStateException(id + " does not run");
            }
        }
        VellumClient client = clients.get(id);
        List<CompletableFuture<Ordering>> out = new ArrayList<>();
        for (ExecutableTransaction transaction : transactions) {
            // One call per transaction: a call whose every transaction is refused fails as a whole, and the
            // runner needs each transaction's outcome.
            out.add(client.submitAsync(List.of(transaction)).handle((results, error) ->
                    outcome(transaction.hash(), results, error)));
        }
        return out;
    }

    /**
     * What a node's answer says about one transaction: ordered; dropped as a duplicate (already in the log or its
     * nonce already used: each account sends one transaction per nonce, so that is this one); dropped as overloaded
     * (nothing ordered); anything else is unknown, and the future fails.
     */
    static Ordering outcome(Felt hash, List<SubmitResult> results, Throwable error) {
        if (error == null) {
            SubmitResult result = results.get(0);
            return switch (result.getOutcome()) {
                case ORDERED -> new Ordering.Ordered(hash, -1);
                case OVERLOADED -> new Ordering.Dropped(hash, -1, Admission.MEMPOOL_FULL);
                case REFUSED -> {
                    if (isDuplicate(result.getReason())) {
                        yield new Ordering.Dropped(hash, -1, Admission.DUPLICATE);
                    }
                    throw new java.util.concurrent.CompletionException(new IllegalStateException(
                            "refused: " + result.getReason()));
                }
                default -> throw new java.util.concurrent.CompletionException(new IllegalStateException(
                        result.getOutcome() + ": " + result.getReason()));
            };
        }
        Status status = Status.fromThrowable(error);
        String description = status.getDescription() == null ? "" : status.getDescription();
        if (status.getCode() == Status.Code.FAILED_PRECONDITION && isDuplicate(description)) {
            return new Ordering.Dropped(hash, -1, Admission.DUPLICATE);
        }
        if (status.getCode() == Status.Code.RESOURCE_EXHAUSTED) {
            return new Ordering.Dropped(hash, -1, Admission.MEMPOOL_FULL);
        }
        throw new java.util.concurrent.CompletionException(error instanceof StatusRuntimeException ? error
                : new IllegalStateException(String.valueOf(error)));
    }

    static boolean isDuplicate(String reason) {
        return reason.contains("DUPLICATE") || reason.contains("is already used");
    }

    /** SIGKILL of the recorded PID. */
    @Override
    public void crash(NodeId id) {
        ClusterFile.Node node = nodes.get(id);
        synchronized (this) {
            if (!running.remove(id)) {
                return;
            }
            paused.remove(id);
            Context.CancellableContext stream = streams.remove(id);
            if (stream != null) {
                stream.cancel(null);
            }
        }
        views.remove(id);
        String how = processes.stop(node, 0, true);
        LOG.info("{} crashed: {}", id, how);
    }

    /** Starts the node's process again from its directory and waits (bounded) until it answers. */
    @Override
    public void restart(NodeId id, ProposerFault fault) throws IOException, InterruptedException {
        if (fault != ProposerFault.NONE) {
            throw new UnsupportedOperationException("a lying proposer needs cluster.mode: in-jvm");
        }
        launch(id);
        awaitAnswering(List.of(id), RESTART_TIMEOUT);
        links.replay(id);
        follow(id);
    }

    @Override
    public void join(int index) {
        throw new UnsupportedOperationException("join needs cluster.mode: in-jvm");
    }

    /** SIGSTOP of the recorded PID (checked to be that node's process first). */
    @Override
    public void pause(NodeId id) throws IOException, InterruptedException {
        synchronized (this) {
            if (!running.contains(id) || paused.contains(id)) {
                return;
            }
            paused.add(id);
        }
        views.remove(id);
        if (!processes.signal(nodes.get(id), NodeProcesses.Signal.STOP)) {
            throw new IOException(id + " has no running process to pause");
        }
        LOG.info("{} paused (SIGSTOP)", id);
    }

    /** SIGCONT of the recorded PID; then the link settings it may have missed. */
    @Override
    public void resume(NodeId id) throws IOException, InterruptedException {
        synchronized (this) {
            if (!paused.contains(id)) {
                return;
            }
        }
        if (!processes.signal(nodes.get(id), NodeProcesses.Signal.CONT)) {
            throw new IOException(id + " has no running process to resume");
        }
        synchronized (this) {
            paused.remove(id);
        }
        LOG.info("{} resumed (SIGCONT)", id);
        links.replay(id);
    }

    @Override
    public LinkControl links() {
        return links;
    }

    @Override
    public void setClockOffset(NodeId id, long offsetMs) throws IOException {
        try {
            faultStub(id).orElseThrow().withDeadlineAfter(FaultServiceLinkControl.CALL_TIMEOUT_MS,
                    TimeUnit.MILLISECONDS).setClockSkew(SetClockSkewRequest.newBuilder().setOffsetMs(offsetMs).build());
        } catch (StatusRuntimeException e) {
            throw new IOException("clock skew on " + id + ": " + e.getStatus(), e);
        }
    }

    @Override
    public void setProverPaused(NodeId id, boolean paused) {
        throw new UnsupportedOperationException("a prover stall needs cluster.mode: in-jvm");
    }

    @Override
    public void transferLeadership(NodeId leader, NodeId target, Duration timeout) throws IOException {
        try {
            AdminGrpc.newBlockingStub(adminChannels.get(leader)).withDeadlineAfter(timeout.toMillis() + 2_000,
                    TimeUnit.MILLISECONDS).transferLeadership(TransferLeadershipRequest.newBuilder()
                    .setTarget(target.value()).setTimeoutMs(timeout.toMillis()).build());
        } catch (StatusRuntimeException e) {
            throw new IOException("leadership transfer to " + target + ": " + e.getStatus(), e);
        }
    }

    /**
     * The node's final chain through its API: every block with receipts (transactions, rejected ones, commitments,
     * state root and block hash, the proposal's term). The API tells only the proven height, not each job, so a
     * block at or below it is recorded as proven once.
     */
    @Override
    public NodeChain readChain(NodeId id) throws IOException {
        VellumClient client = clients.get(id).withCallTimeout(Duration.ofSeconds(30));
        try {
            NodeStatus status = client.nodeStatus();
            long height = status.getFinalHeight();
            List<BlockRecord> blocks = new ArrayList<>();
            for (long h = 1; h <= height; h++) {
                Optional<Block> found = client.block(h, true);
                if (found.isEmpty()) {
                    break; // a gap: the checkers report it
                }
                Block block = found.get();
                String commitments = "transactions=" + block.getTransactionCommitment() + ", events="
                        + block.getEventCommitment() + ", receipts=" + block.getReceiptCommitment() + ", stateDiff="
                        + block.getStateDiffCommitment();
                boolean proven = h <= status.getProvenHeight();
                blocks.add(new BlockRecord(h, block.getProposalTerm(), block.getProposer(),
                        block.getProposalCommitment(), commitments, block.getTransactionHashesList(),
                        block.getRejectedTransactionHashesList(), block.getStateRoot(), block.getBlockHash(),
                        block.getCloseReason(), block.getTimestampSeconds(), proven ? "PROVEN" : "QUEUED",
                        proven ? 1 : 0));
            }
            return new NodeChain(id.value(), blocks);
        } catch (StatusRuntimeException e) {
            throw new IOException("reading the chain of " + id + ": " + e.getStatus(), e);
        }
    }

    /** The cluster directory (node files and logs). */
    Path directory() {
        return clusterFile.directory();
    }

    /** The PIDs of the processes this cluster started that are still alive (for tests). */
    synchronized List<Long> livePids() {
        return started.values().stream().filter(ProcessHandle::isAlive).map(ProcessHandle::pid).sorted().toList();
    }

    /** Every process started, killed by its handle (SIGKILL also ends a stopped process). */
    private void killAll() {
        List<ProcessHandle> handles;
        synchronized (this) {
            handles = new ArrayList<>(started.values());
        }
        for (ProcessHandle handle : handles) {
            if (handle.isAlive()) {
                handle.destroyForcibly();
            }
        }
        for (ProcessHandle handle : handles) {
            try {
                handle.onExit().get(10, TimeUnit.SECONDS);
            } catch (Exception e) {
                LOG.warn("pid {} did not exit after SIGKILL", handle.pid());
            }
        }
    }

    /** Stops every node (SIGKILL by PID), closes the channels and deletes the nodes' data (the logs stay). */
    @Override
    public void close() {
        synchronized (this) {
            if (closed) {
                return;
            }
            closed = true;
            streams.values().forEach(stream -> stream.cancel(null));
            streams.clear();
        }
        poller.shutdownNow();
        for (NodeId id : ids) {
            try {
                processes.stop(nodes.get(id), 0, true);
            } catch (RuntimeException e) {
                LOG.warn("stopping {} failed", id, e);
            }
        }
        killAll(); // a process whose PID file was lost is still known by its handle
        synchronized (this) {
            running.clear();
            paused.clear();
        }
        try {
            Runtime.getRuntime().removeShutdownHook(shutdownHook);
        } catch (IllegalStateException shuttingDown) {
            // the hook runs anyway
        }
        Stream.concat(publicChannels.values().stream(), adminChannels.values().stream()).forEach(channel -> {
            channel.shutdownNow();
            try {
                channel.awaitTermination(2, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        for (ClusterFile.Node node : clusterFile.nodes()) {
            ScenarioRunner.deleteQuietly(node.directory(clusterFile.directory()).resolve("data"));
        }
    }

    @Override
    public String toString() {
        return "ProcessCluster" + ids + " in " + clusterFile.directory();
    }
}
