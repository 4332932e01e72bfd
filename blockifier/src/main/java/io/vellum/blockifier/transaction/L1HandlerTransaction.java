package io.vellum.blockifier.transaction;

import io.vellum.blockifier.core.ContractAddress;
import io.vellum.blockifier.core.EntryPointSelector;
import io.vellum.blockifier.core.Nonce;
import io.vellum.blockifier.crypto.Felt;
import java.util.List;
import java.util.Objects;

/**
 * L1_HANDLER: a message from L1 that calls an {@code #[l1_handler]} entry point of {@code contractAddress}. The
 * first calldata element is the L1 sender's address. Its fee was paid on L1 ({@code paidFeeOnL1}, in wei); it
 * has no signature and its nonce is the L1 message nonce.
 */
public record L1HandlerTransaction(
        ContractAddress contractAddress,
        EntryPointSelector entryPointSelector,
        List<Felt> calldata,
        Nonce nonce,
        Felt paidFeeOnL1) implements Transaction {

    public L1HandlerTransaction {
        Objects.requireNonNull(contractAddress, "contractAddress");
        Objects.requireNonNull(entryPointSelector, "entryPointSelector");
        calldata = List.copyOf(calldata);
        Objects.requireNonNull(nonce, "nonce");
        Objects.requireNonNull(paidFeeOnL1, "paidFeeOnL1");
    }

    @Override
    public ContractAddress nonceAddress() {
        return contractAddress;
    }

    @Override
    public TransactionType type() {
        return TransactionType.L1_HANDLER;
    }
}
