package io.vellum.blockifier.transaction;

import io.vellum.blockifier.core.ContractAddress;
import io.vellum.blockifier.core.Nonce;
import io.vellum.blockifier.crypto.Felt;
import java.util.List;
import java.util.Objects;

/**
 * INVOKE version 3: the account {@code senderAddress} runs {@code __execute__} with {@code calldata} (for a
 * standard account, a multicall {@code [n_calls, (to, selector, calldata_len, calldata...)...]}).
 */
public record InvokeTransaction(
        ContractAddress senderAddress,
        List<Felt> calldata,
        List<Felt> signature,
        Nonce nonce,
        V3Fields fields,
        List<Felt> accountDeploymentData) implements Transaction {

    public InvokeTransaction {
        Objects.requireNonNull(senderAddress, "senderAddress");
        calldata = List.copyOf(calldata);
        signature = List.copyOf(signature);
        Objects.requireNonNull(nonce, "nonce");
        Objects.requireNonNull(fields, "fields");
        accountDeploymentData = List.copyOf(accountDeploymentData);
    }

    @Override
    public ContractAddress nonceAddress() {
        return senderAddress;
    }

    @Override
    public TransactionType type() {
        return TransactionType.INVOKE;
    }

    /** The same transaction with another signature (signing happens after hashing). */
    public InvokeTransaction withSignature(List<Felt> newSignature) {
        return new InvokeTransaction(senderAddress, calldata, newSignature, nonce, fields, accountDeploymentData);
    }
}
