package io.vellum.blockifier.contracts;

import io.vellum.blockifier.core.ContractAddress;
import io.vellum.blockifier.core.StorageKey;
import io.vellum.blockifier.crypto.Felt;
import io.vellum.blockifier.crypto.Selectors;
import io.vellum.blockifier.execution.CallContext;
import io.vellum.blockifier.execution.Calldata;
import io.vellum.blockifier.execution.EntryPoint;
import io.vellum.blockifier.execution.EntryPointType;
import io.vellum.blockifier.execution.ExecutionError;
import io.vellum.blockifier.execution.ExecutionException;
import io.vellum.blockifier.execution.NativeContract;
import io.vellum.blockifier.execution.StorageVariable;
import io.vellum.blockifier.execution.U256;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;

/**
 * A constant-product pool ({@link VellumClass#SWAP_POOL}) between two ERC20 tokens A and B, Uniswap v2 style:
 * every swap reads and writes the same two reserve cells, so swaps contend on them, and each swap calls both
 * tokens.
 *
 * <h2>Storage</h2>
 * {@code pool_token_a}, {@code pool_token_b} (addresses); {@code pool_reserve_a}, {@code pool_reserve_b} (felts
 * below 2^128); {@code pool_fee_basis_points} (below 10,000); {@code pool_total_shares} and
 * {@code pool_shares(account)} (u256: low, high).
 *
 * <h2>Entry points</h2>
 * <ul>
 *   <li>{@code swap(token_in, amount_in: u256, min_amount_out: u256)} — with f the fee in basis points,
 *       {@code out = floor(in·(10000 - f)·reserve_out / (reserve_in·10000 + in·(10000 - f)))}; fails if
 *       {@code out} is 0 or below {@code min_amount_out}. Takes {@code in} from the caller with the token's
 *       {@code transfer_from} (the caller must have approved the pool), pays {@code out} with
 *       {@code transfer}, updates both reserves, emits {@code Swap}. Returns {@code out} (u256). The product
 *       of the reserves never decreases.</li>
 *   <li>{@code add_liquidity(amount_a: u256, amount_b: u256)} — takes both amounts from the caller; mints
 *       {@code isqrt(a·b)} shares for the first deposit, else {@code min(a·S/reserve_a, b·S/reserve_b)}.
 *       Returns the shares (u256).</li>
 *   <li>{@code get_reserves()} — {@code [reserve_a, reserve_b]}; {@code get_tokens()} — {@code [a, b]};
 *       {@code shares_of(account)} — u256.</li>
 *   <li>{@code constructor(token_a, token_b, fee_basis_points)}.</li>
 * </ul>
 * Events: {@code Swap} keys {@code [selector("Swap"), caller]}, data
 * {@code [token_in, in.low, in.high, out.low, out.high]}; {@code LiquidityAdded} keys
 * {@code [selector("LiquidityAdded"), caller]}, data {@code [a.low, a.high, b.low, b.high, shares.low,
 * shares.high]}.
 */
public final class SwapPoolContract extends NativeContract {
    public static final StorageVariable TOKEN_A = StorageVariable.of("pool_token_a");
    public static final StorageVariable TOKEN_B = StorageVariable.of("pool_token_b");
    public static final StorageVariable RESERVE_A = StorageVariable.of("pool_reserve_a");
    public static final StorageVariable RESERVE_B = StorageVariable.of("pool_reserve_b");
    public static final StorageVariable FEE_BASIS_POINTS = StorageVariable.of("pool_fee_basis_points");
    public static final StorageVariable TOTAL_SHARES = StorageVariable.of("pool_total_shares");
    public static final StorageVariable SHARES = StorageVariable.of("pool_shares");

    public static final Felt SWAP_EVENT = Selectors.fromName("Swap");
    public static final Felt LIQUIDITY_ADDED_EVENT = Selectors.fromName("LiquidityAdded");
    public static final long BASIS_POINTS = 10_000;

    private static final Felt TRANSFER_SELECTOR = Selectors.fromName("transfer");
    private static final Felt TRANSFER_FROM_SELECTOR = Selectors.fromName("transfer_from");
    private static final BigInteger RESERVE_LIMIT = BigInteger.ONE.shiftLeft(128);

