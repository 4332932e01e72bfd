package io.vellum.blockifier.core;

import io.vellum.blockifier.crypto.Felt;
import io.vellum.blockifier.crypto.Pedersen;
import java.math.BigInteger;
import java.util.List;

/** Starknet's contract-address derivation ({@code calculate_contract_address_from_hash}). */
public final class ContractAddresses {
    private static final Felt PREFIX = Felt.fromShortString("STARKNET_CONTRACT_ADDRESS");
    /** Addresses are reduced below 2^251 - 256, keeping the top 256 keys of the trie free. */
    private static final BigInteger L2_ADDRESS_UPPER_BOUND = BigInteger.ONE.shiftLeft(251).subtract(BigInteger.valueOf(256));

    private ContractAddresses() {
    }

    /**
     * {@code pedersen_on_elements("STARKNET_CONTRACT_ADDRESS", deployer, salt, class_hash,
     * pedersen_on_elements(constructor_calldata)) mod (2^251 - 256)}. DEPLOY_ACCOUNT uses deployer 0.
     */
    public static ContractAddress compute(Felt salt, ClassHash classHash, List<Felt> constructorCalldata,
            ContractAddress deployer) {
        Felt hash = Pedersen.hashOnElements(PREFIX, deployer.value(), salt, classHash.value(),
                Pedersen.hashOnElements(constructorCalldata));
        return new ContractAddress(reduce(hash));
    }

    private static Felt reduce(Felt hash) {
        BigInteger value = hash.toBigInteger();
        return value.compareTo(L2_ADDRESS_UPPER_BOUND) < 0 ? hash : Felt.fromBigInteger(value.mod(L2_ADDRESS_UPPER_BOUND));
    }
}
