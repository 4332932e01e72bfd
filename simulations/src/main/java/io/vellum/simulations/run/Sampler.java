package io.vellum.simulations.run;

import io.vellum.proposer.NodeId;
import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.HdrHistogram.Histogram;

/**
 * Samples the cluster about every second: per node its height, term (of its last final block), role, pending
 * transactions, committer lag and prover queue depth; for the whole run the transactions first final in the last
 * second and their latency percentiles. Writes {@code metrics.csv} and keeps the series for the report. Runs on the
 * runner's thread only.
 */
final class Sampler implements AutoCloseable {
    static final String HEADER = "t_s,node,up,role,height,term,pending,committer_lag,prover_depth,proven_height,"
            + "final_tps,latency_p50_ms,latency_p90_ms,latency_p99_ms,sent,acked,unknown";

    /** One node at one sample. */
    record NodeSample(double tS, String node, boolean up, String role, long height, long term, long pending,
            long committerLag, long proverDepth, long provenHeight) {
    }

    /** The whole run at one sample. */
    record RunSample(double tS, double finalTps, long p50Ms, long p90Ms, long p99Ms, long sent, long acked,
            long unknown, List<String> faults) {
    }

    private final SimCluster cluster;
    private final RunObserver observer;
    private final History history;
    private final BufferedWriter csv;
    private final List<NodeSample> nodeSamples = new ArrayList<>();
    private final List<RunSample> runSamples = new ArrayList<>();
    private double lastTS;

    Sampler(SimCluster cluster, RunObserver observer, History history, Path file) throws IOException {
        this.cluster = cluster;
        this.observer = observer;
        this.history = history;
        this.csv = Files.newBufferedWriter(file, StandardCharsets.UTF_8);
        csv.write(HEADER);
        csv.newLine();
    }

    /** Takes one sample at {@code tS} seconds; returns the run sample (for the progress line). */
    RunSample sample(double tS, List<String> faults) throws IOException {
        Histogram window = observer.takeWindow();
        double seconds = Math.max(0.001, tS - lastTS);
        lastTS = tS;
        RunSample run = new RunSample(tS, window.getTotalCount() / seconds, percentile(window, 50),
                percentile(window, 90), percentile(window, 99), history.invoked(), history.acked(), history.unknown(),
                faults);
        runSamples.add(run);
        for (NodeId id : cluster.ids()) {
            NodeSample sample = sampleNode(tS, id);
            nodeSamples.add(sample);
            csv.write(String.format(Locale.ROOT, "%.1f,%s,%d,%s,%d,%d,%d,%d,%d,%d,%.1f,%d,%d,%d,%d,%d,%d", tS,
                    sample.node(), sample.up() ? 1 : 0, sample.role(), sample.height(), sample.term(),
                    sample.pending(), sample.committerLag(), sample.proverDepth(), sample.provenHeight(),
                    run.finalTps(), run.p50Ms(), run.p90Ms(), run.p99Ms(), run.sent(), run.acked(), run.unknown()));
            csv.newLine();
        }
        csv.flush();
        return run;
    }

    private static long percentile(Histogram histogram, double percentile) {
        return histogram.getTotalCount() == 0 ? -1 : histogram.getValueAtPercentile(percentile);
    }

    private NodeSample sampleNode(double tS, NodeId id) {
        if (!cluster.isRunning(id)) {
            return new NodeSample(tS, id.value(), false, "down", -1, -1, -1, -1, -1, -1);
        }
        return cluster.view(id).map(v -> new NodeSample(tS, id.value(), true, v.role(), v.finalHeight(), v.term(),
                v.pending(), v.committerLag(), v.proverDepth(), v.provenHeight()))
                .orElseGet(() -> new NodeSample(tS, id.value(), false, "unreachable", -1, -1, -1, -1, -1, -1));
    }

    List<NodeSample> nodeSamples() {
        return List.copyOf(nodeSamples);
    }

    List<RunSample> runSamples() {
        return List.copyOf(runSamples);
    }

    @Override
    public void close() throws IOException {
        csv.close();
    }
}
