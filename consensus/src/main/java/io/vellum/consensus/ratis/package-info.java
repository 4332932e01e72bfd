/**
 * The Apache Ratis adapter around the protocol core: the state machine that applies log entries through
 * {@link io.vellum.consensus.core.SequencerCore} and commits what they change to the
 * {@link io.vellum.consensus.store.CoreStore} before Ratis acknowledges them, the single FIFO dispatcher that performs
 * the core's actions (submitting entries, building blocks, transferring leadership, notifying observers), the
 * ticker, and snapshots made of store checkpoints.
 *
 * <p>Threads and locks are described in {@code docs/consensus-node.md}.
 */
package io.vellum.consensus.ratis;
