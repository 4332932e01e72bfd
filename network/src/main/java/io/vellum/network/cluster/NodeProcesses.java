package io.vellum.network.cluster;

import io.vellum.network.config.ClusterFile;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * The node processes of a local cluster: each runs {@code java -cp <this classpath> io.vellum.network.cli.Main node
 * --config <its file>}, its output appended to {@code node.log} in its directory and its PID written to
 * {@code node.pid}. A PID is trusted only while the process it names is alive and its command line carries that
 * node's marker ({@code -Dvellum.node.config=<its config file>}): a PID reused by another program after a reboot is
 * never signalled.
 *
 * <p>Used by {@code vellum cluster} and by the simulator's process clusters. Every signal (SIGTERM, SIGKILL,
 * SIGSTOP, SIGCONT) goes only to a PID recorded in a node's PID file whose process still carries the node's marker.
 */
public final class NodeProcesses {
    public static final String PID_FILE = "node.pid";
    public static final String LOG_FILE = "node.log";
    /** System property that overrides the classpath given to node processes (default: this JVM's). */
    public static final String CLASSPATH_PROPERTY = "vellum.node.classpath";
    /** System property with extra JVM options for node processes, space separated. */
    public static final String JAVA_OPTIONS_PROPERTY = "vellum.node.javaOptions";
    /** System property set on each node process to its config file: how a PID is recognised as that node. */
    public static final String NODE_MARKER_PROPERTY = "vellum.node.config";
    /**
     * When this JVM has this system property set to true, the nodes it starts get {@link #PARENT_PID_PROPERTY} and
     * exit when it does: a test harness that dies cannot leave node processes behind.
     */
    public static final String EXIT_WITH_PARENT_PROPERTY = "vellum.node.exitWithParent";
    /** Set on a node process: the PID whose exit makes the node stop. */
    public static final String PARENT_PID_PROPERTY = "vellum.node.parentPid";

    /** A job-control signal for pausing and resuming a node (a process that is stopped keeps its state). */
    /** The main class every node process runs ({@code node --config FILE}). */
    public static final String NODE_MAIN_CLASS = "io.vellum.network.cli.Main";

    public enum Signal {
        /** SIGSTOP: the process stops running until SIGCONT; it cannot catch or ignore it. */
        STOP,
        /** SIGCONT: a stopped process runs again. */
        CONT
    }

    private final ClusterFile cluster;
    private final boolean exitWithParent;
    private final List<String> javaOptions;

    /**
     * Node processes of {@code cluster}; they get {@link #PARENT_PID_PROPERTY} (exit when this JVM does) when this
     * JVM has {@link #EXIT_WITH_PARENT_PROPERTY} set to true.
     */
    public NodeProcesses(ClusterFile cluster) {
        this(cluster, Boolean.getBoolean(EXIT_WITH_PARENT_PROPERTY));
    }

    /** Node processes of {@code cluster}; with {@code exitWithParent} each node stops when this JVM ends. */
    public NodeProcesses(ClusterFile cluster, boolean exitWithParent) {
        this(cluster, exitWithParent, List.of());
    }

    /**
     * Node processes of {@code cluster}; with {@code exitWithParent} each node stops when this JVM ends; each node JVM
     * gets {@code javaOptions} (e.g. a garbage collector) before those of {@link #JAVA_OPTIONS_PROPERTY}.
     */
    public NodeProcesses(ClusterFile cluster, boolean exitWithParent, List<String> javaOptions) {
        this.cluster = cluster;
        this.exitWithParent = exitWithParent;
        this.javaOptions = List.copyOf(javaOptions);
    }

    public ClusterFile cluster() {
        return cluster;
    }

    public Path pidFile(ClusterFile.Node node) {
        return node.directory(cluster.directory()).resolve(PID_FILE);
    }

    public Path logFile(ClusterFile.Node node) {
        return node.directory(cluster.directory()).resolve(LOG_FILE);
    }

    public Path configFile(ClusterFile.Node node) {
        return cluster.directory().resolve(node.config()).toAbsolutePath().normalize();
    }

    /** The running process of a node, if its PID file names one that is alive and is that node. */
    public Optional<ProcessHandle> running(ClusterFile.Node node) {
        Path pidFile = pidFile(node);
        if (!Files.isRegularFile(pidFile)) {
            return Optional.empty();
        }
        long pid;
        try {
            pid = Long.parseLong(Files.readString(pidFile).trim());
        } catch (IOException | NumberFormatException e) {
            return Optional.empty();
        }
        return ProcessHandle.of(pid).filter(ProcessHandle::isAlive).filter(handle -> isNode(handle, node));
    }

    private boolean isNode(ProcessHandle handle, ClusterFile.Node node) {
        // The marker comes first on the command line: Linux shows only its first 4 KiB, and the classpath is long.
        // Without a command line (some systems hide other processes'), the PID file is trusted: this command wrote it
        // for a process it started, and the process is alive.
        return handle.info().commandLine().map(line -> (line + " ").contains(marker(node) + " ")).orElse(true);
    }

