package io.vellum.blockifier.core;

import io.vellum.blockifier.crypto.Felt;
import java.util.List;
import java.util.Objects;

/** A call to a contract entry point with its calldata, as an account's multicall carries it. */
public record Call(ContractAddress to, EntryPointSelector selector, List<Felt> calldata) {
    public Call {
        Objects.requireNonNull(to, "to");
        Objects.requireNonNull(selector, "selector");
        calldata = List.copyOf(calldata);
    }
}
