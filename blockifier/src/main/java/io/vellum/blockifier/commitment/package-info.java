/**
 * Starknet's commitments: the binary Patricia-Merkle tries (storage, contracts and classes tries of height 251;
 * height-64 tries for the block's transaction, event and receipt commitments), the global state root, the
 * state-diff commitment, the block hash, and Vellum's proposal commitment.
 *
 * <p>Trie nodes are addressed by their hash and never change ({@link io.vellum.blockifier.commitment.NodeStore});
 * an update returns the new root with the nodes it created, and the caller persists them in its own batch.
 */
package io.vellum.blockifier.commitment;
