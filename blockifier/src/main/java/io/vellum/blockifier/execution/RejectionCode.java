package io.vellum.blockifier.execution;

/**
 * Why a transaction was rejected: not included, no state change at all, no fee. A closed vocabulary chosen by
 * what the sender should do next; the accompanying message has the values.
 */
public enum RejectionCode {
    /** The nonce is not the account's current nonce (already used, or a gap). */
    INVALID_NONCE,
    /** INVOKE from an address with no contract deployed. */
    ACCOUNT_NOT_DEPLOYED,
    /** The sender (or the class of a DEPLOY_ACCOUNT) is not an account class this node runs. */
    NOT_AN_ACCOUNT,
    /** DEPLOY_ACCOUNT to an address where a contract is already deployed. */
    CONTRACT_ALREADY_DEPLOYED,
    /** The signature does not verify (or is not two felts). */
    INVALID_SIGNATURE,
    /** Validation ({@code __validate__}, {@code __validate_deploy__}, the constructor) failed otherwise. */
    VALIDATION_FAILED,
    /** The account's fee-token balance is below the most the transaction may pay (its resource bounds). */
    INSUFFICIENT_BALANCE_FOR_FEE_BOUND,
    /** The L2 gas max price per unit is below the block's L2 gas price. */
    MAX_L2_GAS_PRICE_TOO_LOW,
    /** The L2 gas max amount is below what the transaction's size alone costs. */
    MAX_L2_GAS_AMOUNT_TOO_LOW,
    /** The transaction alone exceeds a block limit: it can never be included. */
    TRANSACTION_TOO_LARGE,
    /** Calldata or signature longer than the configured limit. */
    TRANSACTION_FIELD_TOO_LONG,
    /** A feature Vellum does not support (paymaster data, account deployment data). */
    UNSUPPORTED_FEATURE,
    /** The fee could not be transferred to the sequencer (a misconfigured fee token). */
    FEE_TRANSFER_FAILED
}
