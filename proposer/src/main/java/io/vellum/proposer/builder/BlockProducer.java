package io.vellum.proposer.builder;

import io.vellum.blockifier.block.BlockBuilder;
import io.vellum.blockifier.block.BlockCloseReason;
import io.vellum.blockifier.execution.BlockContext;
import io.vellum.blockifier.block.BlockLimits;
import io.vellum.blockifier.block.ExecutedBlock;
import io.vellum.blockifier.block.TransactionOutcome;
import io.vellum.blockifier.commitment.BlockCommitmentHashes;
import io.vellum.blockifier.commitment.BlockCommitments;
import io.vellum.blockifier.commitment.L1DataAvailabilityMode;
import io.vellum.blockifier.commitment.ProposalCommitment;
import io.vellum.blockifier.commitment.ProposalHeader;
import io.vellum.blockifier.commitment.SignedTransactionHash;
import io.vellum.blockifier.commitment.StarknetVersion;
import io.vellum.blockifier.crypto.Felt;
import io.vellum.blockifier.execution.Receipt;
import io.vellum.blockifier.execution.TransactionExecutor;
import io.vellum.blockifier.state.StateReader;
import io.vellum.proposer.mempool.PendingTransaction;
import io.vellum.proposer.ordering.OrderedCandidates;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Objects;
import java.util.TreeSet;

/**
 * Builds blocks from candidates and checks claimed blocks by re-executing them.
 *
 * <h2>Building</h2>
 * The candidates come in the ordering policy's order. Each is offered to a {@link BlockBuilder} until the bouncer
 * closes the block, the deadline passes ({@link BlockCloseReason#INTERVAL_ELAPSED}) or the candidates run out
 * ({@link BlockCloseReason#NO_MORE_TRANSACTIONS}). A transaction that does not fit ends the block and is not
 * among the offered ones: it stays pending.
 *
 * <h2>Verifying</h2>
 * A follower recomputes the candidates from its own mempool (as of the proposal's watermark) and state, so the
 * claim must offer exactly their first N, in order; each is re-executed and its result compared. The close reason
 * must be reproducible: a limit means the next candidate does not fit, "no more transactions" means there was no
 * next candidate; "interval elapsed" is the proposer's to choose. Finally the whole block's proposal commitment
 * must match. The first difference is named by its offer position.
 *
 * <p>Stateless apart from its configuration; a single instance may serve several threads.
 */
public final class BlockProducer {
    private final TransactionExecutor executor;
    private final StarknetVersion version;
    private final ProposerFault fault;

    public BlockProducer(TransactionExecutor executor, StarknetVersion version, ProposerFault fault) {
        this.executor = Objects.requireNonNull(executor, "executor");
        this.version = Objects.requireNonNull(version, "version");
        this.fault = Objects.requireNonNull(fault, "fault");
    }

    public BlockProducer(TransactionExecutor executor, StarknetVersion version) {
        this(executor, version, ProposerFault.NONE);
    }

    /** Builds a block on {@code head} (the state after the parent) from the candidates, in order. */
    public BuiltBlock build(StateReader head, BlockContext context, Felt parentCommitment, BlockLimits limits,
            List<PendingTransaction> candidates, Deadline deadline) {
        List<PendingTransaction> offeredCandidates = applyCandidateFault(candidates);
        BlockBuilder builder = new BlockBuilder(executor, head, context, limits);
        List<OfferedTransaction> offered = new ArrayList<>();
        for (PendingTransaction candidate : offeredCandidates) {
            if (!builder.isOpen()) {
                break;
            }
            if (deadline.expired()) {
                builder.close(BlockCloseReason.INTERVAL_ELAPSED);
                break;
            }
            TransactionOutcome outcome = builder.offer(candidate.transaction());
            if (outcome instanceof TransactionOutcome.DoesNotFit) {
                break;
            }
            offered.add(offeredOf(outcome));
        }
        builder.close(BlockCloseReason.NO_MORE_TRANSACTIONS); // no effect if already closed
        ExecutedBlock block = builder.finish();
        if (fault instanceof ProposerFault.WrongResult) {
            return lieAboutResult(block, offered, parentCommitment);
        }
        return seal(block, offered, parentCommitment);
    }

