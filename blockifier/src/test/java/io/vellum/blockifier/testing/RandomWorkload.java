package io.vellum.blockifier.testing;

import io.vellum.blockifier.block.GenesisAccount;
import io.vellum.blockifier.block.TransactionOutcome;
import io.vellum.blockifier.contracts.VellumClass;
import io.vellum.blockifier.core.Call;
import io.vellum.blockifier.core.ClassHash;
import io.vellum.blockifier.core.ContractAddress;
import io.vellum.blockifier.core.EntryPointSelector;
import io.vellum.blockifier.core.Nonce;
import io.vellum.blockifier.crypto.Felt;
import io.vellum.blockifier.crypto.Selectors;
import io.vellum.blockifier.transaction.AllResourceBounds;
import io.vellum.blockifier.transaction.DataAvailabilityMode;
import io.vellum.blockifier.transaction.DeployAccountTransaction;
import io.vellum.blockifier.transaction.ExecutableTransaction;
import io.vellum.blockifier.transaction.InvokeTransaction;
import io.vellum.blockifier.transaction.L1HandlerTransaction;
import io.vellum.blockifier.transaction.ResourceBounds;
import io.vellum.blockifier.transaction.Transaction;
import io.vellum.blockifier.transaction.V3Fields;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;

/**
 * Seeded random transactions against a {@link TestChain}: a realistic mix (transfers of both tokens, counter,
 * key-value writes, swaps, gas burning, deposits) salted with failures (amounts too large, failing assertions, withdrawals,
 * slippage, bad nonces), and pure garbage of every kind. It tracks nonces from the outcomes it is told about
 * ({@link #observe}) and every address that may come to hold tokens ({@link #holders()}).
 */
public final class RandomWorkload {
    private static final List<String> ENTRY_POINT_NAMES = List.of("transfer", "transfer_from", "approve",
            "increment", "get", "write", "swap", "burn", "recurse", "__execute__", "__validate__", "balance_of",
            "handle_deposit", "increment_from_l1", "add_liquidity", "nope");

    private final TestChain chain;
    private final SplittableRandom random;
    private final long[] nonces;
    private final Set<ContractAddress> holders = new LinkedHashSet<>();

    public RandomWorkload(TestChain chain, long seed) {
        this.chain = chain;
        this.random = new SplittableRandom(seed);
        this.nonces = new long[chain.genesis.accounts().size()];
        for (GenesisAccount account : chain.genesis.accounts()) {
            holders.add(account.address());
        }
        holders.add(TestChain.SEQUENCER);
        holders.add(chain.swapPool());
    }

    /** Every address that may hold STRK or VUSD. */
    public Set<ContractAddress> holders() {
        return holders;
    }

    /** Tells the workload what happened to a transaction it made, so that it keeps nonces in step. */
    public void observe(TransactionOutcome outcome) {
        if (outcome instanceof TransactionOutcome.Included included
                && included.transaction().transaction() instanceof InvokeTransaction invoke) {
            for (int i = 0; i < nonces.length; i++) {
                if (chain.account(i).address().equals(invoke.senderAddress())) {
                    nonces[i] = invoke.nonce().value().longValueExact() + 1;
                }
            }
        }
    }

