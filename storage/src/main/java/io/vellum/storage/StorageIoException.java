package io.vellum.storage;

/** RocksDB or the file system failed; the operation did not take effect. The cause holds RocksDB's status. */
public final class StorageIoException extends StorageException {
    private static final long serialVersionUID = 1L;

    StorageIoException(String message, Throwable cause) {
        super(message + ": " + cause.getMessage(), cause);
    }
}
