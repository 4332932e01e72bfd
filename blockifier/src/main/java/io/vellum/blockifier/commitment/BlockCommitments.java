package io.vellum.blockifier.commitment;

import io.vellum.blockifier.core.ClassHash;
import io.vellum.blockifier.crypto.Felt;
import io.vellum.blockifier.execution.Event;
import io.vellum.blockifier.execution.Receipt;
import io.vellum.blockifier.state.StateDiff;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.SortedSet;
import java.util.TreeSet;

/**
 * The commitments a block header carries besides the state root (Starknet 0.13.2 and later): the transaction,
 * event and receipt commitments (height-64 Poseidon tries over per-item leaves, see {@link BlockCommitmentHashes}),
 * the state-diff commitment, and the counts that {@link #concatenatedCounts()} packs into one felt.
 */
public record BlockCommitments(
        Felt transactionCommitment,
        Felt eventCommitment,
        Felt receiptCommitment,
        Felt stateDiffCommitment,
        long transactionCount,
        long eventCount,
        long stateDiffLength,
        L1DataAvailabilityMode l1DataAvailabilityMode) {

    /** Leaves hashed per task when spread over threads. */
    private static final int LEAVES_PER_TASK = 32;

    public BlockCommitments {
        Objects.requireNonNull(transactionCommitment, "transactionCommitment");
        Objects.requireNonNull(eventCommitment, "eventCommitment");
        Objects.requireNonNull(receiptCommitment, "receiptCommitment");
        Objects.requireNonNull(stateDiffCommitment, "stateDiffCommitment");
        Objects.requireNonNull(l1DataAvailabilityMode, "l1DataAvailabilityMode");
        if (transactionCount < 0 || eventCount < 0 || stateDiffLength < 0) {
            throw new IllegalArgumentException("counts must not be negative: " + transactionCount + ", "
                    + eventCount + ", " + stateDiffLength);
        }
    }

    /** tx_count · 2^192 + event_count · 2^128 + state_diff_length · 2^64 + (BLOB ? 2^63 : 0). */
    public Felt concatenatedCounts() {
        return BlockCommitmentHashes.concatenatedCounts(transactionCount, eventCount, stateDiffLength,
                l1DataAvailabilityMode);
    }

    /**
     * As {@link #compute(List, List, StateDiff, SortedSet, L1DataAvailabilityMode, StarknetVersion, Parallelism)},
     * on the caller's thread.
     */
    public static BlockCommitments compute(List<SignedTransactionHash> transactions, List<Receipt> receipts,
            StateDiff diff, SortedSet<ClassHash> deprecatedDeclaredClasses, L1DataAvailabilityMode mode,
            StarknetVersion version) {
        return compute(transactions, receipts, diff, deprecatedDeclaredClasses, mode, version, Parallelism.SEQUENTIAL);
    }

    /** The commitments of a Vellum block: as the full form, with no deprecated (Cairo 0) classes declared. */
    public static BlockCommitments compute(List<SignedTransactionHash> transactions, List<Receipt> receipts,
            StateDiff diff, L1DataAvailabilityMode mode, StarknetVersion version, Parallelism parallelism) {
        return compute(transactions, receipts, diff, new TreeSet<>(), mode, version, parallelism);
    }

    /**
     * The commitments of a block.
     *
     * @param transactions              the block's transactions in order: hash and signature
     * @param receipts                  their receipts, in the same order (the hashes must match)
     * @param diff                      the block's state diff
     * @param deprecatedDeclaredClasses Cairo 0 classes the block declared (none in Vellum; historical blocks)
     * @param mode                      how the block's data goes to L1
     * @param version                   the block's Starknet version, 0.13.2 or later
     * @param parallelism               where leaves and trie levels may be hashed in parallel; no effect on results
     */
    public static BlockCommitments compute(List<SignedTransactionHash> transactions, List<Receipt> receipts,
            StateDiff diff, SortedSet<ClassHash> deprecatedDeclaredClasses, L1DataAvailabilityMode mode,
            StarknetVersion version, Parallelism parallelism) {
        return compute(transactions, receipts, null, diff, deprecatedDeclaredClasses, mode, version, parallelism);
    }

    /**
     * As {@link #compute(List, List, StateDiff, SortedSet, L1DataAvailabilityMode, StarknetVersion)}, for a caller
     * that already hashed each receipt ({@link BlockCommitmentHashes#receiptHash}) — the block producer does, for
     * every transaction it offers — so that a receipt is not hashed twice per node. The caller is trusted for these
     * leaves: pass only hashes this process computed from {@code receipts}, never ones received from a peer.
     *
     * @param receiptHashes the receipt-commitment leaves, one per receipt in the same order
     */
    public static BlockCommitments computeWithReceiptHashes(List<SignedTransactionHash> transactions,
            List<Receipt> receipts, List<Felt> receiptHashes, StateDiff diff,
            SortedSet<ClassHash> deprecatedDeclaredClasses, L1DataAvailabilityMode mode, StarknetVersion version) {
        Objects.requireNonNull(receiptHashes, "receiptHashes");
        Objects.requireNonNull(receipts, "receipts");
        if (receiptHashes.size() != receipts.size()) {
            throw new IllegalArgumentException(receipts.size() + " receipts but " + receiptHashes.size()
                    + " receipt hashes");
        }
        Felt[] leaves = new Felt[receiptHashes.size()];
        for (int i = 0; i < leaves.length; i++) {
            leaves[i] = Objects.requireNonNull(receiptHashes.get(i), "receipt hash " + i);
        }
        return compute(transactions, receipts, leaves, diff, deprecatedDeclaredClasses, mode, version,
                Parallelism.SEQUENTIAL);
    }

    /** The computation; {@code knownReceiptLeaves}, when not null, are the receipt leaves already hashed. */
    private static BlockCommitments compute(List<SignedTransactionHash> transactions, List<Receipt> receipts,
            Felt[] knownReceiptLeaves, StateDiff diff, SortedSet<ClassHash> deprecatedDeclaredClasses,
            L1DataAvailabilityMode mode, StarknetVersion version, Parallelism parallelism) {
        Objects.requireNonNull(diff, "diff");
        Objects.requireNonNull(deprecatedDeclaredClasses, "deprecatedDeclaredClasses");
        Objects.requireNonNull(mode, "mode");
        Objects.requireNonNull(parallelism, "parallelism");
        if (!Objects.requireNonNull(version, "version").isAtLeast(StarknetVersion.V0_13_2)) {
            throw new IllegalArgumentException(
                    "block commitments are implemented from Starknet 0.13.2, not " + version);
        }
        checkMatching(transactions, receipts);

        List<Event> events = new ArrayList<>();
        List<Felt> eventTransactions = new ArrayList<>();
        for (Receipt receipt : receipts) {
            for (Event event : receipt.events()) {
                events.add(event);
                eventTransactions.add(receipt.transactionHash());
            }
        }
        int transactionCount = transactions.size();
        int eventCount = events.size();
        Felt[] transactionLeaves = new Felt[transactionCount];
        Felt[] eventLeaves = new Felt[eventCount];
        boolean hashReceipts = knownReceiptLeaves == null;
        Felt[] receiptLeaves = hashReceipts ? new Felt[transactionCount] : knownReceiptLeaves;
        Felt[] stateDiffCommitment = new Felt[1];

        // One task list over all leaves (and the state-diff commitment), in chunks.
        int transactionTasks = chunks(transactionCount);
        int eventTasks = chunks(eventCount);
        WorkSharing.run(parallelism, 1 + 2 * transactionTasks + eventTasks, task -> {
            if (task == 0) {
                stateDiffCommitment[0] = BlockCommitmentHashes.stateDiffCommitment(diff, deprecatedDeclaredClasses);
                return;
            }
            int index = task - 1;
            if (index < transactionTasks) {
                int end = Math.min(transactionCount, (index + 1) * LEAVES_PER_TASK);
                for (int i = index * LEAVES_PER_TASK; i < end; i++) {
                    transactionLeaves[i] = BlockCommitmentHashes.transactionLeaf(transactions.get(i), version);
                }
                return;
            }
            index -= transactionTasks;
            if (index < transactionTasks) {
                if (!hashReceipts) {
                    return;
                }
                int end = Math.min(transactionCount, (index + 1) * LEAVES_PER_TASK);
                for (int i = index * LEAVES_PER_TASK; i < end; i++) {
                    receiptLeaves[i] = BlockCommitmentHashes.receiptHash(receipts.get(i));
                }
                return;
            }
            index -= transactionTasks;
            int end = Math.min(eventCount, (index + 1) * LEAVES_PER_TASK);
            for (int i = index * LEAVES_PER_TASK; i < end; i++) {
                eventLeaves[i] = BlockCommitmentHashes.eventHash(events.get(i), eventTransactions.get(i));
            }
        });

        return new BlockCommitments(
                commitmentRoot(transactionLeaves, parallelism),
                commitmentRoot(eventLeaves, parallelism),
                commitmentRoot(receiptLeaves, parallelism),
                stateDiffCommitment[0],
                transactionCount,
                eventCount,
                BlockCommitmentHashes.stateDiffLength(diff, deprecatedDeclaredClasses),
                mode);
    }

    private static Felt commitmentRoot(Felt[] leaves, Parallelism parallelism) {
        return PatriciaTrie.rootOfSequence(PatriciaTrie.COMMITMENT_TRIE_HEIGHT, TrieHashFunction.POSEIDON,
                Arrays.asList(leaves), parallelism);
    }

    private static int chunks(int count) {
        return (count + LEAVES_PER_TASK - 1) / LEAVES_PER_TASK;
    }

    private static void checkMatching(List<SignedTransactionHash> transactions, List<Receipt> receipts) {
        Objects.requireNonNull(transactions, "transactions");
        Objects.requireNonNull(receipts, "receipts");
        if (transactions.size() != receipts.size()) {
            throw new IllegalArgumentException(transactions.size() + " transactions but " + receipts.size()
                    + " receipts");
        }
        for (int i = 0; i < transactions.size(); i++) {
            Felt transactionHash = transactions.get(i).transactionHash();
            if (!transactionHash.equals(receipts.get(i).transactionHash())) {
                throw new IllegalArgumentException("transaction " + i + " is " + transactionHash
                        + " but its receipt is for " + receipts.get(i).transactionHash());
            }
        }
    }
}
