package io.vellum.consensus.entry;

/**
 * Bytes that are not a valid log entry: not protobuf, a missing or out-of-range field, an undecodable transaction.
 * A node never applies such an entry's content; the state machine treats it as a no-op at its index (every node
 * does the same, since every node decodes the same bytes).
 */
public final class EntryDecodingException extends Exception {
    private static final long serialVersionUID = 1L;

    public EntryDecodingException(String message) {
        super(message);
    }

    public EntryDecodingException(String message, Throwable cause) {
        super(message, cause);
    }
}
