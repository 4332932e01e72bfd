package io.vellum.simulations.run;

import static org.assertj.core.api.Assertions.assertThat;

import io.vellum.simulations.check.CheckResult;
import io.vellum.simulations.scenario.FaultSpec;
import io.vellum.simulations.scenario.Scenario;
import io.vellum.simulations.scenario.ScenarioLibrary;
import io.vellum.simulations.scenario.ScenarioLoader;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Runs library scenarios on real in-JVM clusters and asserts each run valid. The default run takes the quickstart
 * and five others, each shortened to {@value #SHORT_DURATION_S} s with its fault schedule scaled in proportion (the
 * same story, faster), and the process-crash scenario (nodes as OS processes) shortened to
 * {@value #PROCESS_DURATION_S} s; {@code -Pscenarios} also runs the whole library at full length (about 25 minutes).
 */
class ScenarioLibraryTest {
    private static final int SHORT_DURATION_S = 20;
    private static final int PROCESS_DURATION_S = 15;

    @Test
    void everyLibraryFileIsListedAndValid() throws Exception {
        List<String> files;
        try (Stream<Path> list = Files.list(Path.of("scenarios"))) {
            files = list.map(p -> p.getFileName().toString()).filter(n -> n.endsWith(".yaml"))
                    .map(n -> n.substring(0, n.length() - 5)).sorted().toList();
        }
        assertThat(files).containsExactlyInAnyOrderElementsOf(ScenarioLibrary.NAMES);
        ScenarioLoader loader = new ScenarioLoader();
        for (String name : files) {
            Scenario scenario = loader.load(Path.of("scenarios", name + ".yaml"));
            assertThat(scenario.name()).isEqualTo(name);
            assertThat(scenario.seedIfSet()).as(name + " has a fixed seed").isPresent();
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"quickstart", "leader-crash", "lying-proposer", "slow-prover", "hot-contention",
        "wan-latency"})
    @Timeout(180)
    void shortenedScenarioIsValid(String name, @TempDir Path out) throws Exception {
        assertValid(name, SHORT_DURATION_S, out);
    }

    @ParameterizedTest
    @ValueSource(strings = {"quickstart", "leader-crash", "minority-partition", "leader-isolated", "lossy-links",
        "wan-latency", "lying-proposer", "rolling-restart", "slow-prover", "node-joining", "hot-contention",
        "long-soak", "process-crash", "process-pause"})
    @Tag("scenario-library")
    @Timeout(900)
    void fullScenarioIsValid(String name, @TempDir Path out) throws Exception {
        assertValid(name, null, out);
    }

    /**
     * Nodes as OS processes: the library's process-crash scenario shortened to {@value #PROCESS_DURATION_S} s (about a
     * minute with the node JVMs' start-ups): the leader's process killed (kill -9 of its recorded PID) at 5 s and
     * restarted from its data 4 s later. Afterwards no node process of the run is alive, and the node logs are in the
     * run directory.
     */
    @Test
    @Timeout(240)
    void shortenedProcessCrashIsValidAndLeavesNoProcessBehind(@TempDir Path out) throws Exception {
        Scenario scenario = new ScenarioLibrary().load("process-crash").withDurationS(PROCESS_DURATION_S);
        assertThat(scenario.faults()).singleElement().satisfies(fault -> {
            assertThat(fault.kind()).isEqualTo(FaultSpec.Kind.CRASH);
            assertThat(fault.target()).isEqualTo("leader");
        });
        assertValid(scenario, "process-crash", null, out);
        assertThat(out.resolve("nodes").resolve("n0").resolve("node.log")).isNotEmptyFile();
        assertThat(out.resolve("results.json")).content().contains("\"cluster_mode\" : \"processes\"");
        assertThat(nodeProcessesOf(out)).as("node processes left behind").isEmpty();
    }

    /**
     * A process-mode run interrupted once its nodes are up (as Ctrl-C or a failure would end it) stops every node
     * process it started before the run method returns.
     */
    @Test
    @Timeout(240)
    void anInterruptedProcessRunLeavesNoProcessBehind(@TempDir Path out) throws Exception {
        Scenario scenario = new ScenarioLibrary().load("process-pause");
        java.io.ByteArrayOutputStream progress = new java.io.ByteArrayOutputStream();
        PrintStream printer = new PrintStream(progress, true, java.nio.charset.StandardCharsets.UTF_8);
        java.util.concurrent.atomic.AtomicReference<Throwable> failure =
                new java.util.concurrent.atomic.AtomicReference<>();
        Thread runner = new Thread(() -> {
            try {
                new ScenarioRunner().run(scenario, new ScenarioRunner.Options(out, null, null, "process-pause",
                        "./vellum sim", printer));
            } catch (Throwable e) {
                failure.set(e);
            }
        }, "interrupted-run");
        runner.start();
        long deadline = System.nanoTime() + java.util.concurrent.TimeUnit.SECONDS.toNanos(180);
        while (!progress.toString(java.nio.charset.StandardCharsets.UTF_8).contains("nodes up")) {
            assertThat(System.nanoTime()).as("nodes up within 180 s").isLessThan(deadline);
            assertThat(runner.isAlive()).as("the run ended early: " + failure.get()).isTrue();
            Thread.sleep(100);
        }
        assertThat(nodeProcessesOf(out)).hasSize(3);
        runner.interrupt();
        runner.join(60_000);
        assertThat(runner.isAlive()).isFalse();
        assertThat(failure.get()).isInstanceOf(InterruptedException.class);
        assertThat(nodeProcessesOf(out)).as("node processes left behind").isEmpty();
    }

    /** The live processes whose command line carries the node marker of a node file under {@code dir}. */
    static List<ProcessHandle> nodeProcessesOf(Path dir) {
        String marker = "-Dvellum.node.config=" + dir.toAbsolutePath().normalize();
        return ProcessHandle.allProcesses().filter(ProcessHandle::isAlive)
                .filter(p -> p.info().commandLine().map(line -> line.contains(marker)).orElse(false)).toList();
    }

    private static void assertValid(String name, Integer durationS, Path out) throws IOException,
            InterruptedException, io.vellum.simulations.scenario.ScenarioException {
        assertValid(new ScenarioLibrary().load(name), name, durationS, out);
    }

    private static void assertValid(Scenario scenario, String name, Integer durationS, Path out) throws IOException,
            InterruptedException {
        PrintStream progress = System.err;
        RunOutcome outcome = new ScenarioRunner().run(scenario, new ScenarioRunner.Options(out, null, durationS, name,
                "./vellum sim", progress));
        assertThat(outcome.harnessErrors()).as("harness errors").isEmpty();
        assertThat(outcome.checks()).as("checks").allSatisfy(check -> assertThat(check.valid())
                .as(check.checker() + ": " + check.examples()).isTrue());
        assertThat(outcome.checks()).extracting(CheckResult::checker).isNotEmpty();
        assertThat(outcome.valid()).isTrue();
        assertThat(out.resolve("history.jsonl")).isNotEmptyFile();
        assertThat(out.resolve("metrics.csv")).isNotEmptyFile();
        assertThat(out.resolve("results.json")).content().contains("\"valid\" : true");
        assertThat(out.resolve("report.html")).content().contains("<svg").doesNotContain("<script", "src=", "href=", "@import")
                .contains(String.valueOf(outcome.seed()));
        // The history holds operations, each completed: every invoke has an outcome line.
        List<String> lines = Files.readAllLines(out.resolve("history.jsonl"));
        long invokes = lines.stream().filter(l -> l.contains("\"type\":\"invoke\"")).count();
        assertThat(invokes).isPositive();
        assertThat(lines.size()).isEqualTo(2 * invokes);
    }
}
