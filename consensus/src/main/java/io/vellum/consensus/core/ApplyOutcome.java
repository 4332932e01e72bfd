package io.vellum.consensus.core;

import java.util.List;
import java.util.Objects;

/** The result of applying one entry: the writes to commit with its index, then the actions to perform. */
public record ApplyOutcome(StoreWrites writes, List<Action> actions) {
    public ApplyOutcome {
        Objects.requireNonNull(writes, "writes");
        actions = List.copyOf(actions);
    }
}
