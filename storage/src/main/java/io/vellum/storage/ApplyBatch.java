package io.vellum.storage;

import io.vellum.blockifier.commitment.TrieNode;
import io.vellum.blockifier.core.BlockNumber;
import io.vellum.blockifier.core.ContractAddress;
import io.vellum.blockifier.crypto.Felt;
import io.vellum.blockifier.state.StateDiff;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import org.rocksdb.RocksDBException;
import org.rocksdb.RocksIterator;
import org.rocksdb.WriteBatch;

/**
 * One atomic change to the store: everything added to a batch is written by {@link #commit()} in a single
 * RocksDB write batch, or not at all. A Raft apply puts the effects of one log entry (or several) and
 * {@link #appliedIndex} in one batch, so after any crash the store is exactly the state after some applied
 * index.
 *
 * <h2>Rules and failure model</h2>
 * <ul>
 *   <li>A batch holds the store's writer lock from {@link Store#batch()} until {@link #commit()} or
 *       {@link #close()}, on the thread that opened it: there is one writer at a time, and each operation is
 *       checked against the store as it is plus this batch's earlier operations. Use try-with-resources; a batch
 *       closed without commit writes nothing.
 *   <li>An operation that breaks a rule throws a typed {@link StorageException} ({@link OutOfOrderException},
 *       {@link DuplicateException}, {@link NotFoundException}, {@link LeaseException}) <em>before</em> changing
 *       anything: the batch stays as it was and may still be committed or closed.
 *   <li>Arguments that no correct caller passes (null, oversized) throw {@link IllegalArgumentException} or
 *       {@link NullPointerException}; a batch used after commit or close throws {@link IllegalStateException}.
 *   <li>If RocksDB fails while the batch is being built or written, a {@link StorageIoException} is thrown and
 *       nothing is written; the batch can then only be closed.
 * </ul>
 */
public final class ApplyBatch implements AutoCloseable {
    /** The largest block or receipts value accepted. */
    public static final int BLOCK_BYTES_MAX = 64 << 20;
    /** The largest pending transaction accepted. */
    public static final int TRANSACTION_BYTES_MAX = 4 << 20;
    /** The most transactions a block may index. */
    public static final int BLOCK_TRANSACTIONS_MAX = 1_000_000;
    /** The longest lease: a week. */
    public static final long LEASE_MS_MAX = 7L * 24 * 3600 * 1000;

    private final Store store;
    private final Db db;
    private final Markers base;
    private Markers markers;
    private final WriteBatch batch = new WriteBatch();

    /** Prover jobs changed by this batch, by height. */
    private final Map<Long, ProverJob> jobs = new HashMap<>();
    /** Pending transactions appended by this batch (and still pending): hash to sequence. */
    private final Map<Felt, Long> pendingAdded = new HashMap<>();
    /** Pending transactions that were in the store and that this batch removed. */
    private final Set<Felt> pendingRemoved = new HashSet<>();
    /** Transaction hashes indexed by this batch's blocks. */
    private final Set<Felt> indexed = new HashSet<>();

    private boolean finished;
    /** Set when RocksDB failed mid-operation: the write batch may hold half an operation. */
    private boolean broken;

    ApplyBatch(Store store, Db db, Markers markers) {
        this.store = store;
        this.db = db;
        this.base = markers;
        this.markers = markers;
    }

    private void checkUsable() {
        if (finished) {
            throw new IllegalStateException("the batch was already committed or closed");
        }
        if (broken) {
            throw new IllegalStateException("the batch failed to build and can only be closed");
        }
    }

    private void put(ColumnFamily columnFamily, byte[] key, byte[] value) {
        try {
            batch.put(db.handle(columnFamily), key, value);
        } catch (RocksDBException e) {
            broken = true;
            throw new StorageIoException("cannot add to the batch", e);
        }
    }

    private void delete(ColumnFamily columnFamily, byte[] key) {
        try {
            batch.delete(db.handle(columnFamily), key);
        } catch (RocksDBException e) {
            broken = true;
            throw new StorageIoException("cannot add to the batch", e);
        }
    }

    // -----------------------------------------------------------------------------------------------------
    // Blocks and state.

