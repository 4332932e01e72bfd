package io.vellum.storage;

import org.rocksdb.ReadOptions;
import org.rocksdb.RocksDBException;
import org.rocksdb.WriteBatch;

/**
 * The store's counters and high-water marks, kept in the {@code meta} column family, one key each, and changed
 * only inside a batch, in the same atomic write as what they count. {@code -1} means "none yet".
 *
 * @param appliedIndex the last applied Raft entry, or {@code null}
 * @param head the highest stored block
 * @param committed the highest block with a recorded commitment (state root and block hash)
 * @param trieHeight the highest block with recorded trie roots
 * @param pendingNextSequence the sequence the next pending transaction gets
 * @param pendingCount how many transactions are pending
 * @param proverNextHeight the height the next proving job must have
 * @param proverLowestUnproven every job below this height is proven
 */
record Markers(AppliedIndex appliedIndex, long head, long committed, long trieHeight, long pendingNextSequence,
               long pendingCount, long proverNextHeight, long proverLowestUnproven) {
    static final Markers EMPTY = new Markers(null, -1, -1, -1, 0, 0, 0, 0);

    static final String FORMAT_VERSION = "format_version";
    static final String APPLIED_INDEX = "applied_index";
    static final String HEAD = "head_block";
    static final String COMMITTED = "committed_block";
    static final String TRIE_HEIGHT = "trie_block";
    static final String PENDING_NEXT_SEQUENCE = "pending_next_sequence";
    static final String PENDING_COUNT = "pending_count";
    static final String PROVER_NEXT_HEIGHT = "prover_next_height";
    static final String PROVER_LOWEST_UNPROVEN = "prover_lowest_unproven";

    Markers {
        assert head >= -1 && committed >= -1 && trieHeight >= -1 : "heights";
        assert committed <= head && trieHeight <= head : "commitments behind the head";
        assert pendingNextSequence >= 0 && pendingCount >= 0 && pendingCount <= pendingNextSequence : "pending";
        assert proverLowestUnproven >= 0 && proverLowestUnproven <= proverNextHeight : "prover";
        assert proverNextHeight <= head + 1 : "proving jobs only for stored blocks";
    }

    Markers withAppliedIndex(AppliedIndex value) {
        return new Markers(value, head, committed, trieHeight, pendingNextSequence, pendingCount, proverNextHeight,
                proverLowestUnproven);
    }

    Markers withHead(long value) {
        return new Markers(appliedIndex, value, committed, trieHeight, pendingNextSequence, pendingCount,
                proverNextHeight, proverLowestUnproven);
    }

    Markers withCommitted(long value) {
        return new Markers(appliedIndex, head, value, trieHeight, pendingNextSequence, pendingCount,
                proverNextHeight, proverLowestUnproven);
    }

    Markers withTrieHeight(long value) {
        return new Markers(appliedIndex, head, committed, value, pendingNextSequence, pendingCount,
                proverNextHeight, proverLowestUnproven);
    }

    Markers withPending(long nextSequence, long count) {
        return new Markers(appliedIndex, head, committed, trieHeight, nextSequence, count, proverNextHeight,
                proverLowestUnproven);
    }

    Markers withProver(long nextHeight, long lowestUnproven) {
        return new Markers(appliedIndex, head, committed, trieHeight, pendingNextSequence, pendingCount, nextHeight,
                lowestUnproven);
    }

    /** Reads the markers as the database (or a snapshot of it) holds them. */
    static Markers load(Db db, ReadOptions readOptions) {
        Payload applied = db.get(ColumnFamily.META, readOptions, Keys.meta(APPLIED_INDEX));
        AppliedIndex appliedIndex = null;
        if (applied != null) {
            long term = applied.u64();
            long index = applied.u64();
            applied.end();
            if (term < 0 || index < 0) {
                throw applied.corrupt("negative applied index");
            }
            appliedIndex = new AppliedIndex(term, index);
        }
        return new Markers(appliedIndex,
                number(db, readOptions, HEAD, -1),
                number(db, readOptions, COMMITTED, -1),
                number(db, readOptions, TRIE_HEIGHT, -1),
                number(db, readOptions, PENDING_NEXT_SEQUENCE, 0),
                number(db, readOptions, PENDING_COUNT, 0),
                number(db, readOptions, PROVER_NEXT_HEIGHT, 0),
                number(db, readOptions, PROVER_LOWEST_UNPROVEN, 0));
    }

    static long number(Db db, ReadOptions readOptions, String name, long absent) {
        Payload payload = db.get(ColumnFamily.META, readOptions, Keys.meta(name));
        if (payload == null) {
            return absent;
        }
        long value = payload.u64();
        payload.end();
        if (value < -1) {
            throw payload.corrupt("marker " + name + " is " + value);
        }
        return value;
    }

    /** Adds to {@code batch} the marker keys whose values differ from {@code before}. */
    void writeChanges(Db db, WriteBatch batch, Markers before) throws RocksDBException {
        if (appliedIndex != null && !appliedIndex.equals(before.appliedIndex)) {
            byte[] key = Keys.meta(APPLIED_INDEX);
            batch.put(db.handle(ColumnFamily.META), key, Envelope.writer(16).u64(appliedIndex.term())
                    .u64(appliedIndex.index()).seal(ColumnFamily.META, key));
        }
        putIfChanged(db, batch, HEAD, head, before.head);
        putIfChanged(db, batch, COMMITTED, committed, before.committed);
        putIfChanged(db, batch, TRIE_HEIGHT, trieHeight, before.trieHeight);
        putIfChanged(db, batch, PENDING_NEXT_SEQUENCE, pendingNextSequence, before.pendingNextSequence);
        putIfChanged(db, batch, PENDING_COUNT, pendingCount, before.pendingCount);
        putIfChanged(db, batch, PROVER_NEXT_HEIGHT, proverNextHeight, before.proverNextHeight);
        putIfChanged(db, batch, PROVER_LOWEST_UNPROVEN, proverLowestUnproven, before.proverLowestUnproven);
    }

    private static void putIfChanged(Db db, WriteBatch batch, String name, long value, long before)
            throws RocksDBException {
        if (value != before) {
            byte[] key = Keys.meta(name);
            batch.put(db.handle(ColumnFamily.META), key, Envelope.writer(8).u64(value).seal(ColumnFamily.META, key));
        }
    }
}
