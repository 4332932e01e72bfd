package io.vellum.simulations.scenario;

import io.vellum.consensus.prover.ProverModel;

/**
 * The simulated prover of every node ({@link ProverModel}): latency {@code perBlockMs + perTransactionMs × txs}, and
 * per proof a chance to fail (retried) or be abandoned (the lease expires after {@code leaseMs}).
 */
public record ProverSpec(Integer workers, Long perBlockMs, Double perTransactionMs, Double failureProbability,
        Double abandonProbability, Long leaseMs) {

    public ProverSpec {
        workers = workers == null ? 4 : workers;
        perBlockMs = perBlockMs == null ? 200L : perBlockMs;
        perTransactionMs = perTransactionMs == null ? 0.5 : perTransactionMs;
        failureProbability = failureProbability == null ? 0.0 : failureProbability;
        abandonProbability = abandonProbability == null ? 0.0 : abandonProbability;
        leaseMs = leaseMs == null ? 10_000L : leaseMs;
        try {
            new ProverModel(workers, perBlockMs, perTransactionMs, failureProbability, abandonProbability, leaseMs,
                    100, 1);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("cluster.prover: " + e.getMessage());
        }
    }

    /** Four workers, 200 ms per block and 0.5 ms per transaction, no failures, 10 s leases. */
    public static ProverSpec defaults() {
        return new ProverSpec(null, null, null, null, null, null);
    }

    /** The prover model with this seed. */
    public ProverModel model(long seed) {
        return new ProverModel(workers, perBlockMs, perTransactionMs, failureProbability, abandonProbability, leaseMs,
                100, seed);
    }
}