    /**
     * Appends final block {@code number}: applies its state diff to the latest state and records it in the
     * history, stores the block and receipt bytes (opaque here), the diff itself, and indexes its transactions
     * by hash with their positions.
     *
     * @throws OutOfOrderException unless {@code number} is the head + 1 (0 for an empty store)
     * @throws DuplicateException if a transaction hash repeats in the block or is already in a stored block
     */
    public ApplyBatch appendBlock(BlockNumber number, StateDiff diff, byte[] block, byte[] receipts,
                                  List<Felt> transactionHashes) {
        checkUsable();
        Objects.requireNonNull(number, "number");
        Objects.requireNonNull(diff, "diff");
        checkSize("block", block, BLOCK_BYTES_MAX);
        checkSize("receipts", receipts, BLOCK_BYTES_MAX);
        if (transactionHashes.size() > BLOCK_TRANSACTIONS_MAX) {
            throw new IllegalArgumentException(transactionHashes.size() + " transactions in one block, at most "
                    + BLOCK_TRANSACTIONS_MAX);
        }
        long n = number.value();
        if (n != markers.head() + 1) {
            throw new OutOfOrderException("block", "block " + (markers.head() + 1), "block " + n);
        }
        List<byte[]> hashKeys = checkNewTransactions(transactionHashes);

        writeState(n, diff);
        byte[] blockKey = Keys.number(n);
        put(ColumnFamily.STATE_DIFFS, blockKey, Codecs.encodeStateDiff(diff, ColumnFamily.STATE_DIFFS, blockKey));
        put(ColumnFamily.BLOCKS, blockKey, Envelope.writer(block.length).bytes(block)
                .seal(ColumnFamily.BLOCKS, blockKey));
        put(ColumnFamily.RECEIPTS, blockKey, Envelope.writer(receipts.length).bytes(receipts)
                .seal(ColumnFamily.RECEIPTS, blockKey));
        for (int i = 0; i < hashKeys.size(); i++) {
            put(ColumnFamily.TRANSACTION_INDEX, hashKeys.get(i), Codecs.encodeLocation(n, i, hashKeys.get(i)));
        }
        indexed.addAll(transactionHashes);
        markers = markers.withHead(n);
        return this;
    }

    /** Most bytes of one application value. */
    public static final int APPLICATION_VALUE_BYTES_MAX = 64 << 20;

    /**
     * Stores an opaque value of a layer above under {@code name} (for example the consensus core's replicated
     * state), checked like every value, in this batch: it is written atomically with everything else here.
     */
    public ApplyBatch putApplicationValue(String name, byte[] value) {
        checkUsable();
        checkSize("application value " + name, value, APPLICATION_VALUE_BYTES_MAX);
        byte[] key = Keys.meta(APPLICATION_PREFIX + name);
        put(ColumnFamily.META, key, Envelope.writer(value.length).bytes(value).seal(ColumnFamily.META, key));
        return this;
    }

    /** Application values live in the meta column family under this prefix, apart from the store's own markers. */
    static final String APPLICATION_PREFIX = "application/";

    private static void checkSize(String what, byte[] bytes, int max) {
        Objects.requireNonNull(bytes, what);
        if (bytes.length > max) {
            throw new IllegalArgumentException(what + " of " + bytes.length + " bytes, at most " + max);
        }
    }

    /** The index keys of a block's transactions, once none of them is a duplicate. */
    private List<byte[]> checkNewTransactions(List<Felt> transactionHashes) {
        Set<Felt> seen = new HashSet<>();
        List<byte[]> keys = new ArrayList<>(transactionHashes.size());
        for (Felt hash : transactionHashes) {
            Objects.requireNonNull(hash, "transaction hash");
            if (!seen.add(hash) || indexed.contains(hash)) {
                throw new DuplicateException("transaction " + hash + " appears twice");
            }
            keys.add(Keys.felt(hash));
        }
        List<Payload> existing = db.multiGet(ColumnFamily.TRANSACTION_INDEX, keys);
        for (int i = 0; i < existing.size(); i++) {
            if (existing.get(i) != null) {
                TransactionLocation location = Codecs.decodeLocation(existing.get(i));
                throw new DuplicateException("transaction " + transactionHashes.get(i) + " is already in block "
                        + location.block() + " at position " + location.position());
            }
        }
        return keys;
    }

