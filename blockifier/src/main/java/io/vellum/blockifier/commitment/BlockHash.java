package io.vellum.blockifier.commitment;

import io.vellum.blockifier.execution.GasPrices;
import io.vellum.blockifier.crypto.Felt;
import io.vellum.blockifier.crypto.Poseidon;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Starknet's block hash from v0.13.2:
 * <pre>
 * poseidon_many([version_prefix, block_number, state_root, sequencer_address, timestamp, concatenated_counts,
 *                state_diff_commitment, transaction_commitment, event_commitment, receipt_commitment,
 *                ...gas_prices, starknet_version, 0, parent_block_hash])
 * </pre>
 * where, for 0.13.2 and 0.13.3, version_prefix is "STARKNET_BLOCK_HASH0" and gas_prices the four felts
 * [l1 gas wei, l1 gas fri, l1 data gas wei, l1 data gas fri]; from 0.13.4 the prefix is "STARKNET_BLOCK_HASH1"
 * and gas_prices the single {@link BlockCommitmentHashes#gasPricesHash}. The Starknet version enters as its text
 * (a short string). Earlier (Pedersen) block hashes are not implemented.
 */
public final class BlockHash {
    public static final Felt PREFIX_V0 = Felt.fromShortString("STARKNET_BLOCK_HASH0");
    public static final Felt PREFIX_V1 = Felt.fromShortString("STARKNET_BLOCK_HASH1");

    private BlockHash() {
    }

    public static Felt compute(BlockHeaderFields header, BlockCommitments commitments) {
        Objects.requireNonNull(header, "header");
        Objects.requireNonNull(commitments, "commitments");
        StarknetVersion version = header.starknetVersion();
        if (!version.isAtLeast(StarknetVersion.V0_13_2)) {
            throw new IllegalArgumentException("block hashes are implemented from Starknet 0.13.2, not " + version);
        }
        boolean gasPricesHashed = version.isAtLeast(StarknetVersion.V0_13_4);
        GasPrices prices = header.gasPrices();
        List<Felt> elements = new ArrayList<>(17);
        elements.add(gasPricesHashed ? PREFIX_V1 : PREFIX_V0);
        elements.add(Felt.of(header.blockNumber().value()));
        elements.add(header.stateRoot());
        elements.add(header.sequencerAddress().value());
        elements.add(Felt.of(header.timestampSeconds()));
        elements.add(commitments.concatenatedCounts());
        elements.add(commitments.stateDiffCommitment());
        elements.add(commitments.transactionCommitment());
        elements.add(commitments.eventCommitment());
        elements.add(commitments.receiptCommitment());
        if (gasPricesHashed) {
            elements.add(BlockCommitmentHashes.gasPricesHash(prices));
        } else {
            elements.add(prices.l1GasPriceWei());
            elements.add(prices.l1GasPriceFri());
            elements.add(prices.l1DataGasPriceWei());
            elements.add(prices.l1DataGasPriceFri());
        }
        elements.add(version.toShortString());
        elements.add(Felt.ZERO);
        elements.add(header.parentBlockHash());
        return Poseidon.hashMany(elements);
    }
}