    /** Re-executes a claimed block on {@code head} against the candidates this node computed. */
    public Verdict verify(StateReader head, BlockContext context, Felt parentCommitment, BlockLimits limits,
            List<PendingTransaction> candidates, ClaimedBlock claim) {
        List<OfferedTransaction> claimed = claim.offered();
        if (!claimed.isEmpty() && !hasCandidate(candidates, claimed.size() - 1)) {
            return new Verdict.Reject(candidates.size(), "the proposal offers " + claimed.size()
                    + " transactions but only " + candidates.size() + " were candidates under the ordering policy");
        }
        BlockBuilder builder = new BlockBuilder(executor, head, context, limits);
        List<OfferedTransaction> offered = new ArrayList<>(claimed.size());
        for (int position = 0; position < claimed.size(); position++) {
            PendingTransaction expected = candidates.get(position);
            OfferedTransaction claimedOne = claimed.get(position);
            if (!claimedOne.hash().equals(expected.hash())) {
                return new Verdict.Reject(position, "ordering policy not kept: expected " + expected.hash()
                        + " (account " + expected.account() + ", nonce " + expected.nonce() + ") at position "
                        + position + ", the proposal has " + claimedOne.hash());
            }
            if (!builder.isOpen()) {
                return new Verdict.Reject(position, "the block closed (" + builder.closeReason().orElseThrow()
                        + ") before position " + position);
            }
            TransactionOutcome outcome = builder.offer(expected.transaction());
            if (outcome instanceof TransactionOutcome.DoesNotFit notFit) {
                return new Verdict.Reject(position, "transaction " + expected.hash() + " does not fit the block ("
                        + notFit.reason() + ") but the proposal offers it");
            }
            OfferedTransaction mine = offeredOf(outcome);
            String difference = difference(mine, claimedOne);
            if (difference != null) {
                return new Verdict.Reject(position, difference);
            }
            offered.add(mine);
        }
        String closing = checkClose(builder, claim.closeReason(), candidates, claimed.size());
        if (closing != null) {
            return new Verdict.Reject(claimed.size(), closing);
        }
        BuiltBlock mine = seal(builder.finish(), offered, parentCommitment);
        if (!mine.proposalCommitment().equals(claim.proposalCommitment())) {
            return new Verdict.Reject(-1, "proposal commitment differs: re-execution gives " + mine.proposalCommitment()
                    + ", the proposal claims " + claim.proposalCommitment()
                    + " (every transaction's result matched: the header or the state diff differs)");
        }
        return new Verdict.Approve(mine);
    }

    private static String checkClose(BlockBuilder builder, BlockCloseReason claimed,
            List<PendingTransaction> candidates, int offeredCount) {
        if (!builder.isOpen()) {
            BlockCloseReason actual = builder.closeReason().orElseThrow();
            if (actual != claimed) {
                return "the block closes for " + actual + ", the proposal says " + claimed;
            }
            return null;
        }
        switch (claimed) {
            case INTERVAL_ELAPSED -> {
                builder.close(claimed);
                return null;
            }
            case NO_MORE_TRANSACTIONS -> {
                if (hasCandidate(candidates, offeredCount)) {
                    return "the proposal says no more transactions, but " + (candidates.size() - offeredCount)
                            + " more candidates were pending";
                }
                builder.close(claimed);
                return null;
            }
            case TRANSACTION_COUNT -> {
                return "the proposal says the transaction count was reached, but the block is still open";
            }
            default -> {
                if (!hasCandidate(candidates, offeredCount)) {
                    return "the proposal says a limit (" + claimed + ") closed it, but no candidate was left";
                }
                TransactionOutcome next = builder.offer(candidates.get(offeredCount).transaction());
                if (next instanceof TransactionOutcome.DoesNotFit notFit && notFit.reason() == claimed) {
                    return null;
                }
                return "the proposal says " + claimed + " closed the block, but the next candidate "
                        + candidates.get(offeredCount).hash() + " gives " + describe(next);
            }
        }
    }

    /**
     * Whether there is a candidate at {@code index}, without producing the candidates after it when they are
     * produced as read ({@link OrderedCandidates}: a re-execution reads a block's worth, not the whole backlog).
     */
    private static boolean hasCandidate(List<PendingTransaction> candidates, int index) {
        return candidates instanceof OrderedCandidates lazy ? lazy.has(index) : index < candidates.size();
    }

    private static String difference(OfferedTransaction mine, OfferedTransaction claimed) {
        if (mine instanceof OfferedTransaction.Included included) {
            if (claimed instanceof OfferedTransaction.Included claimedIncluded) {
                return included.receiptHash().equals(claimedIncluded.receiptHash()) ? null
                        : "receipt of " + mine.hash() + " differs: re-execution gives " + included.receiptHash()
                                + ", the proposal claims " + claimedIncluded.receiptHash();
            }
            return mine.hash() + " is included on re-execution, the proposal rejects it ("
                    + ((OfferedTransaction.Rejected) claimed).code() + ")";
        }
        OfferedTransaction.Rejected rejected = (OfferedTransaction.Rejected) mine;
        if (claimed instanceof OfferedTransaction.Rejected claimedRejected) {
            return rejected.code() == claimedRejected.code() ? null
                    : mine.hash() + " is rejected for " + rejected.code() + " on re-execution, the proposal says "
                            + claimedRejected.code();
        }
        return mine.hash() + " is rejected on re-execution (" + rejected.code() + "), the proposal includes it";
    }

