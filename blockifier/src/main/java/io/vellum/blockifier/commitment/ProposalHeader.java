package io.vellum.blockifier.commitment;

import io.vellum.blockifier.execution.GasPrices;
import io.vellum.blockifier.core.BlockNumber;
import io.vellum.blockifier.core.ContractAddress;
import io.vellum.blockifier.crypto.Felt;
import java.util.Objects;

/**
 * The header fields a Vellum proposal commits to besides its {@link BlockCommitments}: everything the block hash
 * has except the state root and the parent block hash, which are known only after the state commitment, with the
 * parent proposal's commitment in their place (0 for the first block).
 */
public record ProposalHeader(
        BlockNumber blockNumber,
        Felt parentProposalCommitment,
        ContractAddress proposer,
        long timestampSeconds,
        GasPrices gasPrices,
        StarknetVersion starknetVersion) {

    public ProposalHeader {
        Objects.requireNonNull(blockNumber, "blockNumber");
        Objects.requireNonNull(parentProposalCommitment, "parentProposalCommitment");
        Objects.requireNonNull(proposer, "proposer");
        if (timestampSeconds < 0) {
            throw new IllegalArgumentException("timestamp must not be negative: " + timestampSeconds);
        }
        Objects.requireNonNull(gasPrices, "gasPrices");
        Objects.requireNonNull(starknetVersion, "starknetVersion");
    }
}
