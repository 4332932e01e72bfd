/**
 * Transactions as a closed set ({@link io.vellum.blockifier.transaction.Transaction}): INVOKE v3, DEPLOY_ACCOUNT
 * v3 and L1_HANDLER, with their resource bounds and data-availability modes, and their Starknet hashes.
 */
package io.vellum.blockifier.transaction;
