package io.vellum.network.cli;

import io.grpc.InsecureChannelCredentials;
import io.grpc.ManagedChannel;
import io.grpc.StatusRuntimeException;
import io.vellum.blockifier.block.GenesisAccounts;
import io.vellum.consensus.node.Endpoint;
import io.vellum.network.api.GetNodeStatusRequest;
import io.vellum.network.api.NodeStatus;
import io.vellum.network.api.SequencerGrpc;
import io.vellum.network.cluster.ClusterLayout;
import io.vellum.network.cluster.NodeProcesses;
import io.vellum.network.config.ClusterFile;
import io.vellum.network.config.KeyFile;
import io.vellum.proposer.NodeId;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/**
 * {@code vellum cluster}: a local cluster of node processes on 127.0.0.1, described by a cluster directory.
 *
 * <pre>
 * DIR/cluster.yaml      the nodes (id, config file, API addresses) and their JVM heap
 * DIR/accounts.yaml     the genesis accounts, with their private keys
 * DIR/genesis.yaml      the genesis every node starts from
 * DIR/nI/node.yaml      node I's configuration
 * DIR/nI/node.key       node I's key pair
 * DIR/nI/data/          node I's chain and Raft log
 * DIR/nI/node.log       node I's output (appended to at each start)
 * DIR/nI/node.pid       node I's PID while it runs
 * </pre>
 */
@Command(name = "cluster", mixinStandardHelpOptions = true,
        description = "Start and stop a local cluster of node processes (loopback only).",
        subcommands = {ClusterCommand.Up.class, ClusterCommand.Down.class, ClusterCommand.Status.class,
                ClusterCommand.StopNode.class, ClusterCommand.RestartNode.class})
