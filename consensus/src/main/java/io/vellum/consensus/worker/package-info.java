/** The background thread the committer and the simulated prover each run their steps on. */
package io.vellum.consensus.worker;
