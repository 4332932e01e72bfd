package io.vellum.storage;

import io.vellum.blockifier.commitment.NodeStore;
import io.vellum.blockifier.commitment.TrieNode;
import io.vellum.blockifier.core.BlockNumber;
import io.vellum.blockifier.core.ContractAddress;
import io.vellum.blockifier.crypto.Felt;
import io.vellum.blockifier.state.StateDiff;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.ReentrantLock;
import org.rocksdb.RocksDBException;
import org.rocksdb.RocksIterator;

/**
 * A node's durable state in one RocksDB database: final blocks and receipts, the transaction index, the latest
 * state with every block's changes kept (so the state after any height can be read), trie nodes and roots, the
 * pending-transaction queue, the prover queue, and the last applied Raft index.
 *
 * <h2>Design</h2>
 * Following Papyrus, state is stored flat: the latest value of every storage cell, nonce and class hash is one
 * point lookup, not a walk down a Merkle path; the tries are kept beside it for commitments only. Every block also
 * writes each changed value into a history column family under {@code subject ‖ ~block}, so the value after block
 * N is found with one seek (see {@code HistoricalView}). Column families and layouts are documented on
 * {@code ColumnFamily} and in {@code docs/storage.md}.
 *
 * <p>All writes go through {@link ApplyBatch}, one atomic RocksDB write batch each, which carries its own
 * markers (head block, applied index, queue counters): the store after a crash is always the store after some
 * whole batch.
 *
 * <h2>Threads</h2>
 * Reads are safe from any thread and take no lock. Writes have one writer at a time: {@code writerLock} is held
 * by an open {@link ApplyBatch} (from {@link #batch()} to its commit or close), by {@link #exportCheckpoint} and
 * by {@link #close()}; it guards {@code markers} (written only under it, published through the volatile field
 * for lock-free readers). Close the store only after every other thread has stopped using it and its views:
 * RocksDB's native objects must not be used after they are freed.
 *
 * <h2>Failure model</h2>
 * Every value read is checked (CRC32C over column family, key and value) before use; a damaged one throws
 * {@link CorruptionException} naming the column family and key, and is never returned. RocksDB failures throw
 * {@link StorageIoException}. Rule violations on write throw the typed exceptions listed on {@link ApplyBatch}.
 */
public final class Store implements AutoCloseable {
    /** The on-disk format this code writes and reads (the meta key {@code format_version}). */
    public static final int FORMAT_VERSION = 1;
    /** The most entries one paged read returns. */
    public static final int PAGE_ENTRIES_MAX = 10_000;

    private final Path directory;
    private final StoreOptions options;
    private final Db db;
    private final ReentrantLock writerLock = new ReentrantLock();
    /** The committed markers; written under {@code writerLock}, read without it. */
    private volatile Markers markers;
    /** Views not yet closed, closed with the store. */
    private final Set<AbstractView> openViews = ConcurrentHashMap.newKeySet();
    private volatile boolean closed;

    private Store(Path directory, StoreOptions options, Db db, Markers markers) {
        this.directory = directory;
        this.options = options;
        this.db = db;
        this.markers = markers;
    }

    /**
     * Opens the store in {@code directory}, creating it if it does not exist.
     *
     * @throws IncompatibleFormatException if the store was written in another format
     * @throws CorruptionException if its metadata is damaged
     * @throws StorageIoException if RocksDB cannot open it (for example, another process has it open)
     */
    public static Store open(Path directory, StoreOptions options) {
        Objects.requireNonNull(options, "options");
        Db db = Db.open(directory, options);
        try {
            Markers markers = checkFormat(db);
            return new Store(directory, options, db, markers);
        } catch (RuntimeException e) {
            db.close();
            throw e;
        }
    }

    private static Markers checkFormat(Db db) {
        byte[] key = Keys.meta(Markers.FORMAT_VERSION);
        Payload payload = db.get(ColumnFamily.META, key);
        if (payload == null) {
            Markers markers = Markers.load(db, db.plainReads);
            if (!markers.equals(Markers.EMPTY)) {
                throw new CorruptionException(ColumnFamily.META.columnFamilyName, key,
                        "the store holds markers but no format version");
            }
            try (org.rocksdb.WriteBatch batch = new org.rocksdb.WriteBatch()) {
                batch.put(db.handle(ColumnFamily.META), key, Envelope.writer(4).u32(FORMAT_VERSION)
                        .seal(ColumnFamily.META, key));
                db.write(batch, true);
            } catch (RocksDBException e) {
                throw new StorageIoException("cannot initialise the store", e);
            }
            return markers;
        }
        int version = payload.u32();
        payload.end();
        if (version != FORMAT_VERSION) {
            throw new IncompatibleFormatException("the store is in format version " + version + "; this code reads "
                    + FORMAT_VERSION);
        }
        return Markers.load(db, db.plainReads);
    }

