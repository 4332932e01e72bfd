package io.vellum.network.config;

import io.vellum.blockifier.core.ContractAddress;
import io.vellum.blockifier.crypto.Felt;
import io.vellum.consensus.node.Endpoint;
import io.vellum.proposer.NodeId;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * What {@code vellum cluster up} records in a cluster directory: {@value #NODES_FILE} (each node's id, config file
 * and API addresses, and the JVM heap the nodes run with) and {@value #ACCOUNTS_FILE} (the genesis accounts with
 * their private keys, so that a newcomer can send a transfer at once). Paths inside are relative to the directory.
 *
 * @param directory the cluster directory
 * @param heap the {@code -Xmx} value of each node's JVM (e.g. {@code 512m})
 * @param nodes the nodes, in order
 * @param accounts the genesis accounts, in order
 */
public record ClusterFile(Path directory, String heap, List<Node> nodes, List<Account> accounts) {
    public static final String NODES_FILE = "cluster.yaml";
    public static final String ACCOUNTS_FILE = "accounts.yaml";
    /** The most nodes of a local cluster. */
    public static final int NODES_MAX = 16;
    /** The most genesis accounts a cluster directory lists. */
    public static final int ACCOUNTS_MAX = 1_000;

    /**
     * One node of the cluster.
     *
     * @param id its id
     * @param config its node file, relative to the cluster directory
     * @param grpc its client API address
     * @param admin its admin address, if enabled
     * @param metrics its metrics address, if enabled
     */
    public record Node(NodeId id, Path config, Endpoint grpc, Optional<Endpoint> admin, Optional<Endpoint> metrics) {
        public Node {
            Objects.requireNonNull(id, "id");
            Objects.requireNonNull(config, "config");
            Objects.requireNonNull(grpc, "grpc");
            Objects.requireNonNull(admin, "admin");
            Objects.requireNonNull(metrics, "metrics");
        }

        /** The node's own directory (where its config, key, data, log and PID file live). */
        public Path directory(Path clusterDirectory) {
            Path parent = clusterDirectory.resolve(config).getParent();
            return parent == null ? clusterDirectory : parent;
        }
    }

    /**
     * A genesis account.
     *
     * @param address its address
     * @param privateKey its private key (a local cluster's keys are for testing only)
     * @param publicKey its public key
     * @param balance its STRK balance at genesis, in fri
     */
    public record Account(ContractAddress address, Felt privateKey, Felt publicKey, BigInteger balance) {
        public Account {
            Objects.requireNonNull(address, "address");
            Objects.requireNonNull(privateKey, "privateKey");
            Objects.requireNonNull(publicKey, "publicKey");
            Objects.requireNonNull(balance, "balance");
        }

        @Override
        public String toString() {
            return "Account[" + address + "]";
        }
    }

    public ClusterFile {
        Objects.requireNonNull(directory, "directory");
        Objects.requireNonNull(heap, "heap");
        nodes = List.copyOf(nodes);
        accounts = List.copyOf(accounts);
    }

    /** Node {@code id}; throws {@link ConfigException} if the cluster has none such. */
    public Node node(String id) {
        return nodes.stream().filter(n -> n.id().value().equals(id)).findFirst()
                .orElseThrow(() -> new ConfigException(Optional.of(directory.resolve(NODES_FILE)), "nodes",
                        "no node '" + id + "' (nodes: " + nodes.stream().map(n -> n.id().value()).toList() + ")"));
    }

    /** Genesis account {@code index}; throws {@link ConfigException} if there is none such. */
    public Account account(int index) {
        if (index < 0 || index >= accounts.size()) {
            throw new ConfigException(Optional.of(directory.resolve(ACCOUNTS_FILE)), "accounts",
                    "no account " + index + " (there are " + accounts.size() + ", numbered from 0)");
        }
        return accounts.get(index);
    }

    /** Whether {@code directory} holds a cluster file. */
    public static boolean exists(Path directory) {
        return Files.isRegularFile(directory.resolve(NODES_FILE));
    }

    /** Reads a cluster directory. */
    public static ClusterFile read(Path directory) {
        Path nodesFile = directory.resolve(NODES_FILE);
        if (!Files.isRegularFile(nodesFile)) {
            throw new ConfigException(Optional.of(nodesFile), "", "no such file: is " + directory
                    + " a cluster directory made by 'vellum cluster up'?");
        }
        ConfigObject root = ConfigObject.readFile(nodesFile);
        String heap = root.string("heap", "512m");
        if (!heap.matches("[0-9]{1,6}[kKmMgG]?")) {
            throw root.error("heap", "must be a JVM heap size such as 512m, not '" + heap + "'");
        }
        List<Node> nodes = root.objects("nodes", NODES_MAX).stream().map(entry -> {
            Node node = new Node(NodeId.of(entry.string("id")), Path.of(entry.string("config")),
                    entry.endpoint("grpc"), entry.optionalEndpoint("admin"), entry.optionalEndpoint("metrics"));
            entry.finish();
            return node;
        }).toList();
        if (nodes.isEmpty()) {
            throw root.error("nodes", "missing (required)");
        }
        root.finish();

        List<Account> accounts = List.of();
        Path accountsFile = directory.resolve(ACCOUNTS_FILE);
        if (Files.isRegularFile(accountsFile)) {
            ConfigObject accountsRoot = ConfigObject.readFile(accountsFile);
            accounts = accountsRoot.objects("accounts", ACCOUNTS_MAX).stream().map(entry -> {
                KeyFile key = KeyFile.fromObject(entry);
                ContractAddress address = new ContractAddress(entry.optionalFelt("address")
                        .orElseThrow(() -> entry.error("address", "missing (required)")));
                BigInteger balance = new BigInteger(entry.string("balance", "0"));
                entry.finish();
                return new Account(address, key.privateKey(), key.publicKey(), balance);
            }).toList();
            accountsRoot.finish();
        }
        return new ClusterFile(directory, heap, nodes, accounts);
    }

    /** Writes {@value #NODES_FILE} and {@value #ACCOUNTS_FILE} into the directory. */
    public void write() {
        StringBuilder text = new StringBuilder("# Written by 'vellum cluster up': the nodes of this local cluster.\n")
                .append("heap: ").append(heap).append('\n').append("nodes:\n");
        for (Node node : nodes) {
            text.append("  - id: ").append(node.id().value()).append('\n')
                    .append("    config: ").append(node.config().toString().replace('\\', '/')).append('\n')
                    .append("    grpc: \"").append(node.grpc()).append("\"\n");
            node.admin().ifPresent(a -> text.append("    admin: \"").append(a).append("\"\n"));
            node.metrics().ifPresent(m -> text.append("    metrics: \"").append(m).append("\"\n"));
        }
        StringBuilder accountsText = new StringBuilder("# The genesis accounts of this local cluster. The private keys "
                + "are for local testing only.\n# Send a transfer with: vellum client transfer --cluster "
                + directory + " --account 0 --to ADDRESS --amount 1000 --wait\naccounts:\n");
        for (Account account : accounts) {
            accountsText.append("  - address: \"").append(account.address().value().toHex()).append("\"\n")
                    .append("    private_key: \"").append(account.privateKey().toHex()).append("\"\n")
                    .append("    public_key: \"").append(account.publicKey().toHex()).append("\"\n")
                    .append("    balance: \"").append(account.balance()).append("\"\n");
        }
        try {
            Files.createDirectories(directory);
            Files.writeString(directory.resolve(NODES_FILE), text);
            Files.writeString(directory.resolve(ACCOUNTS_FILE), accountsText);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the cluster files in " + directory, e);
        }
    }
}
