package io.vellum.storage;

/**
 * How a store trades durability for speed, and how much memory it uses. Every setting is explicit; the factory
 * methods name the usual combinations.
 *
 * <h2>Durability, and what each setting risks</h2>
 * Every batch is atomic whatever the settings: after any crash the store holds the state after some batch, never
 * part of one, and never a later batch without an earlier one. The settings decide <em>which</em> batch.
 * <ul>
 *   <li>{@code walEnabled = true, syncByDefault = true} ({@link #durable()}): each commit returns only once its
 *       write-ahead-log record is on disk (fsync). Survives a process crash and a machine crash or power loss:
 *       every committed batch is kept. Costs one fsync per batch.
 *   <li>{@code walEnabled = true, syncByDefault = false} ({@link #processCrashSafe()}): the log record is written
 *       to the operating system before commit returns, but not synced. A process crash (kill -9, OOM) loses
 *       nothing; a machine crash or power loss can lose the last batches (the store comes back at an earlier
 *       batch, still whole), and the applied index says which: a Raft state machine re-applies the entries after
 *       it from the Raft log, which must itself be synced. A batch committed with {@code commit(true)} is synced, and
 *       so is everything committed before it.
 *   <li>{@code walEnabled = false} ({@link #noWriteAheadLog()}): nothing is logged; batches live in memory until
 *       RocksDB flushes its memtables to files. Even a process crash loses every batch since the last flush
 *       (possibly all of them). Flushes are atomic across column families, so the store still comes back at a
 *       whole batch. Fit for simulations and benchmarks that rebuild their state; not for a node that has
 *       acknowledged anything. {@link Store#close()} flushes, so a clean shutdown loses nothing.
 * </ul>
 * The write-ahead log cannot be switched per batch: a logged batch after an unlogged one could survive a crash
 * that the unlogged one did not, breaking the prefix guarantee.
 *
 * @param walEnabled whether batches go through RocksDB's write-ahead log
 * @param syncByDefault whether {@link ApplyBatch#commit()} syncs the log (ignored without the log)
 * @param blockCacheBytes the size of the read cache shared by every column family
 * @param writeBufferBytes the size of each column family's memtable before it is flushed to a file
 */
public record StoreOptions(boolean walEnabled, boolean syncByDefault, long blockCacheBytes, long writeBufferBytes) {
    public static final long BLOCK_CACHE_BYTES_DEFAULT = 128L << 20;
    public static final long WRITE_BUFFER_BYTES_DEFAULT = 32L << 20;

    public StoreOptions {
        if (blockCacheBytes < (1L << 20)) {
            throw new IllegalArgumentException("block cache below 1 MiB: " + blockCacheBytes);
        }
        if (writeBufferBytes < (256L << 10)) {
            throw new IllegalArgumentException("write buffer below 256 KiB: " + writeBufferBytes);
        }
    }

    /** Write-ahead log, synced on every commit: nothing committed is lost, even on power loss. */
    public static StoreOptions durable() {
        return new StoreOptions(true, true, BLOCK_CACHE_BYTES_DEFAULT, WRITE_BUFFER_BYTES_DEFAULT);
    }

    /** Write-ahead log, not synced: nothing is lost on a process crash; a machine crash can lose the last batches. */
    public static StoreOptions processCrashSafe() {
        return new StoreOptions(true, false, BLOCK_CACHE_BYTES_DEFAULT, WRITE_BUFFER_BYTES_DEFAULT);
    }

    /** No write-ahead log: any crash loses every batch since the last flush. For simulations and benchmarks. */
    public static StoreOptions noWriteAheadLog() {
        return new StoreOptions(false, false, BLOCK_CACHE_BYTES_DEFAULT, WRITE_BUFFER_BYTES_DEFAULT);
    }

    public StoreOptions withWriteBufferBytes(long bytes) {
        return new StoreOptions(walEnabled, syncByDefault, blockCacheBytes, bytes);
    }

    public StoreOptions withBlockCacheBytes(long bytes) {
        return new StoreOptions(walEnabled, syncByDefault, bytes, writeBufferBytes);
    }
}
