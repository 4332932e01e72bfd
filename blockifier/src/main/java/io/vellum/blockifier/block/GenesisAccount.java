package io.vellum.blockifier.block;

import io.vellum.blockifier.core.ContractAddress;
import io.vellum.blockifier.crypto.Felt;
import java.math.BigInteger;
import java.util.Objects;

/** A predeployed account: where it is, its keys, and the STRK it starts with. */
public record GenesisAccount(ContractAddress address, Felt privateKey, Felt publicKey, BigInteger balance) {
    public GenesisAccount {
        Objects.requireNonNull(address, "address");
        Objects.requireNonNull(privateKey, "privateKey");
        Objects.requireNonNull(publicKey, "publicKey");
        Objects.requireNonNull(balance, "balance");
    }

    @Override
    public String toString() {
        // Never print the private key.
        return "GenesisAccount[" + address + ", public key " + publicKey + ", balance " + balance + "]";
    }
}