    /** The next transaction of the realistic mix. */
    public ExecutableTransaction next() {
        int index = random.nextInt(nonces.length);
        GenesisAccount account = chain.account(index);
        long nonce = nonces[index];
        int pick = random.nextInt(100);
        if (pick < 30) {
            return chain.invoke(account, nonce, TestChain.transferCall(chain.feeToken(), someHolder(), amount()));
        }
        if (pick < 40) {
            return chain.invoke(account, nonce, TestChain.transferCall(chain.swapToken(), someHolder(), amount()));
        }
        if (pick < 50) {
            return random.nextInt(4) == 0
                    ? chain.invoke(account, nonce, TestChain.call(chain.counter(), "assert_value",
                            Felt.of(random.nextInt(5))))
                    : chain.invoke(account, nonce, TestChain.call(chain.counter(), "increment"));
        }
        if (pick < 57) {
            return chain.invoke(account, nonce, TestChain.call(chain.keyValue(), "write", Felt.of(random.nextInt(50)),
                    Felt.of(random.nextInt(6))));
        }
        if (pick < 70) {
            boolean strkIn = random.nextBoolean();
            ContractAddress tokenIn = strkIn ? chain.feeToken() : chain.swapToken();
            BigInteger in = BigInteger.valueOf(1 + random.nextInt(50_000));
            BigInteger minimumOut = random.nextInt(5) == 0 ? BigInteger.valueOf(1_000_000_000) : BigInteger.ZERO;
            return chain.invoke(account, nonce,
                    TestChain.call(tokenIn, "approve", chain.swapPool().value(), TestChain.low(in), Felt.ZERO),
                    TestChain.call(chain.swapPool(), "swap", tokenIn.value(), TestChain.low(in), Felt.ZERO,
                            TestChain.low(minimumOut), Felt.ZERO));
        }
        if (pick < 75) {
            return random.nextBoolean()
                    ? chain.invoke(account, nonce, TestChain.call(chain.gasBurner(), "burn",
                            Felt.of(random.nextInt(200_000))))
                    : chain.invoke(account, nonce, TestChain.call(chain.gasBurner(), "recurse",
                            Felt.of(random.nextInt(60))));
        }
        if (pick < 80) {
            return chain.invoke(account, nonce + 1 + random.nextInt(3),
                    TestChain.call(chain.counter(), "increment"));
        }
        if (pick < 87) {
            ContractAddress recipient = someHolder();
            return TestChain.executable(new L1HandlerTransaction(chain.feeToken(),
                    new EntryPointSelector(Selectors.fromName("handle_deposit")),
                    List.of(random.nextInt(4) == 0 ? Felt.of(0xbad) : TestChain.L1_BRIDGE, recipient.value(),
                            TestChain.low(amount()), Felt.ZERO),
                    Nonce.of(random.nextInt(1_000_000)), Felt.ONE));
        }
        if (pick < 90) {
            return chain.invoke(account, nonce, TestChain.call(chain.feeToken(), "initiate_withdrawal",
                    Felt.of(0xe7e7), TestChain.low(amount()), Felt.ZERO));
        }
        if (pick < 95) {
            // Several calls, the last of which may fail.
            return chain.invoke(account, nonce,
                    TestChain.transferCall(chain.feeToken(), someHolder(), amount()),
                    TestChain.call(chain.counter(), "increment"),
                    TestChain.transferCall(chain.swapToken(), someHolder(), amount()));
        }
        return garbage();
    }

    /** A transaction with random fields of a random kind: anything at all, well formed or not. */
    public ExecutableTransaction garbage() {
        Transaction transaction = switch (random.nextInt(3)) {
            case 0 -> new InvokeTransaction(someSender(), felts(12), signature(), someNonce(), someFields(),
                    random.nextInt(20) == 0 ? List.of(Felt.ONE) : List.of());
            case 1 -> new DeployAccountTransaction(someClassHash(), Samples.felt(random), felts(3), signature(),
                    someNonce(), someFields());
            default -> new L1HandlerTransaction(someSender(),
                    new EntryPointSelector(random.nextBoolean()
                            ? Selectors.fromName(ENTRY_POINT_NAMES.get(random.nextInt(ENTRY_POINT_NAMES.size())))
                            : Samples.felt(random)),
                    felts(6), someNonce(), Samples.felt(random));
        };
        if (transaction instanceof InvokeTransaction invoke && random.nextBoolean()) {
            // A well-formed multicall to a random entry point with random arguments, properly signed.
            int index = random.nextInt(nonces.length);
            GenesisAccount account = chain.account(index);
            String name = ENTRY_POINT_NAMES.get(random.nextInt(ENTRY_POINT_NAMES.size()));
            Call call = new Call(someContract(), new EntryPointSelector(Selectors.fromName(name)), felts(6));
            return chain.invoke(account, random.nextInt(4) == 0 ? nonces[index] + 1 : nonces[index],
                    random.nextInt(6) == 0 ? someFields() : TestChain.defaultFields(), List.of(call));
        }
        return TestChain.executable(transaction);
    }

