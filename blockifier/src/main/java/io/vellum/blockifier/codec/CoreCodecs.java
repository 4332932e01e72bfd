package io.vellum.blockifier.codec;

import io.vellum.blockifier.core.BlockNumber;
import io.vellum.blockifier.core.Call;
import io.vellum.blockifier.core.ChainId;
import io.vellum.blockifier.core.ClassHash;
import io.vellum.blockifier.core.CompiledClassHash;
import io.vellum.blockifier.core.ContractAddress;
import io.vellum.blockifier.core.EntryPointSelector;
import io.vellum.blockifier.core.Nonce;
import io.vellum.blockifier.core.StorageKey;
import io.vellum.blockifier.crypto.Felt;
import java.util.List;
import java.util.function.Function;

/**
 * Codecs of the basic domain values of {@code core}: each felt-valued record is its felt (validated on the way
 * back: an address, storage key or class hash must be below 2^251); a block number is a varint; a call is its
 * address, selector and calldata.
 */
public final class CoreCodecs {
    public static final Codec<ContractAddress> CONTRACT_ADDRESS =
            feltValue("contract address", ContractAddress::new, ContractAddress::value);
    public static final Codec<ClassHash> CLASS_HASH = feltValue("class hash", ClassHash::new, ClassHash::value);
    public static final Codec<CompiledClassHash> COMPILED_CLASS_HASH =
            feltValue("compiled class hash", CompiledClassHash::new, CompiledClassHash::value);
    public static final Codec<Nonce> NONCE = feltValue("nonce", Nonce::new, Nonce::value);
    public static final Codec<ChainId> CHAIN_ID = feltValue("chain id", ChainId::new, ChainId::value);
    public static final Codec<EntryPointSelector> ENTRY_POINT_SELECTOR =
            feltValue("entry point selector", EntryPointSelector::new, EntryPointSelector::value);
    public static final Codec<StorageKey> STORAGE_KEY = feltValue("storage key", StorageKey::new, StorageKey::value);

    /** A block number: a varint (a non-negative long). */
    public static final Codec<BlockNumber> BLOCK_NUMBER = new Codec<>() {
        @Override
        public void write(CodecWriter writer, BlockNumber value) {
            writer.writeVarint(value.value());
        }

        @Override
        public BlockNumber read(CodecReader reader) throws DecodingException {
            return new BlockNumber(reader.readNonNegativeLong("block number"));
        }
    };

    /** A call: {@code to}, selector, calldata (at most {@link CodecLimits#CALLDATA_FELTS_MAX}). */
    public static final Codec<Call> CALL = new Codec<>() {
        @Override
        public void write(CodecWriter writer, Call value) {
            writer.writeFelt(value.to().value());
            writer.writeFelt(value.selector().value());
            writer.writeFelts(value.calldata(), CodecLimits.CALLDATA_FELTS_MAX, "call calldata");
        }

        @Override
        public Call read(CodecReader reader) throws DecodingException {
            ContractAddress to = CONTRACT_ADDRESS.read(reader);
            EntryPointSelector selector = ENTRY_POINT_SELECTOR.read(reader);
            List<Felt> calldata = reader.readFelts(CodecLimits.CALLDATA_FELTS_MAX, "call calldata");
            return new Call(to, selector, calldata);
        }
    };

    private CoreCodecs() {
    }

    /** The codec of a record that wraps one felt, validated by the record's constructor on decoding. */
    static <T> Codec<T> feltValue(String what, Function<Felt, T> constructor, Function<T, Felt> value) {
        return new Codec<>() {
            @Override
            public void write(CodecWriter writer, T record) {
                writer.writeFelt(value.apply(record));
            }

            @Override
            public T read(CodecReader reader) throws DecodingException {
                int start = reader.position();
                Felt felt = reader.readFelt();
                return reader.validated(start, what, () -> constructor.apply(felt));
            }
        };
    }
}
