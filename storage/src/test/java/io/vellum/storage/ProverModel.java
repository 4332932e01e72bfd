package io.vellum.storage;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * An independent model of the prover queue's transition table (see {@link ProverJob}), written from the table,
 * not from the store's code, for tests to compare against.
 */
final class ProverModel {
    final List<ProverJob.Status> status = new ArrayList<>();
    final List<Integer> attempts = new ArrayList<>();
    final List<String> owner = new ArrayList<>();
    final List<Long> expiry = new ArrayList<>();
    final List<String> failure = new ArrayList<>();

    int size() {
        return status.size();
    }

    void enqueue() {
        status.add(ProverJob.Status.QUEUED);
        attempts.add(0);
        owner.add("");
        expiry.add(0L);
        failure.add("");
    }

    /** Leases the lowest free job; returns its height. */
    Optional<Integer> lease(String who, long now, long leaseMs) {
        for (int h = 0; h < status.size(); h++) {
            ProverJob.Status s = status.get(h);
            boolean free = s == ProverJob.Status.QUEUED || s == ProverJob.Status.FAILED
                    || (s == ProverJob.Status.LEASED && now >= expiry.get(h));
            if (free) {
                status.set(h, ProverJob.Status.LEASED);
                attempts.set(h, attempts.get(h) + 1);
                owner.set(h, who);
                expiry.set(h, now + leaseMs);
                return Optional.of(h);
            }
        }
        return Optional.empty();
    }

    boolean holds(Lease lease, long now) {
        int h = (int) lease.height().value();
        return status.get(h) == ProverJob.Status.LEASED && attempts.get(h) == lease.attempt()
                && owner.get(h).equals(lease.owner()) && now < expiry.get(h);
    }

    void prove(int h) {
        status.set(h, ProverJob.Status.PROVEN);
    }

    void fail(int h, String reason) {
        status.set(h, ProverJob.Status.FAILED);
        owner.set(h, "");
        expiry.set(h, 0L);
        failure.set(h, reason);
    }

    ProverJob job(int h) {
        return new ProverJob(new io.vellum.blockifier.core.BlockNumber(h), status.get(h), attempts.get(h),
                owner.get(h), expiry.get(h), failure.get(h), io.vellum.blockifier.crypto.Felt.ZERO);
    }
}
