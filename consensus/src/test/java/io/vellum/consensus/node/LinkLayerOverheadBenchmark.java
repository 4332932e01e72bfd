package io.vellum.consensus.node;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.vellum.blockifier.crypto.Felt;
import io.vellum.blockifier.transaction.ExecutableTransaction;
import io.vellum.consensus.faults.LinkFaults;
import io.vellum.consensus.faults.NodeClientIds;
import io.vellum.proposer.NodeId;
import java.util.UUID;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.ratis.RaftConfigKeys;
import org.apache.ratis.client.RaftClient;
import org.apache.ratis.client.RaftClientConfigKeys;
import org.apache.ratis.conf.Parameters;
import org.apache.ratis.conf.RaftProperties;
import org.apache.ratis.grpc.GrpcConfigKeys;
import org.apache.ratis.protocol.Message;
import org.apache.ratis.protocol.RaftGroup;
import org.apache.ratis.protocol.RaftGroupId;
import org.apache.ratis.protocol.RaftPeer;
import org.apache.ratis.retry.RetryPolicies;
import org.apache.ratis.rpc.SupportedRpcType;
import org.apache.ratis.server.RaftServer;
import org.apache.ratis.server.RaftServerConfigKeys;
import org.apache.ratis.server.storage.RaftStorage;
import org.apache.ratis.thirdparty.com.google.protobuf.UnsafeByteOperations;
import org.apache.ratis.util.TimeDuration;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;

/**
 * What the link layer costs when no rule is set: the same short 3-node workload (in-memory stores, real execution
 * of signed transfers) on a cluster with the layer installed in every node's Ratis server and on one without,
 * alternating A B B A ... in one JVM. Each round first runs raw Ratis (a no-op state machine: the layer's share of
 * the work is largest there) for the median latency of writes sent one at a time and the throughput of windowed
 * writes; then Vellum: the median ordering latency of single transfers sent one at a time through a follower, and
 * the throughput of a burst of transfers through all three nodes, until final everywhere.
 *
 * <p>Run (from the repository root; the classpath comes from the reactor, nothing is installed):
 * <pre>
 * mvn -B -o -q -pl consensus -am verify -DskipTests dependency:build-classpath \
 *     -Dmdep.includeScope=test -Dmdep.outputFile=/tmp/vellum-cp.txt
 * java -Xmx2g -cp consensus/target/test-classes:consensus/target/classes:$(cat /tmp/vellum-cp.txt) \
 *     io.vellum.consensus.node.LinkLayerOverheadBenchmark [pairs=3] [burst=1500]
 * </pre>
 */
public final class LinkLayerOverheadBenchmark {
    private static final Duration WAIT = Duration.ofSeconds(120);

    private record Round(boolean layer, long latencyMedianUs, double throughputPerS, long rawLatencyMedianUs,
            double rawEntriesPerS) {
    }

