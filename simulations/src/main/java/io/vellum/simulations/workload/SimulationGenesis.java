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
    private static final BigInteger POOL_RESERVE_STRK = new BigInteger("1000000000000000000000000");
    private static final BigInteger POOL_RESERVE_VUSD = new BigInteger("2000000000000000000000000");
    private static final int POOL_FEE_BASIS_POINTS = 30;
    private static final BigInteger POOL_ACCOUNT_BALANCE = new BigInteger("1000000000000000000000");

    private SimulationGenesis() {
    }

    /**
     * The same genesis as {@link #build} as a genesis file (the loader's JSON format, {@code docs/execution.md}), for
     * nodes that run as processes and read their genesis from a file.
     */
    public static String fileText(List<WorkloadSpec> workloads) {
        int accounts = workloads.stream().mapToInt(WorkloadSpec::accounts).sum();
        return "{\n"
                + "  \"chain_id\": \"" + CHAIN_ID + "\",\n"
                + "  \"fee_token\": {\"address\": \"" + GenesisLoader.STRK_ADDRESS.value().toHex()
                + "\", \"name\": \"Starknet Token\", \"symbol\": \"STRK\", \"decimals\": 18, \"l1_bridge\": \"0x0\"},\n"
                + "  \"accounts\": [{\"seed\": \"" + ACCOUNT_SEED.toHex() + "\", \"count\": " + accounts
                + ", \"balance\": \"" + BALANCE + "\"}],\n"
                + "  \"workload\": {\"counter\": true, \"key_value\": true, \"gas_burner\": true, \"swap_pool\": {\n"
                + "    \"token\": {\"name\": \"Vellum USD\", \"symbol\": \"VUSD\", \"decimals\": 18},\n"
                + "    \"reserve_fee_token\": \"" + POOL_RESERVE_STRK + "\", \"reserve_token\": \"" + POOL_RESERVE_VUSD
                + "\",\n    \"fee_basis_points\": " + POOL_FEE_BASIS_POINTS + ", \"account_token_balance\": \""
                + POOL_ACCOUNT_BALANCE + "\"}}\n"
                + "}\n";
    }

    public static Genesis build(List<WorkloadSpec> workloads) {
        int accounts = workloads.stream().mapToInt(WorkloadSpec::accounts).sum();
        GenesisSpec spec = new GenesisSpec(CHAIN_ID,
                new GenesisSpec.FeeToken(GenesisLoader.STRK_ADDRESS, new GenesisSpec.Token(
                        Felt.fromShortString("Starknet Token"), Felt.fromShortString("STRK"), 18), Felt.ZERO),
                List.of(new GenesisSpec.DerivedAccounts(ACCOUNT_SEED, accounts, BALANCE)),
                new GenesisSpec.Workload(true, true, true, Optional.of(new GenesisSpec.SwapPool(
                        new GenesisSpec.Token(Felt.fromShortString("Vellum USD"), Felt.fromShortString("VUSD"), 18),
                        POOL_RESERVE_STRK, POOL_RESERVE_VUSD, POOL_FEE_BASIS_POINTS, POOL_ACCOUNT_BALANCE))));
        return Genesis.build(spec);
    }
}
