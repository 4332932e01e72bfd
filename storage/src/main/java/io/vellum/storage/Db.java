package io.vellum.storage;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.rocksdb.AbstractNativeReference;
import org.rocksdb.BlockBasedTableConfig;
import org.rocksdb.BloomFilter;
import org.rocksdb.ColumnFamilyDescriptor;
import org.rocksdb.ColumnFamilyHandle;
import org.rocksdb.ColumnFamilyOptions;
import org.rocksdb.CompressionType;
import org.rocksdb.DBOptions;
import org.rocksdb.FlushOptions;
import org.rocksdb.HashLinkedListMemTableConfig;
import org.rocksdb.HashSkipListMemTableConfig;
import org.rocksdb.LRUCache;
import org.rocksdb.Options;
import org.rocksdb.ReadOptions;
import org.rocksdb.RocksDB;
import org.rocksdb.RocksDBException;
import org.rocksdb.RocksIterator;
import org.rocksdb.WALRecoveryMode;
import org.rocksdb.WriteBatch;
import org.rocksdb.WriteOptions;

/**
 * The RocksDB handle with its column families and the native option objects they need, and the checked read
 * path: {@link #get} verifies every value's envelope before returning a reader over it.
 *
 * <p>RocksDB's JNI objects own native memory and must be closed, options only after the database that uses them;
 * {@link #close} does it in that order. Thread-safe for reads and writes (RocksDB is); the store decides who may
 * write.
 */
final class Db implements AutoCloseable {
    private static final double BLOOM_BITS_PER_KEY = 10;
    /** Hash buckets of a hash memtable (8 bytes each): about the number of distinct keys a memtable holds. */
    private static final int MEMTABLE_BUCKETS = 100_000;

    final RocksDB rocks;
    private final ColumnFamilyHandle[] handles;
    /** Native objects the database uses, closed after it, in reverse order of creation. */
    private final List<AbstractNativeReference> resources;
    private final WriteOptions syncWrites;
    private final WriteOptions plainWrites;
    final ReadOptions plainReads;
    /**
     * For scans across keys of a column family with a hash memtable (whole-store checks in tests): such a
     * memtable only iterates in key order across prefixes when asked for total order.
     */
    final ReadOptions totalOrderReads;
    final boolean walEnabled;

    private Db(RocksDB rocks, ColumnFamilyHandle[] handles, List<AbstractNativeReference> resources,
               StoreOptions options) {
        this.rocks = rocks;
        this.handles = handles;
        this.resources = resources;
        this.walEnabled = options.walEnabled();
        this.syncWrites = track(resources, new WriteOptions().setSync(true).setDisableWAL(!walEnabled));
        this.plainWrites = track(resources, new WriteOptions().setSync(false).setDisableWAL(!walEnabled));
        this.plainReads = track(resources, new ReadOptions().setVerifyChecksums(true));
        this.totalOrderReads = track(resources, new ReadOptions().setVerifyChecksums(true).setTotalOrderSeek(true));
    }

    private static <T extends AbstractNativeReference> T track(List<AbstractNativeReference> resources, T resource) {
        resources.add(resource);
        return resource;
    }

