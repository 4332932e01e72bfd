package io.vellum.blockifier.codec;

/**
 * Bytes that the encoder could not have produced: truncated, trailing, non-canonical, out of range or over a limit.
 * {@link #reason()} says what was wrong without parsing the message, {@link #offset()} where (the byte offset,
 * from the start of the input, of the element being read when the problem was found).
 *
 * <p>It is a checked exception on purpose: decoded bytes come from disk or from peers, and a caller must decide
 * what a corrupt value means for it (reject a log entry, stop on a corrupt store) rather than let it escape.
 */
public final class DecodingException extends Exception {
    private static final long serialVersionUID = 1L;

    /** What was wrong with the bytes. */
    public enum Reason {
        /** The input ends before the value does. */
        TRUNCATED,
        /** Bytes remain after a complete value. */
        TRAILING_BYTES,
        /** The format version byte is not one this decoder reads. */
        UNKNOWN_VERSION,
        /** A union tag, an enum code or an Optional presence byte that means nothing. */
        UNKNOWN_TAG,
        /** A varint with a redundant trailing zero group (every value has exactly one encoding). */
        NON_MINIMAL_VARINT,
        /** A varint above 2^64 - 1, or above what its field holds. */
        VARINT_OVERFLOW,
        /** A felt whose length byte is above 32. */
        FELT_TOO_LONG,
        /** A felt with a leading zero byte (the minimal form has none; zero has length 0). */
        NON_MINIMAL_FELT,
        /** A felt at or above the field modulus p. */
        FELT_OUT_OF_RANGE,
        /** Well-formed bytes for a value its type rejects (the record's own validation). */
        INVALID_VALUE,
        /** Map keys not in strictly ascending order. */
        UNSORTED_KEYS,
        /** The same map key twice. */
        DUPLICATE_KEY,
        /** A count, length or size above its documented limit ({@link CodecLimits}). */
        LIMIT_EXCEEDED,
        /** Text that is not well-formed UTF-8. */
        MALFORMED_TEXT
    }

    private final Reason reason;
    private final int offset;

    public DecodingException(Reason reason, int offset, String detail) {
        super(reason + " at byte " + offset + ": " + detail);
        this.reason = reason;
        this.offset = offset;
    }

    public DecodingException(Reason reason, int offset, String detail, Throwable cause) {
        this(reason, offset, detail);
        initCause(cause);
    }

    public Reason reason() {
        return reason;
    }

    /** The byte offset from the start of the input where the offending element begins. */
    public int offset() {
        return offset;
    }
}
