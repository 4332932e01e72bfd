/**
 * The protocol core's durable side: {@link io.vellum.consensus.store.CoreStore}, what a node stored and one atomic
 * write per applied entry, with checkpoints for Raft snapshots.
 */
package io.vellum.consensus.store;
