/**
 * Durable node state on RocksDB: final blocks and receipts, the transaction index, flat latest state with
 * per-block history (state after any height is readable), trie nodes and roots, the pending-transaction queue, the
 * prover queue and the last applied Raft index.
 *
 * <p>Entry points: {@link io.vellum.storage.Store} (open, read, checkpoint), {@link io.vellum.storage.ApplyBatch}
 * (every write, one atomic RocksDB write batch), {@link io.vellum.storage.StateView} (blockifier's
 * {@code StateReader} over the latest state or any past block) and {@link io.vellum.storage.StoreOptions}
 * (durability). Every value carries a format version and a CRC32C checked on each read; operating errors are the
 * {@link io.vellum.storage.StorageException} subclasses. Column families, key layouts and guarantees are in
 * {@code docs/storage.md}.
 */
package io.vellum.storage;
