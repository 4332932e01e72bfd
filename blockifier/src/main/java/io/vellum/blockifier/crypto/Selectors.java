package io.vellum.blockifier.crypto;

import java.math.BigInteger;

/**
 * Entry-point selectors and storage-variable addresses, as cairo-lang computes them
 * ({@code get_selector_from_name} and {@code get_storage_var_address}).
 */
public final class Selectors {
    /** The default entry point; its selector is 0 rather than a hash. */
    public static final String DEFAULT_ENTRY_POINT_NAME = "__default__";
    /** The default L1-handler entry point; its selector is 0 rather than a hash. */
    public static final String DEFAULT_L1_ENTRY_POINT_NAME = "__l1_default__";

    /** Storage addresses are below 2^251 − 256 (cairo-lang's {@code ADDR_BOUND}). */
    public static final Felt ADDRESS_BOUND =
            Felt.fromBigInteger(BigInteger.ONE.shiftLeft(251).subtract(BigInteger.valueOf(256)));

    private Selectors() {
    }

    /** starknet_keccak of the ASCII name, except 0 for the two default entry points. */
    public static Felt fromName(String entryPointName) {
        byte[] ascii = ascii(entryPointName, "entry-point name");
        if (entryPointName.equals(DEFAULT_ENTRY_POINT_NAME) || entryPointName.equals(DEFAULT_L1_ENTRY_POINT_NAME)) {
            return Felt.ZERO;
        }
        return StarknetKeccak.hash(ascii);
    }

    /**
     * The address of a (Cairo 0 / legacy layout) storage variable: starting from starknet_keccak(name), fold
     * Pedersen over the keys in order, then reduce modulo 2^251 − 256.
     */
    public static Felt storageVarAddress(String variableName, Felt... keys) {
        byte[] ascii = ascii(variableName, "storage variable name");
        if (keys == null) {
            throw new HashInputException(HashInputException.Reason.MISSING,
                    "no keys array for storage variable '" + variableName + "'");
        }
        Felt result = StarknetKeccak.hash(ascii);
        for (int i = 0; i < keys.length; i++) {
            if (keys[i] == null) {
                throw new HashInputException(HashInputException.Reason.MISSING,
                        "key " + i + " of storage variable '" + variableName + "' is null");
            }
            result = Pedersen.hash(result, keys[i]);
        }
        // result < p < 2·ADDRESS_BOUND, so one subtraction reduces it.
        return result.compareTo(ADDRESS_BOUND) >= 0 ? result.sub(ADDRESS_BOUND) : result;
    }

    private static byte[] ascii(String name, String what) {
        if (name == null) {
            throw new HashInputException(HashInputException.Reason.MISSING, "no " + what + " (null)");
        }
        byte[] bytes = new byte[name.length()];
        for (int i = 0; i < name.length(); i++) {
            char ch = name.charAt(i);
            if (ch > 0x7f) {
                throw new HashInputException(HashInputException.Reason.NOT_ASCII,
                        what + " '" + name + "' has the non-ASCII character U+"
                                + String.format("%04X", (int) ch) + " at index " + i);
            }
            bytes[i] = (byte) ch;
        }
        return bytes;
    }
}
