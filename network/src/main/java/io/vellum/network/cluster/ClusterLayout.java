package io.vellum.network.cluster;

import io.vellum.consensus.node.Endpoint;
import io.vellum.network.config.ClusterFile;
import io.vellum.network.config.KeyFile;
import io.vellum.proposer.NodeId;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.function.IntFunction;

/**
 * Writes a cluster directory of node processes on 127.0.0.1: the genesis file every node starts from, each node's
 * key and node file, and the {@link ClusterFile} records. {@code vellum cluster up} and the simulator's process
 * clusters both write theirs with it; {@link NodeProcesses} then starts the nodes.
 *
 * <pre>
 * DIR/cluster.yaml, DIR/accounts.yaml   the records (ClusterFile)
 * DIR/genesis.yaml                      the genesis text as given
 * DIR/nI/node.yaml                      node I's file: id, cluster name, data_dir: data, key_file, genesis, listen,
 *                                       peers (every node's raft and grpc address and public key), then the extra
 *                                       settings given for node I (chain, limits, prover, faults ...)
 * DIR/nI/node.key                       node I's key pair (mode 600)
 * </pre>
 *
 * <p>Every address written is a 127.0.0.1 address; the ports come from the caller.
 */
public final class ClusterLayout {
    /** The ports of one node: Raft, the public gRPC server, the admin server and the metrics endpoint. */
    public record NodePorts(int raft, int grpc, int admin, int metrics) {
        public NodePorts {
            for (int port : new int[] {raft, grpc, admin, metrics}) {
                if (port < 1 || port > 65_535) {
                    throw new IllegalArgumentException("port out of range: " + port);
                }
            }
            if (List.of(raft, grpc, admin, metrics).stream().distinct().count() != 4) {
                throw new IllegalArgumentException("a node's four ports must differ: " + raft + ", " + grpc + ", "
                        + admin + ", " + metrics);
            }
        }
    }

    /**
     * What to write.
     *
     * @param clusterName the nodes' {@code cluster_name}
     * @param heap each node's JVM heap ({@code -Xmx}), recorded in {@code cluster.yaml}
     * @param genesisText the genesis file's text (YAML or JSON, {@code docs/execution.md})
     * @param nodeKeys one key per node; node I is {@code nI}
     * @param ports one set of ports per node
     * @param accounts the genesis accounts to record in {@code accounts.yaml} (may be empty)
     * @param extraYaml for node I, top-level YAML sections appended to its file (e.g. {@code chain:}); may be empty
     */
    public record Spec(String clusterName, String heap, String genesisText, List<KeyFile> nodeKeys,
            List<NodePorts> ports, List<ClusterFile.Account> accounts, IntFunction<String> extraYaml) {
        public Spec {
            Objects.requireNonNull(clusterName, "clusterName");
            Objects.requireNonNull(heap, "heap");
            Objects.requireNonNull(genesisText, "genesisText");
            nodeKeys = List.copyOf(nodeKeys);
            ports = List.copyOf(ports);
            accounts = List.copyOf(accounts);
            Objects.requireNonNull(extraYaml, "extraYaml");
            if (nodeKeys.isEmpty() || nodeKeys.size() > ClusterFile.NODES_MAX) {
                throw new IllegalArgumentException("1 to " + ClusterFile.NODES_MAX + " nodes, got " + nodeKeys.size());
            }
            if (ports.size() != nodeKeys.size()) {
                throw new IllegalArgumentException(nodeKeys.size() + " node keys but " + ports.size() + " port sets");
            }
        }

        public int nodes() {
            return nodeKeys.size();
        }
    }

    private ClusterLayout() {
    }

    /** The id of node {@code index}. */
    public static NodeId nodeId(int index) {
        return NodeId.of("n" + index);
    }

    /**
     * Writes {@code spec} into {@code directory} (created if needed; files of the same names are replaced) and
     * returns the cluster's records.
     */
    public static ClusterFile write(Path directory, Spec spec) {
        List<ClusterFile.Node> nodes = new ArrayList<>();
        try {
            Files.createDirectories(directory);
            Files.writeString(directory.resolve("genesis.yaml"), spec.genesisText());
            for (int i = 0; i < spec.nodes(); i++) {
                String id = nodeId(i).value();
                Path nodeDir = Files.createDirectories(directory.resolve(id));
                Path keyFile = nodeDir.resolve("node.key");
                Files.deleteIfExists(keyFile);
                spec.nodeKeys().get(i).write(keyFile);
                Files.writeString(nodeDir.resolve("node.yaml"), nodeYaml(spec, i));
                NodePorts ports = spec.ports().get(i);
                nodes.add(new ClusterFile.Node(nodeId(i), Path.of(id, "node.yaml"), Endpoint.loopback(ports.grpc()),
                        Optional.of(Endpoint.loopback(ports.admin())),
                        Optional.of(Endpoint.loopback(ports.metrics()))));
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the cluster directory " + directory, e);
        }
        ClusterFile cluster = new ClusterFile(directory, spec.heap(), nodes, spec.accounts());
        cluster.write();
        return cluster;
    }

    /** Node {@code index}'s file. */
    static String nodeYaml(Spec spec, int index) {
        NodePorts own = spec.ports().get(index);
        StringBuilder text = new StringBuilder()
                .append("# Node n").append(index).append(" of a local cluster. Every key: docs/operations.md.\n")
                .append("id: n").append(index).append('\n')
                .append("cluster_name: ").append(spec.clusterName()).append('\n')
                .append("data_dir: data\n")
                .append("key_file: node.key\n")
                .append("genesis: ../genesis.yaml\n")
                .append("listen:\n")
                .append("  raft: \"").append(address(own.raft())).append("\"\n")
                .append("  grpc: \"").append(address(own.grpc())).append("\"\n")
                .append("  admin: \"").append(address(own.admin())).append("\"\n")
                .append("  metrics: \"").append(address(own.metrics())).append("\"\n")
                .append("peers:\n");
        for (int p = 0; p < spec.nodes(); p++) {
            NodePorts ports = spec.ports().get(p);
            text.append("  - id: n").append(p).append('\n')
                    .append("    raft: \"").append(address(ports.raft())).append("\"\n")
                    .append("    grpc: \"").append(address(ports.grpc())).append("\"\n")
                    .append("    public_key: \"").append(spec.nodeKeys().get(p).publicKey().toHex()).append("\"\n");
        }
        String extra = spec.extraYaml().apply(index);
        if (extra != null && !extra.isEmpty()) {
            text.append(extra);
            if (!extra.endsWith("\n")) {
                text.append('\n');
            }
        }
        return text.toString();
    }

    private static String address(int port) {
        return "127.0.0.1:" + port;
    }
}
