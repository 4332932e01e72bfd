package io.vellum.blockifier.block;

import io.vellum.blockifier.contracts.AccountContract;
import io.vellum.blockifier.contracts.Erc20Contract;
import io.vellum.blockifier.contracts.SwapPoolContract;
import io.vellum.blockifier.contracts.VellumClass;
import io.vellum.blockifier.core.ChainId;
import io.vellum.blockifier.core.ClassHash;
import io.vellum.blockifier.core.CompiledClassHash;
import io.vellum.blockifier.core.ContractAddress;
import io.vellum.blockifier.core.ContractAddresses;
import io.vellum.blockifier.core.Nonce;
import io.vellum.blockifier.core.StorageKey;
import io.vellum.blockifier.crypto.Ecdsa;
import io.vellum.blockifier.crypto.Felt;
import io.vellum.blockifier.state.InMemoryState;
import io.vellum.blockifier.state.StateDiff;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import java.util.NavigableMap;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;

/**
 * The genesis state built from a {@link GenesisSpec}: the state diff of block 0's parent state (every Vellum
 * class declared, the fee token, the accounts and the workload contracts deployed with their storage), plus what
 * a harness needs to use it (account keys, contract addresses).
 *
 * <p>Addresses are deterministic: accounts as {@link GenesisAccounts#accountAddress}; the fee token at its
 * configured address; each workload contract as if deployed with deployer 0, empty constructor calldata, its class
 * and the salt {@code short_string("vellum.<name>")} (names {@code counter}, {@code key_value},
 * {@code gas_burner}, {@code swap_pool}, and for the pool's second token {@code token.<symbol>}). Storage is
 * written directly, as the constructors would have written it.
 *
 * @param chainId the chain
 * @param stateDiff the genesis state, as a diff against the empty state
 * @param accounts the accounts, in the order of the description
 * @param contracts the contracts' addresses
 */
public record Genesis(ChainId chainId, StateDiff stateDiff, List<GenesisAccount> accounts, Contracts contracts) {

    /** Where the genesis contracts are. */
    public record Contracts(ContractAddress feeToken, Optional<ContractAddress> counter,
            Optional<ContractAddress> keyValue, Optional<ContractAddress> gasBurner,
            Optional<ContractAddress> swapPool, Optional<ContractAddress> swapToken) {
        public Contracts {
            Objects.requireNonNull(feeToken, "feeToken");
            Objects.requireNonNull(counter, "counter");
            Objects.requireNonNull(keyValue, "keyValue");
            Objects.requireNonNull(gasBurner, "gasBurner");
            Objects.requireNonNull(swapPool, "swapPool");
            Objects.requireNonNull(swapToken, "swapToken");
        }
    }

    public Genesis {
        Objects.requireNonNull(chainId, "chainId");
        Objects.requireNonNull(stateDiff, "stateDiff");
        accounts = List.copyOf(accounts);
        Objects.requireNonNull(contracts, "contracts");
    }

    /** A fresh in-memory state holding the genesis state. */
    public InMemoryState toState() {
        InMemoryState state = new InMemoryState();
        state.apply(stateDiff);
        return state;
    }

