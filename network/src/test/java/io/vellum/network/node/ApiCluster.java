package io.vellum.network.node;

import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
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
import io.vellum.consensus.node.BatchingSettings;
import io.vellum.consensus.node.Endpoint;
import io.vellum.consensus.node.LoopbackPorts;
import io.vellum.consensus.node.NodeConfig;
import io.vellum.consensus.node.Peer;
import io.vellum.consensus.node.RatisSettings;
import io.vellum.consensus.node.SequencerNode;
import io.vellum.network.client.VellumClient;
import io.vellum.proposer.NodeId;
import io.vellum.proposer.builder.ProposerFault;
import io.vellum.proposer.mempool.MempoolLimits;
import io.vellum.proposer.ordering.OrderingPolicy;
import io.vellum.proposer.schedule.ProposerSchedule;
import io.vellum.storage.StoreOptions;
import io.vellum.network.faults.FaultServiceSettings;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.BindException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.function.UnaryOperator;

/**
 * Real Vellum nodes in one JVM for the API tests: each a {@link VellumNode} with its own RocksDB store, Ratis on
 * 127.0.0.1, a public and an admin gRPC server and a metrics endpoint on loopback ports, and a client per node.
 */
public final class ApiCluster implements AutoCloseable {
    /** How to build one. */
    public record Options(int nodes, int accounts, boolean simulatedProver, BatchingSettings batching,
            MempoolLimits mempool, UnaryOperator<ApiSettings> api, ExecutionConfig execution,
            int blockTransactionsMax, FaultServiceSettings faults) {
        public Options(int nodes, int accounts, boolean simulatedProver, BatchingSettings batching,
                MempoolLimits mempool, UnaryOperator<ApiSettings> api, ExecutionConfig execution,
                int blockTransactionsMax) {
            this(nodes, accounts, simulatedProver, batching, mempool, api, execution, blockTransactionsMax,
                    FaultServiceSettings.DISABLED);
        }

        public static Options of(int nodes, int accounts) {
            return new Options(nodes, accounts, true, new BatchingSettings(200, 5, 50_000, 30_000),
                    MempoolLimits.DEFAULT, a -> a, ExecutionConfig.DEFAULT, 2_000);
        }

        /** Every node serves the fault-injection service on its admin address. */
        public Options withFaultService() {
            return new Options(nodes, accounts, simulatedProver, batching, mempool, api, execution,
                    blockTransactionsMax, FaultServiceSettings.enabledOnLoopback());
        }

        public Options withoutSimulatedProver() {
            return new Options(nodes, accounts, false, batching, mempool, api, execution, blockTransactionsMax);
        }

        public Options withBatching(BatchingSettings settings) {
            return new Options(nodes, accounts, simulatedProver, settings, mempool, api, execution,
                    blockTransactionsMax);
        }

        public Options withMempool(MempoolLimits limits) {
            return new Options(nodes, accounts, simulatedProver, batching, limits, api, execution,
                    blockTransactionsMax);
        }

        public Options withApi(UnaryOperator<ApiSettings> tweak) {
            return new Options(nodes, accounts, simulatedProver, batching, mempool, tweak, execution,
                    blockTransactionsMax);
        }

        public Options withExecution(ExecutionConfig config) {
            return new Options(nodes, accounts, simulatedProver, batching, mempool, api, config,
                    blockTransactionsMax);
        }

        public Options withBlockTransactionsMax(int count) {
            return new Options(nodes, accounts, simulatedProver, batching, mempool, api, execution, count);
        }
    }

    public final TestChain chain;
    public final CoreConfig core;
    private final Options options;
    private final Path dir;
    private final LoopbackPorts ports;
    private final List<VellumNode> nodes = new ArrayList<>();
    private final List<VellumClient> clients = new ArrayList<>();
    private final List<Member> genesisVoters = new ArrayList<>();

    private ApiCluster(Options options, Path dir, long seed) {
        this.options = options;
        this.dir = dir;
        this.ports = new LoopbackPorts(seed);
        this.chain = TestChain.create(options.accounts(), TestChain.DEFAULT_BALANCE, options.execution());
        this.core = new CoreConfig(TestChain.CHAIN_ID, chain.feeToken(), chain.context().gasPrices(),
                BlockLimits.DEFAULT.withTransactionCountMax(options.blockTransactionsMax()), options.mempool(), OrderingPolicy.named("fifo"),
                ProposerSchedule.parse("leader"), QuorumRule.MAJORITY, 100, 500, 3_000, 500);
    }

    /** Starts a cluster (retrying with other ports if one was taken meanwhile) and waits for a leader. */
    public static ApiCluster start(Options options, Path dir, long seed) throws Exception {
        for (int attempt = 0; ; attempt++) {
            ApiCluster cluster = new ApiCluster(options, dir.resolve("attempt-" + attempt), seed + attempt);
            try {
                cluster.startAll();
                cluster.awaitLeader(Duration.ofSeconds(30));
                return cluster;
            } catch (BindException clash) {
                cluster.close();
                if (attempt == 3) {
                    throw clash;
                }
            } catch (Exception | Error e) {
                cluster.close();
                throw e;
            }
        }
    }

