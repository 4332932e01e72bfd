package io.vellum.network.server;

import io.grpc.Status;
import io.grpc.stub.StreamObserver;
import io.vellum.blockifier.core.BlockNumber;
import io.vellum.blockifier.crypto.Felt;
import io.vellum.consensus.node.SequencerNode;
import io.vellum.consensus.prover.ProverQueue;
import io.vellum.network.api.CompleteJobRequest;
import io.vellum.network.api.CompleteJobResponse;
import io.vellum.network.api.FailJobRequest;
import io.vellum.network.api.FailJobResponse;
import io.vellum.network.api.Lease;
import io.vellum.network.api.LeaseJobRequest;
import io.vellum.network.api.LeaseJobResponse;
import io.vellum.network.api.ProverGrpc;
import io.vellum.storage.LeaseException;
import io.vellum.storage.ProofConflictException;
import io.vellum.storage.ProverJob;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The Prover service: external provers lease proving jobs from the node's {@link ProverQueue}, then complete or fail
 * them. Delivery is at least once (an expired lease returns its job to the queue); completion is idempotent
 * (completing a proven job again succeeds). A stale lease (expired, re-leased, or its job failed) is
 * {@code ABORTED}: lease again.
 */
public final class ProverService extends ProverGrpc.ProverImplBase {
    private static final Logger LOG = LoggerFactory.getLogger(ProverService.class);
    /** A prover's name: 1 to 64 of [A-Za-z0-9._-]. */
    static final Pattern PROVER_NAME = Pattern.compile("[A-Za-z0-9._-]{1,64}");
    public static final long LEASE_MS_MIN = 1_000;
    public static final long LEASE_MS_MAX = 3_600_000;
    /** The longest failure reason kept (longer ones are cut). */
    static final int REASON_CHARS_MAX = ProverJob.FAILURE_CHARS_MAX;

    private final SequencerNode node;

    public ProverService(SequencerNode node) {
        this.node = Objects.requireNonNull(node, "node");
    }

    @Override
    public void leaseJob(LeaseJobRequest request, StreamObserver<LeaseJobResponse> observer) {
        Statuses.unary(observer, () -> {
            String prover = proverName(request.getProver(), "prover");
            long leaseMs = request.getLeaseMs();
            if (leaseMs < LEASE_MS_MIN || leaseMs > LEASE_MS_MAX) {
                throw new InvalidRequestException("lease_ms", leaseMs + " is outside [" + LEASE_MS_MIN + ", "
                        + LEASE_MS_MAX + "]");
            }
            Optional<io.vellum.storage.Lease> lease = node.proverQueue().lease(prover, leaseMs);
            LeaseJobResponse.Builder response = LeaseJobResponse.newBuilder();
            lease.ifPresent(l -> response.setLease(toProto(l)));
            return response.build();
        });
    }

    @Override
    public void completeJob(CompleteJobRequest request, StreamObserver<CompleteJobResponse> observer) {
        Statuses.unary(observer, () -> {
            io.vellum.storage.Lease lease = lease(request.hasLease(), request.getLease());
            Felt digest = ApiCodec.felt(request.getProofDigest(), "proof_digest");
            try {
                ProverQueue.Completion completion = node.proverQueue().complete(lease, digest);
                LOG.info("{}: block {} proven by {} (attempt {}), proof digest {}: {}", node.config().id(),
                        lease.height().value(), lease.owner(), lease.attempt(), digest.toHex(), completion);
            } catch (LeaseException e) {
                throw Status.ABORTED.withDescription("stale lease: " + e.getMessage() + "; lease the job again")
                        .asRuntimeException();
            } catch (ProofConflictException e) {
                throw Status.FAILED_PRECONDITION.withDescription(e.getMessage()).asRuntimeException();
            }
            return CompleteJobResponse.getDefaultInstance();
        });
    }

    @Override
    public void failJob(FailJobRequest request, StreamObserver<FailJobResponse> observer) {
        Statuses.unary(observer, () -> {
            io.vellum.storage.Lease lease = lease(request.hasLease(), request.getLease());
            String reason = request.getReason();
            if (reason.isBlank()) {
                throw new InvalidRequestException("reason", "missing: say why the job failed");
            }
            if (reason.length() > REASON_CHARS_MAX) {
                reason = reason.substring(0, REASON_CHARS_MAX);
            }
            try {
                node.proverQueue().fail(lease, reason);
            } catch (LeaseException e) {
                throw Status.ABORTED.withDescription("stale lease: " + e.getMessage() + "; lease the job again")
                        .asRuntimeException();
            }
            return FailJobResponse.getDefaultInstance();
        });
    }

    private static String proverName(String name, String field) {
        if (name.isEmpty()) {
            throw new InvalidRequestException(field, "missing (1 to 64 of [A-Za-z0-9._-])");
        }
        if (!PROVER_NAME.matcher(name).matches()) {
            throw new InvalidRequestException(field, "must be 1 to 64 of [A-Za-z0-9._-]");
        }
        return name;
    }

    private static io.vellum.storage.Lease lease(boolean present, Lease message) {
        if (!present) {
            throw new InvalidRequestException("lease", "missing (pass back the lease LeaseJob gave)");
        }
        String owner = proverName(message.getProver(), "lease.prover");
        if (message.getBlockNumber() < 1) {
            throw new InvalidRequestException("lease.block_number", "must be at least 1");
        }
        if (message.getAttempt() < 1) {
            throw new InvalidRequestException("lease.attempt", "must be at least 1");
        }
        return new io.vellum.storage.Lease(new BlockNumber(message.getBlockNumber()), owner, message.getAttempt(),
                message.getExpiresAtMs());
    }

    private Lease toProto(io.vellum.storage.Lease lease) {
        Lease.Builder out = Lease.newBuilder().setBlockNumber(lease.height().value()).setProver(lease.owner())
                .setAttempt(lease.attempt()).setExpiresAtMs(lease.expiresAtMs());
        node.chain().store().commitment(lease.height()).ifPresent(c -> out
                .setBlockHash(ApiCodec.hex(c.blockHash())).setStateRoot(ApiCodec.hex(c.stateRoot())));
        node.chain().blockHeader(lease.height().value())
                .ifPresent(h -> out.setTransactionCount(h.commitments().transactionCount()));
        return out.build();
    }
}
