package io.vellum.storage;

/**
 * The closed vocabulary of the store's operating errors, each subclass chosen by what the caller should do next:
 *
 * <ul>
 *   <li>{@link CorruptionException} — a stored value failed its checksum or could not be decoded: stop using this
 *       store (restore it from a checkpoint or a peer); retrying reads the same bytes.
 *   <li>{@link StorageIoException} — RocksDB failed (disk full, I/O error, closed handle): the operation did not
 *       take effect; the node should stop or retry once the cause is fixed.
 *   <li>{@link OutOfOrderException} — a write would break an ordering rule (a block, commitment, applied index or
 *       proving job not next in line): don't retry; the caller's sequence is wrong.
 *   <li>{@link DuplicateException} — a write would store something a second time (a transaction already in a
 *       block): don't retry.
 *   <li>{@link NotFoundException} — what was asked for does not exist yet (state at a height above the head).
 *   <li>{@link LeaseException} — a prover presented a lease that is no longer valid: lease again.
 *   <li>{@link ProofConflictException} — a proven job completed again with a different proof digest: refused.
 *   <li>{@link IncompatibleFormatException} — a store or checkpoint written in a format this code does not read.
 * </ul>
 *
 * Programmer errors (null arguments, a batch used after commit) are not in this vocabulary: they throw the usual
 * {@link IllegalArgumentException} / {@link IllegalStateException}.
 */
public abstract sealed class StorageException extends RuntimeException
        permits CorruptionException, StorageIoException, OutOfOrderException, DuplicateException, NotFoundException,
        LeaseException, ProofConflictException, IncompatibleFormatException {
    private static final long serialVersionUID = 1L;

    StorageException(String message) {
        super(message);
    }

    StorageException(String message, Throwable cause) {
        super(message, cause);
    }
}
