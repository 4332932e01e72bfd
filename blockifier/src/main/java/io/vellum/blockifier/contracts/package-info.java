/**
 * Vellum's native contracts, Java stand-ins for Cairo classes with Cairo calldata, storage and event layouts:
 * the {@link io.vellum.blockifier.contracts.AccountContract account}, the
 * {@link io.vellum.blockifier.contracts.Erc20Contract ERC20} (the STRK fee token is one deployment), and the
 * workload contracts — {@link io.vellum.blockifier.contracts.CounterContract counter},
 * {@link io.vellum.blockifier.contracts.KeyValueContract key-value writer},
 * {@link io.vellum.blockifier.contracts.SwapPoolContract swap pool} and
 * {@link io.vellum.blockifier.contracts.GasBurnerContract gas burner}. Class hashes are in
 * {@link io.vellum.blockifier.contracts.VellumClass}; {@link io.vellum.blockifier.contracts.StandardContracts}
 * makes the registry a node runs. Each class comment documents its storage and entry points.
 */
package io.vellum.blockifier.contracts;
