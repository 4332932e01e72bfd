package io.vellum.blockifier.execution;

/** How an included transaction ended. A rejected transaction is not included and has no receipt. */
public enum ExecutionStatus {
    /** Execution succeeded; its changes are kept. */
    SUCCEEDED,
    /** Execution failed; its changes were rolled back, but the fee was charged and the nonce bumped. */
    REVERTED
}