    private void writeState(long n, StateDiff diff) {
        diff.storageUpdates().forEach((contract, updates) -> updates.forEach((key, value) ->
                writeValue(ColumnFamily.STORAGE, ColumnFamily.STORAGE_HISTORY, Keys.storage(contract, key), value,
                        true, n)));
        diff.nonces().forEach((contract, nonce) -> writeValue(ColumnFamily.NONCES, ColumnFamily.NONCE_HISTORY,
                Keys.contract(contract), nonce.value(), true, n));
        diff.deployedContracts().forEach((contract, classHash) -> writeValue(ColumnFamily.CLASS_HASHES,
                ColumnFamily.CLASS_HASH_HISTORY, Keys.contract(contract), classHash.value(), true, n));
        // A declared class is present even if its compiled class hash were zero: never deleted.
        diff.declaredClasses().forEach((classHash, compiled) -> writeValue(ColumnFamily.DECLARED_CLASSES,
                ColumnFamily.DECLARED_CLASS_HISTORY, Keys.felt(classHash.value()), compiled.value(), false, n));
    }

    /** Latest value (deleted when zero, where zero means absent) and the history entry (zero kept). */
    private void writeValue(ColumnFamily flat, ColumnFamily history, byte[] subject, Felt value,
                            boolean zeroIsAbsent, long n) {
        if (zeroIsAbsent && value.isZero()) {
            delete(flat, subject);
        } else {
            put(flat, subject, Codecs.encodeFelt(flat, subject, value));
        }
        byte[] historyKey = Keys.history(subject, n);
        put(history, historyKey, Codecs.encodeFelt(history, historyKey, value));
    }

    /**
     * Records a final block's state root and block hash. The committer runs behind finality and records blocks
     * one by one in height order.
     *
     * @throws OutOfOrderException unless {@code number} is the last committed block + 1 (0 for the first)
     * @throws NotFoundException if block {@code number} is not stored
     */
    public ApplyBatch recordCommitment(BlockNumber number, Felt stateRoot, Felt blockHash) {
        checkUsable();
        Objects.requireNonNull(stateRoot, "state root");
        Objects.requireNonNull(blockHash, "block hash");
        long n = checkBehindHead("commitment", number, markers.committed());
        byte[] key = Keys.number(n);
        put(ColumnFamily.BLOCK_COMMITMENTS, key, Codecs.encodeTwoFelts(ColumnFamily.BLOCK_COMMITMENTS, key,
                stateRoot, blockHash));
        markers = markers.withCommitted(n);
        return this;
    }

    private long checkBehindHead(String what, BlockNumber number, long last) {
        Objects.requireNonNull(number, "number");
        long n = number.value();
        if (n != last + 1) {
            throw new OutOfOrderException(what, "block " + (last + 1), "block " + n);
        }
        if (n > markers.head()) {
            throw new NotFoundException("no " + what + " for block " + n + ": the head is "
                    + (markers.head() < 0 ? "empty" : "block " + markers.head()));
        }
        return n;
    }

    // -----------------------------------------------------------------------------------------------------
    // Tries.

    /**
     * Stores trie nodes by hash, as a trie update returns them. Nodes are content-addressed: writing a node that is
     * already stored changes nothing.
     */
    public ApplyBatch putTrieNodes(Map<Felt, ? extends TrieNode> nodes) {
        checkUsable();
        nodes.forEach((hash, node) -> {
            Objects.requireNonNull(hash, "node hash");
            Objects.requireNonNull(node, "node");
        });
        nodes.forEach((hash, node) -> {
            byte[] key = Keys.felt(hash);
            put(ColumnFamily.TRIE_NODES, key, Codecs.encodeNode(node, key));
        });
        return this;
    }

