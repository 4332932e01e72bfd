/**
 * Transactions as a closed set ({@link io.vellum.blockifier.transaction.Transaction}): INVOKE v3, DEPLOY_ACCOUNT
 * v3 and L1_HANDLER, with their resource bounds and data-availability modes, and their Starknet hashes
 * ({@link io.vellum.blockifier.transaction.TransactionHashes}, which also covers every historical kind and version:
 * INVOKE v0/v1/v3, DECLARE v0–v3, DEPLOY_ACCOUNT v1/v3, DEPLOY and L1_HANDLER). A transaction paired with its
 * hash on a chain is an {@link io.vellum.blockifier.transaction.ExecutableTransaction}.
 */
package io.vellum.blockifier.transaction;