    public Path directory() {
        return directory;
    }

    public StoreOptions options() {
        return options;
    }

    Db db() {
        return db;
    }

    Markers markers() {
        return markers;
    }

    private void checkOpen() {
        if (closed) {
            throw new IllegalStateException("the store is closed");
        }
    }

    // -----------------------------------------------------------------------------------------------------
    // Writing.

    /**
     * Opens the one batch allowed at a time, waiting while another thread has one open. Commit or close it on
     * this thread.
     *
     * @throws IllegalStateException if this thread already has a batch open
     */
    public ApplyBatch batch() {
        checkOpen();
        if (writerLock.isHeldByCurrentThread()) {
            throw new IllegalStateException("this thread already has a batch open: commit or close it first");
        }
        writerLock.lock();
        try {
            checkOpen();
            return new ApplyBatch(this, db, markers);
        } catch (RuntimeException e) {
            writerLock.unlock();
            throw e;
        }
    }

    /** Called by the batch when it ends: publishes its markers if it committed, and releases the writer lock. */
    void finishBatch(Markers committed) {
        assert writerLock.isHeldByCurrentThread() : "a batch ends on the thread that opened it";
        if (committed != null) {
            markers = committed;
        }
        writerLock.unlock();
    }

    // -----------------------------------------------------------------------------------------------------
    // Markers.

    /** The last Raft entry whose effects are stored. */
    public Optional<AppliedIndex> appliedIndex() {
        return Optional.ofNullable(markers.appliedIndex());
    }

    /** The highest stored block. */
    public Optional<BlockNumber> head() {
        return block(markers.head());
    }

    /** The highest block whose commitment (state root and block hash) is recorded. */
    public Optional<BlockNumber> committedHeight() {
        return block(markers.committed());
    }

    /** The highest block whose trie roots are recorded. */
    public Optional<BlockNumber> trieHeight() {
        return block(markers.trieHeight());
    }

    private static Optional<BlockNumber> block(long number) {
        return number < 0 ? Optional.empty() : Optional.of(new BlockNumber(number));
    }

    // -----------------------------------------------------------------------------------------------------
    // State.

    /** The state after the head block, at a snapshot. Close it. */
    public StateView latest() {
        checkOpen();
        return register(LatestView.open(this, db));
    }

    /**
     * The state after block {@code number}. Close it.
     *
     * @throws NotFoundException if the block is above the head
     */
    public StateView at(BlockNumber number) {
        checkOpen();
        Objects.requireNonNull(number, "number");
        long head = markers.head();
        if (head == number.value()) {
            // The head's state is the flat state: point lookups at a snapshot, no seek. A batch may have
            // committed since the head was read; the snapshot says.
            LatestView latest = LatestView.open(this, db);
            if (latest.block().equals(Optional.of(number))) {
                return register(latest);
            }
            latest.closeForStore();
            head = markers.head();
        }
        if (number.value() > head) {
            throw new NotFoundException("no state after block " + number + ": the head is "
                    + (head < 0 ? "empty" : "block " + head));
        }
        return register(new HistoricalView(this, db, number));
    }

    private <V extends AbstractView> V register(V view) {
        openViews.add(view);
        if (closed) {
            view.closeForStore();
            openViews.remove(view);
            throw new IllegalStateException("the store is closed");
        }
        return view;
    }

    void forget(AbstractView view) {
        openViews.remove(view);
    }

    /** What block {@code number} changed. */
    public Optional<StateDiff> stateDiff(BlockNumber number) {
        Payload payload = get(ColumnFamily.STATE_DIFFS, Keys.number(number.value()));
        return payload == null ? Optional.empty() : Optional.of(Codecs.decodeStateDiff(payload));
    }

    private Payload get(ColumnFamily columnFamily, byte[] key) {
        checkOpen();
        return db.get(columnFamily, key);
    }

    // -----------------------------------------------------------------------------------------------------
    // Blocks.

    /** The stored bytes of block {@code number}. */
    public Optional<byte[]> block(BlockNumber number) {
        return bytes(ColumnFamily.BLOCKS, number);
    }

    /** The stored receipt bytes of block {@code number}. */
    public Optional<byte[]> receipts(BlockNumber number) {
        return bytes(ColumnFamily.RECEIPTS, number);
    }