    public SwapPoolContract() {
        super(VellumClass.SWAP_POOL.classHash(), "SwapPool");
        entryPoints(List.of(
                EntryPoint.of("constructor", EntryPointType.CONSTRUCTOR, this::constructor),
                EntryPoint.of("swap", EntryPointType.EXTERNAL, this::swap),
                EntryPoint.of("add_liquidity", EntryPointType.EXTERNAL, this::addLiquidity),
                EntryPoint.of("get_reserves", EntryPointType.EXTERNAL, this::getReserves),
                EntryPoint.of("get_tokens", EntryPointType.EXTERNAL, this::getTokens),
                EntryPoint.of("shares_of", EntryPointType.EXTERNAL, this::sharesOf)));
    }

    /**
     * The output of a swap of {@code amountIn} against reserves {@code reserveIn} and {@code reserveOut} with a
     * fee of {@code feeBasisPoints}: the constant-product rule, rounded down.
     */
    public static BigInteger amountOut(BigInteger amountIn, BigInteger reserveIn, BigInteger reserveOut,
            long feeBasisPoints) {
        BigInteger inWithFee = amountIn.multiply(BigInteger.valueOf(BASIS_POINTS - feeBasisPoints));
        BigInteger denominator = reserveIn.multiply(BigInteger.valueOf(BASIS_POINTS)).add(inWithFee);
        if (denominator.signum() == 0) {
            return BigInteger.ZERO;
        }
        return inWithFee.multiply(reserveOut).divide(denominator);
    }

    private List<Felt> constructor(CallContext context, Calldata calldata) {
        ContractAddress tokenA = calldata.address("token_a");
        ContractAddress tokenB = calldata.address("token_b");
        long fee = calldata.integer("fee_basis_points", BASIS_POINTS - 1);
        calldata.end();
        if (tokenA.equals(tokenB)) {
            throw new ExecutionException(new ExecutionError.AssertionFailed("SwapPool: the two tokens are the same"));
        }
        context.storageWrite(TOKEN_A.address(), tokenA.value());
        context.storageWrite(TOKEN_B.address(), tokenB.value());
        context.storageWrite(FEE_BASIS_POINTS.address(), Felt.of(fee));
        return List.of();
    }

    private List<Felt> swap(CallContext context, Calldata calldata) {
        ContractAddress tokenIn = calldata.address("token_in");
        U256 amountIn = Erc20Contract.readAmount(calldata, "amount_in");
        U256 minimumOut = Erc20Contract.readAmount(calldata, "min_amount_out");
        calldata.end();
        ContractAddress tokenA = new ContractAddress(context.storageRead(TOKEN_A.address()));
        ContractAddress tokenB = new ContractAddress(context.storageRead(TOKEN_B.address()));
        boolean inIsA;
        if (tokenIn.equals(tokenA)) {
            inIsA = true;
        } else if (tokenIn.equals(tokenB)) {
            inIsA = false;
        } else {
            throw new ExecutionException(new ExecutionError.AssertionFailed(
                    "SwapPool: " + tokenIn + " is not one of the pool's tokens"));
        }
        StorageKey reserveInSlot = (inIsA ? RESERVE_A : RESERVE_B).address();
        StorageKey reserveOutSlot = (inIsA ? RESERVE_B : RESERVE_A).address();
        BigInteger reserveIn = context.storageRead(reserveInSlot).toBigInteger();
        BigInteger reserveOut = context.storageRead(reserveOutSlot).toBigInteger();
        long fee = context.storageRead(FEE_BASIS_POINTS.address()).longValueExact();

        if (amountIn.isZero()) {
            throw new ExecutionException(new ExecutionError.AssertionFailed("SwapPool: amount_in is zero"));
        }
        BigInteger newReserveIn = reserveIn.add(amountIn.value());
        if (newReserveIn.compareTo(RESERVE_LIMIT) >= 0) {
            throw new ExecutionException(new ExecutionError.U256Overflow("SwapPool: reserve above 2^128"));
        }
        BigInteger out = amountOut(amountIn.value(), reserveIn, reserveOut, fee);
        if (out.signum() == 0) {
            throw new ExecutionException(new ExecutionError.AssertionFailed(
                    "SwapPool: insufficient output amount (reserves " + reserveIn + ", " + reserveOut + ")"));
        }
        if (out.compareTo(minimumOut.value()) < 0) {
            throw new ExecutionException(new ExecutionError.AssertionFailed(
                    "SwapPool: output " + out + " is below the minimum " + minimumOut));
        }
        ContractAddress tokenOut = inIsA ? tokenB : tokenA;
        ContractAddress caller = context.callerAddress();
        U256 amountOut = U256.of(out);
        List<Felt> takeIn = new ArrayList<>(4);
        takeIn.add(caller.value());
        takeIn.add(context.contractAddress().value());
        takeIn.addAll(amountIn.toFelts());
        context.callContract(tokenIn, TRANSFER_FROM_SELECTOR, takeIn);
        context.callContract(tokenOut, TRANSFER_SELECTOR, List.of(caller.value(), amountOut.low(), amountOut.high()));
        context.storageWrite(reserveInSlot, Felt.fromBigInteger(newReserveIn));
        context.storageWrite(reserveOutSlot, Felt.fromBigInteger(reserveOut.subtract(out)));
        context.emitEvent(List.of(SWAP_EVENT, caller.value()), List.of(tokenIn.value(), amountIn.low(),
                amountIn.high(), amountOut.low(), amountOut.high()));
        return amountOut.toFelts();
    }

