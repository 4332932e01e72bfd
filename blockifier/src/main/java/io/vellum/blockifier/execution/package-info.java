/**
 * Transaction execution: the runtime that runs native contracts and what running a transaction produces.
 *
 * <ul>
 *   <li>{@link io.vellum.blockifier.execution.TransactionExecutor} executes one INVOKE v3, DEPLOY_ACCOUNT v3 or
 *       L1_HANDLER on a {@link io.vellum.blockifier.state.CachedState}: validation failures reject (no state
 *       change), execution failures revert (fee and nonce still charged). Its class comment has the phases.</li>
 *   <li>{@link io.vellum.blockifier.execution.NativeContract} is a contract class in Java, found by class hash in
 *       a {@link io.vellum.blockifier.execution.ContractRegistry}; it acts only through its
 *       {@link io.vellum.blockifier.execution.CallContext} (storage, events, calls, hashes, signatures), each
 *       operation charged from the {@link io.vellum.blockifier.execution.GasCosts gas table}.</li>
 *   <li>Failures are a closed set, {@link io.vellum.blockifier.execution.ExecutionError}, carried by
 *       {@link io.vellum.blockifier.execution.ExecutionException}; rejections are
 *       {@link io.vellum.blockifier.execution.Rejection}s with a {@link io.vellum.blockifier.execution.RejectionCode}.</li>
 *   <li>Results: {@link io.vellum.blockifier.execution.Receipt} (events, messages, gas, fee, status and revert
 *       reason) and the {@link io.vellum.blockifier.execution.ResourceUsage} the bouncer measures.</li>
 * </ul>
 * Everything here is deterministic and free of I/O, clocks and randomness: every node re-executing a block gets
 * the same receipts. See {@code docs/execution.md}.
 */
package io.vellum.blockifier.execution;
