package io.vellum.network.cli;

import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.vellum.consensus.node.NodeConfig;
import io.vellum.network.cluster.NodeProcesses;
import io.vellum.network.config.NodeFile;
import io.vellum.network.node.VellumNode;
import java.io.IOException;
import java.net.BindException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code vellum node --config FILE}: runs one node in this process until it is told to stop (SIGTERM or Ctrl-C close
 * it cleanly: the servers stop taking calls, then the prover, committer, consensus and store close). A SIGKILL loses
 * nothing acknowledged: the node replays its Raft log when started again from the same data directory.
 */
@Command(name = "node", mixinStandardHelpOptions = true,
        description = {"Run one node from its YAML configuration (every key: docs/operations.md).",
                "Stops cleanly on SIGTERM or Ctrl-C; started again with the same file and data directory, it "
                        + "catches up with the cluster."})
final class NodeCommand implements Callable<Integer> {
    private static final Logger LOG = LoggerFactory.getLogger(NodeCommand.class);

    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Option(names = {"-c", "--config"}, required = true, paramLabel = "FILE", description = "the node's YAML file")
    Path config;

    @Option(names = "--data-dir", paramLabel = "DIR",
            description = "the data directory, overriding the file's data_dir")
    Optional<Path> dataDir;

    @Option(names = "--check", description = "check the configuration, print what it resolves to, and exit")
    boolean check;

    @Override
    public Integer call() throws IOException, InterruptedException {
        NodeFile file = NodeFile.read(config);
        Path data = dataDir.or(file::dataDir).orElse(null);
        boolean temporary = data == null;
        if (check) {
            printCheck(file, data);
            return 0;
        }
        if (temporary) {
            data = Files.createTempDirectory("vellum-" + file.id().value() + "-");
            LOG.info("{}: no data_dir configured; using the fresh directory {} (not reused by a later start)",
                    file.id(), data);
        }
        NodeConfig nodeConfig = file.nodeConfig(data);
        PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
        VellumNode node;
        try {
            node = new VellumNode(nodeConfig, file.sequencerSettings(), file.api(), registry, Clock.systemUTC(),
                    file.faults());
        } catch (IllegalArgumentException e) {
            throw CliException.usage(config + ": " + e.getMessage());
        }
        CountDownLatch stopped = new CountDownLatch(1);
        Thread hook = new Thread(() -> {
            LOG.info("{}: stopping", file.id());
            node.close();
            stopped.countDown();
        }, "vellum-shutdown");
        Runtime.getRuntime().addShutdownHook(hook);
        try {
            node.start();
        } catch (BindException e) {
            node.close();
            throw CliException.failure(file.id() + ": an address is in use (" + e.getMessage() + "); check listen in "
                    + config);
        } catch (IOException | RuntimeException e) {
            node.close();
            throw CliException.failure(file.id() + " could not start: " + e);
        }
        String parent = System.getProperty(NodeProcesses.PARENT_PID_PROPERTY);
        if (parent != null) {
            exitWithParent(file, parent);
        }
        LOG.info("{} running: raft {}, grpc {}, admin {}, metrics {}, data {}", file.id(), file.listen().raft(),
                file.listen().grpc(), file.listen().admin().map(Object::toString).orElse("off"),
                file.listen().metrics().map(m -> "http://" + m + "/metrics").orElse("off"), data);
        stopped.await();
        return 0;
    }

    /** Stops this node (through the shutdown hook) when the process that started it ends. */
    private static void exitWithParent(NodeFile file, String parent) {
        long pid;
        try {
            pid = Long.parseLong(parent);
        } catch (NumberFormatException e) {
            throw CliException.usage("-D" + NodeProcesses.PARENT_PID_PROPERTY + " is not a PID: " + parent);
        }
        Optional<ProcessHandle> handle = ProcessHandle.of(pid);
        if (handle.isEmpty()) {
            LOG.warn("{}: the parent process {} is gone; stopping", file.id(), pid);
            System.exit(Main.EXIT_FAILURE);
        }
        handle.get().onExit().thenRun(() -> {
            LOG.warn("{}: the parent process {} ended; stopping", file.id(), pid);
            System.exit(Main.EXIT_FAILURE);
        });
    }

    private void printCheck(NodeFile file, Path data) {
        var out = spec.commandLine().getOut();
        out.println(config + ": ok");
        out.println("node " + file.id() + " of cluster " + file.clusterName() + ", public key "
                + file.key().publicKey().toHex());
        out.println("data directory: " + (data == null ? "a fresh temporary directory at each start" : data));
        out.println("raft " + file.listen().raft() + ", grpc " + file.listen().grpc() + ", admin "
                + file.listen().admin().map(Object::toString).orElse("off") + ", metrics "
                + file.listen().metrics().map(Object::toString).orElse("off") + ", TLS "
                + (file.api().publicTls().isPresent() ? "on" : "off"));
        out.println("peers: " + file.peers().stream().map(p -> p.id() + "@" + p.raft()).toList());
        out.println("genesis: " + file.genesisFile().map(Path::toString).orElse("the bundled sample") + ", chain "
                + file.genesis().chainId() + ", " + file.genesis().accounts().size() + " accounts");
        out.println("block interval " + file.core().blockIntervalMs() + " ms, quorum " + file.core().quorum().name()
                + ", ordering " + file.core().orderingPolicy().name() + ", schedule " + file.core().schedule().name()
                + ", simulated prover " + (file.prover().isPresent() ? "on" : "off"));
        out.flush();
    }
}
