/**
 * Starknet's basic domain values as validated records: addresses, class hashes, nonces, storage keys, selectors,
 * block numbers and timestamps, chain ids, and the contract-address derivation.
 *
 * <p>Each record checks its range in its compact constructor (a storage key or an address is below 2^251, as
 * Starknet's Patricia keys are), so a value that exists is a valid one.
 */
package io.vellum.blockifier.core;
