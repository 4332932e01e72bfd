package io.vellum.storage;

import java.nio.charset.StandardCharsets;

/**
 * The store's column families. Every key is fixed width and big-endian where it holds a number, so RocksDB's
 * bytewise order is numeric order. {@code docs/storage.md} has the same table with the value layouts.
 *
 * <p>{@link #id} is written into every value's checksum (with the key), so a value copied under another key or
 * into another column family fails its check. Ids are part of the on-disk format: never reuse or renumber one.
 */
enum ColumnFamily {
    /** RocksDB's own, which every database has; Vellum keeps it empty. */
    DEFAULT("default", 0, Shape.POINT, 0),
    /** Markers: format version, applied Raft term+index, head block, committed heights, queue counters. */
    META("meta", 1, Shape.POINT, 0),

    /** Latest storage: contract(32) ‖ storage key(32) → value. Zero values are deleted. */
    STORAGE("storage", 2, Shape.POINT, 64),
    /** Latest nonces: contract(32) → nonce. */
    NONCES("nonces", 3, Shape.POINT, 32),
    /** Latest class of each contract: contract(32) → class hash. */
    CLASS_HASHES("class_hashes", 4, Shape.POINT, 32),
    /** Declared classes: class hash(32) → compiled class hash. */
    DECLARED_CLASSES("declared_classes", 5, Shape.POINT, 32),

    /** Storage history: contract(32) ‖ storage key(32) ‖ ~block(8) → value written by that block (zero kept). */
    STORAGE_HISTORY("storage_history", 6, Shape.HISTORY, 64),
    /** Nonce history: contract(32) ‖ ~block(8) → nonce set by that block. */
    NONCE_HISTORY("nonce_history", 7, Shape.HISTORY, 32),
    /** Class history: contract(32) ‖ ~block(8) → class hash set by that block. */
    CLASS_HASH_HISTORY("class_hash_history", 8, Shape.HISTORY, 32),
    /** Declaration history: class hash(32) ‖ ~block(8) → compiled class hash declared by that block. */
    DECLARED_CLASS_HISTORY("declared_class_history", 9, Shape.HISTORY, 32),
    /** Each block's state diff: block(8) → the diff, encoded (for the committer and for serving diffs). */
    STATE_DIFFS("state_diffs", 10, Shape.SEQUENTIAL, 0),

    /** Final blocks: block(8) → opaque block bytes. */
    BLOCKS("blocks", 11, Shape.SEQUENTIAL, 0),
    /** Receipts: block(8) → opaque receipt bytes for the whole block. */
    RECEIPTS("receipts", 12, Shape.SEQUENTIAL, 0),
    /** Transaction index: transaction hash(32) → block(8) ‖ position(4). */
    TRANSACTION_INDEX("transaction_index", 13, Shape.POINT, 32),
    /** Commitments, in height order behind finality: block(8) → state root(32) ‖ block hash(32). */
    BLOCK_COMMITMENTS("block_commitments", 14, Shape.SEQUENTIAL, 0),

    /** Trie nodes: node hash(32) → tag ‖ felts (‖ edge length). Content-addressed, only grows. */
    TRIE_NODES("trie_nodes", 15, Shape.POINT, 32),
    /** Latest storage-trie root of each contract: contract(32) → root. A zero root is deleted. */
    CONTRACT_STORAGE_ROOTS("contract_storage_roots", 16, Shape.POINT, 32),
    /** Committed global trie roots: block(8) → contracts-trie root(32) ‖ classes-trie root(32). */
    TRIE_ROOTS("trie_roots", 17, Shape.SEQUENTIAL, 0),

    /** Pending transactions in log order: sequence(8) → hash(32) ‖ opaque transaction bytes. */
    PENDING_TRANSACTIONS("pending_transactions", 18, Shape.SEQUENTIAL, 0),
    /** Pending index: transaction hash(32) → sequence(8). */
    PENDING_INDEX("pending_index", 19, Shape.POINT, 32),

    /** Prover queue: height(8) → job (status, attempts, lease owner and expiry, last failure). */
    PROVER_JOBS("prover_jobs", 20, Shape.SEQUENTIAL, 0);

    /** How a column family is read, which decides its table options. */
    enum Shape {
        /** Point reads by whole key only: whole-key bloom filter, hash memtable. */
        POINT,
        /** Seeks within a fixed-length prefix: prefix extractor, prefix bloom filter, hash memtable. */
        HISTORY,
        /** Keys are increasing numbers, read by point or short range: no filter needed. */
        SEQUENTIAL
    }

    final String columnFamilyName;
    final byte id;
    final Shape shape;
    /**
     * The fixed prefix that RocksDB hashes and filters on: for {@link Shape#HISTORY}, the subject before the
     * inverted block number; for {@link Shape#POINT}, the whole key (0 for {@code meta}, whose keys are names of
     * different lengths).
     */
    final int prefixBytes;

    ColumnFamily(String columnFamilyName, int id, Shape shape, int prefixBytes) {
        this.columnFamilyName = columnFamilyName;
        this.id = (byte) id;
        this.shape = shape;
        this.prefixBytes = prefixBytes;
    }

    byte[] nameBytes() {
        return columnFamilyName.getBytes(StandardCharsets.UTF_8);
    }

    @Override
    public String toString() {
        return columnFamilyName;
    }
}
