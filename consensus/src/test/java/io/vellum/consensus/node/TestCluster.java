package io.vellum.consensus.node;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.vellum.blockifier.block.BlockLimits;
import io.vellum.blockifier.commitment.StarknetVersion;
import io.vellum.blockifier.core.ContractAddress;
import io.vellum.blockifier.crypto.Ecdsa;
import io.vellum.blockifier.crypto.Felt;
import io.vellum.blockifier.execution.ExecutionConfig;
import io.vellum.blockifier.testing.TestChain;
import io.vellum.consensus.core.CoreConfig;
import io.vellum.consensus.core.QuorumRule;
import io.vellum.consensus.entry.Member;
import io.vellum.consensus.faults.LinkFaults;
import io.vellum.consensus.prover.ProverModel;
import io.vellum.proposer.NodeId;
import io.vellum.proposer.builder.ProposerFault;
import io.vellum.proposer.mempool.MempoolLimits;
import io.vellum.proposer.ordering.OrderingPolicy;
import io.vellum.proposer.schedule.ProposerSchedule;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.BindException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.function.Function;
import java.util.function.UnaryOperator;

/**
 * Real Vellum nodes in one JVM: Ratis over gRPC on 127.0.0.1, each node with its own store in a temporary directory.
 * Starts and closes nodes in parallel (a Ratis server takes 1–3 s to close).
 */
final class TestCluster implements AutoCloseable {
    /** JUnit tag of the cluster tests that run only with {@code -Pcluster-tests}. */
    static final String LONG_TAG = "cluster-long";

    /** How to build a cluster. */
    record Options(int nodes, int accounts, long blockIntervalMs, RatisSettings ratis, BatchingSettings batching,
            Map<Integer, ProposerFault> faults, UnaryOperator<CoreConfig> coreTweak, boolean sequencers) {

        static Options of(int nodes, int accounts) {
            return new Options(nodes, accounts, 100, RatisSettings.DEFAULT,
                    new BatchingSettings(200, 5, 50_000, 30_000), Map.of(), c -> c, false);
        }

        /** Whole {@link SequencerNode}s (RocksDB, committer, prover queue, a fast simulated prover). */
        Options withSequencers() {
            return new Options(nodes, accounts, blockIntervalMs, ratis, batching, faults, coreTweak, true);
        }

        Options withRatis(RatisSettings settings) {
            return new Options(nodes, accounts, blockIntervalMs, settings, batching, faults, coreTweak, sequencers);
        }

        Options withFault(int node, ProposerFault fault) {
            Map<Integer, ProposerFault> more = new HashMap<>(faults);
            more.put(node, fault);
            return new Options(nodes, accounts, blockIntervalMs, ratis, batching, more, coreTweak, sequencers);
        }

        Options withCore(UnaryOperator<CoreConfig> tweak) {
            return new Options(nodes, accounts, blockIntervalMs, ratis, batching, faults, tweak, sequencers);
        }

        Options withBlockIntervalMs(long intervalMs) {
            return new Options(nodes, accounts, intervalMs, ratis, batching, faults, coreTweak, sequencers);
        }

        /** Other mempool limits, on top of the core tweak already set. */
        Options withMempool(MempoolLimits limits) {
            UnaryOperator<CoreConfig> before = coreTweak;
            return withCore(core -> {
                CoreConfig c = before.apply(core);
                return new CoreConfig(c.chainId(), c.feeTokenAddress(), c.gasPrices(), c.limits(), limits,
                        c.orderingPolicy(), c.schedule(), c.quorum(), c.blockIntervalMs(), c.buildBudgetMs(),
                        c.proposalTimeoutMs(), c.voteResendMs());
            });
        }
    }

    final TestChain chain;
    final CoreConfig core;
    final SimpleMeterRegistry meters = new SimpleMeterRegistry();
    private final Options options;
    private final Path dir;
    private final Function<TestChain, Function<Path, io.vellum.consensus.store.CoreStore>> storeKinds;
    private Function<Path, io.vellum.consensus.store.CoreStore> stores;
    private final LoopbackPorts ports;
    private final List<Member> genesisVoters = new ArrayList<>();
    private final Map<NodeId, NodeConfig> configs = new HashMap<>();
    private final Map<NodeId, ConsensusNode> running = new HashMap<>();
    /** With {@link Options#sequencers}: the whole node around each running consensus node. */
    private final Map<NodeId, SequencerNode> sequencers = new HashMap<>();
    private final List<NodeId> order = new ArrayList<>();
    /** The link layer each node's server runs (null: none). */
    private final Function<NodeId, LinkFaults> linkFaults;

