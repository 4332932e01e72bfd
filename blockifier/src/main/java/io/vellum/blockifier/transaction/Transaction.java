package io.vellum.blockifier.transaction;

import io.vellum.blockifier.core.ContractAddress;
import io.vellum.blockifier.core.Nonce;

/**
 * The transactions Vellum executes: a closed set. Records hold what the user signed; the hash depends on the
 * chain and is computed by {@link TransactionHashes}.
 */
public sealed interface Transaction permits InvokeTransaction, DeployAccountTransaction, L1HandlerTransaction {

    /** The account (or, for L1_HANDLER, the contract) whose nonce this transaction uses. */
    ContractAddress nonceAddress();

    Nonce nonce();

    TransactionType type();
}
