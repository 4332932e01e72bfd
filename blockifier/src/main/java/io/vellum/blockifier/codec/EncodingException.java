package io.vellum.blockifier.codec;

/**
 * A value the canonical encoding refuses to write, because decoding could not accept it back: a list, map or text
 * over its limit ({@link CodecLimits}), an encoding above {@link CodecLimits#ENCODED_BYTES_MAX}, or text that is
 * not well-formed Unicode. Thrown before anything is stored, so an over-limit value never reaches the log or disk.
 */
public final class EncodingException extends IllegalArgumentException {
    private static final long serialVersionUID = 1L;

    /** Why the value cannot be encoded. */
    public enum Reason {
        /** A count, length or size above its limit. */
        LIMIT_EXCEEDED,
        /** A string with an unpaired surrogate, which has no UTF-8 encoding. */
        MALFORMED_TEXT
    }

    private final Reason reason;

    public EncodingException(Reason reason, String message) {
        super(message);
        this.reason = reason;
    }

    public Reason reason() {
        return reason;
    }
}
