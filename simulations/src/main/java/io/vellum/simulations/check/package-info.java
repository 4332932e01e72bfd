/**
 * Invariant checkers over a finished run: the client history ({@link io.vellum.simulations.check.Op}), each node's
 * final chain ({@link io.vellum.simulations.check.NodeChain}) and what the run observed
 * ({@link io.vellum.simulations.check.Observations}). Each checker returns anomalies with minimal examples.
 */
package io.vellum.simulations.check;
