package io.vellum.blockifier.codec;

import io.vellum.blockifier.codec.DecodingException.Reason;
import io.vellum.blockifier.crypto.Felt;
import io.vellum.blockifier.crypto.FeltException;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.function.Supplier;

/**
 * Reads the primitives of the canonical encoding from a byte array, strictly: anything the {@link CodecWriter}
 * could not have written is a {@link DecodingException} with a reason and the offset, never another exception.
 * Counts are checked against their limits and against the bytes left (every element takes at least one byte), so a
 * corrupt count cannot make the reader allocate more than the input's size.
 *
 * <p>A reader for a top-level value is made by {@link #open(byte[])}, which reads the format version byte; codecs of
 * nested values can ask {@link #formatVersion()} when a later version changes their layout.
 *
 * <p>Not thread-safe: one reader per decoding.
 */
public final class CodecReader {
    private final byte[] bytes;
    private final int formatVersion;
    private int position;

    private CodecReader(byte[] bytes, int formatVersion, int position) {
        this.bytes = bytes;
        this.formatVersion = formatVersion;
        this.position = position;
    }

    /**
     * A reader positioned after the format version byte of a top-level value, once that byte is checked to be a
     * version this decoder reads ({@link Codecs#FORMAT_VERSION}).
     */
    public static CodecReader open(byte[] bytes) throws DecodingException {
        if (bytes.length > CodecLimits.ENCODED_BYTES_MAX) {
            throw new DecodingException(Reason.LIMIT_EXCEEDED, CodecLimits.ENCODED_BYTES_MAX,
                    "input is " + bytes.length + " bytes, above the limit of " + CodecLimits.ENCODED_BYTES_MAX);
        }
        if (bytes.length == 0) {
            throw new DecodingException(Reason.TRUNCATED, 0, "empty input, expected a format version byte");
        }
        int version = bytes[0] & 0xff;
        if (version != Codecs.FORMAT_VERSION) {
            throw new DecodingException(Reason.UNKNOWN_VERSION, 0,
                    "format version " + version + ", this decoder reads version " + Codecs.FORMAT_VERSION);
        }
        return new CodecReader(bytes, version, 1);
    }

    /** The format version of the top-level value being read. */
    public int formatVersion() {
        return formatVersion;
    }

    /** The offset of the next byte to read. */
    public int position() {
        return position;
    }

    /** How many bytes are left. */
    public int remaining() {
        return bytes.length - position;
    }

    /** Fails unless every byte has been read. */
    public void expectEnd() throws DecodingException {
        if (position != bytes.length) {
            throw new DecodingException(Reason.TRAILING_BYTES, position,
                    (bytes.length - position) + " bytes after the end of the value");
        }
    }

    /** A {@link DecodingException} at {@code offset}. */
    public DecodingException error(Reason reason, int offset, String detail) {
        return new DecodingException(reason, offset, detail);
    }

    /** One byte, as 0 to 255. */
    public int readByte() throws DecodingException {
        if (position >= bytes.length) {
            throw new DecodingException(Reason.TRUNCATED, position, "input ends where a byte was expected");
        }
        return bytes[position++] & 0xff;
    }

    /** An unsigned LEB128 varint in its minimal form, as an unsigned 64-bit value. */
    public long readVarint() throws DecodingException {
        int start = position;
        long value = 0;
        for (int shift = 0; ; shift += 7) {
            if (position >= bytes.length) {
                throw new DecodingException(Reason.TRUNCATED, start, "input ends inside a varint");
            }
            int b = bytes[position++] & 0xff;
            if (shift == 63 && b > 1) {
                throw new DecodingException(Reason.VARINT_OVERFLOW, start, "varint above 2^64 - 1");
            }
            value |= (long) (b & 0x7f) << shift;
            if ((b & 0x80) == 0) {
                if (b == 0 && shift > 0) {
                    throw new DecodingException(Reason.NON_MINIMAL_VARINT, start,
                            "varint ends with a zero group");
                }
                return value;
            }
        }
    }

    /** A varint that must fit a non-negative {@code long}. */
    public long readNonNegativeLong(String what) throws DecodingException {
        int start = position;
        long value = readVarint();
        if (value < 0) {
            throw new DecodingException(Reason.VARINT_OVERFLOW, start,
                    what + " is " + Long.toUnsignedString(value) + ", above 2^63 - 1");
        }
        return value;
    }

