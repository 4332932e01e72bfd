package io.vellum.storage;

/** What was asked for does not exist (yet): state above the head block, a commitment for a block not stored. */
public final class NotFoundException extends StorageException {
    private static final long serialVersionUID = 1L;

    NotFoundException(String message) {
        super(message);
    }
}
