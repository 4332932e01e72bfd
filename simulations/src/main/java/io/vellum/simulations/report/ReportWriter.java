package io.vellum.simulations.report;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import io.vellum.simulations.check.Anomaly;
import io.vellum.simulations.check.BlockRecord;
import io.vellum.simulations.check.CheckResult;
import io.vellum.simulations.check.NodeChain;
import io.vellum.simulations.scenario.Scenario;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.ToDoubleFunction;

/**
 * Writes {@code report.html}: one self-contained page (inline SVG, no script, nothing fetched) with the verdict,
 * each checker's result and examples, the plots (throughput and latency percentiles with fault windows shaded, per
 * node height and term, why blocks closed, committer and prover lag) and the fault timeline.
 */
public final class ReportWriter {

    /** A fault window for the shading: start and end in milliseconds since the workload started (end -1: open). */
    public record FaultWindow(String description, long startMs, long endMs, List<String> nodes) {
    }

    /** One node at one sample. */
    public record NodePoint(double tS, String node, boolean up, long height, long term, long committerLag,
            long proverDepth) {
    }

    /** The whole run at one sample. */
    public record RunPoint(double tS, double finalTps, long p50Ms, long p90Ms, long p99Ms) {
    }

    public void write(Path file, Scenario scenario, long seed, boolean valid, String replay, List<CheckResult> checks,
            List<RunPoint> run, List<NodePoint> nodes, List<FaultWindow> faults, List<NodeChain> chains,
            Map<String, Object> summary) throws IOException {
        double xMax = 0;
        for (RunPoint point : run) {
            xMax = Math.max(xMax, point.tS());
        }
        List<Svg.Shade> shades = new ArrayList<>();
        for (FaultWindow window : faults) {
            double end = window.endMs() < 0 ? xMax : window.endMs() / 1000.0;
            shades.add(new Svg.Shade(window.startMs() / 1000.0, end, window.description() + " " + window.nodes()));
        }
        StringBuilder html = new StringBuilder();
        html.append("<!DOCTYPE html>\n<html lang='en'><head><meta charset='utf-8'><title>Vellum simulation: ")
                .append(Svg.escape(scenario.name())).append("</title>\n<style>body{font-family:sans-serif;margin:24px;"
                        + "max-width:900px}table{border-collapse:collapse}td,th{border:1px solid #ccc;padding:3px 8px;"
                        + "font-size:13px;text-align:left}.ok{color:#1a7f37}.bad{color:#cf222e;font-weight:bold}"
                        + "pre{background:#f6f8fa;padding:8px;overflow-x:auto;font-size:12px}</style></head><body>\n");
        html.append("<h1>").append(Svg.escape(scenario.name())).append(": <span class='")
                .append(valid ? "ok'>VALID" : "bad'>INVALID").append("</span></h1>\n");
        html.append("<p>").append(Svg.escape(scenario.description())).append("</p>\n");
        html.append("<p>Seed <b>").append(seed).append("</b>; ").append(scenario.durationS()).append(" s, ")
                .append(scenario.cluster().nodes()).append(" nodes. Replay: <code>").append(Svg.escape(replay))
                .append("</code></p>\n");
        ObjectMapper json = JsonMapper.builder().enable(SerializationFeature.INDENT_OUTPUT).build();
        Map<String, Object> brief = new LinkedHashMap<>();
        for (String key : List.of("operations", "send_to_final_latency_ms", "final_tps_mean", "final_heights",
                "observed", "harness_errors")) {
            brief.put(key, summary.get(key));
        }
        html.append("<pre>").append(Svg.escape(json.writeValueAsString(brief))).append("</pre>\n");

        html.append("<h2>Checks</h2>\n<table><tr><th>checker</th><th>verdict</th><th>anomalies</th></tr>\n");
        for (CheckResult check : checks) {
            html.append("<tr><td>").append(check.checker()).append("</td><td class='")
                    .append(check.valid() ? "ok'>ok" : "bad'>FAILED").append("</td><td>").append(check.anomalyCount())
                    .append("</td></tr>\n");
        }
        html.append("</table>\n");
        for (CheckResult check : checks) {
            for (Anomaly anomaly : check.examples()) {
                html.append("<p class='bad'>").append(Svg.escape(check.checker() + ": " + anomaly.message()))
                        .append("</p><pre>").append(Svg.escape(json.writeValueAsString(anomaly.example())))
                        .append("</pre>\n");
            }
        }

        html.append("<h2>Throughput and latency</h2>\n");
        html.append(Svg.lineChart("Transactions first final per second (fault windows shaded)", "tx/s", xMax,
                List.of(new Svg.Series("final tx/s", points(run, p -> p.finalTps()))), shades, false));
        html.append(Svg.lineChart("Send-to-final latency of the transactions final in each second", "ms", xMax,
                List.of(new Svg.Series("p50", points(run, p -> p.p50Ms())),
                        new Svg.Series("p90", points(run, p -> p.p90Ms())),
                        new Svg.Series("p99", points(run, p -> p.p99Ms()))), shades, false));

        html.append("<h2>Nodes</h2>\n");
        html.append(Svg.lineChart("Final height per node (gaps: node down)", "height", xMax,
                perNode(nodes, p -> p.up() ? p.height() : -1), shades, true));
        html.append(Svg.lineChart("Term of the last final block per node", "term", xMax,
                perNode(nodes, p -> p.up() ? p.term() : -1), shades, true));
        html.append(Svg.lineChart("Committer lag per node", "blocks", xMax,
                perNode(nodes, p -> p.up() ? p.committerLag() : -1), shades, true));
        html.append(Svg.lineChart("Prover queue depth per node (final blocks not yet proven)", "blocks", xMax,
                perNode(nodes, p -> p.up() ? p.proverDepth() : -1), shades, true));

        html.append("<h2>Why blocks closed</h2>\n");
        Map<String, Long> reasons = new TreeMap<>();
        long transactions = 0;
        if (!chains.isEmpty()) {
            for (BlockRecord block : chains.get(0).blocks()) {
                reasons.merge(block.closeReason(), 1L, Long::sum);
                transactions += block.transactions().size();
            }
            html.append("<p>").append(chains.get(0).blocks().size()).append(" blocks, ").append(transactions)
                    .append(" transactions included (as stored by ").append(chains.get(0).node()).append(").</p>\n");
        }
        html.append(Svg.barChart("Blocks by close reason", reasons));

        html.append("<h2>Faults</h2>\n<table><tr><th>fault</th><th>nodes</th><th>from (s)</th><th>to (s)</th></tr>\n");
        for (FaultWindow window : faults) {
            html.append("<tr><td>").append(Svg.escape(window.description())).append("</td><td>")
                    .append(Svg.escape(String.valueOf(window.nodes()))).append("</td><td>")
                    .append(String.format("%.1f", window.startMs() / 1000.0)).append("</td><td>")
                    .append(window.endMs() < 0 ? "-" : String.format("%.1f", window.endMs() / 1000.0))
                    .append("</td></tr>\n");
        }
        html.append("</table>\n<p>Files beside this report: scenario.yaml (as run, seed and generated faults written "
                + "out), history.jsonl, results.json, metrics.csv.</p>\n</body></html>\n");
        Files.writeString(file, html.toString(), StandardCharsets.UTF_8);
    }

    private static List<double[]> points(List<RunPoint> run, ToDoubleFunction<RunPoint> value) {
        List<double[]> out = new ArrayList<>();
        for (RunPoint point : run) {
            out.add(new double[] {point.tS(), value.applyAsDouble(point)});
        }
        return out;
    }

    private static List<Svg.Series> perNode(List<NodePoint> samples, ToDoubleFunction<NodePoint> value) {
        TreeSet<String> names = new TreeSet<>();
        for (NodePoint sample : samples) {
            names.add(sample.node());
        }
        List<Svg.Series> out = new ArrayList<>();
        for (String name : names) {
            List<double[]> points = new ArrayList<>();
            for (NodePoint sample : samples) {
                if (sample.node().equals(name)) {
                    points.add(new double[] {sample.tS(), value.applyAsDouble(sample)});
                }
            }
            out.add(new Svg.Series(name, points));
        }
        return out;
    }
}