    private Optional<byte[]> bytes(ColumnFamily columnFamily, BlockNumber number) {
        Payload payload = get(columnFamily, Keys.number(number.value()));
        return payload == null ? Optional.empty() : Optional.of(payload.rest());
    }

    /** The application value stored under {@code name} ({@link ApplyBatch#putApplicationValue}). */
    public Optional<byte[]> applicationValue(String name) {
        Payload payload = get(ColumnFamily.META, Keys.meta(ApplyBatch.APPLICATION_PREFIX + name));
        return payload == null ? Optional.empty() : Optional.of(payload.rest());
    }

    /** The block and position of a final transaction. */
    public Optional<TransactionLocation> transactionLocation(Felt hash) {
        Payload payload = get(ColumnFamily.TRANSACTION_INDEX, Keys.felt(hash));
        return payload == null ? Optional.empty() : Optional.of(Codecs.decodeLocation(payload));
    }

    /** The recorded state root and block hash of block {@code number}. */
    public Optional<BlockCommitment> commitment(BlockNumber number) {
        Payload payload = get(ColumnFamily.BLOCK_COMMITMENTS, Keys.number(number.value()));
        if (payload == null) {
            return Optional.empty();
        }
        Felt stateRoot = payload.felt();
        Felt blockHash = payload.felt();
        payload.end();
        return Optional.of(new BlockCommitment(number, stateRoot, blockHash));
    }

    // -----------------------------------------------------------------------------------------------------
    // Tries.

    /**
     * The trie nodes, for the trie code to read. Reads are checked like every other read: a damaged node throws
     * {@link CorruptionException}.
     */
    public NodeStore nodeStore() {
        return this::trieNode;
    }

    private Optional<TrieNode> trieNode(Felt hash) {
        Payload payload = get(ColumnFamily.TRIE_NODES, Keys.felt(hash));
        return payload == null ? Optional.empty() : Optional.of(Codecs.decodeNode(payload));
    }

    /** A contract's latest storage-trie root; zero for a contract with no storage (or none recorded). */
    public Felt contractStorageRoot(ContractAddress contract) {
        Payload payload = get(ColumnFamily.CONTRACT_STORAGE_ROOTS, Keys.contract(contract));
        return payload == null ? Felt.ZERO : Codecs.decodeFelt(payload);
    }

    /** The contracts-trie and classes-trie roots recorded for block {@code number}. */
    public Optional<TrieRoots> trieRoots(BlockNumber number) {
        Payload payload = get(ColumnFamily.TRIE_ROOTS, Keys.number(number.value()));
        if (payload == null) {
            return Optional.empty();
        }
        Felt contractsRoot = payload.felt();
        Felt classesRoot = payload.felt();
        payload.end();
        return Optional.of(new TrieRoots(number, contractsRoot, classesRoot));
    }

    // -----------------------------------------------------------------------------------------------------
    // Pending queue.

    /**
     * Up to {@code maxCount} pending transactions in log order, starting at sequence {@code fromSequence}
     * (0 for the head of the queue; pass the last sequence seen + 1 to page on).
     */
    public List<PendingTransaction> pending(long fromSequence, int maxCount) {
        checkOpen();
        checkPage(fromSequence, maxCount);
        List<PendingTransaction> out = new ArrayList<>(Math.min(maxCount, 256));
        try (RocksIterator iterator = db.iterator(ColumnFamily.PENDING_TRANSACTIONS, db.plainReads)) {
            for (iterator.seek(Keys.number(fromSequence)); iterator.isValid() && out.size() < maxCount;
                 iterator.next()) {
                byte[] key = iterator.key();
                Payload payload = Envelope.open(ColumnFamily.PENDING_TRANSACTIONS, key, iterator.value());
                Felt hash = payload.felt();
                out.add(new PendingTransaction(Keys.readLong(key, 0), hash, payload.rest()));
            }
            iterator.status();
        } catch (RocksDBException e) {
            throw new StorageIoException("cannot read column family " + ColumnFamily.PENDING_TRANSACTIONS, e);
        }
        return out;
    }

    private static void checkPage(long from, int maxCount) {
        if (from < 0 || maxCount < 1 || maxCount > PAGE_ENTRIES_MAX) {
            throw new IllegalArgumentException("page from " + from + " of " + maxCount + " entries (1 to "
                    + PAGE_ENTRIES_MAX + ")");
        }
    }

    /** How many transactions are pending. */
    public long pendingCount() {
        return markers.pendingCount();
    }

