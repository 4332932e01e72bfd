package io.vellum.simulations.scenario;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * The scenario library: the files of {@code simulations/scenarios/}, packaged on the classpath under
 * {@code scenarios/}. A scenario argument is a file if one exists at that path, else a library name.
 */
public final class ScenarioLibrary {
    /** Every library scenario, quickstart first. */
    public static final List<String> NAMES = List.of("quickstart", "leader-crash", "minority-partition",
            "leader-isolated", "lossy-links", "wan-latency", "lying-proposer", "rolling-restart", "slow-prover",
            "node-joining", "hot-contention", "long-soak", "process-crash", "process-pause");

    private final ScenarioLoader loader = new ScenarioLoader();

    /** Loads a scenario file, or a library scenario by name. */
    public Scenario load(String fileOrName) throws ScenarioException {
        Path path = Path.of(fileOrName);
        if (Files.isRegularFile(path)) {
            return loader.load(path);
        }
        String name = fileOrName.endsWith(".yaml") ? fileOrName.substring(0, fileOrName.length() - 5) : fileOrName;
        if (!NAMES.contains(name)) {
            throw new ScenarioException(fileOrName, "", "no such file, and not a library scenario (known: " + NAMES
                    + ")", null);
        }
        return loader.loadResource("scenarios/" + name + ".yaml");
    }
}
