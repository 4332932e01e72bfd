package io.vellum.storage;

import io.vellum.blockifier.core.BlockNumber;
import java.util.Optional;
import org.rocksdb.ReadOptions;
import org.rocksdb.Snapshot;

/**
 * The latest state, read from the flat column families by point lookups at a RocksDB snapshot, so that a batch
 * committing meanwhile is either wholly visible or not at all.
 */
final class LatestView extends AbstractView {
    private final Db db;
    private final Snapshot snapshot;
    private final ReadOptions readOptions;

    private LatestView(Store store, Db db, Snapshot snapshot, ReadOptions readOptions, Optional<BlockNumber> block) {
        super(store, block);
        this.db = db;
        this.snapshot = snapshot;
        this.readOptions = readOptions;
    }

    static LatestView open(Store store, Db db) {
        Snapshot snapshot = db.rocks.getSnapshot();
        ReadOptions readOptions = new ReadOptions().setSnapshot(snapshot).setVerifyChecksums(true);
        try {
            long head = Markers.number(db, readOptions, Markers.HEAD, -1);
            return new LatestView(store, db, snapshot, readOptions,
                    head < 0 ? Optional.empty() : Optional.of(new BlockNumber(head)));
        } catch (RuntimeException e) {
            readOptions.close();
            db.rocks.releaseSnapshot(snapshot);
            throw e;
        }
    }

    @Override
    Payload find(ColumnFamily flat, byte[] subject) {
        return db.get(flat, readOptions, subject);
    }

    @Override
    void release() {
        readOptions.close();
        db.rocks.releaseSnapshot(snapshot);
    }
}
