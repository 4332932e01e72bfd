/**
 * Starknet's commitments: the binary Patricia-Merkle tries (storage, contracts and classes tries of height 251;
 * height-64 tries for the block's transaction, event and receipt commitments), the global state root, the
 * state-diff commitment, the block hash, and Vellum's proposal commitment.
 *
 * <p>Entry points: {@link io.vellum.blockifier.commitment.PatriciaTrie} (batched incremental updates, builds,
 * reads), {@link io.vellum.blockifier.commitment.StateCommitter} (a block's state commitment),
 * {@link io.vellum.blockifier.commitment.BlockCommitments} and {@link io.vellum.blockifier.commitment.BlockHash}
 * (a block's header commitments), {@link io.vellum.blockifier.commitment.ProposalCommitment} (what the nodes vote
 * on). {@code docs/commitments.md} has every formula.
 *
 * <p>Trie nodes are addressed by their hash and never change ({@link io.vellum.blockifier.commitment.NodeStore});
 * an update returns the new root with the nodes it created, and the caller persists them in its own batch. Work
 * may be spread over threads through {@link io.vellum.blockifier.commitment.Parallelism}; results never depend on
 * it.
 */
package io.vellum.blockifier.commitment;
