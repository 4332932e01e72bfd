package io.vellum.blockifier.transaction;

import io.vellum.blockifier.crypto.Felt;
import io.vellum.blockifier.crypto.FeltException;
import java.math.BigInteger;
import java.util.Objects;

/**
 * The most a transaction will consume of one resource ({@code maxAmount}, a u64) and the most it will pay per
 * unit ({@code maxPricePerUnit}, a u128, in fri).
 */
public record ResourceBounds(Felt maxAmount, Felt maxPricePerUnit) {
    public static final ResourceBounds ZERO = new ResourceBounds(Felt.ZERO, Felt.ZERO);

    public ResourceBounds {
        Objects.requireNonNull(maxAmount, "maxAmount");
        Objects.requireNonNull(maxPricePerUnit, "maxPricePerUnit");
        if (!maxAmount.fitsBits(64)) {
            throw new FeltException(FeltException.Reason.OUT_OF_RANGE, "max_amount must fit 64 bits: " + maxAmount);
        }
        if (!maxPricePerUnit.fitsBits(128)) {
            throw new FeltException(FeltException.Reason.OUT_OF_RANGE,
                    "max_price_per_unit must fit 128 bits: " + maxPricePerUnit);
        }
    }

    public static ResourceBounds of(long maxAmount, long maxPricePerUnit) {
        return new ResourceBounds(Felt.of(maxAmount), Felt.of(maxPricePerUnit));
    }

    /** maxAmount × maxPricePerUnit: the most this bound lets the transaction pay (fits 192 bits). */
    public BigInteger maxFee() {
        return maxAmount.toBigInteger().multiply(maxPricePerUnit.toBigInteger());
    }

    /** The felt Starknet hashes for this bound: name (56 bits) ‖ max_amount (64) ‖ max_price_per_unit (128). */
    public Felt hashFelt(Resource resource) {
        BigInteger packed = resource.hashName().toBigInteger().shiftLeft(192)
                .or(maxAmount.toBigInteger().shiftLeft(128))
                .or(maxPricePerUnit.toBigInteger());
        return Felt.fromBigInteger(packed);
    }
}
