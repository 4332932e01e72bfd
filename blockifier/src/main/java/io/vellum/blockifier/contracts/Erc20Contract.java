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
import java.util.ArrayList;
import java.util.List;

/**
 * An ERC20 token ({@link VellumClass#ERC20}) with the storage layout, entry points and events of the Cairo
 * OpenZeppelin ERC20 (the Cairo 0 layout that Starknet's fee tokens keep). The STRK fee token is one deployment.
 *
 * <h2>Storage</h2>
 * u256 values take two cells: low at the variable's address, high at address + 1.
 * <ul>
 *   <li>{@code ERC20_name}, {@code ERC20_symbol} (short strings), {@code ERC20_decimals};</li>
 *   <li>{@code ERC20_total_supply} (u256);</li>
 *   <li>{@code ERC20_balances(account)} (u256);</li>
 *   <li>{@code ERC20_allowances(owner, spender)} (u256);</li>
 *   <li>{@code Vellum_l1_bridge}: the L1 address allowed to mint by deposit (0: deposits disabled).</li>
 * </ul>
 *
 * <h2>Entry points</h2>
 * Views {@code name}, {@code symbol}, {@code decimals}, {@code total_supply}/{@code totalSupply},
 * {@code balance_of}/{@code balanceOf(account)}, {@code allowance(owner, spender)}; externals
 * {@code transfer(recipient, amount)}, {@code transfer_from}/{@code transferFrom(sender, recipient, amount)},
 * {@code approve(spender, amount)} (each returns 1); the constructor
 * {@code (name, symbol, decimals, initial_supply, recipient)}; the L1 handler
 * {@code handle_deposit(from_address, recipient, amount)}, which mints when {@code from_address} is the bridge;
 * and {@code initiate_withdrawal(l1_recipient, amount)}, which burns the caller's tokens and sends the bridge the
 * message {@code [0, l1_recipient, amount.low, amount.high]} (StarkGate's withdrawal payload). Amounts are u256
 * (two felts, each below 2^128).
 *
 * <h2>Events</h2>
 * {@code Transfer}: keys {@code [selector("Transfer")]}, data {@code [from, to, value.low, value.high]};
 * {@code Approval}: keys {@code [selector("Approval")]}, data {@code [owner, spender, value.low, value.high]}.
 * Spending an allowance of 2^256 - 1 (infinite) leaves it unchanged and emits no Approval.
 */
public final class Erc20Contract extends NativeContract {
    public static final StorageVariable NAME = StorageVariable.of("ERC20_name");
    public static final StorageVariable SYMBOL = StorageVariable.of("ERC20_symbol");
    public static final StorageVariable DECIMALS = StorageVariable.of("ERC20_decimals");
    public static final StorageVariable TOTAL_SUPPLY = StorageVariable.of("ERC20_total_supply");
    public static final StorageVariable BALANCES = StorageVariable.of("ERC20_balances");
    public static final StorageVariable ALLOWANCES = StorageVariable.of("ERC20_allowances");
    public static final StorageVariable L1_BRIDGE = StorageVariable.of("Vellum_l1_bridge");

    public static final Felt TRANSFER_EVENT = Selectors.fromName("Transfer");
    public static final Felt APPROVAL_EVENT = Selectors.fromName("Approval");
    private static final Felt TRUE = Felt.ONE;
    private static final int DECIMALS_MAX = 255;
    /** L1 (Ethereum) addresses are 160 bits. */
    private static final int L1_ADDRESS_BITS = 160;

    public Erc20Contract() {
        super(VellumClass.ERC20.classHash(), "ERC20");
        entryPoints(List.of(
                EntryPoint.of("constructor", EntryPointType.CONSTRUCTOR, this::constructor),
                EntryPoint.of("name", EntryPointType.EXTERNAL, (c, d) -> single(c, d, NAME)),
                EntryPoint.of("symbol", EntryPointType.EXTERNAL, (c, d) -> single(c, d, SYMBOL)),
                EntryPoint.of("decimals", EntryPointType.EXTERNAL, (c, d) -> single(c, d, DECIMALS)),
                EntryPoint.of("total_supply", EntryPointType.EXTERNAL, this::totalSupply),
                EntryPoint.of("totalSupply", EntryPointType.EXTERNAL, this::totalSupply),
                EntryPoint.of("balance_of", EntryPointType.EXTERNAL, this::balanceOf),
                EntryPoint.of("balanceOf", EntryPointType.EXTERNAL, this::balanceOf),
                EntryPoint.of("allowance", EntryPointType.EXTERNAL, this::allowance),
                EntryPoint.of("transfer", EntryPointType.EXTERNAL, this::transfer),
                EntryPoint.of("transfer_from", EntryPointType.EXTERNAL, this::transferFrom),
                EntryPoint.of("transferFrom", EntryPointType.EXTERNAL, this::transferFrom),
                EntryPoint.of("approve", EntryPointType.EXTERNAL, this::approve),
                EntryPoint.of("initiate_withdrawal", EntryPointType.EXTERNAL, this::initiateWithdrawal),
                EntryPoint.of("handle_deposit", EntryPointType.L1_HANDLER, this::handleDeposit)));
    }

