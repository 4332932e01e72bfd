package io.vellum.consensus.prover;

import io.vellum.storage.ApplyBatch;

/**
 * How the {@link SimulatedProver} behaves. A worker that leases a job "proves" it for
 * {@code perBlockMs + perTransactionMs × transactions} milliseconds, then, by one seeded draw per lease: fails it
 * (with {@code failureProbability}; the job is retried), abandons it silently (with {@code abandonProbability}, a
 * prover that crashed: the lease expires after {@code leaseMs} and the job is leased again), or completes it.
 *
 * @param workers how many jobs are proven at once
 * @param perBlockMs the fixed part of a proof's latency
 * @param perTransactionMs the part per transaction of the block (fractions allowed)
 * @param failureProbability the chance that a proof fails, in [0, 1)
 * @param abandonProbability the chance that a worker abandons its job, in [0, 1); with the failure probability below
 *     1, so that every job is proven eventually
 * @param leaseMs how long a lease lasts; a proof that takes longer finds its lease expired and the job re-leased. It
 *     must be longer than {@code perBlockMs}, and should be longer than the latency of the largest block
 * @param idlePollMs how long an idle prover waits before looking for new or expired jobs again (unless woken)
 * @param seed the seed of the draws
 */
public record ProverModel(int workers, long perBlockMs, double perTransactionMs, double failureProbability,
        double abandonProbability, long leaseMs, long idlePollMs, long seed) {
    /** The most workers. */
    public static final int WORKERS_MAX = 256;

    /**
     * Four workers, 200 ms per block plus 0.5 ms per transaction (0.7 s for 1,000 transfers: about 5.7 blocks/s),
     * no failures, 60 s leases, a 100 ms idle poll.
     */
    public static final ProverModel DEFAULT = new ProverModel(4, 200, 0.5, 0, 0, 60_000, 100, 1);

    public ProverModel {
        if (workers < 1 || workers > WORKERS_MAX) {
            throw new IllegalArgumentException("workers must be 1 to " + WORKERS_MAX + ": " + workers);
        }
        if (perBlockMs < 0 || perBlockMs >= ApplyBatch.LEASE_MS_MAX) {
            throw new IllegalArgumentException("perBlockMs must be 0 to " + ApplyBatch.LEASE_MS_MAX + ": "
                    + perBlockMs);
        }
        if (!(perTransactionMs >= 0 && perTransactionMs <= 60_000)) {
            throw new IllegalArgumentException("perTransactionMs must be 0 to 60,000: " + perTransactionMs);
        }
        checkProbability("failureProbability", failureProbability);
        checkProbability("abandonProbability", abandonProbability);
        if (failureProbability + abandonProbability >= 1) {
            throw new IllegalArgumentException("failure and abandon probabilities must add up to less than 1 so that "
                    + "jobs get proven: " + failureProbability + " + " + abandonProbability);
        }
        if (leaseMs < 1 || leaseMs > ApplyBatch.LEASE_MS_MAX) {
            throw new IllegalArgumentException("leaseMs must be 1 to " + ApplyBatch.LEASE_MS_MAX + ": " + leaseMs);
        }
        if (leaseMs <= perBlockMs) {
            throw new IllegalArgumentException("leaseMs (" + leaseMs + ") must be longer than perBlockMs ("
                    + perBlockMs + "): every lease would expire before its proof");
        }
        if (idlePollMs < 1 || idlePollMs > 60_000) {
            throw new IllegalArgumentException("idlePollMs must be 1 to 60,000: " + idlePollMs);
        }
    }

    private static void checkProbability(String name, double value) {
        if (!(value >= 0 && value < 1)) {
            throw new IllegalArgumentException(name + " must be in [0, 1): " + value);
        }
    }

    /** How long proving a block of {@code transactions} transactions takes. */
    public long latencyMs(long transactions) {
        if (transactions < 0) {
            throw new IllegalArgumentException("transactions must not be negative: " + transactions);
        }
        return perBlockMs + Math.round(perTransactionMs * transactions);
    }

    /** This model with another number of workers. */
    public ProverModel withWorkers(int count) {
        return new ProverModel(count, perBlockMs, perTransactionMs, failureProbability, abandonProbability, leaseMs,
                idlePollMs, seed);
    }

    /** This model with other failure and abandon probabilities. */
    public ProverModel withFaults(double failure, double abandon) {
        return new ProverModel(workers, perBlockMs, perTransactionMs, failure, abandon, leaseMs, idlePollMs, seed);
    }

    /** This model with another seed. */
    public ProverModel withSeed(long newSeed) {
        return new ProverModel(workers, perBlockMs, perTransactionMs, failureProbability, abandonProbability, leaseMs,
                idlePollMs, newSeed);
    }
}
