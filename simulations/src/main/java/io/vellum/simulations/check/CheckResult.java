package io.vellum.simulations.check;

import java.util.List;

/**
 * One checker's verdict: valid or not, how many anomalies, and the first few as examples.
 *
 * @param checker its name
 * @param valid true when nothing was found
 * @param anomalyCount how many anomalies in all
 * @param examples at most {@link #EXAMPLES_MAX} of them
 */
public record CheckResult(String checker, boolean valid, int anomalyCount, List<Anomaly> examples) {
    public static final int EXAMPLES_MAX = 5;

    public CheckResult {
        examples = List.copyOf(examples);
    }

    /** Runs {@code checker} over {@code run}. */
    public static CheckResult of(Checker checker, RunRecord run) {
        List<Anomaly> anomalies = checker.check(run);
        return new CheckResult(checker.name(), anomalies.isEmpty(), anomalies.size(),
                anomalies.subList(0, Math.min(EXAMPLES_MAX, anomalies.size())));
    }
}
