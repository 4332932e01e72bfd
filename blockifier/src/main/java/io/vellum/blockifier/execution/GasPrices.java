package io.vellum.blockifier.execution;

import io.vellum.blockifier.crypto.Felt;
import java.util.Objects;

/**
 * A block's gas prices per resource, in wei (ETH) and fri (STRK), as Starknet's block header carries them. Vellum
 * charges fees in fri at {@link #l2GasPriceFri()}.
 */
public record GasPrices(
        Felt l1GasPriceWei,
        Felt l1GasPriceFri,
        Felt l1DataGasPriceWei,
        Felt l1DataGasPriceFri,
        Felt l2GasPriceWei,
        Felt l2GasPriceFri) {

    public GasPrices {
        Objects.requireNonNull(l1GasPriceWei, "l1GasPriceWei");
        Objects.requireNonNull(l1GasPriceFri, "l1GasPriceFri");
        Objects.requireNonNull(l1DataGasPriceWei, "l1DataGasPriceWei");
        Objects.requireNonNull(l1DataGasPriceFri, "l1DataGasPriceFri");
        Objects.requireNonNull(l2GasPriceWei, "l2GasPriceWei");
        Objects.requireNonNull(l2GasPriceFri, "l2GasPriceFri");
    }

    /** Every price 1 except L2 gas at {@code l2GasPriceFri}: a simple setting for simulations. */
    public static GasPrices ofL2(long l2GasPriceFri) {
        Felt one = Felt.ONE;
        return new GasPrices(one, one, one, one, one, Felt.of(l2GasPriceFri));
    }
}