    // -----------------------------------------------------------------------------------------------------

    private BigInteger amount() {
        return switch (random.nextInt(10)) {
            case 0 -> TestChain.DEFAULT_BALANCE.multiply(BigInteger.TWO); // more than anyone holds
            case 1 -> BigInteger.ZERO;
            default -> BigInteger.valueOf(random.nextInt(1_000_000));
        };
    }

    private ContractAddress someHolder() {
        if (random.nextInt(8) == 0) {
            ContractAddress fresh = ContractAddress.of(0x100000 + random.nextInt(1_000));
            holders.add(fresh);
            return fresh;
        }
        return chain.account(random.nextInt(nonces.length)).address();
    }

    private ContractAddress someSender() {
        return switch (random.nextInt(5)) {
            case 0 -> ContractAddress.of(random.nextInt(1 << 20));
            case 1 -> chain.feeToken();
            case 2 -> chain.counter();
            default -> chain.account(random.nextInt(nonces.length)).address();
        };
    }

    private ContractAddress someContract() {
        List<ContractAddress> contracts = List.of(chain.feeToken(), chain.swapToken(), chain.counter(),
                chain.keyValue(), chain.gasBurner(), chain.swapPool(), chain.account(0).address(), TestChain.PROBE,
                ContractAddress.of(0x42));
        return contracts.get(random.nextInt(contracts.size()));
    }

    private ClassHash someClassHash() {
        return random.nextInt(3) == 0
                ? VellumClass.values()[random.nextInt(VellumClass.values().length)].classHash()
                : new ClassHash(Felt.of(random.nextInt(1 << 30)));
    }

    private Nonce someNonce() {
        return random.nextInt(4) == 0 ? new Nonce(Samples.felt(random)) : Nonce.of(random.nextInt(4));
    }

    private List<Felt> felts(int lengthMax) {
        int length = random.nextInt(lengthMax + 1);
        List<Felt> out = new ArrayList<>(length);
        for (int i = 0; i < length; i++) {
            out.add(random.nextBoolean() ? Felt.of(random.nextInt(8)) : Samples.felt(random));
        }
        return out;
    }

    private List<Felt> signature() {
        return random.nextInt(3) == 0 ? felts(3) : List.of(Samples.felt(random), Samples.felt(random));
    }

    private V3Fields someFields() {
        ResourceBounds l2 = new ResourceBounds(Felt.fromBigInteger(Samples.bits(random, random.nextInt(65))),
                Felt.fromBigInteger(Samples.bits(random, random.nextInt(129))));
        ResourceBounds l1 = random.nextInt(4) == 0
                ? new ResourceBounds(Felt.fromBigInteger(Samples.bits(random, 64)),
                        Felt.fromBigInteger(Samples.bits(random, 128)))
                : ResourceBounds.ZERO;
        AllResourceBounds bounds = random.nextBoolean()
                ? AllResourceBounds.of(l1, l2, ResourceBounds.ZERO)
                : AllResourceBounds.withoutL1DataGas(l1, l2);
        return new V3Fields(bounds, Felt.fromBigInteger(Samples.bits(random, random.nextInt(65))),
                random.nextInt(10) == 0 ? List.of(Felt.ONE) : List.of(),
                DataAvailabilityMode.ofCode(random.nextInt(2)), DataAvailabilityMode.ofCode(random.nextInt(2)));
    }
}
