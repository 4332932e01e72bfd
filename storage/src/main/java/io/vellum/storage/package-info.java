/**
 * Durable node state on RocksDB: blocks, receipts, the transaction index, flat latest state with per-block
 * history, trie nodes, the pending-transaction queue, the prover queue and the last applied Raft index, every
 * apply committed as one atomic write batch.
 *
 * <p>Nothing lives here yet; the storage work fills this package.
 */
package io.vellum.storage;
