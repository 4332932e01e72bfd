package io.vellum.blockifier.transaction;

import java.math.BigInteger;
import java.util.Objects;
import java.util.Optional;

/**
 * The resource bounds of a version-3 transaction: L1 gas and L2 gas always, and L1 data gas for transactions
 * from Starknet 0.13.4 on. Whether the L1 data gas bound is present changes the transaction hash (it is hashed
 * only when present), so an absent bound is not the same as a zero one.
 */
public record AllResourceBounds(ResourceBounds l1Gas, ResourceBounds l2Gas, Optional<ResourceBounds> l1DataGas) {
    public AllResourceBounds {
        Objects.requireNonNull(l1Gas, "l1Gas");
        Objects.requireNonNull(l2Gas, "l2Gas");
        Objects.requireNonNull(l1DataGas, "l1DataGas");
    }

    /** All three bounds (the current form). */
    public static AllResourceBounds of(ResourceBounds l1Gas, ResourceBounds l2Gas, ResourceBounds l1DataGas) {
        return new AllResourceBounds(l1Gas, l2Gas, Optional.of(l1DataGas));
    }

    /** Only L1 and L2 gas (the form before Starknet 0.13.4). */
    public static AllResourceBounds withoutL1DataGas(ResourceBounds l1Gas, ResourceBounds l2Gas) {
        return new AllResourceBounds(l1Gas, l2Gas, Optional.empty());
    }

    /** Only an L2 gas bound, the others zero: the usual shape of a Vellum transaction. */
    public static AllResourceBounds l2Only(ResourceBounds l2Gas) {
        return of(ResourceBounds.ZERO, l2Gas, ResourceBounds.ZERO);
    }

    /** The sum of maxAmount × maxPricePerUnit over the bounds present: the most the transaction may pay. */
    public BigInteger maxFee() {
        BigInteger total = l1Gas.maxFee().add(l2Gas.maxFee());
        return l1DataGas.map(bound -> total.add(bound.maxFee())).orElse(total);
    }
}