    private static String describe(TransactionOutcome outcome) {
        if (outcome instanceof TransactionOutcome.Included) {
            return "inclusion";
        }
        if (outcome instanceof TransactionOutcome.Rejected rejected) {
            return "rejection (" + rejected.rejected().rejection().code() + ")";
        }
        return "does-not-fit (" + ((TransactionOutcome.DoesNotFit) outcome).reason() + ")";
    }

    private static OfferedTransaction offeredOf(TransactionOutcome outcome) {
        if (outcome instanceof TransactionOutcome.Included included) {
            Receipt receipt = included.included().receipt();
            return new OfferedTransaction.Included(outcome.transaction().hash(), BlockCommitmentHashes.receiptHash(receipt));
        }
        TransactionOutcome.Rejected rejected = (TransactionOutcome.Rejected) outcome;
        return new OfferedTransaction.Rejected(outcome.transaction().hash(), rejected.rejected().rejection().code());
    }

    private BuiltBlock seal(ExecutedBlock block, List<OfferedTransaction> offered, Felt parentCommitment) {
        // Each included transaction's receipt leaf was hashed when it was offered (this node's own outcomes, in
        // block order): reuse them rather than hashing every receipt a second time.
        List<Felt> receiptHashes = new ArrayList<>(block.receipts().size());
        for (OfferedTransaction one : offered) {
            if (one instanceof OfferedTransaction.Included included) {
                receiptHashes.add(included.receiptHash());
            }
        }
        BlockCommitments commitments = commitments(block, block.receipts(), receiptHashes);
        return new BuiltBlock(block, offered, commitments, proposalCommitment(block, commitments, parentCommitment));
    }

    private BlockCommitments commitments(ExecutedBlock block, List<Receipt> receipts, List<Felt> receiptHashes) {
        List<Felt> hashes = block.transactionHashes();
        List<List<Felt>> signatures = block.signatures();
        List<SignedTransactionHash> signed = new ArrayList<>(hashes.size());
        for (int i = 0; i < hashes.size(); i++) {
            signed.add(new SignedTransactionHash(hashes.get(i), signatures.get(i)));
        }
        return BlockCommitments.computeWithReceiptHashes(signed, receipts, receiptHashes, block.stateDiff(),
                Collections.unmodifiableSortedSet(new TreeSet<>()), L1DataAvailabilityMode.BLOB, version);
    }

    private Felt proposalCommitment(ExecutedBlock block, BlockCommitments commitments, Felt parentCommitment) {
        ProposalHeader header = new ProposalHeader(block.context().blockNumber(), parentCommitment,
                block.context().sequencerAddress(), block.context().timestampSeconds(), block.context().gasPrices(),
                version);
        return ProposalCommitment.compute(header, commitments);
    }

    // -------------------------------------------------------------------------------------------------------------
    // The lying-proposer test hook.

    private List<PendingTransaction> applyCandidateFault(List<PendingTransaction> candidates) {
        if (fault instanceof ProposerFault.Censor censor) {
            return candidates.stream().filter(c -> !c.account().equals(censor.account())).toList();
        }
        if (fault instanceof ProposerFault.Reorder) {
            for (int second = 1; second < candidates.size(); second++) {
                if (!candidates.get(second).account().equals(candidates.get(0).account())) {
                    List<PendingTransaction> swapped = new ArrayList<>(candidates);
                    Collections.swap(swapped, 0, second);
                    return swapped;
                }
            }
        }
        return candidates;
    }

    /** Claims an altered receipt for the first included transaction, with a commitment over the altered claim. */
    private BuiltBlock lieAboutResult(ExecutedBlock block, List<OfferedTransaction> offered, Felt parentCommitment) {
        List<OfferedTransaction> altered = new ArrayList<>(offered);
        for (int i = 0; i < altered.size(); i++) {
            if (altered.get(i) instanceof OfferedTransaction.Included included) {
                altered.set(i, new OfferedTransaction.Included(included.hash(), included.receiptHash().add(Felt.ONE)));
                break;
            }
        }
        BuiltBlock honest = seal(block, offered, parentCommitment);
        return new BuiltBlock(block, altered, honest.commitments(), honest.proposalCommitment().add(Felt.ONE));
    }
}
