package io.vellum.blockifier.execution;

import io.vellum.blockifier.crypto.Felt;
import io.vellum.blockifier.crypto.Selectors;
import java.util.List;
import java.util.Objects;

/**
 * One entry point of a native contract: its name, kind, selector ({@code starknet_keccak(name)}) and the Java
 * code that runs it.
 */
public record EntryPoint(String name, EntryPointType type, Felt selector, Handler handler) {

    /**
     * The code of an entry point. It reads its arguments from the calldata, acts through the context, and
     * returns its Cairo-serialized return values. It fails by throwing {@link ExecutionException}.
     */
    @FunctionalInterface
    public interface Handler {
        List<Felt> invoke(CallContext context, Calldata calldata);
    }

    public EntryPoint {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(selector, "selector");
        Objects.requireNonNull(handler, "handler");
    }

    /** The entry point {@code name} with the selector Starknet derives from it. */
    public static EntryPoint of(String name, EntryPointType type, Handler handler) {
        return new EntryPoint(name, type, Selectors.fromName(name), handler);
    }
}