    /**
     * A count of elements each taking at least {@code minimumElementBytes}: at most {@code max}, and at most what
     * the remaining bytes can hold.
     */
    public int readCount(int max, int minimumElementBytes, String what) throws DecodingException {
        int start = position;
        long count = readVarint();
        if (count < 0 || count > max) {
            throw new DecodingException(Reason.LIMIT_EXCEEDED, start,
                    what + " claims " + Long.toUnsignedString(count) + " elements, above the limit of " + max);
        }
        if (count * minimumElementBytes > remaining()) {
            throw new DecodingException(Reason.TRUNCATED, start,
                    what + " claims " + count + " elements but only " + remaining() + " bytes are left");
        }
        return (int) count;
    }

    /** A felt in its minimal form (see {@link CodecWriter#writeFelt(Felt)}). */
    public Felt readFelt() throws DecodingException {
        int start = position;
        int length = readByte();
        if (length == 0) {
            return Felt.ZERO;
        }
        if (length > Felt.BYTES) {
            throw new DecodingException(Reason.FELT_TOO_LONG, start, "felt length " + length + ", at most 32");
        }
        if (length > bytes.length - position) {
            throw new DecodingException(Reason.TRUNCATED, start, "input ends inside a felt of " + length + " bytes");
        }
        if (bytes[position] == 0) {
            throw new DecodingException(Reason.NON_MINIMAL_FELT, start, "felt has a leading zero byte");
        }
        try {
            Felt value = Felt.fromBytes(bytes, position, length);
            position += length;
            return value;
        } catch (FeltException e) {
            throw new DecodingException(Reason.FELT_OUT_OF_RANGE, start, "felt is not below the field modulus", e);
        }
    }

    /** An Optional's presence byte: 0 (absent) or 1 (present). */
    public boolean readPresence() throws DecodingException {
        int start = position;
        int b = readByte();
        if (b > 1) {
            throw new DecodingException(Reason.UNKNOWN_TAG, start, "presence byte " + b + ", expected 0 or 1");
        }
        return b == 1;
    }

    /** A list of felts: a count (at most {@code max}), then each felt. */
    public List<Felt> readFelts(int max, String what) throws DecodingException {
        int count = readCount(max, 1, what);
        if (count == 0) {
            return List.of();
        }
        Felt[] felts = new Felt[count];
        for (int i = 0; i < count; i++) {
            felts[i] = readFelt();
        }
        return List.of(felts);
    }

    /** A list: a count (at most {@code max}), then each element with {@code codec}. */
    public <T> List<T> readList(int max, String what, Codec<T> codec) throws DecodingException {
        int count = readCount(max, 1, what);
        if (count == 0) {
            return List.of();
        }
        Object[] elements = new Object[count];
        for (int i = 0; i < count; i++) {
            elements[i] = codec.read(this);
        }
        @SuppressWarnings("unchecked")
        List<T> list = (List<T>) List.of(elements);
        return list;
    }

    /** UTF-8 text: a byte length (at most {@code maxBytes}), then well-formed UTF-8. */
    public String readText(int maxBytes, String what) throws DecodingException {
        int start = position;
        int length = readCount(maxBytes, 1, what);
        String text;
        try {
            text = StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes, position, length))
                    .toString();
        } catch (CharacterCodingException e) {
            throw new DecodingException(Reason.MALFORMED_TEXT, start, what + " is not well-formed UTF-8", e);
        }
        // The decoder is strict (no overlong forms, no encoded surrogates); this makes the round trip a checked fact.
        ByteBuffer again = StandardCharsets.UTF_8.encode(CharBuffer.wrap(text));
        if (again.remaining() != length
                || !Arrays.equals(again.array(), again.arrayOffset() + again.position(),
                        again.arrayOffset() + again.limit(), bytes, position, position + length)) {
            throw new DecodingException(Reason.MALFORMED_TEXT, start, what + " is not in canonical UTF-8");
        }
        position += length;
        return text;
    }

    /**
     * Builds a value with its record's own validation: an {@link IllegalArgumentException} from the constructor
     * (a value out of range, an inconsistent combination) becomes {@link Reason#INVALID_VALUE} at {@code start}.
     */
    public <T> T validated(int start, String what, Supplier<T> constructor) throws DecodingException {
        try {
            return constructor.get();
        } catch (IllegalArgumentException e) {
            throw new DecodingException(Reason.INVALID_VALUE, start, what + ": " + e.getMessage(), e);
        }
    }
}