    /** Sets contracts' latest storage-trie roots; a zero root (empty storage) removes the entry. */
    public ApplyBatch putContractStorageRoots(Map<ContractAddress, Felt> roots) {
        checkUsable();
        roots.forEach((contract, root) -> {
            Objects.requireNonNull(contract, "contract");
            Objects.requireNonNull(root, "root");
        });
        roots.forEach((contract, root) -> {
            byte[] key = Keys.contract(contract);
            if (root.isZero()) {
                delete(ColumnFamily.CONTRACT_STORAGE_ROOTS, key);
            } else {
                put(ColumnFamily.CONTRACT_STORAGE_ROOTS, key, Codecs.encodeFelt(ColumnFamily.CONTRACT_STORAGE_ROOTS,
                        key, root));
            }
        });
        return this;
    }

    /**
     * Records the contracts-trie and classes-trie roots after block {@code number}, in height order.
     *
     * @throws OutOfOrderException unless {@code number} is the last block with roots + 1 (0 for the first)
     * @throws NotFoundException if block {@code number} is not stored
     */
    public ApplyBatch recordTrieRoots(BlockNumber number, Felt contractsRoot, Felt classesRoot) {
        checkUsable();
        Objects.requireNonNull(contractsRoot, "contracts root");
        Objects.requireNonNull(classesRoot, "classes root");
        long n = checkBehindHead("trie roots", number, markers.trieHeight());
        byte[] key = Keys.number(n);
        put(ColumnFamily.TRIE_ROOTS, key, Codecs.encodeTwoFelts(ColumnFamily.TRIE_ROOTS, key, contractsRoot,
                classesRoot));
        markers = markers.withTrieHeight(n);
        return this;
    }

    // -----------------------------------------------------------------------------------------------------
    // Pending queue.

    /**
     * Appends a transaction to the pending queue, after every transaction appended before it (log order).
     *
     * @return false, appending nothing, if the transaction is already pending or already in a stored block
     */
    public boolean appendPending(Felt hash, byte[] transaction) {
        checkUsable();
        Objects.requireNonNull(hash, "hash");
        checkSize("transaction", transaction, TRANSACTION_BYTES_MAX);
        if (pendingAdded.containsKey(hash) || indexed.contains(hash)) {
            return false;
        }
        byte[] hashKey = Keys.felt(hash);
        if (!pendingRemoved.contains(hash) && db.get(ColumnFamily.PENDING_INDEX, hashKey) != null) {
            return false;
        }
        if (db.get(ColumnFamily.TRANSACTION_INDEX, hashKey) != null) {
            return false;
        }
        long sequence = markers.pendingNextSequence();
        byte[] sequenceKey = Keys.number(sequence);
        put(ColumnFamily.PENDING_TRANSACTIONS, sequenceKey, Envelope.writer(Felt.BYTES + transaction.length)
                .felt(hash).bytes(transaction).seal(ColumnFamily.PENDING_TRANSACTIONS, sequenceKey));
        put(ColumnFamily.PENDING_INDEX, hashKey, Envelope.writer(8).u64(sequence)
                .seal(ColumnFamily.PENDING_INDEX, hashKey));
        pendingRemoved.remove(hash);
        pendingAdded.put(hash, sequence);
        markers = markers.withPending(sequence + 1, markers.pendingCount() + 1);
        return true;
    }

    /**
     * Removes a transaction from the pending queue (a block included it, or it was rejected).
     *
     * @return false if it was not pending
     */
    public boolean removePending(Felt hash) {
        checkUsable();
        Objects.requireNonNull(hash, "hash");
        byte[] hashKey = Keys.felt(hash);
        Long sequence = pendingAdded.get(hash);
        if (sequence == null) {
            if (pendingRemoved.contains(hash)) {
                return false;
            }
            Payload stored = db.get(ColumnFamily.PENDING_INDEX, hashKey);
            if (stored == null) {
                return false;
            }
            sequence = stored.u64();
            stored.end();
        }
        delete(ColumnFamily.PENDING_TRANSACTIONS, Keys.number(sequence));
        delete(ColumnFamily.PENDING_INDEX, hashKey);
        if (pendingAdded.remove(hash) == null) {
            pendingRemoved.add(hash);
        }
        markers = markers.withPending(markers.pendingNextSequence(), markers.pendingCount() - 1);
        return true;
    }