    // -----------------------------------------------------------------------------------------------------
    // Entry points.

    private List<Felt> constructor(CallContext context, Calldata calldata) {
        Felt name = calldata.felt();
        Felt symbol = calldata.felt();
        long decimals = calldata.integer("decimals", DECIMALS_MAX);
        U256 initialSupply = readAmount(calldata, "initial_supply");
        ContractAddress recipient = calldata.address("recipient");
        calldata.end();
        context.storageWrite(NAME.address(), name);
        context.storageWrite(SYMBOL.address(), symbol);
        context.storageWrite(DECIMALS.address(), Felt.of(decimals));
        mint(context, recipient, initialSupply);
        return List.of();
    }

    private static List<Felt> single(CallContext context, Calldata calldata, StorageVariable variable) {
        calldata.end();
        return List.of(context.storageRead(variable.address()));
    }

    private List<Felt> totalSupply(CallContext context, Calldata calldata) {
        calldata.end();
        return readU256(context, TOTAL_SUPPLY.address()).toFelts();
    }

    private List<Felt> balanceOf(CallContext context, Calldata calldata) {
        ContractAddress account = calldata.address("account");
        calldata.end();
        return readU256(context, context.storageAddress(BALANCES, account.value())).toFelts();
    }

    private List<Felt> allowance(CallContext context, Calldata calldata) {
        ContractAddress owner = calldata.address("owner");
        ContractAddress spender = calldata.address("spender");
        calldata.end();
        return readU256(context, context.storageAddress(ALLOWANCES, owner.value(), spender.value())).toFelts();
    }

    private List<Felt> transfer(CallContext context, Calldata calldata) {
        ContractAddress recipient = calldata.address("recipient");
        U256 amount = readAmount(calldata, "amount");
        calldata.end();
        move(context, context.callerAddress(), recipient, amount);
        return List.of(TRUE);
    }

    private List<Felt> transferFrom(CallContext context, Calldata calldata) {
        ContractAddress sender = calldata.address("sender");
        ContractAddress recipient = calldata.address("recipient");
        U256 amount = readAmount(calldata, "amount");
        calldata.end();
        spendAllowance(context, sender, context.callerAddress(), amount);
        move(context, sender, recipient, amount);
        return List.of(TRUE);
    }

    private List<Felt> approve(CallContext context, Calldata calldata) {
        ContractAddress spender = calldata.address("spender");
        U256 amount = readAmount(calldata, "amount");
        calldata.end();
        setAllowance(context, context.callerAddress(), spender, amount);
        return List.of(TRUE);
    }

    private List<Felt> initiateWithdrawal(CallContext context, Calldata calldata) {
        Felt l1Recipient = calldata.felt();
        U256 amount = readAmount(calldata, "amount");
        calldata.end();
        Felt bridge = context.storageRead(L1_BRIDGE.address());
        if (bridge.isZero()) {
            throw new ExecutionException(new ExecutionError.AssertionFailed("ERC20: withdrawals are disabled"));
        }
        if (l1Recipient.isZero() || !l1Recipient.fitsBits(L1_ADDRESS_BITS)) {
            throw new ExecutionException(new ExecutionError.ValueOutOfRange("l1_recipient", l1Recipient.toHex(),
                    "a non-zero L1 address, below 2^160"));
        }
        ContractAddress account = context.callerAddress();
        StorageKey slot = context.storageAddress(BALANCES, account.value());
        U256 balance = readU256(context, slot);
        if (balance.compareTo(amount) < 0) {
            throw new ExecutionException(
                    new ExecutionError.InsufficientBalance(account, balance.value(), amount.value()));
        }
        writeU256(context, slot, balance.subtract(amount, "ERC20 withdrawal"));
        U256 supply = readU256(context, TOTAL_SUPPLY.address());
        writeU256(context, TOTAL_SUPPLY.address(), supply.subtract(amount, "ERC20 withdrawal: total supply"));
        emitTransfer(context, account.value(), Felt.ZERO, amount);
        context.sendMessageToL1(bridge, List.of(Felt.ZERO, l1Recipient, amount.low(), amount.high()));
        return List.of(TRUE);
    }

    private List<Felt> handleDeposit(CallContext context, Calldata calldata) {
        Felt fromAddress = calldata.felt();
        ContractAddress recipient = calldata.address("recipient");
        U256 amount = readAmount(calldata, "amount");
        calldata.end();
        Felt bridge = context.storageRead(L1_BRIDGE.address());
        if (bridge.isZero() || !bridge.equals(fromAddress)) {
            throw new ExecutionException(new ExecutionError.AssertionFailed(
                    "ERC20: deposit from " + fromAddress + " is not from the L1 bridge"));
        }
        mint(context, recipient, amount);
        return List.of();
    }

