package io.vellum.blockifier.crypto;

/**
 * The outcome of checking a Stark-curve ECDSA signature ({@link Ecdsa#check}). Only {@link #VALID} means the
 * signature is good; the others say why not, in the vocabulary of cairo-lang's asserts and starknet-rs's errors.
 */
public enum Verification {
    /** The signature verifies for the public key and message hash. */
    VALID,
    /** The values are in range and the key is a curve point, but the signature does not verify. */
    INVALID,
    /** The x-only public key (stark key) is not the x coordinate of any point on the curve. */
    INVALID_PUBLIC_KEY,
    /**
     * A value outside the range cairo-lang's verify asserts: message hash or r at or above 2^251, r or s
     * outside [1, n), or w = s^-1 mod n at or above 2^251.
     */
    OUT_OF_RANGE
}
