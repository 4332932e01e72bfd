package io.vellum.blockifier.execution;

import io.vellum.blockifier.core.ContractAddress;
import io.vellum.blockifier.crypto.Felt;
import java.util.List;
import java.util.Objects;

/** A message from an L2 contract to an L1 address (an Ethereum address, held as a felt). */
public record MessageToL1(ContractAddress fromAddress, Felt toAddress, List<Felt> payload) {
    public MessageToL1 {
        Objects.requireNonNull(fromAddress, "fromAddress");
        Objects.requireNonNull(toAddress, "toAddress");
        payload = List.copyOf(payload);
    }
}
