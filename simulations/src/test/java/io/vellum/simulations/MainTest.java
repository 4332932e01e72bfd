package io.vellum.simulations;

import static org.assertj.core.api.Assertions.assertThat;

import io.vellum.simulations.scenario.Scenario;
import io.vellum.simulations.scenario.ScenarioLibrary;
import io.vellum.simulations.scenario.ScenarioLoader;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The command line without clusters: usage errors, bad scenarios, generate, list. */
class MainTest {
    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    private int run(String... args) {
        return Main.execute(args, new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
    }

    private String errors() {
        return err.toString(StandardCharsets.UTF_8);
    }

    @Test
    void badScenarioFileExitsTwoNamingFileAndKey(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("bad.yaml");
        Files.writeString(file, "name: bad\ncluster: {nodes: 3, speed: 11}\n");
        assertThat(run("run", file.toString())).isEqualTo(2);
        assertThat(errors()).contains("bad.yaml").contains("cluster").contains("speed");
    }

    @Test
    void unknownScenarioNameExitsTwo() {
        assertThat(run("run", "no-such-scenario")).isEqualTo(2);
        assertThat(errors()).contains("not a library scenario");
    }

    @Test
    void aPauseInOneJvmIsRefusedClearly(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("pause.yaml");
        Files.writeString(file, "name: pause\nfaults: [{at_s: 1, kind: pause}]\n");
        assertThat(run("run", file.toString(), "--out", dir.resolve("out").toString())).isEqualTo(2);
        assertThat(errors()).contains("pause.yaml").contains("faults[0].kind").contains("cluster.mode: processes");
    }

    @Test
    void unknownOptionExitsTwo() {
        assertThat(run("run", "quickstart", "--sed", "3")).isEqualTo(2);
    }

    @Test
    void generateWritesALoadableScenarioWithTheDrawnFaults(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("gen.yaml");
        assertThat(run("generate", "--seed", "9", "--faults", "3", "--duration-s", "40", "--out", file.toString()))
                .isZero();
        Scenario scenario = new ScenarioLoader().load(file);
        assertThat(scenario.seed()).isEqualTo(9L);
        assertThat(scenario.faults()).hasSize(3);
        assertThat(scenario.generator()).isEmpty();
        Path again = dir.resolve("again.yaml");
        assertThat(run("generate", "--seed", "9", "--faults", "3", "--duration-s", "40", "--out", again.toString()))
                .isZero();
        assertThat(Files.readString(again)).isEqualTo(Files.readString(file));
    }

    @Test
    void generateRefusesAnUnknownKind() {
        assertThat(run("generate", "--seed", "1", "--kinds", "crash,meteor")).isEqualTo(2);
        assertThat(errors()).contains("meteor");
    }

    @Test
    void everyLibraryScenarioLoadsFromTheClasspath() throws Exception {
        for (String name : ScenarioLibrary.NAMES) {
            assertThat(new ScenarioLibrary().load(name).name()).isEqualTo(name);
        }
    }
}
