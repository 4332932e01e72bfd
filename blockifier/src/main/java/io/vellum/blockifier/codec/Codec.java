package io.vellum.blockifier.codec;

/**
 * The canonical binary encoding of one type: how its body is written and read. {@link #encode} and {@link #decode}
 * frame a body as a top-level value (a format version byte first, nothing after); {@link #write} and {@link #read}
 * are for values nested in others. The format is in {@code docs/encoding.md}.
 *
 * <p>Every implementation keeps two promises: equal values give identical bytes, and {@link #read} accepts exactly
 * the bytes {@link #write} produces — anything else is a {@link DecodingException}, never another exception.
 *
 * @param <T> the type encoded
 */
public interface Codec<T> {

    /** Appends the body of {@code value}. Throws {@link EncodingException} if it is over a limit. */
    void write(CodecWriter writer, T value);

    /** Reads the body of one value. */
    T read(CodecReader reader) throws DecodingException;

    /** The top-level encoding of {@code value}: the format version byte, then its body. */
    default byte[] encode(T value) {
        CodecWriter writer = new CodecWriter();
        encodeTo(writer, value);
        return writer.toByteArray();
    }

    /** Appends the top-level encoding of {@code value} to {@code writer} (to reuse a writer's buffer). */
    default void encodeTo(CodecWriter writer, T value) {
        writer.writeByte(Codecs.FORMAT_VERSION);
        write(writer, value);
    }

    /** The value of a top-level encoding; every byte must belong to it. */
    default T decode(byte[] bytes) throws DecodingException {
        CodecReader reader = CodecReader.open(bytes);
        T value = read(reader);
        reader.expectEnd();
        return value;
    }
}
