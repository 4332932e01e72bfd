package io.vellum.blockifier.contracts;

import io.vellum.blockifier.crypto.Felt;
import io.vellum.blockifier.execution.CallContext;
import io.vellum.blockifier.execution.Calldata;
import io.vellum.blockifier.execution.EntryPoint;
import io.vellum.blockifier.execution.EntryPointType;
import io.vellum.blockifier.execution.ExecutionError;
import io.vellum.blockifier.execution.ExecutionException;
import io.vellum.blockifier.execution.NativeContract;
import io.vellum.blockifier.execution.StorageVariable;
import java.util.List;

/**
 * A counter ({@link VellumClass#COUNTER}): one hot storage slot, {@code counter_value}, that every increment
 * writes — the worst case for contention.
 *
 * <ul>
 *   <li>{@code increment()} — adds 1; returns the new value.</li>
 *   <li>{@code get()} — the value.</li>
 *   <li>{@code assert_value(expected)} — fails with an assertion unless the value is {@code expected}.</li>
 *   <li>L1 handler {@code increment_from_l1(from_address, amount)} — adds {@code amount} (below 2^64).</li>
 * </ul>
 * The value is a felt and wraps modulo p, like a Cairo felt counter (after 2^251 increments).
 */
public final class CounterContract extends NativeContract {
    public static final StorageVariable VALUE = StorageVariable.of("counter_value");
    private static final long L1_AMOUNT_MAX = Long.MAX_VALUE;

    public CounterContract() {
        super(VellumClass.COUNTER.classHash(), "Counter");
        entryPoints(List.of(
                EntryPoint.of("increment", EntryPointType.EXTERNAL, this::increment),
                EntryPoint.of("get", EntryPointType.EXTERNAL, this::get),
                EntryPoint.of("assert_value", EntryPointType.EXTERNAL, this::assertValue),
                EntryPoint.of("increment_from_l1", EntryPointType.L1_HANDLER, this::incrementFromL1)));
    }

    private List<Felt> increment(CallContext context, Calldata calldata) {
        calldata.end();
        Felt value = context.storageRead(VALUE.address()).add(Felt.ONE);
        context.storageWrite(VALUE.address(), value);
        return List.of(value);
    }

    private List<Felt> get(CallContext context, Calldata calldata) {
        calldata.end();
        return List.of(context.storageRead(VALUE.address()));
    }

    private List<Felt> assertValue(CallContext context, Calldata calldata) {
        Felt expected = calldata.felt();
        calldata.end();
        Felt value = context.storageRead(VALUE.address());
        if (!value.equals(expected)) {
            throw new ExecutionException(new ExecutionError.AssertionFailed(
                    "Counter: value is " + value.toBigInteger() + ", expected " + expected.toBigInteger()));
        }
        return List.of();
    }

    private List<Felt> incrementFromL1(CallContext context, Calldata calldata) {
        calldata.felt(); // from_address: any L1 sender may increment
        long amount = calldata.integer("amount", L1_AMOUNT_MAX);
        calldata.end();
        Felt value = context.storageRead(VALUE.address()).add(Felt.of(amount));
        context.storageWrite(VALUE.address(), value);
        return List.of();
    }
}