    /** Removes each of {@code hashes} that is pending; returns how many were. */
    public int removePending(Collection<Felt> hashes) {
        int removed = 0;
        for (Felt hash : hashes) {
            if (removePending(hash)) {
                removed++;
            }
        }
        return removed;
    }

    // -----------------------------------------------------------------------------------------------------
    // Prover queue (transition table on ProverJob).

    /**
     * Enqueues the proving job for block {@code height}.
     *
     * @throws OutOfOrderException unless {@code height} is the next job height (0 first): a gap or a repeat
     * @throws NotFoundException if block {@code height} is not stored
     */
    public ApplyBatch enqueueProvingJob(BlockNumber height) {
        checkUsable();
        Objects.requireNonNull(height, "height");
        long h = height.value();
        if (h != markers.proverNextHeight()) {
            throw new OutOfOrderException("proving job", "height " + markers.proverNextHeight(), "height " + h);
        }
        if (h > markers.head()) {
            throw new NotFoundException("no block " + h + " to prove: the head is "
                    + (markers.head() < 0 ? "empty" : "block " + markers.head()));
        }
        putJob(ProverJob.queued(height));
        markers = markers.withProver(h + 1, markers.proverLowestUnproven());
        return this;
    }

    /**
     * Leases the lowest-height available job (queued, failed, or leased with its lease expired at {@code nowMs})
     * to {@code owner} until {@code nowMs + leaseMs}.
     *
     * @return the lease, or empty if no job is available
     */
    public Optional<Lease> leaseProvingJob(String owner, long nowMs, long leaseMs) {
        checkUsable();
        ProverJob.checkOwner(owner, false);
        if (nowMs < 0 || leaseMs <= 0 || leaseMs > LEASE_MS_MAX) {
            throw new IllegalArgumentException("now " + nowMs + " ms, lease " + leaseMs + " ms");
        }
        ProverJob available = firstAvailableJob(nowMs);
        if (available == null) {
            return Optional.empty();
        }
        ProverJob leased = available.leased(owner, nowMs, leaseMs);
        putJob(leased);
        return Optional.of(leased.lease());
    }

    /**
     * The lowest available job. Jobs below the lowest unproven height are all proven; above it, the scan passes
     * only leased (unexpired) and out-of-order proven jobs, so it is as long as the number of jobs in flight.
     */
    private ProverJob firstAvailableJob(long nowMs) {
        long from = markers.proverLowestUnproven();
        long storedEnd = base.proverNextHeight();
        if (from < storedEnd) {
            try (RocksIterator iterator = db.iterator(ColumnFamily.PROVER_JOBS, db.plainReads)) {
                for (iterator.seek(Keys.number(from)); iterator.isValid(); iterator.next()) {
                    byte[] key = iterator.key();
                    long h = Keys.readLong(key, 0);
                    if (h >= storedEnd) {
                        break;
                    }
                    ProverJob job = jobs.get(h);
                    if (job == null) {
                        job = Codecs.decodeJob(new BlockNumber(h), Envelope.open(ColumnFamily.PROVER_JOBS, key,
                                iterator.value()));
                    }
                    if (job.isAvailable(nowMs)) {
                        return job;
                    }
                }
                iterator.status();
            } catch (RocksDBException e) {
                throw new StorageIoException("cannot read column family " + ColumnFamily.PROVER_JOBS, e);
            }
        }
        for (long h = Math.max(from, storedEnd); h < markers.proverNextHeight(); h++) {
            ProverJob job = jobs.get(h);
            assert job != null : "a job enqueued in this batch is in the overlay: " + h;
            if (job.isAvailable(nowMs)) {
                return job;
            }
        }
        return null;
    }

