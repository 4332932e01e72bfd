package io.vellum.blockifier.block;

import io.vellum.blockifier.core.ChainId;
import io.vellum.blockifier.core.ContractAddress;
import io.vellum.blockifier.crypto.Felt;
import java.math.BigInteger;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * A genesis description, as read from JSON by {@link GenesisLoader}: which fee token, which accounts with which
 * keys and balances, and which workload contracts. {@link Genesis#build} turns it into the genesis state.
 *
 * @param chainId the chain the genesis is for (used by harnesses to hash transactions)
 * @param feeToken the STRK fee token
 * @param accounts the accounts, listed or derived from a seed
 * @param workload the workload contracts to predeploy
 */
public record GenesisSpec(ChainId chainId, FeeToken feeToken, List<Accounts> accounts, Workload workload) {

    /** The most accounts one derived group may hold (deriving a key is an elliptic-curve multiplication). */
    public static final int DERIVED_ACCOUNTS_MAX = 100_000;

    public GenesisSpec {
        Objects.requireNonNull(chainId, "chainId");
        Objects.requireNonNull(feeToken, "feeToken");
        accounts = List.copyOf(accounts);
        Objects.requireNonNull(workload, "workload");
    }

    /**
     * An ERC20 token's metadata.
     *
     * @param name a short string
     * @param symbol a short string
     * @param decimals 0 to 255
     */
    public record Token(Felt name, Felt symbol, int decimals) {
        public Token {
            Objects.requireNonNull(name, "name");
            Objects.requireNonNull(symbol, "symbol");
            if (decimals < 0 || decimals > 255) {
                throw new IllegalArgumentException("decimals must be in [0, 255]: " + decimals);
            }
        }
    }

    /**
     * The fee token, deployed at a fixed address (by default Starknet's STRK address).
     *
     * @param l1Bridge the L1 address whose deposits ({@code handle_deposit}) mint; zero disables deposits
     */
    public record FeeToken(ContractAddress address, Token token, Felt l1Bridge) {
        public FeeToken {
            Objects.requireNonNull(address, "address");
            Objects.requireNonNull(token, "token");
            Objects.requireNonNull(l1Bridge, "l1Bridge");
        }
    }

    /** A group of accounts: one listed key, or {@code count} keys derived from a seed. */
    public sealed interface Accounts {
        /** Each account's STRK balance. */
        BigInteger balance();
    }

    /** One account with a known private key. */
    public record ListedAccount(Felt privateKey, BigInteger balance) implements Accounts {
        public ListedAccount {
            Objects.requireNonNull(privateKey, "privateKey");
            requireU256(balance, "balance");
        }
    }

    /** {@code count} accounts whose keys are {@link GenesisAccounts#derivePrivateKey}(seed, 0 .. count - 1). */
    public record DerivedAccounts(Felt seed, int count, BigInteger balance) implements Accounts {
        public DerivedAccounts {
            Objects.requireNonNull(seed, "seed");
            if (count < 0 || count > DERIVED_ACCOUNTS_MAX) {
                throw new IllegalArgumentException("count must be in [0, " + DERIVED_ACCOUNTS_MAX + "]: " + count);
            }
            requireU256(balance, "balance");
        }
    }

    /** Which workload contracts to deploy. */
    public record Workload(boolean counter, boolean keyValue, boolean gasBurner, Optional<SwapPool> swapPool) {
        public static final Workload NONE = new Workload(false, false, false, Optional.empty());

        public Workload {
            Objects.requireNonNull(swapPool, "swapPool");
        }
    }

    /**
     * A swap pool between STRK and a second token deployed for it.
     *
     * @param token the second token
     * @param reserveFeeToken the pool's initial STRK reserve (below 2^128)
     * @param reserveToken the pool's initial reserve of the second token (below 2^128)
     * @param feeBasisPoints the swap fee, in [0, 10000)
     * @param accountTokenBalance how much of the second token each account gets
     */
    public record SwapPool(Token token, BigInteger reserveFeeToken, BigInteger reserveToken, int feeBasisPoints,
            BigInteger accountTokenBalance) {
        public SwapPool {
            Objects.requireNonNull(token, "token");
            requireBelow128(reserveFeeToken, "reserveFeeToken");
            requireBelow128(reserveToken, "reserveToken");
            if (feeBasisPoints < 0 || feeBasisPoints >= 10_000) {
                throw new IllegalArgumentException("feeBasisPoints must be in [0, 10000): " + feeBasisPoints);
            }
            requireU256(accountTokenBalance, "accountTokenBalance");
        }
    }

    static void requireU256(BigInteger value, String what) {
        Objects.requireNonNull(value, what);
        if (value.signum() < 0 || value.bitLength() > 256) {
            throw new IllegalArgumentException(what + " must be in [0, 2^256): " + value);
        }
    }

    static void requireBelow128(BigInteger value, String what) {
        Objects.requireNonNull(value, what);
        if (value.signum() < 0 || value.bitLength() > 128) {
            throw new IllegalArgumentException(what + " must be in [0, 2^128): " + value);
        }
    }
}
