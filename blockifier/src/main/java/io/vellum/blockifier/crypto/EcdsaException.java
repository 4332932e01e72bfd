package io.vellum.blockifier.crypto;

/**
 * Input that ECDSA over the Stark curve refuses: a private key, message hash, nonce or signature outside the
 * range the scheme allows, or a point that is not on the curve. The {@link #reason()} tells the caller what was
 * wrong without parsing the message.
 *
 * <p>Verification never throws this for a bad signature: {@link Ecdsa#check} reports out-of-range values as
 * {@link Verification#OUT_OF_RANGE}. Signing and key derivation throw it, because their input comes from the
 * caller, not from a peer.
 */
public final class EcdsaException extends IllegalArgumentException {
    private static final long serialVersionUID = 1L;

    /** What was wrong with the input. */
    public enum Reason {
        /** A private key outside [1, n), n being the order of the curve's group. */
        PRIVATE_KEY_OUT_OF_RANGE,
        /** A message hash at or above 2^251: such a hash cannot be signed. */
        MESSAGE_HASH_OUT_OF_RANGE,
        /** An explicit nonce k outside [1, n). */
        NONCE_OUT_OF_RANGE,
        /**
         * An explicit nonce k in range that still gives an unusable signature (r or s^-1 mod n outside
         * [1, 2^251), or msg_hash + r·key divisible by n). Deterministic signing retries with the next seed.
         */
        NONCE_UNUSABLE,
        /** A negative RFC 6979 seed (extra entropy). */
        NEGATIVE_SEED,
        /** A signature given as a list of felts that does not hold exactly r and s. */
        MALFORMED_SIGNATURE,
        /** Coordinates that do not satisfy the curve equation. */
        POINT_NOT_ON_CURVE,
        /**
         * Deterministic signing found no usable nonce within its bound on retries. Each attempt fails with a
         * probability of about 2^-54, so this means a broken invariant rather than bad luck.
         */
        NO_USABLE_NONCE
    }

    private final Reason reason;

    EcdsaException(Reason reason, String message) {
        super(message);
        this.reason = reason;
    }

    /** What was wrong with the input. */
    public Reason reason() {
        return reason;
    }
}
