package io.vellum.blockifier.bench;

import io.vellum.blockifier.core.ContractAddress;
import io.vellum.blockifier.core.Nonce;
import io.vellum.blockifier.crypto.Felt;
import io.vellum.blockifier.crypto.Selectors;
import io.vellum.blockifier.transaction.AllResourceBounds;
import io.vellum.blockifier.transaction.InvokeTransaction;
import io.vellum.blockifier.transaction.ResourceBounds;
import io.vellum.blockifier.transaction.V3Fields;
import java.util.List;

/** The typical transaction the benchmarks measure. */
final class BenchmarkTransactions {
    private BenchmarkTransactions() {
    }

    /**
     * An INVOKE v3 as a Vellum wallet sends it: a two-call multicall (an ERC20 transfer of a u256 amount and a
     * counter increment, 10 calldata felts), a two-felt signature, an L2 gas bound, no tip, no paymaster.
     */
    static InvokeTransaction multicallTransfer() {
        Felt token = Felt.fromHex("0x4718f5a0fc34cc1af16a1cdee98ffb20c31f5cd61d6ab07201858f4287c938d");
        Felt counter = Felt.fromHex("0x2d1a3c6f0e6a1d0b8a9c4b5e7f3a2c1d0e9f8a7b6c5d4e3f2a1b0c9d8e7f6a5");
        List<Felt> calldata = List.of(
                Felt.of(2),
                token, Selectors.fromName("transfer"), Felt.of(3),
                Felt.fromHex("0x6a3b1c9d0e2f4a5b6c7d8e9f0a1b2c3d4e5f60718293a4b5c6d7e8f9a0b1c2d"),
                Felt.of(1_500_000_000_000_000_000L), Felt.ZERO,
                counter, Selectors.fromName("increment"), Felt.ZERO);
        List<Felt> signature = List.of(
                Felt.fromHex("0x5f2c8e1d3b7a9c0e4f6a8b2d1c3e5f7a9b0c2d4e6f8a1b3c5d7e9f0a2b4c6d8"),
                Felt.fromHex("0x1e3d5c7b9a0f2e4d6c8b0a1f3e5d7c9b2a4f6e8d0c1b3a5f7e9d2c4b6a8f0e1"));
        V3Fields fields = V3Fields.of(AllResourceBounds.l2Only(ResourceBounds.of(2_000_000, 12_000_000_000L)), 0);
        return new InvokeTransaction(
                ContractAddress.of("0x3c5b7a9d1e2f4a6b8c0d2e4f6a8b0c2d4e6f8a0b2c4d6e8f0a2b4c6d8e0f2a4"),
                calldata, signature, Nonce.of(42), fields, List.of());
    }
}
