package io.vellum.simulations.workload;

import io.vellum.blockifier.block.Genesis;
import io.vellum.blockifier.block.GenesisAccount;
import io.vellum.blockifier.contracts.Multicall;
import io.vellum.blockifier.core.Call;
import io.vellum.blockifier.core.ContractAddress;
import io.vellum.blockifier.core.EntryPointSelector;
import io.vellum.blockifier.core.Nonce;
import io.vellum.blockifier.crypto.Ecdsa;
import io.vellum.blockifier.crypto.Felt;
import io.vellum.blockifier.crypto.Selectors;
import io.vellum.blockifier.transaction.AllResourceBounds;
import io.vellum.blockifier.transaction.ExecutableTransaction;
import io.vellum.blockifier.transaction.InvokeTransaction;
import io.vellum.blockifier.transaction.ResourceBounds;
import io.vellum.blockifier.transaction.V3Fields;
import io.vellum.simulations.scenario.WorkloadSpec;
import java.math.BigInteger;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Builds one workload's INVOKE v3 transactions: hashed for the simulation chain as Starknet does, signed with the
 * sender's Stark key (or left unsigned), with resource bounds that cover the call at the simulation's gas price.
 */
public final class TransactionFactory {
    private static final long MAX_PRICE_PER_UNIT = 5;
    private static final BigInteger SWAP_AMOUNT_MAX = BigInteger.valueOf(1_000_000_000_000L);

    private final WorkloadSpec spec;
    private final Genesis genesis;
    private final int firstAccount;
    private final V3Fields fields;

    public TransactionFactory(WorkloadSpec spec, Genesis genesis, int firstAccount) {
        this.spec = spec;
        this.genesis = genesis;
        this.firstAccount = firstAccount;
        long maxL2Gas = spec.kind() == WorkloadSpec.Kind.GAS_BURNER ? spec.gas() + 3_000_000 : 3_000_000;
        this.fields = V3Fields.of(AllResourceBounds.l2Only(ResourceBounds.of(maxL2Gas, MAX_PRICE_PER_UNIT)), 0);
    }

    /** The genesis index of this workload's account {@code local}. */
    public int accountIndex(int local) {
        return firstAccount + local;
    }

    /**
     * The transaction of account {@code local} (of this workload) with {@code nonce}; {@code target} picks the
     * recipient or key (in [0, accounts) for transfers, any value for keys).
     */
    public ExecutableTransaction build(int local, long nonce, int target, SplittableRandom random) {
        GenesisAccount from = genesis.accounts().get(firstAccount + local);
        List<Call> calls = switch (spec.kind()) {
            case TRANSFERS -> {
                int to = target == local ? (target + 1) % spec.accounts() : target;
                ContractAddress recipient = genesis.accounts().get(firstAccount + to).address();
                yield List.of(erc20(genesis.contracts().feeToken(), "transfer", recipient.value(),
                        BigInteger.valueOf(1 + random.nextInt(1_000))));
            }
            case COUNTER -> List.of(call(genesis.contracts().counter().orElseThrow(), "increment"));
            case KEY_VALUE -> List.of(call(genesis.contracts().keyValue().orElseThrow(), "write",
                    Felt.of(1_000_000L + target), Felt.of(spec.writes())));
            case GAS_BURNER -> List.of(call(genesis.contracts().gasBurner().orElseThrow(), "burn",
                    Felt.of(spec.gas())));
            case SWAP -> {
                ContractAddress pool = genesis.contracts().swapPool().orElseThrow();
                ContractAddress strk = genesis.contracts().feeToken();
                BigInteger amount = BigInteger.valueOf(1_000_000L + random.nextInt(1_000_000))
                        .min(SWAP_AMOUNT_MAX);
                yield List.of(erc20(strk, "approve", pool.value(), amount),
                        call(pool, "swap", strk.value(), low(amount), high(amount), Felt.ONE, Felt.ZERO));
            }
        };
        InvokeTransaction unsigned = new InvokeTransaction(from.address(), Multicall.encode(calls), List.of(),
                Nonce.of(nonce), fields, List.of());
        ExecutableTransaction hashed = ExecutableTransaction.of(unsigned, genesis.chainId());
        if (!spec.signed()) {
            return hashed;
        }
        InvokeTransaction signed = unsigned.withSignature(Ecdsa.sign(from.privateKey(), hashed.hash()).toFelts());
        return ExecutableTransaction.of(signed, genesis.chainId());
    }

    private static Call erc20(ContractAddress token, String entryPoint, Felt address, BigInteger amount) {
        return call(token, entryPoint, address, low(amount), high(amount));
    }

    private static Call call(ContractAddress to, String entryPoint, Felt... calldata) {
        return new Call(to, new EntryPointSelector(Selectors.fromName(entryPoint)), List.of(calldata));
    }

    private static Felt low(BigInteger amount) {
        return Felt.fromBigInteger(amount.and(BigInteger.ONE.shiftLeft(128).subtract(BigInteger.ONE)));
    }

    private static Felt high(BigInteger amount) {
        return Felt.fromBigInteger(amount.shiftRight(128));
    }
}
