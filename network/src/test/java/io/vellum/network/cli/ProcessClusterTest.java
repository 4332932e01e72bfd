package io.vellum.network.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.grpc.InsecureChannelCredentials;
import io.grpc.ManagedChannel;
import io.grpc.StatusRuntimeException;
import io.vellum.blockifier.transaction.ExecutableTransaction;
import io.vellum.network.cluster.NodeProcesses;
import io.vellum.network.api.Block;
import io.vellum.network.api.GetBlockRequest;
import io.vellum.network.api.GetNodeStatusRequest;
import io.vellum.network.api.GetTransactionStatusRequest;
import io.vellum.network.api.NodeStatus;
import io.vellum.network.api.SequencerGrpc;
import io.vellum.network.api.SubmitResult;
import io.vellum.network.api.SubmitTransactionsRequest;
import io.vellum.network.api.TransactionStatus;
import io.vellum.network.client.VellumClient;
import io.vellum.network.config.ClusterFile;
import io.vellum.network.server.ApiCodec;
import java.io.IOException;
import java.math.BigInteger;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Real node processes: {@code vellum cluster up} starts three {@code java ... Main node} processes on loopback
 * (with this test's classpath); transfers go in over gRPC; the leader's process is killed with SIGKILL while
 * transfers continue; it is started again with {@code cluster restart-node}; at the end every node must hold the
 * same final blocks (hashes and state roots) and every acknowledged transfer must be final exactly once.
 *
 * <p>Every process this test starts is killed in {@link #stopEverything()} by the PIDs in the cluster directory,
 * whatever happened.
 */
@Tag("process-cluster")
class ProcessClusterTest {
    private static final Logger LOG = LoggerFactory.getLogger(ProcessClusterTest.class);
    private static final int NODES = 3;
    private static final int ACCOUNTS = 4;
    private static final BigInteger AMOUNT = BigInteger.valueOf(1_000);
    /** Room for a transfer's ~340,000 L2 gas; the price twice the node's. */
    private static final VellumClient.Fees FEES = new VellumClient.Fees(2_000_000, 0, 0);

    @TempDir
    Path dir;

    private Path clusterDir;
    private final Map<String, ManagedChannel> channels = new LinkedHashMap<>();

    @AfterEach
    void stopEverything() {
        channels.values().forEach(NodeOptions::close);
        if (clusterDir != null && ClusterFile.exists(clusterDir)) {
            ClusterFile cluster = ClusterFile.read(clusterDir);
            NodeProcesses processes = new NodeProcesses(cluster);
            for (ClusterFile.Node node : cluster.nodes()) {
                String how = processes.stop(node, 1_000, true);
                LOG.info("{}: {}", node.id(), how);
            }
        }
    }

    @Test
    @Timeout(value = 360, unit = TimeUnit.SECONDS)
    void theLeaderProcessIsKilledAndRestartedAndNothingAcknowledgedIsLostOrDoubled() throws Exception {
        long seed = System.nanoTime();
        LOG.info("seed {}", seed);
        SplittableRandom random = new SplittableRandom(seed);
        clusterDir = dir.resolve("cluster");
        int basePort = freeBasePort(random);
        MainTest.Run up = MainTest.run("cluster", "up", "--dir", clusterDir.toString(), "--nodes", "" + NODES,
                "--accounts", "" + ACCOUNTS, "--base-port", "" + basePort, "--block-interval-ms", "100",
                "--heap", "256m", "--timeout-sec", "150");
        assertThat(up.code()).as(up.err() + up.out()).isZero();
        LOG.info("cluster up:\n{}", up.out());
        ClusterFile cluster = ClusterFile.read(clusterDir);
        for (ClusterFile.Node node : cluster.nodes()) {
            channels.put(node.id().value(), NodeOptions.openChannel(node.grpc(), InsecureChannelCredentials.create()));
        }
        // Signs with the chain id and fee token n0 serves (read once, before any node is killed).
        VellumClient signer = VellumClient.over(channels.get(cluster.nodes().get(0).id().value()));
        signer.chainInfo();

        Sender sender = new Sender(cluster, signer);
        List<String> everyNode = new ArrayList<>(channels.keySet());
        sender.send(12, everyNode, random);

        String leader = stub(everyNode.get(0)).getNodeStatus(GetNodeStatusRequest.getDefaultInstance()).getLeader();
        assertThat(leader).isNotEmpty();
        ClusterFile.Node leaderNode = cluster.node(leader);
        ProcessHandle leaderProcess = new NodeProcesses(cluster).running(leaderNode).orElseThrow();
        LOG.info("killing the leader {} (pid {}) with SIGKILL", leader, leaderProcess.pid());
        leaderProcess.destroyForcibly();
        leaderProcess.onExit().get(10, TimeUnit.SECONDS);

        List<String> survivors = everyNode.stream().filter(id -> !id.equals(leader)).toList();
        sender.send(12, survivors, random);

        MainTest.Run restart = MainTest.run("cluster", "restart-node", leader, "--dir", clusterDir.toString(),
                "--timeout-sec", "150");
        assertThat(restart.code()).as(restart.err() + restart.out()).isZero();
        channels.put(leader, NodeOptions.openChannel(leaderNode.grpc(), InsecureChannelCredentials.create()));
        sender.send(6, everyNode, random);

        // The command-line client and admin against the running cluster.
        ClusterFile.Account recipient = cluster.account(ACCOUNTS - 1);
        MainTest.Run transfer = MainTest.run("client", "transfer", "--node", leaderNode.grpc().toString(),
                "--cluster", clusterDir.toString(), "--account", "" + (ACCOUNTS - 2), "--to",
                recipient.address().value().toHex(), "--amount", "7", "--wait");
        assertThat(transfer.code()).as(transfer.err() + transfer.out()).isZero();
        assertThat(transfer.out()).contains("ORDERED").contains("FINAL_SUCCEEDED");
        sender.acknowledged.add(transfer.out().split(" ")[1]);
        MainTest.Run members = MainTest.run("admin", "members", "--admin", leaderNode.admin().orElseThrow().toString());
        assertThat(members.code()).as(members.err()).isZero();
        assertThat(members.out().lines().filter(line -> line.contains("voter"))).hasSize(NODES);
        assertThat(members.out().lines().filter(line -> line.contains("leader"))).hasSize(1);

        // Every node reaches the same final height, with every acknowledged transfer final and state roots computed.
        Map<String, TransactionStatus> finalStatus = awaitAllFinal(sender.acknowledged, everyNode);
        long height = finalStatus.values().stream().mapToLong(TransactionStatus::getBlockNumber).max().orElseThrow();
        Map<String, List<Block>> chains = new HashMap<>();
        for (String node : everyNode) {
            chains.put(node, blocks(node, height));
        }
        List<Block> reference = chains.get(everyNode.get(0));
        for (String node : everyNode) {
            List<Block> blocks = chains.get(node);
            for (int h = 0; h <= height; h++) {
                assertThat(blocks.get(h).getBlockHash()).as(node + " block hash at " + h)
                        .isEqualTo(reference.get(h).getBlockHash());
                assertThat(blocks.get(h).getStateRoot()).as(node + " state root at " + h)
                        .isEqualTo(reference.get(h).getStateRoot());
            }
        }
        Map<String, Integer> inclusions = new HashMap<>();
        for (Block block : reference) {
            for (String hash : block.getTransactionHashesList()) {
                inclusions.merge(hash, 1, Integer::sum);
            }
        }
        for (String hash : sender.acknowledged) {
            assertThat(inclusions.getOrDefault(hash, 0)).as("times " + hash + " is in a final block").isEqualTo(1);
        }
        assertThat(inclusions.values()).allMatch(count -> count == 1);
        LOG.info("{} acknowledged transfers final exactly once in {} blocks on {} nodes", sender.acknowledged.size(),
                height + 1, everyNode.size());

        MainTest.Run down = MainTest.run("cluster", "down", "--dir", clusterDir.toString());
        assertThat(down.code()).as(down.err()).isZero();
        assertThat(down.out()).contains("stopped");
    }

    private SequencerGrpc.SequencerBlockingStub stub(String node) {
        return SequencerGrpc.newBlockingStub(channels.get(node)).withDeadlineAfter(5, TimeUnit.SECONDS);
    }

    /** Sends signed transfers round-robin over the accounts, each to a random node of {@code nodes}, until acknowledged. */
    private final class Sender {
        final ClusterFile cluster;
        final VellumClient signer;
        final long[] nonces = new long[ACCOUNTS];
        final List<String> acknowledged = new ArrayList<>();
        int next;

        Sender(ClusterFile cluster, VellumClient signer) {
            this.cluster = cluster;
            this.signer = signer;
        }

        void send(int count, List<String> nodes, SplittableRandom random) throws InterruptedException {
            for (int i = 0; i < count; i++) {
                int from = next++ % ACCOUNTS;
                ClusterFile.Account account = cluster.account(from);
                ClusterFile.Account to = cluster.account((from + 1) % ACCOUNTS);
                ExecutableTransaction transfer = signer.signTransfer(new VellumClient.Account(account.address(),
                        account.privateKey()), to.address(), AMOUNT, nonces[from], FEES);
                String hash = transfer.hash().toHex();
                submitUntilAcknowledged(transfer, hash, nodes, random);
                nonces[from]++;
            }
        }

        /**
         * Sends the same transaction (same hash) until a node says ORDERED, or says it has it already. Resending is
         * safe: the log drops duplicates, and a nonce is used once.
         */
        private void submitUntilAcknowledged(ExecutableTransaction transfer, String hash, List<String> nodes,
                SplittableRandom random) throws InterruptedException {
            SubmitTransactionsRequest request = SubmitTransactionsRequest.newBuilder()
                    .addTransactions(ApiCodec.toProto(transfer.transaction())).build();
            long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
            String last = "";
            while (System.nanoTime() < deadline) {
                String node = nodes.get(random.nextInt(nodes.size()));
                try {
                    SubmitResult result = stub(node).submitTransactions(request).getResults(0);
                    if (result.getOutcome() == SubmitResult.Outcome.ORDERED) {
                        acknowledged.add(hash);
                        return;
                    }
                    last = node + ": " + result.getOutcome() + " " + result.getReason();
                    if (result.getOutcome() == SubmitResult.Outcome.REFUSED
                            || result.getOutcome() == SubmitResult.Outcome.UNKNOWN) {
                        // It may be in the log already (an earlier try whose answer was lost): ask.
                        TransactionStatus status = stub(node).getTransactionStatus(GetTransactionStatusRequest
                                .newBuilder().setTransactionHash(hash).build());
                        if (status.getState() == TransactionStatus.State.ORDERED || ClientCommand.isFinal(status)) {
                            acknowledged.add(hash);
                            return;
                        }
                    }
                } catch (StatusRuntimeException e) {
                    last = node + ": " + e.getStatus();
                }
                Thread.sleep(200);
            }
            throw new AssertionError("transfer " + hash + " never acknowledged; last answer " + last);
        }
    }

    private Map<String, TransactionStatus> awaitAllFinal(List<String> hashes, List<String> nodes)
            throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(120).toNanos();
        Map<String, TransactionStatus> statuses = new HashMap<>();
        String missing = "";
        while (System.nanoTime() < deadline) {
            statuses.clear();
            missing = "";
            for (String node : nodes) {
                for (String hash : hashes) {
                    try {
                        TransactionStatus status = stub(node).getTransactionStatus(GetTransactionStatusRequest
                                .newBuilder().setTransactionHash(hash).build());
                        if (status.getState() != TransactionStatus.State.FINAL_SUCCEEDED) {
                            missing = node + ": " + hash + " " + status.getState() + " " + status.getReason();
                            break;
                        }
                        statuses.put(hash, status);
                    } catch (StatusRuntimeException e) {
                        missing = node + ": " + e.getStatus();
                        break;
                    }
                }
                if (!missing.isEmpty()) {
                    break;
                }
            }
            if (missing.isEmpty() && committedEverywhere(nodes, statuses)) {
                return statuses;
            }
            Thread.sleep(250);
        }
        throw new AssertionError("not every acknowledged transfer became final everywhere: " + missing);
    }

    private boolean committedEverywhere(List<String> nodes, Map<String, TransactionStatus> statuses) {
        long height = statuses.values().stream().mapToLong(TransactionStatus::getBlockNumber).max().orElse(0);
        for (String node : nodes) {
            NodeStatus status = stub(node).getNodeStatus(GetNodeStatusRequest.getDefaultInstance());
            if (status.getCommittedHeight() < height || status.getFinalHeight() < height) {
                return false;
            }
        }
        return true;
    }

    private List<Block> blocks(String node, long height) {
        List<Block> blocks = new ArrayList<>();
        for (long h = 0; h <= height; h++) {
            blocks.add(stub(node).getBlock(GetBlockRequest.newBuilder().setNumber(h).build()));
        }
        return blocks;
    }

    /** A base port whose 10-port block per node is free on loopback, below the ephemeral range. */
    static int freeBasePort(SplittableRandom random) {
        int high = ephemeralLow() - 10 * NODES - 1;
        for (int attempt = 0; attempt < 200; attempt++) {
            int base = 20_000 + random.nextInt(high - 20_000);
            if (allFree(base)) {
                return base;
            }
        }
        throw new IllegalStateException("no free port block below " + high);
    }

    private static boolean allFree(int base) {
        for (int node = 0; node < NODES; node++) {
            for (int offset = 0; offset < 4; offset++) {
                try (ServerSocket socket = new ServerSocket()) {
                    socket.setReuseAddress(false);
                    socket.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), base + 10 * node + offset));
                } catch (IOException taken) {
                    return false;
                }
            }
        }
        return true;
    }

    private static int ephemeralLow() {
        try {
            String range = Files.readString(Path.of("/proc/sys/net/ipv4/ip_local_port_range")).trim();
            return Math.max(21_000, Integer.parseInt(range.split("\\s+")[0]));
        } catch (IOException | RuntimeException e) {
            return 32_768;
        }
    }
}
