package io.vellum.blockifier.core;

import io.vellum.blockifier.crypto.Felt;

/** The address of a deployed contract: a felt below 2^251. Ordered numerically. */
public record ContractAddress(Felt value) implements Comparable<ContractAddress> {
    /** Starknet's reserved block-hash contract (block number to block hash mapping). */
    public static final ContractAddress BLOCK_HASH_CONTRACT = new ContractAddress(Felt.ONE);

    public ContractAddress {
        PatriciaKeys.check(value, "contract address");
    }

    public static ContractAddress of(String hex) {
        return new ContractAddress(Felt.fromHex(hex));
    }

    public static ContractAddress of(long value) {
        return new ContractAddress(Felt.of(value));
    }

    @Override
    public int compareTo(ContractAddress other) {
        return value.compareTo(other.value);
    }

    @Override
    public String toString() {
        return value.toHex();
    }
}
