package io.vellum.blockifier.block;

/** Why a block stopped taking transactions. */
public enum BlockCloseReason {
    /** It holds {@link BlockLimits#transactionCountMax()} transactions. */
    TRANSACTION_COUNT,
    /** The next transaction would have taken it past {@link BlockLimits#l2GasMax()}. */
    L2_GAS,
    /** The next transaction would have taken it past {@link BlockLimits#stateDiffEntriesMax()}. */
    STATE_DIFF_SIZE,
    /** The next transaction would have taken it past {@link BlockLimits#eventCountMax()}. */
    EVENTS,
    /** The caller closed it: the block interval elapsed. */
    INTERVAL_ELAPSED,
    /** The caller closed it: there were no more pending transactions. */
    NO_MORE_TRANSACTIONS;

    /** Whether the bouncer (a limit) closed the block, rather than the caller. */
    public boolean isLimit() {
        return this == TRANSACTION_COUNT || this == L2_GAS || this == STATE_DIFF_SIZE || this == EVENTS;
    }
}
