package io.vellum.consensus.ratis;

import io.vellum.consensus.core.SequencerCore;
import io.vellum.consensus.store.CoreStore;

/** Builds the core from what the store holds: at start, and after a snapshot replaced the store. */
@FunctionalInterface
public interface CoreFactory {
    SequencerCore create(CoreStore.Stored stored, long nowMs);
}
