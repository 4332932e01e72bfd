package io.vellum.blockifier.execution;

import io.vellum.blockifier.core.ChainId;
import io.vellum.blockifier.core.ContractAddress;
import io.vellum.blockifier.core.Nonce;
import io.vellum.blockifier.crypto.Felt;
import io.vellum.blockifier.transaction.AllResourceBounds;
import java.util.List;
import java.util.Objects;

/**
 * What a contract can learn about the transaction it runs in (Cairo's {@code get_tx_info}): its hash and
 * signature, the account that sent it, its nonce, version, fee bounds, tip and the chain.
 *
 * <p>For an L1 handler the account is the handler's contract, the signature is empty, the nonce is the L1
 * message nonce and the version is 0, as in Starknet.
 */
public record TransactionInfo(
        Felt transactionHash,
        List<Felt> signature,
        ContractAddress accountAddress,
        Nonce nonce,
        Felt version,
        AllResourceBounds resourceBounds,
        Felt tip,
        ChainId chainId) {

    public TransactionInfo {
        Objects.requireNonNull(transactionHash, "transactionHash");
        signature = List.copyOf(signature);
        Objects.requireNonNull(accountAddress, "accountAddress");
        Objects.requireNonNull(nonce, "nonce");
        Objects.requireNonNull(version, "version");
        Objects.requireNonNull(resourceBounds, "resourceBounds");
        Objects.requireNonNull(tip, "tip");
        Objects.requireNonNull(chainId, "chainId");
    }
}
