package io.vellum.blockifier.codec;

import io.vellum.blockifier.crypto.Felt;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;

/**
 * Appends the primitives of the canonical encoding to a growing byte array: bytes, unsigned varints, felts, counts
 * checked against their limits, presence bytes, UTF-8 text, and lists. {@link Codec}s are written in terms of these;
 * the layout of each primitive is in {@code docs/encoding.md}.
 *
 * <p>Not thread-safe: one writer per encoding.
 */
public final class CodecWriter {
    private static final int INITIAL_CAPACITY_BYTES = 512;

    private byte[] buffer;
    private int size;
    /** Scratch for a felt's 32 big-endian bytes, of which the minimal tail is copied out. */
    private final byte[] feltBytes = new byte[Felt.BYTES];

    public CodecWriter() {
        this(INITIAL_CAPACITY_BYTES);
    }

    public CodecWriter(int initialCapacityBytes) {
        buffer = new byte[Math.max(16, initialCapacityBytes)];
    }

    /** The number of bytes written so far. */
    public int size() {
        return size;
    }

    /** Forgets what was written, keeping the buffer, so a writer can be reused. */
    public void reset() {
        size = 0;
    }

    /** A copy of the bytes written; throws if they are more than {@link CodecLimits#ENCODED_BYTES_MAX}. */
    public byte[] toByteArray() {
        if (size > CodecLimits.ENCODED_BYTES_MAX) {
            throw new EncodingException(EncodingException.Reason.LIMIT_EXCEEDED,
                    "encoding is " + size + " bytes, above the limit of " + CodecLimits.ENCODED_BYTES_MAX);
        }
        return Arrays.copyOf(buffer, size);
    }

    /** One byte, the low 8 bits of {@code value}. */
    public void writeByte(int value) {
        ensure(1);
        buffer[size++] = (byte) value;
    }

    /**
     * An unsigned LEB128 varint: 7 bits a byte, least significant group first, the high bit set on every byte but
     * the last. {@code value} is read as unsigned (every bit pattern of a long is accepted).
     */
    public void writeVarint(long value) {
        ensure(10);
        while ((value & ~0x7fL) != 0) {
            buffer[size++] = (byte) ((value & 0x7f) | 0x80);
            value >>>= 7;
        }
        buffer[size++] = (byte) value;
    }

    /** A count (a list size or map size), after checking it against its limit. */
    public void writeCount(int count, int max, String what) {
        if (count > max) {
            throw new EncodingException(EncodingException.Reason.LIMIT_EXCEEDED,
                    what + " has " + count + " elements, above the limit of " + max);
        }
        writeVarint(count);
    }

    /**
     * A felt in its minimal form: one length byte {@code n} (0 to 32), then the value's {@code n} big-endian bytes
     * without leading zeros. Zero is the single byte {@code 00}.
     */
    public void writeFelt(Felt value) {
        int length = (value.bitLength() + 7) >>> 3;
        ensure(1 + length);
        buffer[size++] = (byte) length;
        if (length > 0) {
            value.writeBytes(feltBytes, 0);
            System.arraycopy(feltBytes, Felt.BYTES - length, buffer, size, length);
            size += length;
        }
    }

    /** An Optional's presence byte: 1 when present, 0 when absent. */
    public void writePresence(boolean present) {
        writeByte(present ? 1 : 0);
    }

    /** A list of felts: its count, then each felt. */
    public void writeFelts(List<Felt> felts, int max, String what) {
        int count = felts.size();
        writeCount(count, max, what);
        for (int i = 0; i < count; i++) {
            writeFelt(felts.get(i));
        }
    }

    /** A list: its count, then each element with {@code codec}. */
    public <T> void writeList(List<T> elements, int max, String what, Codec<T> codec) {
        int count = elements.size();
        writeCount(count, max, what);
        for (int i = 0; i < count; i++) {
            codec.write(this, elements.get(i));
        }
    }

    /** Text as UTF-8: the byte length as a varint, then the bytes. Refuses unpaired surrogates. */
    public void writeText(String text, int maxBytes, String what) {
        ByteBuffer utf8;
        try {
            utf8 = StandardCharsets.UTF_8.newEncoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .encode(CharBuffer.wrap(text));
        } catch (CharacterCodingException e) {
            throw new EncodingException(EncodingException.Reason.MALFORMED_TEXT,
                    what + " is not well-formed Unicode (an unpaired surrogate)");
        }
        int length = utf8.remaining();
        if (length > maxBytes) {
            throw new EncodingException(EncodingException.Reason.LIMIT_EXCEEDED,
                    what + " is " + length + " UTF-8 bytes, above the limit of " + maxBytes);
        }
        writeVarint(length);
        ensure(length);
        utf8.get(buffer, size, length);
        size += length;
    }

    private void ensure(int more) {
        if (buffer.length - size < more) {
            long wanted = Math.max((long) buffer.length * 2, (long) size + more);
            if (wanted > Integer.MAX_VALUE - 8) {
                throw new EncodingException(EncodingException.Reason.LIMIT_EXCEEDED, "encoding above 2 GiB");
            }
            buffer = Arrays.copyOf(buffer, (int) wanted);
        }
    }
}
