package io.vellum.blockifier.commitment;

/**
 * How a block's state diff is published on L1: as calldata, or in EIP-4844 blobs. The block hash carries it as one
 * bit of the concatenated counts.
 */
public enum L1DataAvailabilityMode {
    CALLDATA,
    BLOB
}
