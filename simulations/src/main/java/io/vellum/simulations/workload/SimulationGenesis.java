package io.vellum.simulations.workload;

import io.vellum.blockifier.block.Genesis;
import io.vellum.blockifier.block.GenesisLoader;
import io.vellum.blockifier.block.GenesisSpec;
import io.vellum.blockifier.core.ChainId;
import io.vellum.blockifier.crypto.Felt;
import io.vellum.simulations.scenario.WorkloadSpec;
import java.math.BigInteger;
import java.util.List;
import java.util.Optional;

/**
 * The genesis of a simulation: accounts derived from a fixed seed (as many as the workloads together use, each
 * workload its own consecutive range), the STRK fee token, and every workload contract (counter, key-value, gas
 * burner, a STRK/VUSD swap pool).
 */
public final class SimulationGenesis {
    public static final ChainId CHAIN_ID = ChainId.of("VELLUM_SIM");
    /** Each account's STRK: enough for millions of transactions' fees. */
    public static final BigInteger BALANCE = new BigInteger("1000000000000000000000");
    private static final Felt ACCOUNT_SEED = Felt.fromShortString("vellum.sim");

    private SimulationGenesis() {
    }

    public static Genesis build(List<WorkloadSpec> workloads) {
        int accounts = workloads.stream().mapToInt(WorkloadSpec::accounts).sum();
        GenesisSpec spec = new GenesisSpec(CHAIN_ID,
                new GenesisSpec.FeeToken(GenesisLoader.STRK_ADDRESS, new GenesisSpec.Token(
                        Felt.fromShortString("Starknet Token"), Felt.fromShortString("STRK"), 18), Felt.ZERO),
                List.of(new GenesisSpec.DerivedAccounts(ACCOUNT_SEED, accounts, BALANCE)),
                new GenesisSpec.Workload(true, true, true, Optional.of(new GenesisSpec.SwapPool(
                        new GenesisSpec.Token(Felt.fromShortString("Vellum USD"), Felt.fromShortString("VUSD"), 18),
                        new BigInteger("1000000000000000000000000"), new BigInteger("2000000000000000000000000"), 30,
                        new BigInteger("1000000000000000000000")))));
        return Genesis.build(spec);
    }
}
