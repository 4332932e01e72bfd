package io.vellum.blockifier.block;

import io.vellum.blockifier.execution.BlockContext;
import io.vellum.blockifier.crypto.Felt;
import io.vellum.blockifier.execution.Receipt;
import io.vellum.blockifier.state.StateDiff;
import io.vellum.blockifier.transaction.DeployAccountTransaction;
import io.vellum.blockifier.transaction.ExecutableTransaction;
import io.vellum.blockifier.transaction.InvokeTransaction;
import io.vellum.blockifier.transaction.Transaction;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * A built (or re-executed) block: everything its commitments and its storage need, and nothing that depends on
 * how fast it was built. Equal inputs give equal values: same context, state and offered transactions give an
 * equal {@code ExecutedBlock}, receipt by receipt and entry by entry of the state diff.
 *
 * @param context the block's context
 * @param limits the limits it was built under
 * @param included the included transactions, in execution order, with their receipts
 * @param rejected the rejected transactions, with their reasons and where they were offered
 * @param stateDiff what the block changed ({@code CachedState.diff()}: sorted, without writes that restore a
 *     value)
 * @param closeReason why the block closed
 * @param l2GasUsed the L2 gas of all included transactions
 * @param eventCount the events of all included transactions
 * @param stateDiffEntries the bouncer's measure of the state diff: distinct entries written
 */
public record ExecutedBlock(
        BlockContext context,
        BlockLimits limits,
        List<IncludedTransaction> included,
        List<RejectedTransaction> rejected,
        StateDiff stateDiff,
        BlockCloseReason closeReason,
        long l2GasUsed,
        int eventCount,
        int stateDiffEntries) {

    public ExecutedBlock {
        Objects.requireNonNull(context, "context");
        Objects.requireNonNull(limits, "limits");
        included = List.copyOf(included);
        rejected = List.copyOf(rejected);
        Objects.requireNonNull(stateDiff, "stateDiff");
        Objects.requireNonNull(closeReason, "closeReason");
        for (int i = 0; i < included.size(); i++) {
            if (included.get(i).index() != i) {
                throw new IllegalArgumentException("included transaction " + i + " has index "
                        + included.get(i).index());
            }
        }
    }

    public int transactionCount() {
        return included.size();
    }

    /** The included transactions, in order. */
    public List<ExecutableTransaction> transactions() {
        List<ExecutableTransaction> out = new ArrayList<>(included.size());
        included.forEach(transaction -> out.add(transaction.transaction()));
        return out;
    }

    /** The hashes of the included transactions, in order. */
    public List<Felt> transactionHashes() {
        List<Felt> out = new ArrayList<>(included.size());
        included.forEach(transaction -> out.add(transaction.transaction().hash()));
        return out;
    }

    /**
     * The signatures of the included transactions, in order (empty for an L1 handler), as the transaction
     * commitment hashes them with the transaction hashes.
     */
    public List<List<Felt>> signatures() {
        List<List<Felt>> out = new ArrayList<>(included.size());
        for (IncludedTransaction transaction : included) {
            Transaction body = transaction.transaction().transaction();
            if (body instanceof InvokeTransaction invoke) {
                out.add(invoke.signature());
            } else if (body instanceof DeployAccountTransaction deploy) {
                out.add(deploy.signature());
            } else {
                out.add(List.of());
            }
        }
        return out;
    }

    /** The receipts of the included transactions, in order. */
    public List<Receipt> receipts() {
        List<Receipt> out = new ArrayList<>(included.size());
        included.forEach(transaction -> out.add(transaction.receipt()));
        return out;
    }
}
