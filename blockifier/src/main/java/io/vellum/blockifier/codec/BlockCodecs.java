package io.vellum.blockifier.codec;

import io.vellum.blockifier.execution.GasPrices;
import io.vellum.blockifier.crypto.Felt;

/**
 * Codecs of block-level values. Block headers, proposals and the other block records join this class, in the same
 * style (component order, one codec constant each), as they are written.
 */
public final class BlockCodecs {
    /** The six prices in component order: L1 gas wei, fri; L1 data gas wei, fri; L2 gas wei, fri. */
    public static final Codec<GasPrices> GAS_PRICES = new Codec<>() {
        @Override
        public void write(CodecWriter writer, GasPrices value) {
            writer.writeFelt(value.l1GasPriceWei());
            writer.writeFelt(value.l1GasPriceFri());
            writer.writeFelt(value.l1DataGasPriceWei());
            writer.writeFelt(value.l1DataGasPriceFri());
            writer.writeFelt(value.l2GasPriceWei());
            writer.writeFelt(value.l2GasPriceFri());
        }

        @Override
        public GasPrices read(CodecReader reader) throws DecodingException {
            int start = reader.position();
            Felt l1GasWei = reader.readFelt();
            Felt l1GasFri = reader.readFelt();
            Felt l1DataGasWei = reader.readFelt();
            Felt l1DataGasFri = reader.readFelt();
            Felt l2GasWei = reader.readFelt();
            Felt l2GasFri = reader.readFelt();
            return reader.validated(start, "gas prices",
                    () -> new GasPrices(l1GasWei, l1GasFri, l1DataGasWei, l1DataGasFri, l2GasWei, l2GasFri));
        }
    };

    private BlockCodecs() {
    }
}
