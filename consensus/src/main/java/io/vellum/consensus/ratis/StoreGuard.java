package io.vellum.consensus.ratis;

/**
 * Something else that uses the node's store (the committer, the prover) and must stay off it while a snapshot
 * replaces its contents: {@link #pauseStoreUse} returns once it no longer touches the store; {@link #resumeStoreUse}
 * lets it go on (it then sees the replaced contents). Called on the Ratis updater thread; must not call into the
 * node's core.
 */
public interface StoreGuard {

    void pauseStoreUse();

    void resumeStoreUse();
}
