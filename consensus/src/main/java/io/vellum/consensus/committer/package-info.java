/**
 * The committer: for every final block, in height order and off the apply path, the Patricia-Merkle state tries,
 * the global state root and the Starknet block hash, written with the block's proving job in one atomic batch
 * ({@link io.vellum.consensus.committer.Committer}). {@code docs/committer-and-prover.md} describes it.
 */
package io.vellum.consensus.committer;
