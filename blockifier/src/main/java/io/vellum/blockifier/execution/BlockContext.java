package io.vellum.blockifier.execution;

import io.vellum.blockifier.core.BlockNumber;
import io.vellum.blockifier.core.ChainId;
import io.vellum.blockifier.core.ContractAddress;
import io.vellum.blockifier.crypto.Felt;
import java.util.Objects;

/**
 * The block a transaction executes in: its number and timestamp, who sequences it (and is paid the fees), its
 * gas prices, the chain, and the fee token. Everything execution may depend on besides state and the
 * transaction itself, so that every node re-executing with the same context gets the same result. The timestamp
 * is chosen by the proposer and carried in the proposal; execution never reads a clock.
 *
 * @param blockNumber the block's height
 * @param timestampSeconds the block's time, in seconds since the Unix epoch
 * @param sequencerAddress the address fees are paid to (not zero)
 * @param gasPrices the block's gas prices; fees are charged at {@link GasPrices#l2GasPriceFri()}
 * @param chainId the chain the block belongs to
 * @param feeTokenAddress the STRK token that fees are paid in
 */
public record BlockContext(
        BlockNumber blockNumber,
        long timestampSeconds,
        ContractAddress sequencerAddress,
        GasPrices gasPrices,
        ChainId chainId,
        ContractAddress feeTokenAddress) {

    public BlockContext {
        Objects.requireNonNull(blockNumber, "blockNumber");
        if (timestampSeconds < 0) {
            throw new IllegalArgumentException("timestamp must not be negative: " + timestampSeconds);
        }
        Objects.requireNonNull(sequencerAddress, "sequencerAddress");
        if (sequencerAddress.value().isZero()) {
            throw new IllegalArgumentException("the sequencer address must not be zero: fees cannot be paid to it");
        }
        Objects.requireNonNull(gasPrices, "gasPrices");
        Objects.requireNonNull(chainId, "chainId");
        Objects.requireNonNull(feeTokenAddress, "feeTokenAddress");
        if (!gasPrices.l2GasPriceFri().fitsBits(128)) {
            throw new IllegalArgumentException("the L2 gas price must fit 128 bits: " + gasPrices.l2GasPriceFri());
        }
    }

    /** The L2 gas price in fri. */
    public Felt l2GasPriceFri() {
        return gasPrices.l2GasPriceFri();
    }

    /** The same context for the next block, at another time. */
    public BlockContext next(long nextTimestampSeconds) {
        return new BlockContext(blockNumber.next(), nextTimestampSeconds, sequencerAddress, gasPrices, chainId,
                feeTokenAddress);
    }
}
