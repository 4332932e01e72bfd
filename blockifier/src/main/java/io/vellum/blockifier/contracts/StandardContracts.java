package io.vellum.blockifier.contracts;

import io.vellum.blockifier.execution.ContractRegistry;
import java.util.List;

/** The registry of every {@link VellumClass}, what a Vellum node runs. */
public final class StandardContracts {
    private StandardContracts() {
    }

    /** A registry with one instance of each Vellum class. */
    public static ContractRegistry registry() {
        return ContractRegistry.of(List.of(
                new AccountContract(),
                new Erc20Contract(),
                new CounterContract(),
                new KeyValueContract(),
                new SwapPoolContract(),
                new GasBurnerContract()));
    }
}
