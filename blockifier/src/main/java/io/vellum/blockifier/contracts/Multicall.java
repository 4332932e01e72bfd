package io.vellum.blockifier.contracts;

import io.vellum.blockifier.core.Call;
import io.vellum.blockifier.core.EntryPointSelector;
import io.vellum.blockifier.crypto.Felt;
import io.vellum.blockifier.execution.Calldata;
import io.vellum.blockifier.execution.ExecutionError;
import io.vellum.blockifier.execution.ExecutionException;
import java.util.ArrayList;
import java.util.List;

/**
 * The calldata of an account's {@code __execute__} and {@code __validate__}: Cairo's {@code Array<Call>}
 * serialized as starknet.js encodes it for a Cairo 1 account,
 * {@code [n_calls, (to, selector, calldata_len, calldata...) * n_calls]}.
 */
public final class Multicall {
    private Multicall() {
    }

    /** The calldata of these calls. */
    public static List<Felt> encode(List<Call> calls) {
        List<Felt> out = new ArrayList<>();
        out.add(Felt.of(calls.size()));
        for (Call call : calls) {
            out.add(call.to().value());
            out.add(call.selector().value());
            out.add(Felt.of(call.calldata().size()));
            out.addAll(call.calldata());
        }
        return out;
    }

    /** The calldata of one call. */
    public static List<Felt> encode(Call call) {
        return encode(List.of(call));
    }

    /**
     * Checks that the calldata is a well-formed multicall, as {@link #decode} would read it, without building the
     * calls (what {@code __validate__} needs). Throws as {@link #decode} does.
     */
    public static void check(Calldata calldata) {
        int count = readCount(calldata);
        for (int i = 0; i < count; i++) {
            calldata.address("call target");
            calldata.felt();
            calldata.array("call calldata", Integer.MAX_VALUE);
        }
        calldata.end();
    }

    /**
     * Reads the calls, consuming the whole calldata. Throws {@code ExecutionException}
     * ({@code MALFORMED_CALLDATA}) for a count or length that the felts do not match, or felts left over;
     * ({@code VALUE_OUT_OF_RANGE}) for a target address at or above 2^251.
     */
    public static List<Call> decode(Calldata calldata) {
        int count = readCount(calldata);
        List<Call> calls = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            var to = calldata.address("call target");
            Felt selector = calldata.felt();
            List<Felt> arguments = calldata.array("call calldata", Integer.MAX_VALUE);
            calls.add(new Call(to, new EntryPointSelector(selector), arguments));
        }
        calldata.end();
        return calls;
    }

    private static int readCount(Calldata calldata) {
        Felt countFelt = calldata.felt();
        // Each call takes at least three felts, so a count above remaining / 3 is malformed.
        int callsMax = calldata.remaining() / 3;
        if (!countFelt.fitsBits(31) || countFelt.intValueExact() > callsMax) {
            throw new ExecutionException(new ExecutionError.MalformedCalldata(calldata.entryPoint(),
                    "n_calls is " + countFelt.toBigInteger() + " but the " + calldata.remaining()
                            + " felts that follow hold at most " + callsMax + " calls"));
        }
        return countFelt.intValueExact();
    }
}
