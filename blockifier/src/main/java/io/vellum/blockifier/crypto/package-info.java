/**
 * Starknet's cryptography, exactly and fast: the field element {@link io.vellum.blockifier.crypto.Felt}, the
 * Pedersen and Poseidon hashes, starknet_keccak and selectors, and ECDSA over the Stark curve.
 *
 * <p>Field arithmetic for the hot paths runs on Montgomery limbs in flat {@code long[]} buffers ({@code Fp},
 * package-private); the public types are immutable values. Every result is checked against the public vectors in
 * the test resources ({@code vectors/}).
 */
package io.vellum.blockifier.crypto;
