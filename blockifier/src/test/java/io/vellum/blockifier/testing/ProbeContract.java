package io.vellum.blockifier.testing;

import io.vellum.blockifier.core.ClassHash;
import io.vellum.blockifier.crypto.Felt;
import io.vellum.blockifier.crypto.Selectors;
import io.vellum.blockifier.crypto.StarknetKeccak;
import io.vellum.blockifier.execution.CallContext;
import io.vellum.blockifier.execution.Calldata;
import io.vellum.blockifier.execution.EntryPoint;
import io.vellum.blockifier.execution.EntryPointType;
import io.vellum.blockifier.execution.NativeContract;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * A test-only contract that makes return values observable: {@code call_and_emit(to, selector, calldata: Array)}
 * calls the target and emits an event {@code Probed} whose data is what the call returned. Views (balances,
 * allowances, reserves, is_valid_signature) are tested through it, as a client would see them.
 */
public final class ProbeContract extends NativeContract {
    public static final ClassHash CLASS_HASH =
            new ClassHash(StarknetKeccak.hash("vellum.test.Probe.v1".getBytes(StandardCharsets.US_ASCII)));
    public static final Felt PROBED_EVENT = Selectors.fromName("Probed");

    public ProbeContract() {
        super(CLASS_HASH, "Probe");
        entryPoints(List.of(EntryPoint.of("call_and_emit", EntryPointType.EXTERNAL, this::callAndEmit)));
    }

    private List<Felt> callAndEmit(CallContext context, Calldata calldata) {
        var to = calldata.address("to");
        Felt selector = calldata.felt();
        List<Felt> arguments = new ArrayList<>(calldata.array("calldata", Integer.MAX_VALUE));
        calldata.end();
        List<Felt> result = context.callContract(to, selector, arguments);
        context.emitEvent(List.of(PROBED_EVENT), result);
        return result;
    }
}
