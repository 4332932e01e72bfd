package io.vellum.simulations.run;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.vellum.blockifier.block.Genesis;
import io.vellum.blockifier.execution.ExecutionConfig;
import io.vellum.proposer.NodeId;
import io.vellum.proposer.builder.ProposerFault;
import io.vellum.simulations.check.CheckResult;
import io.vellum.simulations.check.Checker;
import io.vellum.simulations.check.Checkers;
import io.vellum.simulations.check.NodeChain;
import io.vellum.simulations.check.Observations;
import io.vellum.simulations.check.RunRecord;
import io.vellum.simulations.report.ReportWriter;
import io.vellum.simulations.scenario.ClusterSpec;
import io.vellum.simulations.scenario.FaultGenerator;
import io.vellum.simulations.scenario.Scenario;
import io.vellum.simulations.scenario.ScenarioLoader;
import io.vellum.simulations.scenario.WorkloadSpec;
import io.vellum.simulations.workload.SimulationGenesis;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.HdrHistogram.Histogram;

/**
 * Runs a scenario on a cluster ({@link SimCluster}: in this JVM, or one OS process per node): starts the nodes,
 * drives the workloads open-loop for the scenario's duration while the fault schedule plays, prints a progress line
 * about every second, heals every fault, waits (bounded) for acknowledged transactions, the committer and the
 * provers, reads every node's chain, runs the checkers and writes the run directory ({@code docs/simulations.md}).
 */
public final class ScenarioRunner {
    private static final long TICK_MS = 10;

    /**
     * How to run.
     *
     * @param out the run directory; null: {@code target/simulations/<name>-<seed>-<time>} if {@code target/} exists
     *     here, else a new temporary directory
     * @param seed overrides the scenario's seed; null: the scenario's, else a random one
     * @param durationS overrides the scenario's duration; null: the scenario's
     * @param scenarioRef how the replay command names the scenario (its file or library name)
     * @param commandPrefix the command line that runs the simulator, e.g. {@code ./vellum sim}
     * @param progress where progress lines go (stderr for the command line)
     */
    public record Options(Path out, Long seed, Integer durationS, String scenarioRef, String commandPrefix,
            PrintStream progress) {
    }

    /** Runs {@code scenario}. */
    public RunOutcome run(Scenario original, Options options) throws IOException, InterruptedException {
        long seed = options.seed() != null ? options.seed()
                : original.seedIfSet().orElseGet(() -> ThreadLocalRandom.current().nextLong(1, 1L << 40));
        Scenario scenario = original.withSeed(seed);
        if (options.durationS() != null) {
            scenario = scenario.withDurationS(options.durationS());
        }
        scenario = FaultGenerator.expand(scenario, seed);
        String replay = options.commandPrefix() + " run " + options.scenarioRef() + " --seed " + seed
                + (options.durationS() != null ? " --duration-s " + options.durationS() : "");
        Path dir = options.out() != null ? options.out() : defaultDirectory(scenario.name(), seed);
        Files.createDirectories(dir);
        PrintStream progress = options.progress();
        progress.printf("[sim] scenario %s, seed %d, %d s, %d nodes; run directory %s%n", scenario.name(), seed,
                scenario.durationS(), scenario.cluster().nodes(), dir.toAbsolutePath());
        progress.printf("[sim] replay with: %s%n", replay);
        ScenarioLoader loader = new ScenarioLoader();
        Files.writeString(dir.resolve("scenario.yaml"), loader.write(scenario));
        Files.writeString(dir.resolve("seed"), seed + "\n");
        Path nodesDir = Files.createTempDirectory("vellum-sim-nodes");
        try {
            return execute(scenario, seed, dir, nodesDir, replay, progress);
        } finally {
            deleteQuietly(nodesDir);
        }
    }

