package io.vellum.blockifier.transaction;

import io.vellum.blockifier.crypto.Felt;

/** A resource a transaction pays for, with the 56-bit name Starknet hashes into the resource-bounds felt. */
public enum Resource {
    L1_GAS("L1_GAS"),
    L2_GAS("L2_GAS"),
    L1_DATA_GAS("L1_DATA");

    private final Felt hashName;

    Resource(String hashName) {
        this.hashName = Felt.fromShortString(hashName);
    }

    /** The short string hashed for this resource ({@code "L1_DATA"} for L1 data gas). */
    public Felt hashName() {
        return hashName;
    }
}
