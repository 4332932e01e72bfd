package io.vellum.blockifier.crypto;

import java.util.List;
import java.util.Objects;

/**
 * A Stark-curve ECDSA signature (r, s), as Starknet carries it: two felts, r first.
 *
 * <p>The constructor accepts any two felts, so that a signature received from a peer can be represented and
 * then judged by {@link Ecdsa#check}, which reports out-of-range values as {@link Verification#OUT_OF_RANGE}.
 * Signatures made by {@link Ecdsa#sign} always have 1 ≤ r &lt; 2^251 and 1 ≤ s &lt; n.
 */
public record Signature(Felt r, Felt s) {
    public Signature {
        Objects.requireNonNull(r, "r");
        Objects.requireNonNull(s, "s");
    }

    /**
     * The signature in a transaction's signature field: exactly two felts, r then s. Throws
     * {@link EcdsaException} ({@code MALFORMED_SIGNATURE}) for any other count or a null element.
     */
    public static Signature fromFelts(List<Felt> felts) {
        Objects.requireNonNull(felts, "felts");
        if (felts.size() != 2) {
            throw new EcdsaException(EcdsaException.Reason.MALFORMED_SIGNATURE,
                    "a Stark-curve signature is exactly 2 felts (r, s), not " + felts.size());
        }
        Felt r = felts.get(0);
        Felt s = felts.get(1);
        if (r == null || s == null) {
            throw new EcdsaException(EcdsaException.Reason.MALFORMED_SIGNATURE, "null element in a signature");
        }
        return new Signature(r, s);
    }

    /** The two felts r, s, in the order Starknet carries them. */
    public List<Felt> toFelts() {
        return List.of(r, s);
    }
}
