package io.vellum.blockifier.transaction;

import io.vellum.blockifier.crypto.Felt;
import io.vellum.blockifier.crypto.FeltException;
import java.util.List;
import java.util.Objects;

/**
 * What every version-3 transaction carries besides its own payload: resource bounds, tip (a u64, in fri per
 * unit of L2 gas), paymaster data, and the data-availability modes of its nonce and fee.
 */
public record V3Fields(
        AllResourceBounds resourceBounds,
        Felt tip,
        List<Felt> paymasterData,
        DataAvailabilityMode nonceDataAvailabilityMode,
        DataAvailabilityMode feeDataAvailabilityMode) {

    public V3Fields {
        Objects.requireNonNull(resourceBounds, "resourceBounds");
        Objects.requireNonNull(tip, "tip");
        if (!tip.fitsBits(64)) {
            throw new FeltException(FeltException.Reason.OUT_OF_RANGE, "tip must fit 64 bits: " + tip);
        }
        paymasterData = List.copyOf(paymasterData);
        Objects.requireNonNull(nonceDataAvailabilityMode, "nonceDataAvailabilityMode");
        Objects.requireNonNull(feeDataAvailabilityMode, "feeDataAvailabilityMode");
    }

    /** Bounds and tip, no paymaster, both modes L1: what Vellum's own clients send. */
    public static V3Fields of(AllResourceBounds resourceBounds, long tip) {
        return new V3Fields(resourceBounds, Felt.of(tip), List.of(), DataAvailabilityMode.L1, DataAvailabilityMode.L1);
    }
}
