package io.vellum.blockifier.core;

import io.vellum.blockifier.crypto.Felt;
import io.vellum.blockifier.crypto.FeltException;
import java.math.BigInteger;

/** The bound shared by every key of Starknet's height-251 tries: addresses, storage keys, class hashes. */
final class PatriciaKeys {
    /** 2^251: keys of the height-251 tries are strictly below it. */
    static final Felt UPPER_BOUND_EXCLUSIVE_MINUS_ONE = Felt.fromBigInteger(BigInteger.ONE.shiftLeft(251).subtract(BigInteger.ONE));

    private PatriciaKeys() {
    }

    static Felt check(Felt value, String what) {
        if (value == null) {
            throw new NullPointerException(what + " is null");
        }
        if (value.compareTo(UPPER_BOUND_EXCLUSIVE_MINUS_ONE) > 0) {
            throw new FeltException(FeltException.Reason.OUT_OF_RANGE,
                    what + " must be below 2^251: " + value.toHex());
        }
        return value;
    }
}
