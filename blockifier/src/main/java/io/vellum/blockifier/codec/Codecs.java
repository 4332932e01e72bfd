package io.vellum.blockifier.codec;

import io.vellum.blockifier.codec.DecodingException.Reason;
import io.vellum.blockifier.crypto.Felt;
import java.util.List;

/**
 * The format version and the codecs of the basic shapes: a felt and a list of felts. The codecs of domain values
 * are grouped by area, one class each, in the same style: {@link CoreCodecs}, {@link TransactionCodecs},
 * {@link ExecutionCodecs}, {@link StateCodecs}, {@link BlockCodecs}.
 */
public final class Codecs {
    /**
     * The version byte every top-level value starts with. Encoders write only this version; a decoder reads every
     * version it knows (see {@code docs/encoding.md}, "Versioning").
     */
    public static final int FORMAT_VERSION = 1;

    /** One felt in its minimal form. */
    public static final Codec<Felt> FELT = new Codec<>() {
        @Override
        public void write(CodecWriter writer, Felt value) {
            writer.writeFelt(value);
        }

        @Override
        public Felt read(CodecReader reader) throws DecodingException {
            return reader.readFelt();
        }
    };

    /** A list of at most {@link CodecLimits#FELT_LIST_MAX} felts. */
    public static final Codec<List<Felt>> FELT_LIST = feltList(CodecLimits.FELT_LIST_MAX, "felt list");

    private Codecs() {
    }

    /** A list of at most {@code max} felts. */
    public static Codec<List<Felt>> feltList(int max, String what) {
        return new Codec<>() {
            @Override
            public void write(CodecWriter writer, List<Felt> value) {
                writer.writeFelts(value, max, what);
            }

            @Override
            public List<Felt> read(CodecReader reader) throws DecodingException {
                return reader.readFelts(max, what);
            }
        };
    }

    /** Reads a one-byte code and fails with {@link Reason#UNKNOWN_TAG} if it is at or above {@code codeCount}. */
    static int readCode(CodecReader reader, int codeCount, String what) throws DecodingException {
        int start = reader.position();
        int code = reader.readByte();
        if (code >= codeCount) {
            throw reader.error(Reason.UNKNOWN_TAG, start, "unknown " + what + " code " + code);
        }
        return code;
    }
}
