package io.vellum.simulations.run;

import io.vellum.simulations.check.CheckResult;
import java.nio.file.Path;
import java.util.List;

/**
 * What a run produced.
 *
 * @param valid every checker passed and every fault ran
 * @param seed the seed it ran with
 * @param directory the run directory
 * @param report its {@code report.html}
 * @param replay the command that runs it again
 * @param checks each checker's verdict
 * @param harnessErrors faults that could not be injected, and other failures of the harness itself
 */
public record RunOutcome(boolean valid, long seed, Path directory, Path report, String replay,
        List<CheckResult> checks, List<String> harnessErrors) {
    public RunOutcome {
        checks = List.copyOf(checks);
        harnessErrors = List.copyOf(harnessErrors);
    }
}