    static Db open(Path directory, StoreOptions options) {
        RocksDB.loadLibrary();
        List<AbstractNativeReference> resources = new ArrayList<>();
        List<ColumnFamilyHandle> handleList = new ArrayList<>();
        try {
            Files.createDirectories(directory);
            checkColumnFamilies(directory);
            LRUCache cache = track(resources, new LRUCache(options.blockCacheBytes()));
            BloomFilter bloom = track(resources, new BloomFilter(BLOOM_BITS_PER_KEY));

            DBOptions dbOptions = track(resources, new DBOptions()
                    .setCreateIfMissing(true)
                    .setCreateMissingColumnFamilies(true)
                    // Flushes of every column family happen together, at one batch boundary: without a
                    // write-ahead log this is what keeps a crash from leaving column families at different
                    // batches. With the log it costs nothing that matters.
                    .setAtomicFlush(true)
                    // Replay the log up to the first damaged record and stop: the store comes back at a batch
                    // boundary, never past a hole.
                    .setWalRecoveryMode(WALRecoveryMode.PointInTimeRecovery)
                    .setParanoidChecks(true)
                    .setMaxBackgroundJobs(2)
                    // Hash memtables take one writer at a time, which is the store's rule anyway (ApplyBatch
                    // holds the writer lock).
                    .setAllowConcurrentMemtableWrite(false)
                    .setKeepLogFileNum(4)
                    .setAvoidFlushDuringShutdown(false));

            List<ColumnFamilyDescriptor> descriptors = new ArrayList<>();
            for (ColumnFamily columnFamily : ColumnFamily.values()) {
                descriptors.add(new ColumnFamilyDescriptor(columnFamily.nameBytes(),
                        track(resources, columnFamilyOptions(columnFamily, options, cache, bloom))));
            }
            RocksDB rocks = RocksDB.open(dbOptions, directory.toString(), descriptors, handleList);
            ColumnFamilyHandle[] handles = new ColumnFamilyHandle[ColumnFamily.values().length];
            for (int i = 0; i < handles.length; i++) {
                handles[i] = handleList.get(i);
            }
            return new Db(rocks, handles, resources, options);
        } catch (RocksDBException e) {
            handleList.forEach(ColumnFamilyHandle::close);
            closeAll(resources);
            throw new StorageIoException("cannot open the store at " + directory, e);
        } catch (IOException e) {
            closeAll(resources);
            throw new StorageIoException("cannot create the store directory " + directory, e);
        } catch (RuntimeException e) {
            handleList.forEach(ColumnFamilyHandle::close);
            closeAll(resources);
            throw e;
        }
    }

    /** Refuses a database holding column families this code does not know (written by a newer format). */
    private static void checkColumnFamilies(Path directory) throws RocksDBException {
        if (!Files.exists(directory.resolve("CURRENT"))) {
            return;
        }
        Set<String> known = new TreeSet<>();
        for (ColumnFamily columnFamily : ColumnFamily.values()) {
            known.add(columnFamily.columnFamilyName);
        }
        Set<String> unknown = new TreeSet<>();
        try (Options options = new Options()) {
            for (byte[] name : RocksDB.listColumnFamilies(options, directory.toString())) {
                String text = new String(name, StandardCharsets.UTF_8);
                if (!known.contains(text)) {
                    unknown.add(text);
                }
            }
        }
        if (!unknown.isEmpty()) {
            throw new IncompatibleFormatException("the store at " + directory
                    + " has column families this version does not know: " + unknown);
        }
    }

    private static ColumnFamilyOptions columnFamilyOptions(ColumnFamily columnFamily, StoreOptions options,
                                                           LRUCache cache, BloomFilter bloom) {
        BlockBasedTableConfig table = new BlockBasedTableConfig()
                .setBlockCache(cache)
                .setBlockSize(16 << 10);
        ColumnFamilyOptions cfOptions = new ColumnFamilyOptions()
                .setWriteBufferSize(options.writeBufferBytes())
                .setCompressionType(CompressionType.LZ4_COMPRESSION);
        switch (columnFamily.shape) {
            case POINT -> {
                table.setFilterPolicy(bloom).setWholeKeyFiltering(true);
                if (columnFamily.prefixBytes > 0) {
                    // Only ever read by whole key: a hash memtable keyed by the whole key (each bucket a short
                    // list of that key's versions) inserts and finds in constant time instead of searching a
                    // skip list. Measured: about a quarter off commits and a third or more off latest reads.
                    cfOptions.useFixedLengthPrefixExtractor(columnFamily.prefixBytes)
                            .setMemTableConfig(new HashLinkedListMemTableConfig().setBucketCount(MEMTABLE_BUCKETS));
                }
            }
            case HISTORY -> {
                // A historical read seeks within one subject (contract, or contract and key): the prefix bloom
                // filter lets the seek skip every file that holds no entry for that subject, and the hash
                // memtable keeps each subject's versions in a small skip list of their own, so the seek in the
                // memtable (where recent, hot subjects are) does not search one big skip list. Measured: about a
                // third off historical reads and a little off commits against the default skip-list memtable.
                cfOptions.useFixedLengthPrefixExtractor(columnFamily.prefixBytes)
                        .setMemTableConfig(new HashSkipListMemTableConfig().setBucketCount(MEMTABLE_BUCKETS));
                table.setFilterPolicy(bloom).setWholeKeyFiltering(false);
            }
            case SEQUENTIAL -> {
                // Increasing numeric keys, read by point or short range: no filter pays for itself.
            }
        }
        return cfOptions.setTableFormatConfig(table);
    }