    public boolean isPending(Felt hash) {
        return get(ColumnFamily.PENDING_INDEX, Keys.felt(hash)) != null;
    }

    // -----------------------------------------------------------------------------------------------------
    // Prover queue.

    public Optional<ProverJob> proverJob(BlockNumber height) {
        Payload payload = get(ColumnFamily.PROVER_JOBS, Keys.number(height.value()));
        return payload == null ? Optional.empty() : Optional.of(Codecs.decodeJob(height, payload));
    }

    /** Up to {@code maxCount} jobs in height order from {@code from}. */
    public List<ProverJob> proverJobs(BlockNumber from, int maxCount) {
        checkOpen();
        checkPage(from.value(), maxCount);
        List<ProverJob> out = new ArrayList<>(Math.min(maxCount, 256));
        try (RocksIterator iterator = db.iterator(ColumnFamily.PROVER_JOBS, db.plainReads)) {
            for (iterator.seek(Keys.number(from.value())); iterator.isValid() && out.size() < maxCount;
                 iterator.next()) {
                byte[] key = iterator.key();
                out.add(Codecs.decodeJob(new BlockNumber(Keys.readLong(key, 0)),
                        Envelope.open(ColumnFamily.PROVER_JOBS, key, iterator.value())));
            }
            iterator.status();
        } catch (RocksDBException e) {
            throw new StorageIoException("cannot read column family " + ColumnFamily.PROVER_JOBS, e);
        }
        return out;
    }

    /** The height the next proving job must have. */
    public BlockNumber proverNextHeight() {
        return new BlockNumber(markers.proverNextHeight());
    }

    /**
     * The lowest height whose proving job is not proven: every job below it is (jobs proven out of order above it
     * do not move it). Equals {@link #proverNextHeight()} when every enqueued job is proven.
     */
    public BlockNumber proverLowestUnproven() {
        return new BlockNumber(markers.proverLowestUnproven());
    }

    // -----------------------------------------------------------------------------------------------------
    // Checkpoints.

    /**
     * Writes a consistent copy of the whole store into {@code target} (which must not exist): RocksDB's checkpoint
     * (hard links where the file system allows) and a metadata file with the applied index, head, format version
     * and a checksum of every file. Waits for an open batch to finish, and blocks batches while it runs.
     */
    public CheckpointMetadata exportCheckpoint(Path target) {
        checkOpen();
        if (writerLock.isHeldByCurrentThread()) {
            throw new IllegalStateException("commit or close this thread's batch before exporting a checkpoint");
        }
        writerLock.lock();
        try {
            checkOpen();
            return Checkpoints.export(db, markers, target);
        } finally {
            writerLock.unlock();
        }
    }

    /**
     * Copies a checkpoint made by {@link #exportCheckpoint} into {@code target} (which must not exist or be
     * empty), after checking every file against the metadata, then checks that the copied store's markers match
     * the metadata. Open the result with {@link #open}.
     *
     * @throws CorruptionException if a file is missing or differs from the metadata
     * @throws IncompatibleFormatException if the checkpoint is in another format
     */
    public static CheckpointMetadata importCheckpoint(Path checkpoint, Path target, StoreOptions options) {
        return Checkpoints.importInto(checkpoint, target, options);
    }

    /**
     * Compacts the whole store now, so that reads visit as few sorted runs as possible — after a bulk load or a
     * checkpoint import, say. RocksDB compacts in the background anyway; this only does it at once. Takes the
     * writer lock (batches wait) and can take long on a large store.
     */
    public void compact() {
        checkOpen();
        if (writerLock.isHeldByCurrentThread()) {
            throw new IllegalStateException("commit or close this thread's batch before compacting");
        }
        writerLock.lock();
        try {
            checkOpen();
            db.compact();
        } finally {
            writerLock.unlock();
        }
    }

    // -----------------------------------------------------------------------------------------------------

    /**
     * Closes open views, flushes memtables to files (so a store without a write-ahead log loses nothing on a
     * clean close) and frees RocksDB's resources. Waits for another thread's open batch to finish. Idempotent.
     *
     * @throws IllegalStateException if this thread has a batch open
     */
    @Override
    public void close() {
        if (writerLock.isHeldByCurrentThread()) {
            throw new IllegalStateException("commit or close this thread's batch before closing the store");
        }
        writerLock.lock();
        try {
            if (closed) {
                return;
            }
            closed = true;
            for (AbstractView view : openViews) {
                view.closeForStore();
            }
            openViews.clear();
            db.close();
        } finally {
            writerLock.unlock();
        }
    }
}
