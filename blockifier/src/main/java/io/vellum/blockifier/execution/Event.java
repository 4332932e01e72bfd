package io.vellum.blockifier.execution;

import io.vellum.blockifier.core.ContractAddress;
import io.vellum.blockifier.crypto.Felt;
import java.util.List;
import java.util.Objects;

/** An event a contract emitted: keys (the first is usually the event's selector) and data. */
public record Event(ContractAddress fromAddress, List<Felt> keys, List<Felt> data) {
    public Event {
        Objects.requireNonNull(fromAddress, "fromAddress");
        keys = List.copyOf(keys);
        data = List.copyOf(data);
    }
}
