package io.vellum.blockifier.commitment;

import io.vellum.blockifier.execution.GasPrices;
import io.vellum.blockifier.core.BlockNumber;
import io.vellum.blockifier.core.ContractAddress;
import io.vellum.blockifier.crypto.Felt;
import java.util.Objects;

/** The header fields the block hash covers besides the {@link BlockCommitments}. */
public record BlockHeaderFields(
        BlockNumber blockNumber,
        Felt parentBlockHash,
        Felt stateRoot,
        ContractAddress sequencerAddress,
        long timestampSeconds,
        GasPrices gasPrices,
        StarknetVersion starknetVersion) {

    public BlockHeaderFields {
        Objects.requireNonNull(blockNumber, "blockNumber");
        Objects.requireNonNull(parentBlockHash, "parentBlockHash");
        Objects.requireNonNull(stateRoot, "stateRoot");
        Objects.requireNonNull(sequencerAddress, "sequencerAddress");
        if (timestampSeconds < 0) {
            throw new IllegalArgumentException("timestamp must not be negative: " + timestampSeconds);
        }
        Objects.requireNonNull(gasPrices, "gasPrices");
        Objects.requireNonNull(starknetVersion, "starknetVersion");
    }
}
