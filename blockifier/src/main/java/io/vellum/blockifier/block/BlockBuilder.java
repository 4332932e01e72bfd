package io.vellum.blockifier.block;

import io.vellum.blockifier.execution.BlockContext;
import io.vellum.blockifier.execution.Rejection;
import io.vellum.blockifier.execution.RejectionCode;
import io.vellum.blockifier.execution.ResourceUsage;
import io.vellum.blockifier.execution.TransactionExecutor;
import io.vellum.blockifier.execution.TransactionResult;
import io.vellum.blockifier.state.CachedState;
import io.vellum.blockifier.state.StateReader;
import io.vellum.blockifier.transaction.ExecutableTransaction;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Builds one block, transaction by transaction, on top of a {@link StateReader}: what the proposer uses to cut a
 * block and what every other node uses to re-execute it. The bouncer lives here.
 *
 * <h2>Lifecycle</h2>
 * <pre>
 *   state    event                                   next state
 *   OPEN     offer(tx) → Included / Rejected         OPEN (CLOSED once the transaction count is reached)
 *   OPEN     offer(tx) → DoesNotFit(reason)          CLOSED(reason)
 *   OPEN     close(reason)                           CLOSED(reason)
 *   CLOSED   close(reason)                           CLOSED (the first reason stays)
 *   CLOSED   finish()                                FINISHED (returns the block; again: the same block)
 *   CLOSED   offer(tx)                               IllegalStateException
 *   OPEN     finish()                                IllegalStateException
 * </pre>
 *
 * <h2>The bouncer</h2>
 * Each offered transaction is executed ({@link TransactionExecutor}). If it is rejected, nothing changes. If it
 * executed, its usage is measured: when it alone exceeds a limit (L2 gas, events, state-diff entries) it is
 * rolled back and rejected as {@link RejectionCode#TRANSACTION_TOO_LARGE}; when the block with it would exceed
 * one it is rolled back, the block closes with that limit as its reason, and the outcome is
 * {@link TransactionOutcome.DoesNotFit} (the transaction stays pending). Limits are checked in the order L2 gas,
 * events, state-diff size. When the included count reaches its limit the block closes at once
 * ({@link BlockCloseReason#TRANSACTION_COUNT}).
 *
 * <h2>Re-execution</h2>
 * Offering the proposer's included transactions in order, on an equal state with the same context and limits,
 * reproduces every receipt and the state diff; {@link #execute} does exactly that. A follower closes the block
 * with the proposer's stated reason ({@link #close} accepts any reason).
 *
 * <h2>Failure model</h2>
 * No transaction makes {@link #offer} throw: every input ends as one of the three outcomes. Only a
 * {@code StateReadException} from the state below passes through (the transaction's changes are rolled back
 * first). Misuse — offering to a closed block, finishing an open one — throws {@link IllegalStateException}.
 * The caller must give transactions hashed for {@link BlockContext#chainId()}.
 *
 * <p>Not thread-safe: one thread builds a block.
 */
public final class BlockBuilder {
    private final TransactionExecutor executor;
    private final BlockContext context;
    private final BlockLimits limits;
    private final CachedState state;

    private final List<IncludedTransaction> included = new ArrayList<>();
    private final List<RejectedTransaction> rejected = new ArrayList<>();
    private long l2GasUsed;
    private int eventCount;
    private BlockCloseReason closeReason;
    private ExecutedBlock finished;

    public BlockBuilder(TransactionExecutor executor, StateReader base, BlockContext context, BlockLimits limits) {
        this.executor = Objects.requireNonNull(executor, "executor");
        this.context = Objects.requireNonNull(context, "context");
        this.limits = Objects.requireNonNull(limits, "limits");
        this.state = new CachedState(Objects.requireNonNull(base, "base"));
    }

    /**
     * Executes every transaction in order until the block closes, then closes it with {@code reasonIfOpen} if
     * it is still open, and returns it: re-execution of a proposal, or building from a fixed list.
     */
    public static ExecutedBlock execute(TransactionExecutor executor, StateReader base, BlockContext context,
            BlockLimits limits, List<ExecutableTransaction> transactions, BlockCloseReason reasonIfOpen) {
        BlockBuilder builder = new BlockBuilder(executor, base, context, limits);
        for (ExecutableTransaction transaction : transactions) {
            if (!builder.isOpen()) {
                break;
            }
            builder.offer(transaction);
        }
        builder.close(reasonIfOpen);
        return builder.finish();
    }

    /** Executes one transaction into the block; see the class comment for the outcomes. */
    public TransactionOutcome offer(ExecutableTransaction transaction) {
        Objects.requireNonNull(transaction, "transaction");
        if (!isOpen()) {
            throw new IllegalStateException("block " + context.blockNumber() + " is closed (" + closeReason
                    + "); cannot offer " + transaction);
        }
        CachedState.Checkpoint before = state.checkpoint();
        TransactionResult result = executor.execute(state, context, transaction.transaction(), transaction.hash());
        if (result instanceof TransactionResult.Rejected rejection) {
            return reject(transaction, rejection.rejection());
        }
        TransactionResult.Executed executed = (TransactionResult.Executed) result;
        ResourceUsage usage = executed.usage();

        String tooLarge = exceedsAlone(usage);
        if (tooLarge != null) {
            state.rollback(before);
            return reject(transaction, new Rejection(RejectionCode.TRANSACTION_TOO_LARGE, tooLarge));
        }
        BlockCloseReason full = exceedsWithBlock(usage);
        if (full != null) {
            state.rollback(before);
            closeReason = full;
            return new TransactionOutcome.DoesNotFit(transaction, full);
        }
        IncludedTransaction entry = new IncludedTransaction(included.size(), transaction, executed.receipt(), usage);
        included.add(entry);
        l2GasUsed += usage.l2Gas();
        eventCount += usage.eventCount();
        if (included.size() >= limits.transactionCountMax()) {
            closeReason = BlockCloseReason.TRANSACTION_COUNT;
        }
        return new TransactionOutcome.Included(entry);
    }

    private TransactionOutcome reject(ExecutableTransaction transaction, Rejection rejection) {
        RejectedTransaction entry = new RejectedTransaction(included.size(), transaction, rejection);
        rejected.add(entry);
        return new TransactionOutcome.Rejected(entry);
    }

    /** Why the transaction can never fit a block, or null. */
    private String exceedsAlone(ResourceUsage usage) {
        if (usage.l2Gas() > limits.l2GasMax()) {
            return "it uses " + usage.l2Gas() + " L2 gas, a block holds at most " + limits.l2GasMax();
        }
        if (usage.eventCount() > limits.eventCountMax()) {
            return "it emits " + usage.eventCount() + " events, a block holds at most " + limits.eventCountMax();
        }
        if (usage.stateDiffEntries() > limits.stateDiffEntriesMax()) {
            return "it writes " + usage.stateDiffEntries() + " state entries, a block holds at most "
                    + limits.stateDiffEntriesMax();
        }
        return null;
    }

    /** The limit the block would exceed with the transaction (already applied to the state), or null. */
    private BlockCloseReason exceedsWithBlock(ResourceUsage usage) {
        if (l2GasUsed + usage.l2Gas() > limits.l2GasMax()) {
            return BlockCloseReason.L2_GAS;
        }
        if ((long) eventCount + usage.eventCount() > limits.eventCountMax()) {
            return BlockCloseReason.EVENTS;
        }
        if (state.writtenKeyCount() > limits.stateDiffEntriesMax()) {
            return BlockCloseReason.STATE_DIFF_SIZE;
        }
        return null;
    }

    /** Closes the block for {@code reason}, unless it is already closed (then the first reason stays). */
    public void close(BlockCloseReason reason) {
        Objects.requireNonNull(reason, "reason");
        if (closeReason == null) {
            closeReason = reason;
        }
    }

    public boolean isOpen() {
        return closeReason == null;
    }

    public Optional<BlockCloseReason> closeReason() {
        return Optional.ofNullable(closeReason);
    }

    public BlockContext context() {
        return context;
    }

    public int includedCount() {
        return included.size();
    }

    public int rejectedCount() {
        return rejected.size();
    }

    public long l2GasUsed() {
        return l2GasUsed;
    }

    public int eventCount() {
        return eventCount;
    }

    /** The bouncer's state-diff measure so far: distinct entries written by the included transactions. */
    public int stateDiffEntries() {
        return state.writtenKeyCount();
    }

    /**
     * The executed block: included transactions with receipts, rejected ones with reasons, the state diff, why
     * it closed and its totals. The block must be closed. Calling it again returns the same block.
     */
    public ExecutedBlock finish() {
        if (closeReason == null) {
            throw new IllegalStateException("block " + context.blockNumber()
                    + " is still open: close it (interval elapsed, no more transactions) before finishing");
        }
        if (finished == null) {
            finished = new ExecutedBlock(context, limits, included, rejected, state.diff(), closeReason, l2GasUsed,
                    eventCount, state.writtenKeyCount());
        }
        return finished;
    }
}