final class ClusterCommand implements Runnable {
    /** The first port of a default cluster: node I uses BASE + 10·I + (0 raft, 1 grpc, 2 admin, 3 metrics). */
    static final int DEFAULT_BASE_PORT = 27_100;
    static final String DEFAULT_DIR = "vellum-cluster";
    /** Each genesis account's STRK: a million tokens of 10^18 fri. */
    static final BigInteger ACCOUNT_BALANCE = BigInteger.TEN.pow(24);

    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        throw new ParameterException(spec.commandLine(), "a subcommand is required (up, down, status, stop-node, "
                + "restart-node)");
    }

    /** Options every cluster subcommand shares. */
    abstract static class ClusterCall implements Callable<Integer> {
        @Spec
        CommandSpec spec;

        @Option(names = {"-d", "--dir"}, paramLabel = "DIR", defaultValue = DEFAULT_DIR,
                description = "the cluster directory (default: ./${DEFAULT-VALUE})")
        Path dir;

        @Option(names = "--timeout-sec", paramLabel = "S", defaultValue = "120",
                description = "how long to wait for nodes to start or stop (default: ${DEFAULT-VALUE})")
        long timeoutSec;

        PrintWriter out() {
            return spec.commandLine().getOut();
        }

        Path directory() {
            return dir.toAbsolutePath().normalize();
        }

        ClusterFile cluster() {
            return ClusterFile.read(directory());
        }
    }

    @Command(name = "up", mixinStandardHelpOptions = true,
            description = {"Start a local cluster: write each node's config and key, a genesis with funded accounts, "
                    + "and start every node as its own process; wait until they agree on a leader; print how to "
                    + "reach them.",
                    "If DIR already holds a stopped cluster, its nodes start again from their files and data."})
    static final class Up extends ClusterCall {
        @Option(names = "--nodes", paramLabel = "N", defaultValue = "3",
                description = "how many nodes (default: ${DEFAULT-VALUE})")
        int nodes;

        @Option(names = "--accounts", paramLabel = "K", defaultValue = "4",
                description = "how many funded genesis accounts (default: ${DEFAULT-VALUE})")
        int accounts;

        @Option(names = "--base-port", paramLabel = "PORT", defaultValue = "" + DEFAULT_BASE_PORT,
                description = "node I listens on PORT+10*I+0 (raft), +1 (grpc), +2 (admin), +3 (metrics) "
                        + "(default: ${DEFAULT-VALUE})")
        int basePort;

        @Option(names = "--block-interval-ms", paramLabel = "MS", defaultValue = "200",
                description = "the nodes' block interval (default: ${DEFAULT-VALUE})")
        long blockIntervalMs;

        @Option(names = "--heap", paramLabel = "SIZE", defaultValue = "384m",
                description = "each node's JVM heap, -Xmx (default: ${DEFAULT-VALUE})")
        String heap;

        @Override
        public Integer call() {
            Path directory = directory();
            ClusterFile cluster;
            if (ClusterFile.exists(directory)) {
                cluster = ClusterFile.read(directory);
                out().println("reusing the cluster in " + directory + " (its nodes keep their data)");
            } else {
                checkOptions();
                cluster = create(directory);
                out().println("wrote a " + nodes + "-node cluster to " + directory);
            }
            NodeProcesses processes = new NodeProcesses(cluster);
            for (ClusterFile.Node node : cluster.nodes()) {
                Optional<ProcessHandle> running = processes.running(node);
                if (running.isPresent()) {
                    throw CliException.usage(node.id() + " is already running (pid " + running.get().pid()
                            + "); run 'vellum cluster down --dir " + dir + "' first");
                }
            }
            List<ClusterFile.Node> started = new ArrayList<>();
            try {
                for (ClusterFile.Node node : cluster.nodes()) {
                    processes.start(node);
                    started.add(node);
                }
                String leader = awaitLeader(cluster, processes, cluster.nodes(), timeoutSec);
                report(cluster, processes, leader);
                return 0;
            } catch (RuntimeException e) {
                for (ClusterFile.Node node : started) {
                    processes.stop(node, 5_000, false);
                }
                throw e;
            }
        }

        private void checkOptions() {
            if (nodes < 1 || nodes > ClusterFile.NODES_MAX) {
                throw CliException.usage("--nodes must be 1 to " + ClusterFile.NODES_MAX + ": " + nodes);
            }
            if (accounts < 1 || accounts > ClusterFile.ACCOUNTS_MAX) {
                throw CliException.usage("--accounts must be 1 to " + ClusterFile.ACCOUNTS_MAX + ": " + accounts);
            }
            if (basePort < 1_024 || basePort + 10 * nodes > 65_535) {
                throw CliException.usage("--base-port must leave room for " + nodes + " nodes in [1024, 65535]: "
                        + basePort);
            }
            if (blockIntervalMs < 1 || blockIntervalMs > 600_000) {
                throw CliException.usage("--block-interval-ms must be 1 to 600000: " + blockIntervalMs);
            }
            if (!heap.matches("[0-9]{1,6}[kKmMgG]?")) {
                throw CliException.usage("--heap must be a JVM heap size such as 384m: " + heap);
            }
        }

        private ClusterFile create(Path directory) {
            if (Files.exists(directory)) {
                try (var entries = Files.list(directory)) {
                    if (entries.findAny().isPresent()) {
                        throw CliException.usage(directory + " exists and is not a cluster directory; choose "
                                + "another --dir");
                    }
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            }
            for (int i = 0; i < nodes; i++) {
                for (int offset = 0; offset < 4; offset++) {
                    requireFree(port(i, offset));
                }
            }
            SecureRandom random = new SecureRandom();
            List<KeyFile> nodeKeys = new ArrayList<>();
            for (int i = 0; i < nodes; i++) {
                nodeKeys.add(KeyFile.generate(random));
            }
            List<ClusterFile.Account> genesisAccounts = new ArrayList<>();
            StringBuilder genesis = new StringBuilder("# Written by 'vellum cluster up'. The format: docs/execution.md"
                    + " (genesis files).\nchain_id: VELLUM_DEVNET\naccounts:\n");
            for (int i = 0; i < accounts; i++) {
                KeyFile key = KeyFile.generate(random);
                genesisAccounts.add(new ClusterFile.Account(GenesisAccounts.accountAddress(key.publicKey()),
                        key.privateKey(), key.publicKey(), ACCOUNT_BALANCE));
                genesis.append("  - private_key: \"").append(key.privateKey().toHex()).append("\"\n")
                        .append("    balance: \"").append(ACCOUNT_BALANCE).append("\"\n");
            }
            List<ClusterLayout.NodePorts> ports = new ArrayList<>();
            for (int i = 0; i < nodes; i++) {
                ports.add(new ClusterLayout.NodePorts(port(i, 0), port(i, 1), port(i, 2), port(i, 3)));
            }
            String chain = "chain:\n  block_interval_ms: " + blockIntervalMs + "\n";
            return ClusterLayout.write(directory, new ClusterLayout.Spec("vellum-local", heap, genesis.toString(),
                    nodeKeys, ports, genesisAccounts, index -> chain));
        }

        private int port(int node, int offset) {
            return basePort + 10 * node + offset;
        }

        private void report(ClusterFile cluster, NodeProcesses processes, String leader) {
            PrintWriter out = out();
            out.println("cluster up: " + cluster.nodes().size() + " nodes, leader " + leader);
            for (ClusterFile.Node node : cluster.nodes()) {
                out.printf("  %-4s pid %-7s grpc %s  admin %s  metrics %s  log %s%n", node.id(),
                        processes.running(node).map(h -> Long.toString(h.pid())).orElse("-"), node.grpc(),
                        node.admin().map(Endpoint::toString).orElse("off"),
                        node.metrics().map(m -> "http://" + m + "/metrics").orElse("off"),
                        cluster.directory().relativize(processes.logFile(node)));
            }
            if (!cluster.accounts().isEmpty()) {
                out.println("genesis accounts (STRK in fri; keys in " + cluster.directory()
                        .resolve(ClusterFile.ACCOUNTS_FILE) + "):");
                for (int i = 0; i < cluster.accounts().size(); i++) {
                    ClusterFile.Account account = cluster.accounts().get(i);
                    out.printf("  %d  address %s  private key %s  balance %s%n", i, account.address().value().toHex(),
                            account.privateKey().toHex(), account.balance());
                }
            }
            String first = cluster.nodes().get(0).grpc().toString();
            String dirArg = " --dir " + cluster.directory();
            // The launcher says how it was invoked (./vellum, or a path), so the suggestions can be pasted as they are.
            String self = System.getenv().getOrDefault("VELLUM_COMMAND", "vellum");
            out.println("next:");
            out.println("  " + self + " client status --node " + first);
            if (cluster.accounts().size() > 1) {
                out.println("  " + self + " client transfer --node " + first + " --cluster " + cluster.directory()
                        + " --account 0 --to " + cluster.accounts().get(1).address().value().toHex()
                        + " --amount 1000 --wait");
                out.println("  " + self + " client balance --node " + first + " "
                        + cluster.accounts().get(1).address().value().toHex());
            }
            out.println("  " + self + " cluster status" + dirArg);
            out.println("  " + self + " cluster down" + dirArg);
            out.flush();
        }
    }

    /**
     * Waits until every node in {@code nodes} answers and they name the same leader; fails early if a process dies.
     */
    static String awaitLeader(ClusterFile cluster, NodeProcesses processes, List<ClusterFile.Node> nodes,
            long timeoutSec) {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(timeoutSec);
        Map<NodeId, ManagedChannel> channels = new HashMap<>();
        try {
            for (ClusterFile.Node node : cluster.nodes()) {
                channels.put(node.id(), NodeOptions.openChannel(node.grpc(), InsecureChannelCredentials.create()));
            }
            String lastSeen = "no answer yet";
            while (System.nanoTime() < deadline) {
                for (ClusterFile.Node node : nodes) {
                    if (processes.running(node).isEmpty()) {
                        throw CliException.failure(node.id() + " exited while starting; the end of its log ("
                                + processes.logFile(node) + "):\n" + processes.logTail(node, 30));
                    }
                }
                List<String> leaders = new ArrayList<>();
                for (ClusterFile.Node node : nodes) {
                    status(channels.get(node.id())).ifPresent(s -> leaders.add(s.getLeader()));
                }
                if (leaders.size() == nodes.size() && !leaders.get(0).isEmpty()
                        && leaders.stream().distinct().count() == 1) {
                    return leaders.get(0);
                }
                lastSeen = leaders.size() + " of " + nodes.size() + " nodes answering, leaders " + leaders;
                ClientCommand.sleep(250);
            }
            throw CliException.failure("no agreed leader within " + timeoutSec + " s (" + lastSeen
                    + "); see the node logs in " + cluster.directory());
        } finally {
            channels.values().forEach(NodeOptions::close);
        }
    }

    static Optional<NodeStatus> status(ManagedChannel channel) {
        try {
            return Optional.of(SequencerGrpc.newBlockingStub(channel).withDeadlineAfter(1, TimeUnit.SECONDS)
                    .getNodeStatus(GetNodeStatusRequest.getDefaultInstance()));
        } catch (StatusRuntimeException e) {
            return Optional.empty();
        }
    }

    static void requireFree(int port) {
        try (ServerSocket socket = new ServerSocket()) {
            socket.setReuseAddress(false);
            socket.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), port));
        } catch (IOException e) {
            throw CliException.usage("port " + port + " on 127.0.0.1 is in use; choose another --base-port");
        }
    }

    @Command(name = "down", mixinStandardHelpOptions = true,
            description = "Stop every node of the cluster: SIGTERM, then SIGKILL after --grace-ms. Only the PIDs "
                    + "recorded in the cluster directory are signalled. The files and data stay ('cluster up' "
                    + "starts them again).")
    static final class Down extends ClusterCall {
        @Option(names = "--grace-ms", paramLabel = "MS", defaultValue = "15000",
                description = "how long a node may take to stop before SIGKILL (default: ${DEFAULT-VALUE})")
        long graceMs;

        @Override
        public Integer call() {
            ClusterFile cluster = cluster();
            NodeProcesses processes = new NodeProcesses(cluster);
            List<java.util.concurrent.CompletableFuture<String>> stops = new ArrayList<>();
            for (ClusterFile.Node node : cluster.nodes()) {
                stops.add(java.util.concurrent.CompletableFuture.supplyAsync(
                        () -> processes.stop(node, graceMs, false), runnable -> new Thread(runnable).start()));
            }
            for (int i = 0; i < stops.size(); i++) {
                out().println(cluster.nodes().get(i).id() + ": " + stops.get(i).join());
            }
            out().flush();
            return 0;
        }
    }

    @Command(name = "status", mixinStandardHelpOptions = true, description = "Each node's process and view.")
    static final class Status extends ClusterCall {
        @Override
        public Integer call() {
            ClusterFile cluster = cluster();
            NodeProcesses processes = new NodeProcesses(cluster);
            PrintWriter out = out();
            for (ClusterFile.Node node : cluster.nodes()) {
                Optional<ProcessHandle> running = processes.running(node);
                if (running.isEmpty()) {
                    out.printf("%-4s stopped%n", node.id());
                    continue;
                }
                ManagedChannel channel = NodeOptions.openChannel(node.grpc(), InsecureChannelCredentials.create());
                try {
                    Optional<NodeStatus> status = status(channel);
                    out.printf("%-4s pid %-7d %s%n", node.id(), running.get().pid(), status.map(s -> s.getRole()
                            + " term " + s.getTerm() + " leader " + s.getLeader() + " final height "
                            + s.getFinalHeight() + " committed " + s.getCommittedHeight() + " proven "
                            + s.getProvenHeight()).orElse("not answering on " + node.grpc()));
                } finally {
                    NodeOptions.close(channel);
                }
            }
            out.flush();
            return 0;
        }
    }

    @Command(name = "stop-node", mixinStandardHelpOptions = true,
            description = "Stop one node (SIGTERM, or SIGKILL with --kill, as a crash).")
    static final class StopNode extends ClusterCall {
        @Parameters(paramLabel = "ID", description = "the node id, e.g. n0")
        String id;

        @Option(names = "--kill", description = "SIGKILL at once (a crash) instead of a clean stop")
        boolean kill;

        @Override
        public Integer call() {
            ClusterFile cluster = cluster();
            ClusterFile.Node node = cluster.node(id);
            out().println(node.id() + ": " + new NodeProcesses(cluster).stop(node, timeoutSec * 1_000, kill));
            out().flush();
            return 0;
        }
    }

    @Command(name = "restart-node", mixinStandardHelpOptions = true,
            description = "Start a stopped node again from its files and data (it catches up), and wait until the "
                    + "cluster agrees on a leader again. With --force a running node is stopped first.")
    static final class RestartNode extends ClusterCall {
        @Parameters(paramLabel = "ID", description = "the node id, e.g. n0")
        String id;

        @Option(names = "--force", description = "stop the node first if it runs")
        boolean force;

        @Override
        public Integer call() {
            ClusterFile cluster = cluster();
            ClusterFile.Node node = cluster.node(id);
            NodeProcesses processes = new NodeProcesses(cluster);
            if (processes.running(node).isPresent()) {
                if (!force) {
                    throw CliException.usage(node.id() + " is running; use --force to restart it");
                }
                out().println(node.id() + ": " + processes.stop(node, 15_000, false));
            }
            ProcessHandle handle = processes.start(node);
            List<ClusterFile.Node> running = cluster.nodes().stream()
                    .filter(n -> processes.running(n).isPresent()).toList();
            String leader = awaitLeader(cluster, processes, running, timeoutSec);
            out().println(node.id() + ": started, pid " + handle.pid() + "; leader " + leader);
            out().flush();
            return 0;
        }
    }
}
