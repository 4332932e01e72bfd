package io.vellum.blockifier.commitment;

import io.vellum.blockifier.crypto.Felt;
import java.util.List;
import java.util.Objects;

/** What the transaction commitment takes from a transaction: its hash and its signature. */
public record SignedTransactionHash(Felt transactionHash, List<Felt> signature) {
    public SignedTransactionHash {
        Objects.requireNonNull(transactionHash, "transactionHash");
        signature = List.copyOf(signature);
    }
}