    private List<Felt> addLiquidity(CallContext context, Calldata calldata) {
        U256 amountA = Erc20Contract.readAmount(calldata, "amount_a");
        U256 amountB = Erc20Contract.readAmount(calldata, "amount_b");
        calldata.end();
        BigInteger reserveA = context.storageRead(RESERVE_A.address()).toBigInteger();
        BigInteger reserveB = context.storageRead(RESERVE_B.address()).toBigInteger();
        BigInteger newReserveA = reserveA.add(amountA.value());
        BigInteger newReserveB = reserveB.add(amountB.value());
        if (newReserveA.compareTo(RESERVE_LIMIT) >= 0 || newReserveB.compareTo(RESERVE_LIMIT) >= 0) {
            throw new ExecutionException(new ExecutionError.U256Overflow("SwapPool: reserve above 2^128"));
        }
        U256 totalShares = Erc20Contract.readU256(context, TOTAL_SHARES.address());
        BigInteger minted;
        if (totalShares.isZero() || reserveA.signum() == 0 || reserveB.signum() == 0) {
            minted = amountA.value().multiply(amountB.value()).sqrt();
        } else {
            BigInteger byA = amountA.value().multiply(totalShares.value()).divide(reserveA);
            BigInteger byB = amountB.value().multiply(totalShares.value()).divide(reserveB);
            minted = byA.min(byB);
        }
        if (minted.signum() == 0) {
            throw new ExecutionException(
                    new ExecutionError.AssertionFailed("SwapPool: the deposit mints no shares"));
        }
        ContractAddress caller = context.callerAddress();
        Felt pool = context.contractAddress().value();
        ContractAddress tokenA = new ContractAddress(context.storageRead(TOKEN_A.address()));
        ContractAddress tokenB = new ContractAddress(context.storageRead(TOKEN_B.address()));
        if (!amountA.isZero()) {
            context.callContract(tokenA, TRANSFER_FROM_SELECTOR,
                    List.of(caller.value(), pool, amountA.low(), amountA.high()));
        }
        if (!amountB.isZero()) {
            context.callContract(tokenB, TRANSFER_FROM_SELECTOR,
                    List.of(caller.value(), pool, amountB.low(), amountB.high()));
        }
        context.storageWrite(RESERVE_A.address(), Felt.fromBigInteger(newReserveA));
        context.storageWrite(RESERVE_B.address(), Felt.fromBigInteger(newReserveB));
        U256 shares = U256.of(minted);
        Erc20Contract.writeU256(context, TOTAL_SHARES.address(), totalShares.add(shares, "SwapPool: total shares"));
        StorageKey sharesSlot = context.storageAddress(SHARES, caller.value());
        Erc20Contract.writeU256(context, sharesSlot,
                Erc20Contract.readU256(context, sharesSlot).add(shares, "SwapPool: shares"));
        context.emitEvent(List.of(LIQUIDITY_ADDED_EVENT, caller.value()), List.of(amountA.low(), amountA.high(),
                amountB.low(), amountB.high(), shares.low(), shares.high()));
        return shares.toFelts();
    }

    private List<Felt> getReserves(CallContext context, Calldata calldata) {
        calldata.end();
        return List.of(context.storageRead(RESERVE_A.address()), context.storageRead(RESERVE_B.address()));
    }

    private List<Felt> getTokens(CallContext context, Calldata calldata) {
        calldata.end();
        return List.of(context.storageRead(TOKEN_A.address()), context.storageRead(TOKEN_B.address()));
    }

    private List<Felt> sharesOf(CallContext context, Calldata calldata) {
        ContractAddress account = calldata.address("account");
        calldata.end();
        return Erc20Contract.readU256(context, context.storageAddress(SHARES, account.value())).toFelts();
    }
}