    // -----------------------------------------------------------------------------------------------------
    // Token logic.

    private void move(CallContext context, ContractAddress sender, ContractAddress recipient, U256 amount) {
        if (sender.value().isZero()) {
            throw new ExecutionException(
                    new ExecutionError.AssertionFailed("ERC20: cannot transfer from the zero address"));
        }
        if (recipient.value().isZero()) {
            throw new ExecutionException(
                    new ExecutionError.AssertionFailed("ERC20: cannot transfer to the zero address"));
        }
        StorageKey senderSlot = context.storageAddress(BALANCES, sender.value());
        U256 senderBalance = readU256(context, senderSlot);
        if (senderBalance.compareTo(amount) < 0) {
            throw new ExecutionException(
                    new ExecutionError.InsufficientBalance(sender, senderBalance.value(), amount.value()));
        }
        writeU256(context, senderSlot, senderBalance.subtract(amount, "ERC20 transfer"));
        StorageKey recipientSlot = context.storageAddress(BALANCES, recipient.value());
        U256 recipientBalance = readU256(context, recipientSlot);
        writeU256(context, recipientSlot, recipientBalance.add(amount, "ERC20 transfer: recipient balance"));
        emitTransfer(context, sender.value(), recipient.value(), amount);
    }

    private void mint(CallContext context, ContractAddress recipient, U256 amount) {
        if (recipient.value().isZero()) {
            throw new ExecutionException(new ExecutionError.AssertionFailed("ERC20: cannot mint to the zero address"));
        }
        U256 supply = readU256(context, TOTAL_SUPPLY.address());
        writeU256(context, TOTAL_SUPPLY.address(), supply.add(amount, "ERC20 mint: total supply"));
        StorageKey slot = context.storageAddress(BALANCES, recipient.value());
        writeU256(context, slot, readU256(context, slot).add(amount, "ERC20 mint: balance"));
        emitTransfer(context, Felt.ZERO, recipient.value(), amount);
    }

    private void spendAllowance(CallContext context, ContractAddress owner, ContractAddress spender, U256 amount) {
        StorageKey slot = context.storageAddress(ALLOWANCES, owner.value(), spender.value());
        U256 current = readU256(context, slot);
        if (current.equals(U256.MAX)) {
            return;
        }
        if (current.compareTo(amount) < 0) {
            throw new ExecutionException(new ExecutionError.InsufficientAllowance(owner, spender, current.value(),
                    amount.value()));
        }
        setAllowance(context, owner, spender, current.subtract(amount, "ERC20 allowance"));
    }

    private void setAllowance(CallContext context, ContractAddress owner, ContractAddress spender, U256 amount) {
        if (owner.value().isZero()) {
            throw new ExecutionException(
                    new ExecutionError.AssertionFailed("ERC20: cannot approve from the zero address"));
        }
        if (spender.value().isZero()) {
            throw new ExecutionException(
                    new ExecutionError.AssertionFailed("ERC20: cannot approve to the zero address"));
        }
        writeU256(context, context.storageAddress(ALLOWANCES, owner.value(), spender.value()), amount);
        List<Felt> data = new ArrayList<>(4);
        data.add(owner.value());
        data.add(spender.value());
        data.add(amount.low());
        data.add(amount.high());
        context.emitEvent(List.of(APPROVAL_EVENT), data);
    }

    private static void emitTransfer(CallContext context, Felt from, Felt to, U256 amount) {
        context.emitEvent(List.of(TRANSFER_EVENT), List.of(from, to, amount.low(), amount.high()));
    }

    // -----------------------------------------------------------------------------------------------------
    // u256 in calldata and storage.

    static U256 readAmount(Calldata calldata, String what) {
        Felt low = calldata.felt();
        Felt high = calldata.felt();
        return U256.fromParts(low, high, what);
    }

    /** Reads a u256 at {@code slot} (low) and {@code slot + 1} (high); a corrupt half is out of range. */
    static U256 readU256(CallContext context, StorageKey slot) {
        Felt low = context.storageRead(slot);
        Felt high = context.storageRead(slot.plus(1));
        return U256.fromParts(low, high, () -> "stored u256 at " + slot);
    }

    static void writeU256(CallContext context, StorageKey slot, U256 value) {
        context.storageWrite(slot, value.low());
        context.storageWrite(slot.plus(1), value.high());
    }

    /** The cells of {@code account}'s balance: low, then high (for genesis and tests). */
    public static StorageKey balanceSlot(ContractAddress account) {
        return BALANCES.address(account.value());
    }
}