    ColumnFamilyHandle handle(ColumnFamily columnFamily) {
        return handles[columnFamily.ordinal()];
    }

    WriteOptions writeOptions(boolean sync) {
        return sync && walEnabled ? syncWrites : plainWrites;
    }

    /** The checked payload stored under {@code key}, or {@code null}. */
    Payload get(ColumnFamily columnFamily, ReadOptions readOptions, byte[] key) {
        byte[] value;
        try {
            value = rocks.get(handle(columnFamily), readOptions, key);
        } catch (RocksDBException e) {
            throw new StorageIoException("cannot read column family " + columnFamily, e);
        }
        return value == null ? null : Envelope.open(columnFamily, key, value);
    }

    Payload get(ColumnFamily columnFamily, byte[] key) {
        return get(columnFamily, plainReads, key);
    }

    /** Checked payloads for many keys of one column family at once ({@code null} where absent). */
    List<Payload> multiGet(ColumnFamily columnFamily, List<byte[]> keys) {
        if (keys.isEmpty()) {
            return List.of();
        }
        List<byte[]> values;
        try {
            values = rocks.multiGetAsList(plainReads,
                    java.util.Collections.nCopies(keys.size(), handle(columnFamily)), keys);
        } catch (RocksDBException e) {
            throw new StorageIoException("cannot read column family " + columnFamily, e);
        }
        List<Payload> out = new ArrayList<>(keys.size());
        for (int i = 0; i < keys.size(); i++) {
            byte[] value = values.get(i);
            out.add(value == null ? null : Envelope.open(columnFamily, keys.get(i), value));
        }
        return out;
    }

    RocksIterator iterator(ColumnFamily columnFamily, ReadOptions readOptions) {
        return rocks.newIterator(handle(columnFamily), readOptions);
    }

    void write(WriteBatch batch, boolean sync) {
        try {
            rocks.write(writeOptions(sync), batch);
        } catch (RocksDBException e) {
            throw new StorageIoException("cannot commit a batch of " + batch.count() + " writes", e);
        }
    }

    /** Writes every memtable to files, atomically across column families. */
    void flush() {
        try (FlushOptions flushOptions = new FlushOptions().setWaitForFlush(true)) {
            rocks.flush(flushOptions, Arrays.asList(handles));
        } catch (RocksDBException e) {
            throw new StorageIoException("cannot flush the store", e);
        }
    }

    /** Flushes, then compacts every column family into as few sorted runs as RocksDB makes. */
    void compact() {
        flush();
        try {
            for (ColumnFamilyHandle handle : handles) {
                rocks.compactRange(handle);
            }
        } catch (RocksDBException e) {
            throw new StorageIoException("cannot compact the store", e);
        }
    }

    /** Every column family, for tests and checks that compare whole stores. */
    static Set<ColumnFamily> all() {
        return EnumSet.allOf(ColumnFamily.class);
    }

    @Override
    public void close() {
        try {
            flush();
        } finally {
            for (ColumnFamilyHandle handle : handles) {
                handle.close();
            }
            rocks.close();
            closeAll(resources);
        }
    }

    private static void closeAll(List<AbstractNativeReference> resources) {
        for (int i = resources.size() - 1; i >= 0; i--) {
            resources.get(i).close();
        }
    }
}
