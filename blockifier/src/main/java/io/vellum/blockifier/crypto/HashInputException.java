package io.vellum.blockifier.crypto;

/**
 * An input a hash cannot take (for example a missing or non-ASCII entry-point name). The {@link #reason()}
 * tells the caller what was wrong without parsing the message. Nothing is silently replaced or truncated.
 */
public final class HashInputException extends IllegalArgumentException {
    private static final long serialVersionUID = 1L;

    /** What was wrong with the input. */
    public enum Reason {
        /** A required input (a name, a key, an array of data) is null. */
        MISSING,
        /** A name that must be ASCII has a character outside the ASCII range. */
        NOT_ASCII
    }

    private final Reason reason;

    public HashInputException(Reason reason, String message) {
        super(message);
        this.reason = reason;
    }

    public Reason reason() {
        return reason;
    }
}
