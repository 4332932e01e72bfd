package io.vellum.blockifier.block;

import io.vellum.blockifier.contracts.VellumClass;
import io.vellum.blockifier.core.ContractAddress;
import io.vellum.blockifier.core.ContractAddresses;
import io.vellum.blockifier.crypto.Felt;
import io.vellum.blockifier.crypto.Poseidon;
import io.vellum.blockifier.crypto.StarkCurve;
import java.math.BigInteger;
import java.util.List;

/**
 * How genesis accounts get their keys and addresses, so that a harness can regenerate them from the genesis
 * description alone.
 *
 * <ul>
 *   <li>A derived private key is {@code (poseidon(seed, index) mod (n - 1)) + 1}, n being the curve order: always
 *       a valid key in [1, n).</li>
 *   <li>An account's address is the one a DEPLOY_ACCOUNT of {@link VellumClass#ACCOUNT} with salt = public key and
 *       constructor calldata {@code [public_key]} would deploy to (deployer 0), the convention starknet.js
 *       follows.</li>
 * </ul>
 */
public final class GenesisAccounts {
    private static final BigInteger ORDER_MINUS_ONE = StarkCurve.ORDER.subtract(BigInteger.ONE);

    private GenesisAccounts() {
    }

    /** The private key of derived account {@code index} of {@code seed}. */
    public static Felt derivePrivateKey(Felt seed, int index) {
        if (index < 0) {
            throw new IllegalArgumentException("index must not be negative: " + index);
        }
        BigInteger hash = Poseidon.hash(seed, Felt.of(index)).toBigInteger();
        return Felt.fromBigInteger(hash.mod(ORDER_MINUS_ONE).add(BigInteger.ONE));
    }

    /** The address of the account with this public key. */
    public static ContractAddress accountAddress(Felt publicKey) {
        return ContractAddresses.compute(publicKey, VellumClass.ACCOUNT.classHash(), List.of(publicKey),
                ContractAddress.of(0));
    }
}
