package io.vellum.consensus.ratis;

import io.vellum.consensus.core.Action;
import java.util.List;

/**
 * Where the state machine hands the core's actions, in the order the core produced them. Called with the core lock
 * held, so it must not block for long and must never call back into the core.
 */
@FunctionalInterface
public interface ActionSink {

    /** Actions of the core of {@code generation} (it changes when a snapshot replaces the core). */
    void accept(long generation, List<Action> actions);
}
