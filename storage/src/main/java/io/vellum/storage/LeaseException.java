package io.vellum.storage;

/**
 * A prover presented a lease that no longer holds its job: it expired, the job was leased again, or the job is
 * not leased at all. The prover should lease again; nothing was written.
 */
public final class LeaseException extends StorageException {
    private static final long serialVersionUID = 1L;

    LeaseException(String message) {
        super(message);
    }
}
