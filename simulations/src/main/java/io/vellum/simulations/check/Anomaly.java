package io.vellum.simulations.check;

import java.util.Map;

/**
 * One violation a checker found: what is wrong, and a minimal example (the transaction, the heights, the nodes and
 * the history operations involved).
 */
public record Anomaly(String checker, String message, Map<String, Object> example) {
    public Anomaly {
        example = Map.copyOf(example);
    }
}