    private String marker(ClusterFile.Node node) {
        return "-D" + NODE_MARKER_PROPERTY + "=" + configFile(node);
    }

    /** Starts a node's process (its log appended to), records its PID and returns it. */
    public ProcessHandle start(ClusterFile.Node node) {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.add(marker(node));
        command.add("-Xmx" + cluster.heap());
        command.addAll(javaOptions);
        String extra = System.getProperty(JAVA_OPTIONS_PROPERTY, "").trim();
        if (!extra.isEmpty()) {
            command.addAll(List.of(extra.split("\\s+")));
        }
        if (exitWithParent) {
            command.add("-D" + PARENT_PID_PROPERTY + "=" + ProcessHandle.current().pid());
        }
        String logback = System.getProperty("logback.configurationFile");
        if (logback != null) {
            command.add("-Dlogback.configurationFile=" + logback);
        }
        command.add("-cp");
        command.add(System.getProperty(CLASSPATH_PROPERTY, System.getProperty("java.class.path")));
        command.add(NODE_MAIN_CLASS);
        command.add("node");
        command.add("--config");
        command.add(configFile(node).toString());
        Path log = logFile(node);
        try {
            Files.createDirectories(log.getParent());
            Files.writeString(log, "---- " + java.time.Instant.now() + " starting " + node.id() + "\n",
                    StandardCharsets.UTF_8, java.nio.file.StandardOpenOption.CREATE,
                    java.nio.file.StandardOpenOption.APPEND);
            Process process = new ProcessBuilder(command)
                    .directory(node.directory(cluster.directory()).toFile())
                    .redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()))
                    .redirectInput(ProcessBuilder.Redirect.from(nullDevice()))
                    .start();
            Files.writeString(pidFile(node), process.pid() + "\n");
            return process.toHandle();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start " + node.id(), e);
        }
    }

    private static java.io.File nullDevice() {
        return new java.io.File(System.getProperty("os.name").startsWith("Windows") ? "NUL" : "/dev/null");
    }

    /**
     * Stops a node: SIGTERM (the node closes cleanly), then SIGKILL if it is still alive after {@code graceMs}.
     * Returns how it ended, for the report.
     */
    public String stop(ClusterFile.Node node, long graceMs, boolean kill) {
        Optional<ProcessHandle> running = running(node);
        if (running.isEmpty()) {
            deletePidFile(node);
            return "not running";
        }
        ProcessHandle handle = running.get();
        CompletableFuture<ProcessHandle> exit = handle.onExit();
        String how;
        if (kill) {
            handle.destroyForcibly();
            how = "killed (SIGKILL)";
        } else {
            handle.destroy();
            how = "stopped (SIGTERM)";
            try {
                exit.get(graceMs, TimeUnit.MILLISECONDS);
            } catch (TimeoutException e) {
                handle.destroyForcibly();
                how = "killed (SIGKILL) after " + graceMs + " ms";
            } catch (Exception e) {
                // it ended meanwhile
            }
        }
        try {
            exit.get(10, TimeUnit.SECONDS);
        } catch (Exception e) {
            return "pid " + handle.pid() + " did not exit after SIGKILL";
        }
        deletePidFile(node);
        return "pid " + handle.pid() + " " + how;
    }

    /**
     * Sends {@code signal} to a node's recorded process, if it runs and carries the node's marker (checked just
     * before), with {@code kill -STOP PID} / {@code kill -CONT PID}. Returns whether it was sent.
     *
     * @throws IOException if {@code kill} could not run or failed
     */
    public boolean signal(ClusterFile.Node node, Signal signal) throws IOException, InterruptedException {
        Optional<ProcessHandle> running = running(node);
        if (running.isEmpty()) {
            return false;
        }
        Process kill = new ProcessBuilder("kill", "-" + signal.name(), Long.toString(running.get().pid()))
                .redirectErrorStream(true).start();
        if (!kill.waitFor(10, TimeUnit.SECONDS)) {
            kill.destroyForcibly();
            throw new IOException("kill -" + signal.name() + " " + running.get().pid() + " did not finish in 10 s");
        }
        if (kill.exitValue() != 0) {
            String output = new String(kill.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
            throw new IOException("kill -" + signal.name() + " " + running.get().pid() + " failed: " + output);
        }
        return true;
    }

    private void deletePidFile(ClusterFile.Node node) {
        try {
            Files.deleteIfExists(pidFile(node));
        } catch (IOException e) {
            // a stale PID file is harmless: the next check finds no such process
        }
    }

    /** The last lines of a node's log, for error messages. */
    public String logTail(ClusterFile.Node node, int lines) {
        try {
            List<String> all = Files.readAllLines(logFile(node), StandardCharsets.UTF_8);
            return String.join("\n", all.subList(Math.max(0, all.size() - lines), all.size()));
        } catch (IOException | UncheckedIOException e) {
            return "(no log: " + e.getMessage() + ")";
        }
    }
}
