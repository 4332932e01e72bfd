package io.vellum.storage;

import io.vellum.blockifier.core.BlockNumber;
import io.vellum.blockifier.crypto.Felt;
import java.nio.charset.StandardCharsets;
import java.util.Objects;

/**
 * One proving job: exactly one per final block, enqueued in height order.
 *
 * <h2>States and transitions</h2>
 * <pre>
 *   from      event                          to       condition
 *   (none)    enqueue(h)                     QUEUED   h is the next height and a stored block
 *   QUEUED    lease(owner, now, leaseMs)     LEASED   lowest available height; attempts + 1
 *   FAILED    lease(owner, now, leaseMs)     LEASED   (a failed job is retried)
 *   LEASED    lease(owner, now, leaseMs)     LEASED   only once now ≥ expiry: an expired lease returns the job
 *   LEASED    complete(lease, now)           PROVEN   the lease holds: same attempt and owner, now &lt; expiry
 *   LEASED    fail(lease, now, reason)       FAILED   the lease holds
 *   PROVEN    complete(any lease, now)       PROVEN   idempotent: nothing changes
 *   other     complete / fail                —        refused with {@link LeaseException} (stale lease)
 * </pre>
 * Expiry is evaluated when asked, against the {@code nowMs} passed in; the store never reads a clock. A job whose
 * lease expired still reads as {@link Status#LEASED} until it is leased again; {@link #isAvailable} says whether
 * it can be.
 *
 * @param attempts how many times the job was leased; a lease carries the attempt it was given, which is how a
 *     stale lease is told from the current one
 * @param leaseOwner the prover holding (or, once proven, last holding) the lease; empty if never leased or failed
 * @param leaseExpiresAtMs when the current lease ends (same clock as the {@code nowMs} passed in); 0 if none
 * @param lastFailure the reason given with the last failure, or empty
 * @param proofDigest what the prover that proved the job reported producing (a felt, for audit); zero if the job is
 *     not proven, or its prover reported none (the simulated prover, the genesis block)
 */
public record ProverJob(BlockNumber height, Status status, int attempts, String leaseOwner, long leaseExpiresAtMs,
                        String lastFailure, Felt proofDigest) {
    /** The longest lease owner name, in UTF-8 bytes. */
    public static final int OWNER_BYTES_MAX = 128;
    /** Failure reasons are cut to this many characters. */
    public static final int FAILURE_CHARS_MAX = 512;

    public enum Status { QUEUED, LEASED, PROVEN, FAILED }

    public ProverJob {
        Objects.requireNonNull(height, "height");
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(leaseOwner, "lease owner");
        Objects.requireNonNull(lastFailure, "last failure");
        Objects.requireNonNull(proofDigest, "proof digest");
        if (status != Status.PROVEN && !proofDigest.equals(Felt.ZERO)) {
            throw new IllegalArgumentException("only a proven job has a proof digest: " + status);
        }
        if (attempts < 0) {
            throw new IllegalArgumentException("attempts must not be negative: " + attempts);
        }
        if (status == Status.LEASED && (leaseOwner.isEmpty() || attempts == 0)) {
            throw new IllegalArgumentException("a leased job needs an owner and an attempt: " + leaseOwner);
        }
        checkOwner(leaseOwner, true);
        if (lastFailure.length() > FAILURE_CHARS_MAX) {
            throw new IllegalArgumentException("failure reason longer than " + FAILURE_CHARS_MAX);
        }
    }

    static void checkOwner(String owner, boolean emptyAllowed) {
        Objects.requireNonNull(owner, "owner");
        if (!emptyAllowed && owner.isEmpty()) {
            throw new IllegalArgumentException("lease owner must not be empty");
        }
        if (owner.getBytes(StandardCharsets.UTF_8).length > OWNER_BYTES_MAX) {
            throw new IllegalArgumentException("lease owner longer than " + OWNER_BYTES_MAX + " bytes");
        }
    }

    static ProverJob queued(BlockNumber height) {
        return new ProverJob(height, Status.QUEUED, 0, "", 0, "", Felt.ZERO);
    }

    /** Whether a new lease may take this job at {@code nowMs}: queued, failed, or leased with the lease expired. */
    public boolean isAvailable(long nowMs) {
        return switch (status) {
            case QUEUED, FAILED -> true;
            case LEASED -> nowMs >= leaseExpiresAtMs;
            case PROVEN -> false;
        };
    }

    /** Whether {@code lease} is this job's current, unexpired lease at {@code nowMs}. */
    public boolean isHeldBy(Lease lease, long nowMs) {
        return status == Status.LEASED && lease.height().equals(height) && lease.attempt() == attempts
                && lease.owner().equals(leaseOwner) && nowMs < leaseExpiresAtMs;
    }

    ProverJob leased(String owner, long nowMs, long leaseMs) {
        assert isAvailable(nowMs) : this;
        return new ProverJob(height, Status.LEASED, Math.addExact(attempts, 1), owner, Math.addExact(nowMs, leaseMs),
                lastFailure, Felt.ZERO);
    }

    Lease lease() {
        assert status == Status.LEASED : this;
        return new Lease(height, leaseOwner, attempts, leaseExpiresAtMs);
    }

    ProverJob proven(Felt digest) {
        assert status == Status.LEASED : this;
        return new ProverJob(height, Status.PROVEN, attempts, leaseOwner, leaseExpiresAtMs, lastFailure, digest);
    }

    ProverJob failed(String reason) {
        assert status == Status.LEASED : this;
        String cut = reason.length() > FAILURE_CHARS_MAX ? reason.substring(0, FAILURE_CHARS_MAX) : reason;
        return new ProverJob(height, Status.FAILED, attempts, "", 0, cut, Felt.ZERO);
    }
}
