/**
 * Proving: {@link io.vellum.consensus.prover.ProverQueue}, the small API over the store's durable prover queue that
 * the built-in prover and (over gRPC) external provers use, and
 * {@link io.vellum.consensus.prover.SimulatedProver}, workers that lease jobs and prove or fail them under a
 * latency and failure model ({@link io.vellum.consensus.prover.ProverModel}). {@code docs/committer-and-prover.md}
 * describes them.
 */
package io.vellum.consensus.prover;
