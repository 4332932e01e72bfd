package io.vellum.simulations.check;

import java.util.List;

/**
 * A final block as one node stored it, reduced to what the checkers compare.
 *
 * @param height its height
 * @param term the Raft term of its proposal
 * @param proposer who proposed it
 * @param proposalCommitment what was voted on
 * @param commitments its transaction, event, receipt and state-diff commitments and counts, as text
 * @param transactions the included transactions' hashes, in order
 * @param rejected the hashes its proposal rejected
 * @param stateRoot the committer's global state root, empty if not committed
 * @param blockHash the committer's block hash, empty if not committed
 * @param closeReason why the proposer closed it
 * @param timestampSeconds its timestamp
 * @param proverStatus its proving job's status ({@code PROVEN}, ...), or empty if there is no job
 * @param proverAttempts how often the job was leased
 */
public record BlockRecord(long height, long term, String proposer, String proposalCommitment, String commitments,
        List<String> transactions, List<String> rejected, String stateRoot, String blockHash, String closeReason,
        long timestampSeconds, String proverStatus, int proverAttempts) {
    public BlockRecord {
        transactions = List.copyOf(transactions);
        rejected = List.copyOf(rejected);
    }
}
