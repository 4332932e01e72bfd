package io.vellum.storage;

/** A store or checkpoint in a format (version or column-family set) that this code does not read. */
public final class IncompatibleFormatException extends StorageException {
    private static final long serialVersionUID = 1L;

    IncompatibleFormatException(String message) {
        super(message);
    }
}