    private TestCluster(Options options, Path dir,
            Function<TestChain, Function<Path, io.vellum.consensus.store.CoreStore>> storeKinds, long seed,
            Function<NodeId, LinkFaults> linkFaults) {
        this.options = options;
        this.linkFaults = linkFaults;
        this.dir = dir;
        this.storeKinds = storeKinds;
        this.ports = new LoopbackPorts(seed);
        this.chain = TestChain.create(options.accounts(), TestChain.DEFAULT_BALANCE, ExecutionConfig.DEFAULT);
        this.stores = storeKinds.apply(chain);
        this.core = options.coreTweak().apply(new CoreConfig(TestChain.CHAIN_ID, chain.feeToken(),
                chain.context().gasPrices(), BlockLimits.DEFAULT.withTransactionCountMax(2_000),
                MempoolLimits.DEFAULT, OrderingPolicy.named("fifo"), ProposerSchedule.parse("leader"),
                QuorumRule.MAJORITY, options.blockIntervalMs(), 500, 3_000, 500));
        for (int i = 0; i < options.nodes(); i++) {
            genesisVoters.add(memberOf(i));
        }
    }

    static Felt keyOf(int i) {
        return Felt.of(7_000 + i);
    }

    static NodeId idOf(int i) {
        return NodeId.of("n" + i);
    }

    static Member memberOf(int i) {
        return new Member(idOf(i), Ecdsa.publicKey(keyOf(i)), ContractAddress.of(0x5e90 + i));
    }

    /** Starts a cluster, retrying with other ports if one was taken meanwhile. */
    static TestCluster start(Options options, Path dir,
            Function<TestChain, Function<Path, io.vellum.consensus.store.CoreStore>> stores, long seed)
            throws Exception {
        return start(options, dir, stores, seed, null);
    }

    /** Starts a cluster whose nodes all run the link layer of {@code linkFaults} (null: none). */
    static TestCluster start(Options options, Path dir,
            Function<TestChain, Function<Path, io.vellum.consensus.store.CoreStore>> stores, long seed,
            LinkFaults linkFaults) throws Exception {
        return startWithLinkLayers(options, dir, stores, seed, id -> linkFaults);
    }