    private RunOutcome execute(Scenario scenario, long seed, Path dir, Path nodesDir, String replay,
            PrintStream progress) throws IOException, InterruptedException {
        Genesis genesis = SimulationGenesis.build(scenario.workloads());
        boolean signed = scenario.workloads().stream().allMatch(WorkloadSpec::signed);
        ExecutionConfig execution = signed ? ExecutionConfig.DEFAULT : withoutSignatures(ExecutionConfig.DEFAULT);
        long startNs = System.nanoTime();
        long[] workloadStartNs = {Long.MAX_VALUE};
        java.util.function.LongSupplier nowMs = () -> workloadStartNs[0] == Long.MAX_VALUE ? 0
                : (System.nanoTime() - workloadStartNs[0]) / 1_000_000;
        RunObserver observer = new RunObserver(nowMs);
        SimpleMeterRegistry registry = new SimpleMeterRegistry();
        List<String> harnessErrors = new ArrayList<>();
        List<NodeChain> chains = new ArrayList<>();
        FaultInjector injector;
        Sampler sampler;
        Histogram latency;
        long shed;
        try (History history = new History(dir.resolve("history.jsonl"));
                SimCluster cluster = scenario.cluster().mode() == ClusterSpec.Mode.PROCESSES
                        ? ProcessCluster.start(scenario, signed, dir.resolve("nodes"), observer, seed, progress)
                        : InJvmCluster.start(scenario.cluster(), genesis, execution, nodesDir, registry, observer,
                                seed)) {
            progress.printf("[sim] %d nodes up (%s) in %.1f s%n", scenario.cluster().nodes(), cluster.mode(),
                    (System.nanoTime() - startNs) / 1e9);
            awaitLeader(cluster, cluster instanceof ProcessCluster ? ProcessCluster.LEADER_TIMEOUT
                    : Duration.ofSeconds(30));
            sampler = new Sampler(cluster, observer, history, dir.resolve("metrics.csv"));
            injector = new FaultInjector(cluster, scenario.faults(), scenario.durationS(), seed, nowMs, observer,
                    line -> progress.printf("[sim] t=%.1fs %s%n", nowMs.getAsLong() / 1000.0, line),
                    genesis.accounts().get(0).address());
            WorkloadDriver driver = new WorkloadDriver(scenario.workloads(), genesis, seed, history, observer, nowMs,
                    cluster);
            workloadStartNs[0] = System.nanoTime();
            double durationS = scenario.durationS();
            long lastTickNs = workloadStartNs[0];
            double nextSampleS = 1;
            while (true) {
                long now = System.nanoTime();
                double elapsedS = (now - workloadStartNs[0]) / 1e9;
                if (elapsedS >= durationS) {
                    break;
                }
                injector.tick(elapsedS);
                driver.tick(elapsedS, durationS, (now - lastTickNs) / 1e9);
                lastTickNs = now;
                if (elapsedS >= nextSampleS) {
                    progressLine(progress, sampler.sample(elapsedS, injector.active()), cluster);
                    history.flush();
                    nextSampleS += 1;
                }
                Thread.sleep(TICK_MS);
            }
            progress.printf("[sim] t=%.1fs workload done (%d sent); healing every fault%n",
                    nowMs.getAsLong() / 1000.0, history.invoked());
            injector.healAll(120_000);
            for (NodeId id : cluster.ids()) {
                if (!cluster.isRunning(id)) {
                    cluster.restart(id, ProposerFault.NONE);
                }
            }
            long drainUntilNs = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(
                    Math.max(WorkloadDriver.OPERATION_TIMEOUT_MS + 2_000, (long) (scenario.checks().drainS() * 1000)));
            double nextDrainSampleS = nowMs.getAsLong() / 1000.0 + 1;
            while (System.nanoTime() < drainUntilNs) {
                driver.drainCompletions();
                double elapsedS = nowMs.getAsLong() / 1000.0;
                if (elapsedS >= nextDrainSampleS) {
                    progressLine(progress, sampler.sample(elapsedS, injector.active()), cluster);
                    nextDrainSampleS += 1;
                }
                if (driver.inFlight() == 0 && settled(cluster, history, observer)) {
                    break;
                }
                Thread.sleep(50);
            }
            driver.drainCompletions();
            sampler.sample(nowMs.getAsLong() / 1000.0, List.of());
            progress.printf("[sim] t=%.1fs drained: %d in flight, heights %s%n", nowMs.getAsLong() / 1000.0,
                    driver.inFlight(), heights(cluster));
            harnessErrors.addAll(injector.errors());
            for (NodeId id : cluster.runningIds()) {
                try {
                    chains.add(cluster.readChain(id));
                } catch (IOException | RuntimeException e) {
                    harnessErrors.add("the chain of " + id + " could not be read: " + e);
                }
            }
            injector.close();
            sampler.close();
            latency = observer.totalLatency();
            shed = driver.shed();
            history.flush();
            Observations observations = observer.observations();
            RunRecord record = new RunRecord(history.ops(), chains, observations,
                    (long) (scenario.checks().progressBoundS() * 1000));
            List<CheckResult> results = new ArrayList<>();
            for (Checker checker : Checkers.all()) {
                if (scenario.checks().runs(checker.name())) {
                    results.add(CheckResult.of(checker, record));
                }
            }
            boolean valid = harnessErrors.isEmpty() && results.stream().allMatch(CheckResult::valid);
            Map<String, Object> summary = results(scenario, seed, valid, replay, history, observer, latency, shed,
                    results, injector, harnessErrors, chains);
            ObjectMapper json = JsonMapper.builder().enable(SerializationFeature.INDENT_OUTPUT).build();
            Files.writeString(dir.resolve("results.json"), json.writeValueAsString(summary));
            Path report = dir.resolve("report.html");
            new ReportWriter().write(report, scenario, seed, valid, replay, results,
                    sampler.runSamples().stream().map(r -> new ReportWriter.RunPoint(r.tS(), r.finalTps(), r.p50Ms(),
                            r.p90Ms(), r.p99Ms())).toList(),
                    sampler.nodeSamples().stream().map(n -> new ReportWriter.NodePoint(n.tS(), n.node(), n.up(),
                            n.height(), n.term(), n.committerLag(), n.proverDepth())).toList(),
                    injector.windows().stream().map(w -> new ReportWriter.FaultWindow(w.description(), w.startMs(),
                            w.endMs(), w.nodes())).toList(), chains, summary);
            progress.printf("[sim] %s: %s%n", valid ? "VALID" : "INVALID", summary(results, harnessErrors));
            progress.printf("[sim] seed %d; replay with: %s%n", seed, replay);
            progress.printf("[sim] report: %s%n", report.toAbsolutePath());
            return new RunOutcome(valid, seed, dir, report, replay, results, harnessErrors);
        }
    }