    /**
     * Marks the leased job proven, with the digest of the proof its prover reported (zero: none reported).
     *
     * @return true if this call proved it, false if it was already proven (completion is idempotent: again with the
     *     same digest, or where either digest is zero)
     * @throws LeaseException if the job is not proven and {@code lease} does not hold it at {@code nowMs}
     * @throws ProofConflictException if the job is proven with another non-zero digest
     */
    public boolean completeProvingJob(Lease lease, long nowMs, Felt proofDigest) {
        checkUsable();
        Objects.requireNonNull(lease, "lease");
        Objects.requireNonNull(proofDigest, "proofDigest");
        ProverJob job = jobAt(lease.height().value());
        if (job != null && job.status() == ProverJob.Status.PROVEN) {
            Felt recorded = job.proofDigest();
            if (!recorded.equals(proofDigest) && !recorded.equals(Felt.ZERO) && !proofDigest.equals(Felt.ZERO)) {
                throw new ProofConflictException(job.height(), recorded, proofDigest);
            }
            return false;
        }
        checkHeld(job, lease, nowMs, "complete");
        putJob(job.proven(proofDigest));
        long lowest = markers.proverLowestUnproven();
        while (lowest < markers.proverNextHeight() && jobAt(lowest).status() == ProverJob.Status.PROVEN) {
            lowest++;
        }
        markers = markers.withProver(markers.proverNextHeight(), lowest);
        return true;
    }

    /**
     * Marks the leased job failed; it is leased again (retried) like a queued one.
     *
     * @throws LeaseException if {@code lease} does not hold the job at {@code nowMs}
     */
    public ApplyBatch failProvingJob(Lease lease, long nowMs, String reason) {
        checkUsable();
        Objects.requireNonNull(lease, "lease");
        Objects.requireNonNull(reason, "reason");
        ProverJob job = jobAt(lease.height().value());
        checkHeld(job, lease, nowMs, "fail");
        putJob(job.failed(reason));
        return this;
    }

    private static void checkHeld(ProverJob job, Lease lease, long nowMs, String action) {
        if (job == null) {
            throw new LeaseException("cannot " + action + " proving job " + lease.height() + ": no such job");
        }
        if (!job.isHeldBy(lease, nowMs)) {
            throw new LeaseException("cannot " + action + " proving job " + lease.height() + " with a stale lease ("
                    + lease + ", now " + nowMs + " ms): the job is " + job);
        }
    }

    private ProverJob jobAt(long h) {
        ProverJob job = jobs.get(h);
        if (job != null || h >= base.proverNextHeight()) {
            return job;
        }
        byte[] key = Keys.number(h);
        Payload payload = db.get(ColumnFamily.PROVER_JOBS, key);
        return payload == null ? null : Codecs.decodeJob(new BlockNumber(h), payload);
    }

    private void putJob(ProverJob job) {
        byte[] key = Keys.number(job.height().value());
        put(ColumnFamily.PROVER_JOBS, key, Codecs.encodeJob(job, key));
        jobs.put(job.height().value(), job);
    }

    // -----------------------------------------------------------------------------------------------------
    // Raft position and commit.

    /**
     * Records the Raft entry whose effects this batch holds.
     *
     * @throws OutOfOrderException unless the index is above the stored one and the term not below it
     */
    public ApplyBatch appliedIndex(AppliedIndex applied) {
        checkUsable();
        Objects.requireNonNull(applied, "applied index");
        AppliedIndex current = markers.appliedIndex();
        if (current != null && (applied.index() <= current.index() || applied.term() < current.term())) {
            throw new OutOfOrderException("applied index", "above " + current, applied.toString());
        }
        markers = markers.withAppliedIndex(applied);
        return this;
    }

    /** How many writes the batch holds so far (puts and deletes, markers not yet included). */
    public int size() {
        return batch.count();
    }

    /** Commits with the store's default durability ({@link StoreOptions#syncByDefault()}). */
    public void commit() {
        commit(store.options().syncByDefault());
    }

    /**
     * Writes everything atomically and releases the writer lock.
     *
     * @param sync whether to sync the write-ahead log before returning (see {@link StoreOptions})
     */
    public void commit(boolean sync) {
        checkUsable();
        finished = true;
        Markers committed = null;
        try {
            try {
                markers.writeChanges(db, batch, base);
            } catch (RocksDBException e) {
                throw new StorageIoException("cannot add markers to the batch", e);
            }
            db.write(batch, sync);
            committed = markers;
        } finally {
            batch.close();
            store.finishBatch(committed);
        }
    }

    /** Discards the batch if it was not committed, and releases the writer lock. Idempotent. */
    @Override
    public void close() {
        if (!finished) {
            finished = true;
            batch.close();
            store.finishBatch(null);
        }
    }
}
