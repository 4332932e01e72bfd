package io.vellum.consensus.node;

/**
 * A submitted transaction was not ordered: its batch could not be appended to the log (no leader reachable in
 * time, every retry failed), or it was not seen applied within the ordering timeout. The transaction may still
 * have been ordered (a reply lost); sending it again is safe, since the mempool drops duplicates. Retry
 * (gRPC's {@code UNAVAILABLE}).
 */
public final class NotOrderedException extends Exception {
    private static final long serialVersionUID = 1L;

    public NotOrderedException(String message) {
        super(message);
    }

    public NotOrderedException(String message, Throwable cause) {
        super(message, cause);
    }
}
