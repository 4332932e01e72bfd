package io.vellum.storage;

/** A write that would store something a second time, such as a transaction hash already in a block. */
public final class DuplicateException extends StorageException {
    private static final long serialVersionUID = 1L;

    DuplicateException(String message) {
        super(message);
    }
}
