package io.vellum.simulations.report;

import static org.assertj.core.api.Assertions.assertThat;

import io.vellum.simulations.check.Anomaly;
import io.vellum.simulations.check.BlockRecord;
import io.vellum.simulations.check.CheckResult;
import io.vellum.simulations.check.NodeChain;
import io.vellum.simulations.scenario.Scenario;
import io.vellum.simulations.scenario.ScenarioLoader;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The report is one self-contained page whose charts are well-formed SVG, with the fault windows shaded. */
class ReportWriterTest {

    @Test
    void writesWellFormedSelfContainedChartsWithShadedFaults(@TempDir Path dir) throws Exception {
        Scenario scenario = new ScenarioLoader().parse("r.yaml", "name: r\ndescription: a & b\n");
        List<ReportWriter.RunPoint> run = new ArrayList<>();
        List<ReportWriter.NodePoint> nodes = new ArrayList<>();
        for (int t = 1; t <= 30; t++) {
            run.add(new ReportWriter.RunPoint(t, t < 10 || t > 15 ? 100 : 0, t % 7 == 0 ? -1 : 300, 600, 900));
            for (String node : List.of("n0", "n1", "n2")) {
                boolean down = node.equals("n1") && t >= 10 && t <= 15;
                nodes.add(new ReportWriter.NodePoint(t, node, !down, down ? -1 : 4L * t, down ? -1 : 2, 0, 1));
            }
        }
        List<ReportWriter.FaultWindow> faults = List.of(new ReportWriter.FaultWindow("crash leader", 10_000, 15_500,
                List.of("n1")));
        NodeChain chain = new NodeChain("n0", List.of(new BlockRecord(1, 2, "n0", "pc", "c", List.of("0x1"),
                List.of(), "r", "h", "INTERVAL_ELAPSED", 1, "PROVEN", 1)));
        CheckResult failed = new CheckResult("no-lost", false, 1, List.of(new Anomaly("no-lost",
                "acknowledged transaction final on no node", Map.of("tx", "0x<1>"))));
        Path file = dir.resolve("report.html");
        new ReportWriter().write(file, scenario, 7, false, "./vellum sim run r --seed 7", List.of(failed), run, nodes,
                faults, List.of(chain), Map.of("operations", Map.of("invoked", 3)));

        String html = Files.readString(file);
        assertThat(html).contains("INVALID", "--seed 7", "a &amp; b", "0x&lt;1&gt;", "INTERVAL_ELAPSED")
                .doesNotContain("<script", "src=", "href=", "@import");
        Matcher svgs = Pattern.compile("<svg.*?</svg>", Pattern.DOTALL).matcher(html);
        int count = 0;
        while (svgs.find()) {
            count++;
            DocumentBuilderFactory.newInstance().newDocumentBuilder()
                    .parse(new ByteArrayInputStream(svgs.group().getBytes(StandardCharsets.UTF_8)));
        }
        assertThat(count).isEqualTo(7);
        assertThat(html).contains("<title>crash leader [n1]</title>");
        // Throughput, latency, height, term, committer, prover: six line charts, each with the fault shaded.
        assertThat(html.split("fill='#f4a582'", -1)).hasSize(7);
    }
}