    /**
     * Builds the genesis state. Throws {@link GenesisException} for accounts that collide (the same key twice),
     * a contract address used twice, or balances whose sum overflows a u256.
     */
    public static Genesis build(GenesisSpec spec) {
        Objects.requireNonNull(spec, "spec");
        Builder builder = new Builder();
        for (VellumClass vellumClass : VellumClass.values()) {
            builder.declared.put(vellumClass.classHash(), vellumClass.compiledClassHash());
        }

        ContractAddress feeToken = spec.feeToken().address();
        builder.deploy(feeToken, VellumClass.ERC20.classHash(), "fee_token.address");
        builder.tokenMetadata(feeToken, spec.feeToken().token());
        if (!spec.feeToken().l1Bridge().isZero()) {
            builder.write(feeToken, Erc20Contract.L1_BRIDGE.address(), spec.feeToken().l1Bridge());
        }

        List<GenesisAccount> accounts = new ArrayList<>();
        for (int group = 0; group < spec.accounts().size(); group++) {
            GenesisSpec.Accounts entry = spec.accounts().get(group);
            String path = "accounts[" + group + "]";
            if (entry instanceof GenesisSpec.ListedAccount listed) {
                accounts.add(builder.account(listed.privateKey(), listed.balance(), path));
            } else if (entry instanceof GenesisSpec.DerivedAccounts derived) {
                for (int index = 0; index < derived.count(); index++) {
                    Felt key = GenesisAccounts.derivePrivateKey(derived.seed(), index);
                    accounts.add(builder.account(key, derived.balance(), path + " (derived index " + index + ")"));
                }
            }
        }
        BigInteger feeTokenSupply = BigInteger.ZERO;
        for (GenesisAccount account : accounts) {
            builder.balance(feeToken, account.address(), account.balance());
            feeTokenSupply = feeTokenSupply.add(account.balance());
        }

        GenesisSpec.Workload workload = spec.workload();
        Optional<ContractAddress> counter = workload.counter()
                ? Optional.of(builder.workload("counter", VellumClass.COUNTER)) : Optional.empty();
        Optional<ContractAddress> keyValue = workload.keyValue()
                ? Optional.of(builder.workload("key_value", VellumClass.KEY_VALUE)) : Optional.empty();
        Optional<ContractAddress> gasBurner = workload.gasBurner()
                ? Optional.of(builder.workload("gas_burner", VellumClass.GAS_BURNER)) : Optional.empty();
        Optional<ContractAddress> swapPool = Optional.empty();
        Optional<ContractAddress> swapToken = Optional.empty();
        if (workload.swapPool().isPresent()) {
            GenesisSpec.SwapPool pool = workload.swapPool().get();
            String symbol = shortString(pool.token().symbol());
            ContractAddress token = builder.workload("token." + symbol, VellumClass.ERC20);
            builder.tokenMetadata(token, pool.token());
            ContractAddress poolAddress = builder.workload("swap_pool", VellumClass.SWAP_POOL);
            builder.write(poolAddress, SwapPoolContract.TOKEN_A.address(), feeToken.value());
            builder.write(poolAddress, SwapPoolContract.TOKEN_B.address(), token.value());
            builder.write(poolAddress, SwapPoolContract.FEE_BASIS_POINTS.address(), Felt.of(pool.feeBasisPoints()));
            builder.write(poolAddress, SwapPoolContract.RESERVE_A.address(),
                    Felt.fromBigInteger(pool.reserveFeeToken()));
            builder.write(poolAddress, SwapPoolContract.RESERVE_B.address(), Felt.fromBigInteger(pool.reserveToken()));
            // The initial liquidity's shares, isqrt(reserve_a · reserve_b), belong to the pool itself: locked, as
            // Uniswap locks its minimum liquidity, so later deposits are priced against the reserves.
            BigInteger lockedShares = pool.reserveFeeToken().multiply(pool.reserveToken()).sqrt();
            builder.writeU256(poolAddress, SwapPoolContract.TOTAL_SHARES.address(), lockedShares);
            builder.writeU256(poolAddress, SwapPoolContract.SHARES.address(poolAddress.value()), lockedShares);
            // The reserves are real token balances of the pool.
            builder.balance(feeToken, poolAddress, pool.reserveFeeToken());
            feeTokenSupply = feeTokenSupply.add(pool.reserveFeeToken());
            BigInteger tokenSupply = pool.reserveToken();
            builder.balance(token, poolAddress, pool.reserveToken());
            for (GenesisAccount account : accounts) {
                builder.balance(token, account.address(), pool.accountTokenBalance());
                tokenSupply = tokenSupply.add(pool.accountTokenBalance());
            }
            builder.totalSupply(token, tokenSupply, "workload.swap_pool");
            swapPool = Optional.of(poolAddress);
            swapToken = Optional.of(token);
        }
        builder.totalSupply(feeToken, feeTokenSupply, "accounts");

        Contracts contracts = new Contracts(feeToken, counter, keyValue, gasBurner, swapPool, swapToken);
        return new Genesis(spec.chainId(), builder.diff(), accounts, contracts);
    }