    static Felt keyOf(int i) {
        return Felt.of(7_000 + i);
    }

    public static NodeId idOf(int i) {
        return NodeId.of("n" + i);
    }

    private void startAll() throws Exception {
        List<Peer> peers = new ArrayList<>();
        List<Member> voters = genesisVoters;
        for (int i = 0; i < options.nodes(); i++) {
            peers.add(new Peer(idOf(i), Endpoint.loopback(ports.next())));
            voters.add(memberOf(i));
        }
        List<CompletableFuture<Void>> starts = new ArrayList<>();
        for (int i = 0; i < options.nodes(); i++) {
            VellumNode node = newNode(i, peers.get(i).address(), peers, false);
            nodes.add(node);
            starts.add(inThread(() -> {
                try {
                    node.start();
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            }));
        }
        Exception first = null;
        for (CompletableFuture<Void> start : starts) {
            try {
                start.join();
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
        for (VellumNode node : nodes) {
            clients.add(VellumClient.connect("127.0.0.1", node.publicPort()));
        }
    }

    private VellumNode newNode(int i, Endpoint raftAddress, List<Peer> peers, boolean joining) {
        NodeConfig config = new NodeConfig(idOf(i), keyOf(i), ContractAddress.of(0x5e90 + i), dir.resolve("n" + i),
                raftAddress, peers, joining, "api-test", chain.genesis, genesisVoters, core, options.execution(),
                StarknetVersion.V0_14_0, RatisSettings.DEFAULT, options.batching(), ProposerFault.NONE);
        SequencerNode.Settings settings = SequencerNode.Settings.defaults()
                .withStoreOptions(StoreOptions.noWriteAheadLog());
        if (!options.simulatedProver()) {
            settings = settings.withProver(Optional.empty());
        }
        ApiSettings api = options.api().apply(ApiSettings.loopback(ports.next(), ports.next(), ports.next()));
        return new VellumNode(config, settings, api, new PrometheusMeterRegistry(PrometheusConfig.DEFAULT),
                Clock.systemUTC(), options.faults());
    }

    /**
     * Starts node {@code i} as a joiner (an empty Raft group that knows the running members), with a client; the
     * caller adds it through the Admin service.
     */
    public VellumNode startJoiner(int i) throws IOException {
        List<Peer> peers = new ArrayList<>();
        for (VellumNode node : nodes) {
            if (node.isRunning()) {
                peers.add(node.config().peer());
            }
        }
        Endpoint address = Endpoint.loopback(ports.next());
        peers.add(new Peer(idOf(i), address));
        VellumNode joiner = newNode(i, address, peers, true);
        nodes.add(joiner);
        joiner.start();
        clients.add(VellumClient.connect("127.0.0.1", joiner.publicPort()));
        return joiner;
    }

    /** The public key and fee address node {@code i} votes with. */
    public static Member memberOf(int i) {
        return new Member(idOf(i), Ecdsa.publicKey(keyOf(i)), ContractAddress.of(0x5e90 + i));
    }

    static CompletableFuture<Void> inThread(Runnable task) {
        CompletableFuture<Void> done = new CompletableFuture<>();
        Thread thread = new Thread(() -> {
            try {
                task.run();
                done.complete(null);
            } catch (Throwable e) {
                done.completeExceptionally(e);
            }
        }, "test-start");
        thread.start();
        return done;
    }

    public VellumNode node(int i) {
        return nodes.get(i);
    }

    public VellumClient client(int i) {
        return clients.get(i);
    }

    public int size() {
        return nodes.size();
    }

    /** The index of the node every node agrees leads, once there is one. */
    public int awaitLeader(Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            for (int i = 0; i < nodes.size(); i++) {
                VellumNode candidate = nodes.get(i);
                if (candidate.isRunning() && candidate.sequencer().consensus().isLeader() && nodes.stream()
                        .filter(ApiCluster::isGroupMember).allMatch(n -> n.sequencer().consensus().leader()
                                .equals(Optional.of(candidate.config().id())))) {
                    return i;
                }
            }
            Thread.sleep(20);
        }
        throw new AssertionError("no leader within " + timeout);
    }

    /** Whether a node is running and in its Raft group (a joiner is not until it is added). */
    private static boolean isGroupMember(VellumNode node) {
        return node.isRunning() && node.sequencer().consensus().raftPeers().stream()
                .anyMatch(p -> p.id().equals(node.config().id()));
    }

    /** The index of some node that does not lead now. */
    public int follower() throws InterruptedException {
        int leader = awaitLeader(Duration.ofSeconds(30));
        return (leader + 1) % nodes.size();
    }

    public VellumClient.Account account(int i) {
        var genesis = chain.account(i);
        return new VellumClient.Account(genesis.address(), genesis.privateKey());
    }

    @Override
    public void close() {
        for (VellumClient client : clients) {
            client.close();
        }
        List<CompletableFuture<Void>> closes = new ArrayList<>();
        for (VellumNode node : nodes) {
            closes.add(inThread(node::close));
        }
        closes.forEach(c -> {
            try {
                c.join();
            } catch (RuntimeException ignored) {
                // closing the others matters more
            }
        });
    }
}
