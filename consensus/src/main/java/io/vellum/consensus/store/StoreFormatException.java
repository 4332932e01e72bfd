package io.vellum.consensus.store;

/**
 * Stored bytes that do not decode: a bug or a store of another format. The node stops; nothing is guessed.
 */
public final class StoreFormatException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public StoreFormatException(String what, Throwable cause) {
        super("cannot decode " + what + ": " + cause.getMessage(), cause);
    }
}
