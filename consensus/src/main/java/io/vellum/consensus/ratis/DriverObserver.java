package io.vellum.consensus.ratis;

import io.vellum.proposer.NodeId;

/**
 * What the driver reports for metrics, besides the core's notifications. Called on the thread that did the work
 * (the apply thread, the build thread); implementations must be quick and must not throw.
 */
public interface DriverObserver {

    /** A proposal entry was applied: the core re-executed it (or ignored it) in {@code nanos}. */
    default void proposalApplied(long nanos) {
    }

    /** A build for height {@code height} finished ({@code ok}) or failed after {@code nanos}. */
    default void blockBuilt(long height, long nanos, boolean ok) {
    }

    /** Raft reported a new leader. */
    default void leaderChanged(long term, NodeId leader) {
    }

    /**
     * The leader of the current term serves requests: this node applied a configuration entry of that term (a new
     * leader's first entry is one, so it is committed). Until then a write sent to a new leader may be refused as
     * "not ready", which makes Ratis' ordered client close its stream and try another peer at random.
     * {@code leader} null: the leader changed and the new one (if any is known) does not serve yet.
     */
    default void leaderServing(NodeId leader) {
    }

    /** An entry the core asked for could not be sent (window full too long, or every retry failed). */
    default void submitFailed() {
    }

    /** A snapshot was taken ({@code installed} false) or installed from the leader ({@code installed} true). */
    default void snapshot(long index, boolean installed) {
    }

    DriverObserver NONE = new DriverObserver() {
    };
}
