package io.vellum.blockifier.contracts;

import io.vellum.blockifier.core.ClassHash;
import io.vellum.blockifier.core.CompiledClassHash;
import io.vellum.blockifier.crypto.StarknetKeccak;
import java.nio.charset.StandardCharsets;

/**
 * Vellum's native contract classes and their identities. A class hash is {@code starknet_keccak} of the
 * versioned name (for example {@code "vellum.Account.v1"}), so it is stable, below 2^250, and changes whenever a
 * class's behaviour changes (bump the version then). The compiled class hash, which genesis declares for the
 * classes trie, is {@code starknet_keccak(versioned name + ".compiled")}.
 */
public enum VellumClass {
    /** The account: Stark-key signature check, multicall. */
    ACCOUNT("vellum.Account.v1"),
    /** The ERC20 token (the STRK fee token is one deployment of it). */
    ERC20("vellum.ERC20.v1"),
    /** One hot storage slot. */
    COUNTER("vellum.Counter.v1"),
    /** Writes many keys per call. */
    KEY_VALUE("vellum.KeyValue.v1"),
    /** A constant-product pool between two ERC20 tokens. */
    SWAP_POOL("vellum.SwapPool.v1"),
    /** Burns a chosen amount of gas with real hashing work, and nests calls. */
    GAS_BURNER("vellum.GasBurner.v1");

    private final String versionedName;
    private final ClassHash classHash;
    private final CompiledClassHash compiledClassHash;

    VellumClass(String versionedName) {
        this.versionedName = versionedName;
        this.classHash = new ClassHash(StarknetKeccak.hash(versionedName.getBytes(StandardCharsets.US_ASCII)));
        this.compiledClassHash = new CompiledClassHash(
                StarknetKeccak.hash((versionedName + ".compiled").getBytes(StandardCharsets.US_ASCII)));
    }

    public String versionedName() {
        return versionedName;
    }

    public ClassHash classHash() {
        return classHash;
    }

    public CompiledClassHash compiledClassHash() {
        return compiledClassHash;
    }
}
