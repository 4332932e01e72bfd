package io.vellum.blockifier.commitment;

import io.vellum.blockifier.crypto.Felt;
import io.vellum.blockifier.crypto.Poseidon;
import java.util.Objects;

/**
 * Vellum's proposal commitment: the value the sequencer nodes vote on. Not a Starknet value (no public vector).
 * <pre>
 * poseidon_many(["VELLUM_PROPOSAL0", block_number, parent_proposal_commitment, proposer, timestamp,
 *                concatenated_counts, state_diff_commitment, transaction_commitment, event_commitment,
 *                receipt_commitment, gas_prices_hash, starknet_version])
 * </pre>
 * It is the block-hash formula ({@link BlockHash}, 0.13.4+ form) without the two inputs that only the state
 * commitment yields — the global state root, and the parent block hash that depends on the parent's root — so a
 * proposal can be re-executed, compared and voted on before any trie is touched; the state commitment runs after
 * finality, off the critical path. Chaining by the parent's proposal commitment instead of the parent block hash
 * keeps the history bound: a proposal commits, through its parent, to every earlier proposal.
 *
 * <p>What re-execution must reproduce is all in it: the transactions with their signatures and their order
 * (transaction commitment), every receipt (fee, gas, revert reason, L1 messages: receipt commitment), every event
 * (event commitment), the state diff (state-diff commitment), the counts and the L1 data-availability mode
 * (concatenated counts), and the header: height, proposer (the sequencer address), timestamp, gas prices (always
 * hashed, as from 0.13.4) and protocol version. Since the state diff determines the state root given the parent
 * state, a final block's state root is fixed by the proposal that was voted on.
 */
public final class ProposalCommitment {
    public static final Felt PREFIX = Felt.fromShortString("VELLUM_PROPOSAL0");

    private ProposalCommitment() {
    }

    public static Felt compute(ProposalHeader header, BlockCommitments commitments) {
        Objects.requireNonNull(header, "header");
        Objects.requireNonNull(commitments, "commitments");
        return Poseidon.hashMany(
                PREFIX,
                Felt.of(header.blockNumber().value()),
                header.parentProposalCommitment(),
                header.proposer().value(),
                Felt.of(header.timestampSeconds()),
                commitments.concatenatedCounts(),
                commitments.stateDiffCommitment(),
                commitments.transactionCommitment(),
                commitments.eventCommitment(),
                commitments.receiptCommitment(),
                BlockCommitmentHashes.gasPricesHash(header.gasPrices()),
                header.starknetVersion().toShortString());
    }
}