    private static ExecutionConfig withoutSignatures(ExecutionConfig c) {
        return new ExecutionConfig(c.gasCosts(), false, c.callDepthMax(), c.transactionL2GasMax(),
                c.calldataLengthMax(), c.signatureLengthMax(), c.eventsPerTransactionMax(), c.eventKeysMax(),
                c.eventDataMax(), c.messagesPerTransactionMax());
    }

    private static void awaitLeader(SimCluster cluster, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            if (cluster.leader().isPresent()) {
                return;
            }
            Thread.sleep(20);
        }
        throw new IllegalStateException("no leader elected within " + timeout);
    }

    /** Every acknowledged transaction final, every node at one height, committers and provers caught up. */
    private static boolean settled(SimCluster cluster, History history, RunObserver observer) {
        for (var op : history.ops()) {
            if (op.type() == io.vellum.simulations.check.Op.Type.ok && !observer.isFinal(op.tx())) {
                return false;
            }
        }
        List<NodeId> running = cluster.runningIds();
        if (running.size() != cluster.ids().size()) {
            return false;
        }
        long height = -1;
        for (NodeId id : running) {
            Optional<SimCluster.NodeView> view = cluster.view(id);
            if (view.isEmpty()) {
                return false;
            }
            long h = view.get().finalHeight();
            if (height >= 0 && h != height) {
                return false;
            }
            height = h;
            if (view.get().committedHeight() < h || view.get().provenHeight() < h) {
                return false;
            }
        }
        return true;
    }

    private static String heights(SimCluster cluster) {
        Map<String, Long> out = new LinkedHashMap<>();
        for (NodeId id : cluster.runningIds()) {
            out.put(id.value(), cluster.view(id).map(SimCluster.NodeView::finalHeight).orElse(-1L));
        }
        return out.toString();
    }

    private static void progressLine(PrintStream progress, Sampler.RunSample sample, SimCluster cluster) {
        long height = cluster.runningIds().stream()
                .mapToLong(id -> cluster.view(id).map(SimCluster.NodeView::finalHeight).orElse(-1L)).max().orElse(-1);
        progress.printf(Locale.ROOT, "[sim] t=%4.0fs height %4d | final %6.0f tx/s | p99 %5s ms | sent %d acked %d "
                        + "unknown %d | leader %s | faults: %s%n", sample.tS(), height, sample.finalTps(),
                sample.p99Ms() < 0 ? "-" : Long.toString(sample.p99Ms()), sample.sent(), sample.acked(),
                sample.unknown(), cluster.leader().map(NodeId::value).orElse("none"),
                sample.faults().isEmpty() ? "none" : String.join("; ", sample.faults()));
    }

    private static Map<String, Object> results(Scenario scenario, long seed, boolean valid, String replay,
            History history, RunObserver observer, Histogram latency, long shed, List<CheckResult> checks,
            FaultInjector injector, List<String> harnessErrors, List<NodeChain> chains) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("scenario", scenario.name());
        out.put("seed", seed);
        out.put("valid", valid);
        out.put("replay", replay);
        out.put("duration_s", scenario.durationS());
        out.put("cluster_mode", scenario.cluster().mode() == ClusterSpec.Mode.PROCESSES ? "processes" : "in-jvm");
        Map<String, Object> counts = new LinkedHashMap<>();
        counts.put("invoked", history.invoked());
        counts.put("acknowledged", history.acked());
        counts.put("failed", history.failed());
        counts.put("unknown", history.unknown());
        counts.put("shed", shed);
        counts.put("final", observer.finalTransactions());
        out.put("operations", counts);
        Map<String, Object> latencyMs = new LinkedHashMap<>();
        if (latency.getTotalCount() > 0) {
            latencyMs.put("p50", latency.getValueAtPercentile(50));
            latencyMs.put("p90", latency.getValueAtPercentile(90));
            latencyMs.put("p99", latency.getValueAtPercentile(99));
            latencyMs.put("max", latency.getMaxValue());
        }
        out.put("send_to_final_latency_ms", latencyMs);
        out.put("final_tps_mean", observer.finalTransactions() / (double) scenario.durationS());
        Map<String, Long> heights = new LinkedHashMap<>();
        for (NodeChain chain : chains) {
            heights.put(chain.node(), chain.height());
        }
        out.put("final_heights", heights);
        Observations observations = observer.observations();
        Map<String, Object> observed = new LinkedHashMap<>();
        observed.put("block_finalized_notifications", observations.finals().size());
        observed.put("rejecting_votes", observations.rejections().size());
        observed.put("halts", observations.halts().size());
        observed.put("lying_nodes", observations.lyingNodes().stream().sorted().toList());
        observed.put("heals_ms", observations.heals());
        out.put("observed", observed);
        out.put("checks", checks);
        out.put("faults", injector.windows());
        out.put("harness_errors", harnessErrors);
        return out;
    }

    private static String summary(List<CheckResult> results, List<String> harnessErrors) {
        StringBuilder out = new StringBuilder();
        for (CheckResult result : results) {
            out.append(result.checker()).append(result.valid() ? " ok" : " FAILED (" + result.anomalyCount() + ")")
                    .append("; ");
        }
        for (String error : harnessErrors) {
            out.append("harness: ").append(error).append("; ");
        }
        return out.toString();
    }

    private static Path defaultDirectory(String name, long seed) throws IOException {
        String stamp = LocalDateTime.now().format(DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss"));
        Path target = Path.of("target");
        if (Files.isDirectory(target)) {
            return target.resolve("simulations").resolve(name + "-" + seed + "-" + stamp);
        }
        return Files.createTempDirectory("vellum-sim-" + name + "-" + seed + "-");
    }

    static void deleteQuietly(Path dir) {
        try (Stream<Path> walk = Files.walk(dir)) {
            walk.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            // a temporary directory: the OS cleans it eventually
        }
    }

}
