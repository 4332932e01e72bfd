package io.vellum.blockifier.crypto;

/**
 * A value that cannot be read as a field element, or a field element out of range for its use. The
 * {@link #reason()} tells the caller what was wrong without parsing the message.
 */
public final class FeltException extends IllegalArgumentException {
    private static final long serialVersionUID = 1L;

    /** What was wrong with the input. */
    public enum Reason {
        /** An empty string or an empty byte array. */
        EMPTY,
        /** A character that is not a hexadecimal digit, or a string that is not ASCII. */
        NOT_HEX,
        /** A number at or above the field modulus (or above the bound of the use it was given for). */
        OUT_OF_RANGE,
        /** Negative where only non-negative values are allowed. */
        NEGATIVE,
        /** More bytes or characters than the encoding allows. */
        TOO_LONG,
        /** A character outside the ASCII range in a short string. */
        NOT_ASCII,
        /** Division by zero or the inverse of zero. */
        DIVISION_BY_ZERO
    }

    private final Reason reason;

    public FeltException(Reason reason, String message) {
        super(message);
        this.reason = reason;
    }

    public Reason reason() {
        return reason;
    }
}
