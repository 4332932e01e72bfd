package io.vellum.blockifier.block;

/**
 * The bouncer's limits on one block. A transaction that would take the block past any of them does not fit
 * (the block closes and the transaction waits for the next one); a transaction that alone exceeds one can never
 * fit and is rejected as too large.
 *
 * @param transactionCountMax the most transactions included (rejected ones do not count)
 * @param l2GasMax the most L2 gas all included transactions together consume
 * @param stateDiffEntriesMax the most distinct state entries (storage cells, nonces, deployed contracts) the
 *     block writes, as {@code CachedState.writtenKeyCount()} counts them
 * @param eventCountMax the most events all included transactions together emit
 */
public record BlockLimits(int transactionCountMax, long l2GasMax, int stateDiffEntriesMax, int eventCountMax) {

    /**
     * Defaults sized for about a second of signed ERC20 transfers on one core: a transfer uses about 340,000 L2
     * gas, writes 5 entries and emits 2 events.
     */
    public static final BlockLimits DEFAULT = new BlockLimits(5_000, 5_000_000_000L, 50_000, 50_000);

    public BlockLimits {
        if (transactionCountMax < 1) {
            throw new IllegalArgumentException("transactionCountMax must be at least 1: " + transactionCountMax);
        }
        if (l2GasMax < 1) {
            throw new IllegalArgumentException("l2GasMax must be at least 1: " + l2GasMax);
        }
        if (stateDiffEntriesMax < 1) {
            throw new IllegalArgumentException("stateDiffEntriesMax must be at least 1: " + stateDiffEntriesMax);
        }
        if (eventCountMax < 1) {
            throw new IllegalArgumentException("eventCountMax must be at least 1: " + eventCountMax);
        }
    }

    public BlockLimits withTransactionCountMax(int value) {
        return new BlockLimits(value, l2GasMax, stateDiffEntriesMax, eventCountMax);
    }

    public BlockLimits withL2GasMax(long value) {
        return new BlockLimits(transactionCountMax, value, stateDiffEntriesMax, eventCountMax);
    }

    public BlockLimits withStateDiffEntriesMax(int value) {
        return new BlockLimits(transactionCountMax, l2GasMax, value, eventCountMax);
    }

    public BlockLimits withEventCountMax(int value) {
        return new BlockLimits(transactionCountMax, l2GasMax, stateDiffEntriesMax, value);
    }
}
