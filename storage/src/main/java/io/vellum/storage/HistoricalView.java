package io.vellum.storage;

import io.vellum.blockifier.core.BlockNumber;
import java.util.EnumMap;
import java.util.Map;
import java.util.Optional;
import org.rocksdb.ReadOptions;
import org.rocksdb.RocksDBException;
import org.rocksdb.RocksIterator;

/**
 * The state after a past block, read from the history column families. Each read is one seek: history keys end
 * in the complement of the block number, so seeking to {@code subject ‖ ~N} lands on the newest entry for that
 * subject written at or below block N; if the iterator leaves the subject's prefix, the subject was never written
 * by then and reads as zero. The prefix extractor and its bloom filter let the seek skip files without the
 * subject.
 *
 * <p>History at or below a stored block never changes, so no snapshot is needed. One iterator per column family
 * is created on first use and reused by later reads, which is why a view belongs to one thread.
 */
final class HistoricalView extends AbstractView {
    private final Db db;
    private final long block;
    private final ReadOptions readOptions;
    private final Map<ColumnFamily, RocksIterator> iterators = new EnumMap<>(ColumnFamily.class);

    HistoricalView(Store store, Db db, BlockNumber block) {
        super(store, Optional.of(block));
        this.db = db;
        this.block = block.value();
        this.readOptions = new ReadOptions().setPrefixSameAsStart(true).setVerifyChecksums(true);
    }

    private static ColumnFamily historyOf(ColumnFamily flat) {
        return switch (flat) {
            case STORAGE -> ColumnFamily.STORAGE_HISTORY;
            case NONCES -> ColumnFamily.NONCE_HISTORY;
            case CLASS_HASHES -> ColumnFamily.CLASS_HASH_HISTORY;
            case DECLARED_CLASSES -> ColumnFamily.DECLARED_CLASS_HISTORY;
            default -> throw new AssertionError("no history for " + flat);
        };
    }

    @Override
    Payload find(ColumnFamily flat, byte[] subject) {
        ColumnFamily history = historyOf(flat);
        assert subject.length == history.prefixBytes : subject.length;
        RocksIterator iterator = iterators.computeIfAbsent(history, cf -> db.iterator(cf, readOptions));
        iterator.seek(Keys.history(subject, block));
        if (!iterator.isValid()) {
            try {
                iterator.status();
            } catch (RocksDBException e) {
                throw new StorageIoException("cannot read column family " + history, e);
            }
            return null;
        }
        byte[] key = iterator.key();
        if (!Keys.startsWith(key, subject, subject.length)) {
            return null;
        }
        if (key.length != subject.length + Keys.LONG_BYTES) {
            throw new CorruptionException(history.columnFamilyName, key, "history key of " + key.length + " bytes");
        }
        assert Keys.historyBlock(key, subject.length) <= block : "seek landed above the block";
        return Envelope.open(history, key, iterator.value());
    }

    @Override
    void release() {
        iterators.values().forEach(RocksIterator::close);
        iterators.clear();
        readOptions.close();
    }
}
