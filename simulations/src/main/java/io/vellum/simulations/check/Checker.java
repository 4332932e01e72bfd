package io.vellum.simulations.check;

import java.util.List;

/** An invariant checked over a run's history, the nodes' final chains and what the run observed. */
public interface Checker {

    /** Its name in scenario files and results ({@code no-lost}, ...). */
    String name();

    /** Every violation found (empty: the invariant held). */
    List<Anomaly> check(RunRecord run);
}
