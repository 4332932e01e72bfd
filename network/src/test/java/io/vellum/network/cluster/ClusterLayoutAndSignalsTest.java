package io.vellum.network.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.vellum.blockifier.crypto.Felt;
import io.vellum.network.config.ClusterFile;
import io.vellum.network.config.KeyFile;
import io.vellum.network.config.NodeFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@link ClusterLayout} writes directories the node's own reader accepts; {@link NodeProcesses#signal} stops and
 * continues only a recorded process that carries its node's marker.
 */
class ClusterLayoutAndSignalsTest {

    private static ClusterFile write(Path dir, int nodes) {
        List<KeyFile> keys = new java.util.ArrayList<>();
        List<ClusterLayout.NodePorts> ports = new java.util.ArrayList<>();
        for (int i = 0; i < nodes; i++) {
            keys.add(KeyFile.of(Felt.of(100 + i)));
            ports.add(new ClusterLayout.NodePorts(21_000 + 10 * i, 21_001 + 10 * i, 21_002 + 10 * i,
                    21_003 + 10 * i));
        }
        String genesis = "{\"accounts\": [{\"seed\": \"0x5eed\", \"count\": 2, \"balance\": \"1000\"}]}\n";
        return ClusterLayout.write(dir, new ClusterLayout.Spec("layout-test", "128m", genesis, keys, ports, List.of(),
                index -> "chain:\n  block_interval_ms: " + (100 + index) + "\nfaults:\n  enabled: true\n"));
    }

    @Test
    void writtenNodeFilesReadBackWithEveryPeerAndTheExtraSettings(@TempDir Path dir) {
        ClusterFile cluster = write(dir, 3);
        assertThat(ClusterFile.read(dir).nodes()).isEqualTo(cluster.nodes());
        for (int i = 0; i < 3; i++) {
            NodeFile file = NodeFile.read(dir.resolve(cluster.nodes().get(i).config()));
            assertThat(file.id().value()).isEqualTo("n" + i);
            assertThat(file.clusterName()).isEqualTo("layout-test");
            assertThat(file.listen().raft().port()).isEqualTo(21_000 + 10 * i);
            assertThat(file.listen().admin().orElseThrow().port()).isEqualTo(21_002 + 10 * i);
            assertThat(file.peers()).hasSize(3);
            assertThat(file.peers().get((i + 1) % 3).publicKey())
                    .isEqualTo(KeyFile.of(Felt.of(100 + (i + 1) % 3)).publicKey());
            assertThat(file.core().blockIntervalMs()).isEqualTo(100 + i);
            assertThat(file.faults().enabled()).isTrue();
            assertThat(file.key().privateKey()).isEqualTo(Felt.of(100 + i));
        }
    }

    @Test
    void badPortsAndMismatchedListsAreRefused() {
        assertThatThrownBy(() -> new ClusterLayout.NodePorts(1, 1, 2, 3)).hasMessageContaining("must differ");
        assertThatThrownBy(() -> new ClusterLayout.NodePorts(0, 1, 2, 3)).hasMessageContaining("out of range");
        assertThatThrownBy(() -> new ClusterLayout.Spec("x", "1g", "{}", List.of(KeyFile.of(Felt.of(5))), List.of(),
                List.of(), index -> "")).hasMessageContaining("port sets");
    }

    @Test
    @EnabledOnOs(OS.LINUX)
    @Timeout(60)
    void signalsReachOnlyTheRecordedProcessThatCarriesTheMarker(@TempDir Path dir) throws Exception {
        ClusterFile cluster = write(dir, 2);
        NodeProcesses processes = new NodeProcesses(cluster, false);
        ClusterFile.Node n0 = cluster.nodes().get(0);
        ClusterFile.Node n1 = cluster.nodes().get(1);
        // A stand-in for a node: a shell whose command line carries n0's marker ($0 of "sh -c").
        Process marked = new ProcessBuilder("sh", "-c", "sleep 30",
                "-D" + NodeProcesses.NODE_MARKER_PROPERTY + "=" + processes.configFile(n0)).start();
        // A process without n1's marker, recorded as n1's: it must never be signalled.
        Process unmarked = new ProcessBuilder("sleep", "30").start();
        try {
            Files.writeString(processes.pidFile(n0), marked.pid() + "\n");
            Files.writeString(processes.pidFile(n1), unmarked.pid() + "\n");
            assertThat(processes.running(n0)).map(ProcessHandle::pid).contains(marked.pid());
            assertThat(processes.running(n1)).isEmpty();

            assertThat(processes.signal(n0, NodeProcesses.Signal.STOP)).isTrue();
            assertThat(stopped(marked.pid(), true)).as("stopped after SIGSTOP").isTrue();
            assertThat(processes.signal(n0, NodeProcesses.Signal.CONT)).isTrue();
            assertThat(stopped(marked.pid(), false)).as("running after SIGCONT").isFalse();

            assertThat(processes.signal(n1, NodeProcesses.Signal.STOP)).isFalse();
            assertThat(stopped(unmarked.pid(), true)).as("the unmarked process was not stopped").isFalse();
            assertThat(processes.stop(n1, 1_000, true)).isEqualTo("not running");
            assertThat(unmarked.isAlive()).isTrue();

            assertThat(processes.stop(n0, 0, true)).contains("killed (SIGKILL)");
            assertThat(marked.waitFor(10, TimeUnit.SECONDS)).isTrue();
            assertThat(processes.pidFile(n0)).doesNotExist();
        } finally {
            marked.destroyForcibly();
            unmarked.destroyForcibly();
        }
    }

    /**
     * Whether the process is stopped (state T in /proc), polled for up to a second until it is {@code expected}, since
     * a signal is delivered asynchronously.
     */
    private static boolean stopped(long pid, boolean expected) throws Exception {
        boolean stopped = false;
        for (int i = 0; i < 50; i++) {
            String stat = Files.readString(Path.of("/proc", Long.toString(pid), "stat"));
            stopped = stat.charAt(stat.lastIndexOf(')') + 2) == 'T';
            if (stopped == expected) {
                return stopped;
            }
            Thread.sleep(20);
        }
        return stopped;
    }
}