    /** Starts a cluster whose node {@code id} runs the link layer {@code linkFaults.apply(id)} (null: none). */
    static TestCluster startWithLinkLayers(Options options, Path dir,
            Function<TestChain, Function<Path, io.vellum.consensus.store.CoreStore>> stores, long seed,
            Function<NodeId, LinkFaults> linkFaults) throws Exception {
        for (int attempt = 0; ; attempt++) {
            TestCluster cluster = new TestCluster(options, dir.resolve("attempt-" + attempt), stores, seed + attempt,
                    linkFaults);
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

    private void startAll() throws Exception {
        List<Peer> peers = new ArrayList<>();
        for (int i = 0; i < options.nodes(); i++) {
            peers.add(new Peer(idOf(i), Endpoint.loopback(ports.next())));
        }
        for (int i = 0; i < options.nodes(); i++) {
            NodeConfig config = config(i, peers.get(i).address(), peers, false);
            configs.put(config.id(), config);
            order.add(config.id());
        }
        List<CompletableFuture<Void>> starts = new ArrayList<>();
        for (NodeId id : order) {
            starts.add(inThread(() -> startNode(id)));
        }
        joinAll(starts);
    }

    NodeConfig config(int i, Endpoint address, List<Peer> peers, boolean joining) {
        return new NodeConfig(idOf(i), keyOf(i), ContractAddress.of(0x5e90 + i), dir.resolve("n" + i), address, peers,
                joining, "test", chain.genesis, genesisVoters, core, ExecutionConfig.DEFAULT, StarknetVersion.V0_14_0,
                options.ratis(), options.batching(), options.faults().getOrDefault(i, ProposerFault.NONE));
    }

    private void startNode(NodeId id) {
        if (options.sequencers()) {
            SequencerNode whole = new SequencerNode(configs.get(id), SEQUENCER_SETTINGS, meters, Clock.systemUTC(),
                    linkFaults.apply(id));
            try {
                whole.start();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            synchronized (running) {
                running.put(id, whole.consensus());
                sequencers.put(id, whole);
            }
            return;
        }
        ConsensusNode node = new ConsensusNode(configs.get(id), stores::apply, meters, Clock.systemUTC(),
                linkFaults.apply(id));
        try {
            node.start();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        synchronized (running) {
            running.put(id, node);
        }
    }

    /** A prover fast enough for tests: 2 workers, 5 ms per block, short idle polls. */
    private static final SequencerNode.Settings SEQUENCER_SETTINGS = SequencerNode.Settings.defaults()
            .withProver(Optional.of(new ProverModel(2, 5, 0.01, 0, 0, 10_000, 20, 1)));

    /** The whole node around a running consensus node (with {@link Options#sequencers}). */
    SequencerNode sequencer(ConsensusNode node) {
        synchronized (running) {
            SequencerNode whole = sequencers.get(node.id());
            if (whole == null) {
                throw new IllegalStateException(node.id() + " is not a running sequencer node");
            }
            return whole;
        }
    }

    /** Runs on a thread of its own (the common pool has one thread on 2 cores: it would serialize). */
    static CompletableFuture<Void> inThread(Runnable task) {
        CompletableFuture<Void> done = new CompletableFuture<>();
        Thread thread = new Thread(() -> {
            try {
                task.run();
                done.complete(null);
            } catch (Throwable e) {
                done.completeExceptionally(e);
            }
        }, "test-parallel");
        thread.start();
        return done;
    }

    private static void joinAll(List<CompletableFuture<Void>> futures) throws Exception {
        Exception first = null;
        for (CompletableFuture<Void> future : futures) {
            try {
                future.join();
            } catch (RuntimeException e) {
                Throwable cause = e.getCause() != null ? e.getCause() : e;
                if (cause instanceof UncheckedIOException io) {
                    cause = io.getCause();
                }
                if (first == null) {
                    first = cause instanceof Exception ex ? ex : e;
                }
            }
        }
        if (first != null) {
            throw first;
        }
    }

    /** Running nodes, in id order. */
    List<ConsensusNode> nodes() {
        synchronized (running) {
            return order.stream().map(running::get).filter(n -> n != null).toList();
        }
    }

    ConsensusNode node(int i) {
        synchronized (running) {
            return running.get(idOf(i));
        }
    }

    /** The leader every running node agrees on, once there is one. */
    ConsensusNode awaitLeader(Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            List<ConsensusNode> nodes = nodes();
            Optional<ConsensusNode> leader = nodes.stream().filter(ConsensusNode::isLeader).findFirst();
            if (leader.isPresent() && nodes.stream().allMatch(n -> n.leader().equals(Optional.of(leader.get().id())))) {
                return leader.get();
            }
            Thread.sleep(20);
        }
        throw new AssertionError("no leader within " + timeout);
    }

    /** Closes a node abruptly (its server stops; its store stays on disk). */
    void kill(ConsensusNode node) {
        SequencerNode whole;
        synchronized (running) {
            running.remove(node.id());
            whole = sequencers.remove(node.id());
        }
        if (whole != null) {
            whole.close();
        } else {
            node.close();
        }
    }

    /** Starts a node again from its directory. */
    ConsensusNode restart(NodeId id) throws Exception {
        joinAll(List.of(inThread(() -> startNode(id))));
        return running.get(id);
    }

    /** Starts node {@code i} as a joiner (an empty Raft group), knowing the running members. */
    ConsensusNode startJoiner(int i) throws Exception {
        List<Peer> peers = new ArrayList<>();
        for (ConsensusNode node : nodes()) {
            peers.add(node.config().peer());
        }
        Endpoint address = Endpoint.loopback(ports.next());
        peers.add(new Peer(idOf(i), address));
        NodeConfig config = config(i, address, peers, true);
        configs.put(config.id(), config);
        order.add(config.id());
        joinAll(List.of(inThread(() -> startNode(config.id()))));
        return running.get(config.id());
    }

    /** Waits until every running node has applied the same final height, at least {@code height}. */
    long awaitSameHeight(long height, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            List<Long> heights = nodes().stream().map(ConsensusNode::finalHeight).toList();
            if (heights.stream().distinct().count() == 1 && heights.get(0) >= height) {
                return heights.get(0);
            }
            Thread.sleep(20);
        }
        throw new AssertionError("heights " + nodes().stream().map(n -> n.id() + "=" + n.finalHeight()).toList()
                + " did not meet at " + height + " within " + timeout);
    }

    @Override
    public void close() {
        List<CompletableFuture<Void>> closes = new ArrayList<>();
        for (ConsensusNode node : nodes()) {
            SequencerNode whole;
            synchronized (running) {
                whole = sequencers.get(node.id());
            }
            closes.add(inThread(whole != null ? whole::close : node::close));
        }
        closes.forEach(CompletableFuture::join);
        synchronized (running) {
            running.clear();
            sequencers.clear();
        }
        meters.close();
    }

    static void assertNoVellumThreads() {
        List<String> left = Thread.getAllStackTraces().keySet().stream().filter(Thread::isAlive)
                .map(Thread::getName).filter(name -> name.startsWith("vellum-")).toList();
        assertThat(left).as("threads left running").isEmpty();
    }
}