    private static String shortString(Felt value) {
        try {
            return value.toShortString();
        } catch (RuntimeException notText) {
            return value.toHex();
        }
    }

    /** Accumulates the genesis writes. */
    private static final class Builder {
        final TreeMap<ContractAddress, NavigableMap<StorageKey, Felt>> storage = new TreeMap<>();
        final TreeMap<ContractAddress, ClassHash> deployed = new TreeMap<>();
        final TreeMap<ClassHash, CompiledClassHash> declared = new TreeMap<>();
        final TreeMap<ContractAddress, String> deployedBy = new TreeMap<>();

        void deploy(ContractAddress address, ClassHash classHash, String path) {
            String previous = deployedBy.putIfAbsent(address, path);
            if (previous != null) {
                throw new GenesisException(path, "address " + address + " is already used by " + previous);
            }
            deployed.put(address, classHash);
        }

        void write(ContractAddress address, StorageKey key, Felt value) {
            if (!value.isZero()) {
                storage.computeIfAbsent(address, a -> new TreeMap<>()).put(key, value);
            }
        }

        GenesisAccount account(Felt privateKey, BigInteger balance, String path) {
            if (privateKey.isZero() || privateKey.toBigInteger().compareTo(
                    io.vellum.blockifier.crypto.StarkCurve.ORDER) >= 0) {
                throw new GenesisException(path, "private key must be in [1, n), n the curve order");
            }
            Felt publicKey = Ecdsa.publicKey(privateKey);
            ContractAddress address = GenesisAccounts.accountAddress(publicKey);
            deploy(address, VellumClass.ACCOUNT.classHash(), path);
            write(address, AccountContract.PUBLIC_KEY.address(), publicKey);
            return new GenesisAccount(address, privateKey, publicKey, balance);
        }

        ContractAddress workload(String name, VellumClass vellumClass) {
            Felt salt;
            try {
                salt = Felt.fromShortString("vellum." + name);
            } catch (IllegalArgumentException tooLong) {
                throw new GenesisException("workload." + name, "'vellum." + name
                        + "' is not a short string (at most 31 ASCII characters): " + tooLong.getMessage());
            }
            ContractAddress address = ContractAddresses.compute(salt, vellumClass.classHash(), List.of(),
                    ContractAddress.of(0));
            deploy(address, vellumClass.classHash(), "workload." + name);
            return address;
        }

        void tokenMetadata(ContractAddress token, GenesisSpec.Token metadata) {
            write(token, Erc20Contract.NAME.address(), metadata.name());
            write(token, Erc20Contract.SYMBOL.address(), metadata.symbol());
            write(token, Erc20Contract.DECIMALS.address(), Felt.of(metadata.decimals()));
        }

        void balance(ContractAddress token, ContractAddress account, BigInteger amount) {
            StorageKey low = Erc20Contract.BALANCES.address(account.value());
            writeU256(token, low, amount);
        }

        void totalSupply(ContractAddress token, BigInteger supply, String path) {
            if (supply.bitLength() > 256) {
                throw new GenesisException(path, "the balances add up to more than a u256 total supply: " + supply);
            }
            writeU256(token, Erc20Contract.TOTAL_SUPPLY.address(), supply);
        }

        void writeU256(ContractAddress token, StorageKey low, BigInteger amount) {
            BigInteger mask = BigInteger.ONE.shiftLeft(128).subtract(BigInteger.ONE);
            write(token, low, Felt.fromBigInteger(amount.and(mask)));
            write(token, low.plus(1), Felt.fromBigInteger(amount.shiftRight(128)));
        }

        StateDiff diff() {
            return new StateDiff(storage, new TreeMap<ContractAddress, Nonce>(), deployed, declared);
        }
    }
}
