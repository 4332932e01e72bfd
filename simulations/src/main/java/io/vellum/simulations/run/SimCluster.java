package io.vellum.simulations.run;

import io.vellum.blockifier.transaction.ExecutableTransaction;
import io.vellum.consensus.node.NodeStateException;
import io.vellum.consensus.node.Ordering;
import io.vellum.consensus.node.OverloadedException;
import io.vellum.proposer.NodeId;
import io.vellum.proposer.builder.ProposerFault;
import io.vellum.simulations.check.NodeChain;
import io.vellum.simulations.faults.LinkControl;
import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;

/**
 * What the scenario runner needs from a cluster, whatever runs its nodes: this JVM ({@link InJvmCluster}) or
 * separate OS processes ({@link ProcessCluster}). The runner, the workload driver, the fault injector, the sampler
 * and the checkers see only this.
 *
 * <p>Failure model: a node may be down, paused or unreachable at any moment; views then say so (empty or not up)
 * rather than throw. Operations a kind of cluster cannot do throw {@link UnsupportedOperationException} (the scenario
 * loader refuses such scenarios earlier, see {@code FaultSpec.validateAgainst}).
 */
public interface SimCluster extends AutoCloseable {

    /**
     * One node as last seen.
     *
     * @param role {@code leader}, {@code follower} (or another role a node reports, lower case)
     * @param finalHeight its highest final block
     * @param term the term of its last final block's proposal (0 before the first block; -1 if unknown)
     * @param pending transactions in its mempool (-1 if unknown)
     * @param committedHeight highest block whose state root and hash are computed
     * @param committerLag final height minus committed height
     * @param proverDepth proving jobs not yet proven
     * @param provenHeight every block up to here is proven
     */
    record NodeView(String role, long finalHeight, long term, long pending, long committedHeight, long committerLag,
            long proverDepth, long provenHeight) {
        boolean leader() {
            return "leader".equals(role);
        }
    }

    /** "in-jvm" or "processes", for progress lines. */
    String mode();

    /** Every node configured so far (joined ones too), in id order. */
    List<NodeId> ids();

    /** The nodes that run now (started and not crashed; a paused process counts as running), in id order. */
    List<NodeId> runningIds();

    default boolean isRunning(NodeId id) {
        return runningIds().contains(id);
    }

    /** Which start of the node this is (1 for the first, 2 after a restart ...; 0 if never started). */
    int incarnation(NodeId id);

    /** A running node's view; empty if it is down, paused or does not answer. */
    Optional<NodeView> view(NodeId id);

    /** The node some running node leads as, if any. */
    Optional<NodeId> leader();

    /** The proposer of the proposal open now, if the cluster can tell. */
    default Optional<NodeId> openProposer() {
        return Optional.empty();
    }

    /**
     * Submits transactions through node {@code id}; one future per transaction: {@link Ordering} when the node
     * answered, or completed exceptionally when the outcome is unknown (the transaction may have been ordered).
     *
     * @throws OverloadedException the node refused the whole call as overloaded (nothing was ordered)
     * @throws NodeStateException the node does not run (nothing was ordered)
     */
    List<CompletableFuture<Ordering>> submit(NodeId id, List<ExecutableTransaction> transactions)
            throws OverloadedException;

    /** Crashes a node (its directory stays); nothing if it does not run. */
    void crash(NodeId id);

    /** Starts a stopped node again from its directory, optionally with a lying proposer. */
    void restart(NodeId id, ProposerFault fault) throws IOException, InterruptedException;

    /** Starts node {@code n<index>} empty and makes it a voter through the leader. */
    void join(int index) throws IOException, InterruptedException;

    /** Freezes a running node without stopping it (SIGSTOP). */
    default void pause(NodeId id) throws IOException, InterruptedException {
        throw new UnsupportedOperationException("pause needs cluster.mode: processes");
    }

    /** Lets a paused node run again (SIGCONT). */
    default void resume(NodeId id) throws IOException, InterruptedException {
        throw new UnsupportedOperationException("pause needs cluster.mode: processes");
    }

    /** The links between the nodes, for network faults. */
    LinkControl links();

    /** Moves a node's clock by {@code offsetMs} from the real time (0: none). */
    void setClockOffset(NodeId id, long offsetMs) throws IOException;

    /** Pauses or resumes a node's simulated prover. */
    void setProverPaused(NodeId id, boolean paused);

    /** Asks the leader {@code leader} to hand leadership to {@code target}. */
    void transferLeadership(NodeId leader, NodeId target, Duration timeout) throws IOException;

    /** A running node's final chain, for the checkers (read after the drain). */
    NodeChain readChain(NodeId id) throws IOException;

    /** Stops every node this cluster started. */
    @Override
    void close();
}