    private LinkLayerOverheadBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        int pairs = args.length > 0 ? Integer.parseInt(args[0]) : 3;
        int burst = args.length > 1 ? Integer.parseInt(args[1]) : 1_500;
        Path dir = Files.createTempDirectory("vellum-link-overhead");
        List<Round> rounds = new ArrayList<>();
        round(dir.resolve("warmup"), true, burst / 3, 0); // JIT and class loading, not counted
        for (int pair = 0; pair < pairs; pair++) {
            boolean layerFirst = pair % 2 == 1; // A B, B A, A B, ...
            for (int i = 0; i < 2; i++) {
                boolean layer = (i == 0) == layerFirst;
                Round round = round(dir.resolve("p" + pair + "-" + i), layer, burst, pair * 2 + i + 1);
                rounds.add(round);
                System.out.printf("pair %d %-9s vellum: ordering p50 %6d us, burst %6.0f tx/s | raw ratis: write p50 "
                        + "%6d us, %6.0f entries/s%n", pair, layer ? "layer" : "no layer", round.latencyMedianUs(),
                        round.throughputPerS(), round.rawLatencyMedianUs(), round.rawEntriesPerS());
            }
        }
        List<Double> latencyRatios = new ArrayList<>();
        List<Double> throughputRatios = new ArrayList<>();
        List<Double> rawLatencyRatios = new ArrayList<>();
        List<Double> rawThroughputRatios = new ArrayList<>();
        for (int pair = 0; pair < pairs; pair++) {
            Round a = rounds.get(pair * 2);
            Round b = rounds.get(pair * 2 + 1);
            Round with = a.layer() ? a : b;
            Round without = a.layer() ? b : a;
            latencyRatios.add((double) with.latencyMedianUs() / without.latencyMedianUs());
            throughputRatios.add(with.throughputPerS() / without.throughputPerS());
            rawLatencyRatios.add((double) with.rawLatencyMedianUs() / without.rawLatencyMedianUs());
            rawThroughputRatios.add(with.rawEntriesPerS() / without.rawEntriesPerS());
        }
        System.out.printf("layer/no-layer, raw ratis: write latency ratio median %.3f %s; throughput ratio median "
                + "%.3f %s%n", median(rawLatencyRatios), rawLatencyRatios, median(rawThroughputRatios),
                rawThroughputRatios);
        System.out.printf("layer/no-layer, vellum: ordering latency ratio median %.3f %s; throughput ratio median %.3f %s%n",
                median(latencyRatios), latencyRatios, median(throughputRatios), throughputRatios);
    }

    private static double median(List<Double> values) {
        List<Double> sorted = new ArrayList<>(values);
        sorted.sort(null);
        int n = sorted.size();
        return n % 2 == 1 ? sorted.get(n / 2) : (sorted.get(n / 2 - 1) + sorted.get(n / 2)) / 2;
    }

    private static Round round(Path dir, boolean layer, int burst, long seed) throws Exception {
        long[] raw;
        try (LinkFaults rawFaults = new LinkFaults(seed, new SimpleMeterRegistry())) {
            raw = raw(dir.resolve("raw"), new LoopbackPorts(900 + seed), layer ? rawFaults : null);
        }
        int accounts = 300;
        LinkFaults faults = layer ? new LinkFaults(seed, new SimpleMeterRegistry()) : null;
        try (TestCluster cluster = TestCluster.start(TestCluster.Options.of(3, accounts), dir,
                chain -> Stores.inMemory(), 500 + seed, faults)) {
            ConsensusNode leader = cluster.awaitLeader(WAIT);
            ConsensusNode follower = cluster.nodes().stream().filter(n -> n != leader).findFirst().orElseThrow();
            Transfers transfers = new Transfers(cluster.chain, seed);
            // Latency: one transfer at a time through a follower, until ordered.
            List<Long> latencies = new ArrayList<>();
            for (int i = 0; i < 41; i++) {
                ExecutableTransaction tx = transfers.next(i % accounts);
                long start = System.nanoTime();
                follower.submit(List.of(tx)).get(0).get(30, TimeUnit.SECONDS);
                latencies.add((System.nanoTime() - start) / 1_000);
            }
            latencies.sort(null);
            // Throughput: a burst through every node (accounts split by node), until final on every node.
            Map<Felt, CompletableFuture<Ordering>> ordering = new ConcurrentHashMap<>();
            List<List<ExecutableTransaction>> perNode = new ArrayList<>();
            int perAccount = Math.max(1, burst / accounts);
            for (int n = 0; n < 3; n++) {
                int node = n;
                perNode.add(transfers.from(IntStream.range(0, accounts).filter(a -> a % 3 == node).boxed().toList(),
                        perAccount));
            }
            long start = System.nanoTime();
            List<CompletableFuture<Void>> senders = new ArrayList<>();
            for (int n = 0; n < 3; n++) {
                ConsensusNode node = cluster.node(n);
                List<ExecutableTransaction> mine = perNode.get(n);
                senders.add(TestCluster.inThread(() -> {
                    for (int from = 0; from < mine.size(); from += 50) {
                        List<ExecutableTransaction> slice = mine.subList(from, Math.min(mine.size(), from + 50));
                        while (true) {
                            try {
                                List<CompletableFuture<Ordering>> futures = node.submit(slice);
                                for (int i = 0; i < slice.size(); i++) {
                                    ordering.put(slice.get(i).hash(), futures.get(i));
                                }
                                break;
                            } catch (OverloadedException e) {
                                Thread.onSpinWait();
                            }
                        }
                    }
                }));
            }
            senders.forEach(CompletableFuture::join);
            for (CompletableFuture<Ordering> future : ordering.values()) {
                future.get(60, TimeUnit.SECONDS);
            }
            long sent = ordering.size();
            for (ConsensusNode node : cluster.nodes()) {
                for (Felt hash : ordering.keySet()) {
                    node.whenFinal(hash).get(60, TimeUnit.SECONDS);
                }
            }
            double seconds = (System.nanoTime() - start) / 1e9;
            return new Round(layer, latencies.get(latencies.size() / 2), sent / seconds, raw[0], raw[1]);
        } finally {
            if (faults != null) {
                faults.close();
            }
        }
    }

    /**
     * Raw Ratis (3 servers, a no-op state machine, 200-byte entries): the median of 200 writes sent one at a time,
     * then 3 s of writes through 3 clients with 32 in flight each.
     *
     * @return {median write latency in microseconds, entries per second}
     */
    private static long[] raw(Path dir, LoopbackPorts ports, LinkFaults faults) throws Exception {
        RaftGroupId groupId = RaftGroupId.valueOf(UUID.nameUUIDFromBytes("raw-overhead".getBytes()));
        List<RaftPeer> peers = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            peers.add(RaftPeer.newBuilder().setId("r" + i).setAddress("127.0.0.1:" + ports.next()).build());
        }
        RaftGroup group = RaftGroup.valueOf(groupId, peers);
        List<RaftServer> servers = new ArrayList<>();
        List<RaftClient> clients = new ArrayList<>();
        try {
            for (RaftPeer peer : peers) {
                RaftProperties properties = rawProperties();
                RaftServerConfigKeys.setStorageDir(properties, List.of(dir.resolve(peer.getId().toString()).toFile()));
                GrpcConfigKeys.Server.setHost(properties, "127.0.0.1");
                GrpcConfigKeys.Server.setPort(properties, Integer.parseInt(peer.getAddress().split(":")[1]));
                Parameters parameters = new Parameters();
                if (faults != null) {
                    faults.addNodes(List.of(NodeId.of(peer.getId().toString())));
                    GrpcConfigKeys.Server.setServicesCustomizer(parameters,
                            faults.customizer(NodeId.of(peer.getId().toString())));
                }
                RaftServer server = RaftServer.newBuilder().setServerId(peer.getId()).setGroup(group)
                        .setStateMachine(new RawRatisBenchmark.NoopStateMachine()).setProperties(properties)
                        .setParameters(parameters).setOption(RaftStorage.StartupOption.RECOVER).build();
                server.start();
                servers.add(server);
            }
            for (RaftPeer peer : peers) {
                clients.add(RaftClient.newBuilder().setProperties(rawProperties()).setRaftGroup(group)
                        .setClientId(NodeClientIds.newClientId(NodeId.of(peer.getId().toString())))
                        .setRetryPolicy(RetryPolicies.retryUpToMaximumCountWithFixedSleep(30,
                                TimeDuration.valueOf(100, TimeUnit.MILLISECONDS)))
                        .build());
            }
            Message message = Message.valueOf(UnsafeByteOperations.unsafeWrap(new byte[200]));
            for (int i = 0; i < 50; i++) {
                clients.get(i % 3).io().send(message); // elect a leader, warm up
            }
            List<Long> latencies = new ArrayList<>();
            for (int i = 0; i < 200; i++) {
                long start = System.nanoTime();
                clients.get(i % 3).io().send(message);
                latencies.add((System.nanoTime() - start) / 1_000);
            }
            latencies.sort(null);
            AtomicLong done = new AtomicLong();
            long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(3);
            List<CompletableFuture<Void>> senders = new ArrayList<>();
            for (RaftClient client : clients) {
                senders.add(TestCluster.inThread(() -> {
                    Semaphore window = new Semaphore(32);
                    try {
                        while (System.nanoTime() < end) {
                            window.acquire();
                            client.async().send(message).whenComplete((reply, error) -> {
                                window.release();
                                if (error == null && reply.isSuccess()) {
                                    done.incrementAndGet();
                                }
                            });
                        }
                        window.acquire(32);
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                }));
            }
            long start = System.nanoTime();
            senders.forEach(CompletableFuture::join);
            double seconds = (System.nanoTime() - start) / 1e9;
            return new long[] {latencies.get(latencies.size() / 2), Math.round(done.get() / seconds)};
        } finally {
            List<CompletableFuture<Void>> closes = new ArrayList<>();
            for (RaftClient client : clients) {
                closes.add(TestCluster.inThread(() -> quietly(client)));
            }
            for (RaftServer server : servers) {
                closes.add(TestCluster.inThread(() -> quietly(server)));
            }
            closes.forEach(CompletableFuture::join);
        }
    }

    private static void quietly(java.io.Closeable closeable) {
        try {
            closeable.close();
        } catch (java.io.IOException e) {
            // closing: nothing to do
        }
    }

    private static RaftProperties rawProperties() {
        RaftProperties properties = new RaftProperties();
        RaftConfigKeys.Rpc.setType(properties, SupportedRpcType.GRPC);
        RaftClientConfigKeys.Async.setOutstandingRequestsMax(properties, 32);
        return properties;
    }
}
