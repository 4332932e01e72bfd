package io.vellum.blockifier.contracts;

import io.vellum.blockifier.crypto.Felt;
import io.vellum.blockifier.crypto.Selectors;
import io.vellum.blockifier.execution.CallContext;
import io.vellum.blockifier.execution.Calldata;
import io.vellum.blockifier.execution.EntryPoint;
import io.vellum.blockifier.execution.EntryPointType;
import io.vellum.blockifier.execution.NativeContract;
import java.util.List;

/**
 * A gas burner ({@link VellumClass#GAS_BURNER}): CPU-heavy transactions that really cost CPU.
 *
 * <ul>
 *   <li>{@code burn(gas)} — chains Poseidon hashes, each charged at the gas table's Poseidon cost, until
 *       {@code gas} is spent (rounded down to whole hashes): real work proportional to the gas. Running out of
 *       L2 gas part way aborts like any out-of-gas. Returns {@code [final_hash, hashes]}. {@code gas} is below
 *       2^62, and one call makes at most 2^24 hashes.</li>
 *   <li>{@code recurse(depth)} — calls itself {@code depth} times, nested; returns {@code [depth]}. Deep enough,
 *       it exceeds the call-depth limit.</li>
 * </ul>
 * It has no storage.
 */
public final class GasBurnerContract extends NativeContract {
    private static final Felt RECURSE_SELECTOR = Selectors.fromName("recurse");
    private static final long GAS_MAX = 1L << 62;
    private static final long DEPTH_MAX = 1_000_000;
    /**
     * A bound on one call's hashes even under a gas table that made Poseidon free (at the default cost, 4,000 gas
     * per hash, the per-transaction gas cap allows 250,000).
     */
    private static final long HASHES_MAX = 1L << 24;

    public GasBurnerContract() {
        super(VellumClass.GAS_BURNER.classHash(), "GasBurner");
        entryPoints(List.of(
                EntryPoint.of("burn", EntryPointType.EXTERNAL, this::burn),
                EntryPoint.of("recurse", EntryPointType.EXTERNAL, this::recurse)));
    }

    private List<Felt> burn(CallContext context, Calldata calldata) {
        long gas = calldata.integer("gas", GAS_MAX);
        calldata.end();
        // A free Poseidon (a gas table without a cost for it) still burns one hash per unit of gas.
        long hashes = Math.min(HASHES_MAX, gas / Math.max(1, context.gasCosts().poseidonGas()));
        Felt value = context.contractAddress().value();
        for (long i = 0; i < hashes; i++) {
            value = context.poseidon(value, Felt.of(i));
        }
        return List.of(value, Felt.of(hashes));
    }

    private List<Felt> recurse(CallContext context, Calldata calldata) {
        long depth = calldata.integer("depth", DEPTH_MAX);
        calldata.end();
        if (depth > 0) {
            context.callContract(context.contractAddress(), RECURSE_SELECTOR, List.of(Felt.of(depth - 1)));
        }
        return List.of(Felt.of(depth));
    }
}
