package io.vellum.storage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.vellum.blockifier.core.BlockNumber;
import io.vellum.blockifier.crypto.Felt;
import io.vellum.blockifier.state.StateDiff;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import java.util.function.Function;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ProverQueueTest {
    static final long LEASE_MS = 1_000;

    @TempDir
    Path directory;
    Store store;

    @BeforeEach
    void open() {
        store = Store.open(directory, StoreOptions.processCrashSafe());
        try (ApplyBatch batch = store.batch()) {
            for (int n = 0; n < 10; n++) {
                batch.appendBlock(new BlockNumber(n), StateDiff.EMPTY, new byte[0], new byte[0], List.of());
            }
            batch.commit();
        }
    }

    @AfterEach
    void close() {
        StoreValidator.validate(store);
        store.close();
    }

    <T> T inBatch(Function<ApplyBatch, T> work) {
        try (ApplyBatch batch = store.batch()) {
            T result = work.apply(batch);
            batch.commit();
            return result;
        }
    }

    void enqueue(int count) {
        inBatch(batch -> {
            for (int i = 0; i < count; i++) {
                batch.enqueueProvingJob(store.proverNextHeight().value() == 0 && i == 0 ? BlockNumber.GENESIS
                        : new BlockNumber(store.proverNextHeight().value() + i));
            }
            return null;
        });
    }

    Optional<Lease> tryLease(String owner, long nowMs) {
        return this.<Optional<Lease>>inBatch(batch -> batch.leaseProvingJob(owner, nowMs, LEASE_MS));
    }

    boolean complete(Lease lease, long nowMs) {
        return this.<Boolean>inBatch(batch -> batch.completeProvingJob(lease, nowMs, Felt.ZERO));
    }

    Lease lease(String owner, long nowMs) {
        return inBatch(batch -> batch.leaseProvingJob(owner, nowMs, LEASE_MS)).orElseThrow();
    }

    ProverJob job(long height) {
        return store.proverJob(new BlockNumber(height)).orElseThrow();
    }

    @Test
    void jobsAreEnqueuedInHeightOrderWithoutGapsOrRepeats() {
        enqueue(2);
        try (ApplyBatch batch = store.batch()) {
            assertThatThrownBy(() -> batch.enqueueProvingJob(new BlockNumber(1)))
                    .isInstanceOf(OutOfOrderException.class).hasMessageContaining("expected height 2");
            assertThatThrownBy(() -> batch.enqueueProvingJob(new BlockNumber(3)))
                    .isInstanceOf(OutOfOrderException.class);
            batch.enqueueProvingJob(new BlockNumber(2));
            batch.commit();
        }
        assertThat(store.proverJobs(BlockNumber.GENESIS, 100)).extracting(ProverJob::height)
                .containsExactly(new BlockNumber(0), new BlockNumber(1), new BlockNumber(2));
        assertThat(job(0).status()).isEqualTo(ProverJob.Status.QUEUED);
        enqueue(7);
        try (ApplyBatch batch = store.batch()) {
            assertThatThrownBy(() -> batch.enqueueProvingJob(new BlockNumber(10)))
                    .as("block 10 is not stored").isInstanceOf(NotFoundException.class);
        }
    }

    @Test
    void leaseGivesTheLowestAvailableHeight() {
        enqueue(3);
        Lease first = lease("a", 0);
        Lease second = lease("b", 0);
        assertThat(first.height()).isEqualTo(BlockNumber.GENESIS);
        assertThat(second.height()).isEqualTo(new BlockNumber(1));
        assertThat(first).isEqualTo(new Lease(BlockNumber.GENESIS, "a", 1, LEASE_MS));
        assertThat(job(0)).isEqualTo(new ProverJob(BlockNumber.GENESIS, ProverJob.Status.LEASED, 1, "a", LEASE_MS,
                "", Felt.ZERO));
        lease("c", 0);
        assertThat(tryLease("d", 10)).as("all leased").isEmpty();
    }

    @Test
    void anExpiredLeaseReturnsTheJobToTheQueueAndTheOldLeaseGoesStale() {
        enqueue(1);
        Lease old = lease("slow", 0);
        assertThat(tryLease("fast", LEASE_MS - 1)).isEmpty();
        assertThat(job(0).isAvailable(LEASE_MS - 1)).isFalse();
        assertThat(job(0).isAvailable(LEASE_MS)).isTrue();

        Lease fresh = lease("fast", LEASE_MS);
        assertThat(fresh.height()).isEqualTo(BlockNumber.GENESIS);
        assertThat(fresh.attempt()).isEqualTo(2);
        try (ApplyBatch batch = store.batch()) {
            assertThatThrownBy(() -> batch.completeProvingJob(old, LEASE_MS + 1, Felt.ZERO))
                    .isInstanceOf(LeaseException.class)
                    .hasMessageContaining("stale lease");
            assertThatThrownBy(() -> batch.failProvingJob(old, LEASE_MS + 1, "late"))
                    .isInstanceOf(LeaseException.class);
            assertThat(batch.completeProvingJob(fresh, LEASE_MS + 1, Felt.ZERO)).isTrue();
            batch.commit();
        }
        assertThat(job(0).status()).isEqualTo(ProverJob.Status.PROVEN);
        assertThat(job(0).leaseOwner()).isEqualTo("fast");
    }

    @Test
    void theSameOwnerLeasingAgainAfterExpiryGetsANewAttempt() {
        enqueue(1);
        Lease first = lease("p", 0);
        Lease second = lease("p", LEASE_MS);
        assertThat(second.attempt()).isEqualTo(first.attempt() + 1);
        try (ApplyBatch batch = store.batch()) {
            assertThatThrownBy(() -> batch.completeProvingJob(first, LEASE_MS + 1, Felt.ZERO))
                    .isInstanceOf(LeaseException.class);
        }
    }

    @Test
    void completingWithAnExpiredLeaseIsRefusedEvenIfNobodyReleasedIt() {
        enqueue(1);
        Lease lease = lease("p", 0);
        try (ApplyBatch batch = store.batch()) {
            assertThatThrownBy(() -> batch.completeProvingJob(lease, LEASE_MS, Felt.ZERO))
                    .isInstanceOf(LeaseException.class);
            assertThat(batch.completeProvingJob(lease, LEASE_MS - 1, Felt.ZERO)).isTrue();
            batch.commit();
        }
    }

    @Test
    void completionIsIdempotent() {
        enqueue(2);
        Lease lease = lease("p", 0);
        assertThat(complete(lease, 1)).isTrue();
        assertThat(complete(lease, 2)).as("again").isFalse();
        assertThat(complete(lease, 5 * LEASE_MS)).as("even after expiry").isFalse();
        Lease foreign = new Lease(BlockNumber.GENESIS, "someone-else", 7, 1);
        assertThat(complete(foreign, 0)).as("any lease of a proven job").isFalse();
        assertThat(job(0).status()).isEqualTo(ProverJob.Status.PROVEN);
        assertThat(job(0).attempts()).isEqualTo(1);
        try (ApplyBatch batch = store.batch()) {
            assertThatThrownBy(() -> batch.failProvingJob(lease, 3, "too late"))
                    .as("a proven job cannot fail").isInstanceOf(LeaseException.class);
        }
    }

    @Test
    void aFailedJobIsRetriedBeforeHigherHeights() {
        enqueue(2);
        Lease lease = lease("p", 0);
        inBatch(batch -> batch.failProvingJob(lease, 10, "prover crashed"));
        assertThat(job(0).status()).isEqualTo(ProverJob.Status.FAILED);
        assertThat(job(0).lastFailure()).isEqualTo("prover crashed");
        assertThat(job(0).leaseOwner()).isEmpty();
        Lease retry = lease("q", 20);
        assertThat(retry.height()).isEqualTo(BlockNumber.GENESIS);
        assertThat(retry.attempt()).isEqualTo(2);
        assertThat(complete(retry, 30)).isTrue();
        assertThat(job(0).lastFailure()).as("kept for the record").isEqualTo("prover crashed");
    }

    @Test
    void outOfOrderCompletionMovesTheLowestUnprovenHeightOnlyWhenTheGapCloses() {
        enqueue(3);
        Lease zero = lease("a", 0);
        Lease one = lease("b", 0);
        inBatch(batch -> batch.completeProvingJob(one, 1, Felt.ZERO));
        assertThat(store.markers().proverLowestUnproven()).isZero();
        inBatch(batch -> batch.completeProvingJob(zero, 1, Felt.ZERO));
        assertThat(store.markers().proverLowestUnproven()).isEqualTo(2);
        assertThat(store.proverLowestUnproven()).as("the public view of the marker").isEqualTo(new BlockNumber(2));
        assertThat(lease("c", 2).height()).isEqualTo(new BlockNumber(2));
    }

    @Test
    void operationsWithinOneBatchSeeEachOther() {
        Optional<Lease> lease;
        try (ApplyBatch batch = store.batch()) {
            batch.enqueueProvingJob(BlockNumber.GENESIS).enqueueProvingJob(new BlockNumber(1));
            lease = batch.leaseProvingJob("p", 0, LEASE_MS);
            assertThat(lease).map(Lease::height).contains(BlockNumber.GENESIS);
            assertThat(batch.completeProvingJob(lease.orElseThrow(), 1, Felt.ZERO)).isTrue();
            assertThat(batch.leaseProvingJob("p", 1, LEASE_MS)).map(Lease::height).contains(new BlockNumber(1));
            batch.commit();
        }
        assertThat(job(0).status()).isEqualTo(ProverJob.Status.PROVEN);
        assertThat(job(1).status()).isEqualTo(ProverJob.Status.LEASED);
    }

    @Test
    void anUncommittedLeaseLeavesNoTrace() {
        enqueue(1);
        try (ApplyBatch batch = store.batch()) {
            assertThat(batch.leaseProvingJob("p", 0, LEASE_MS)).isPresent();
        }
        assertThat(job(0).status()).isEqualTo(ProverJob.Status.QUEUED);
        assertThat(lease("q", 0).attempt()).isEqualTo(1);
    }

    @Test
    void argumentsAreChecked() {
        enqueue(1);
        try (ApplyBatch batch = store.batch()) {
            assertThatThrownBy(() -> batch.leaseProvingJob("", 0, 1)).isInstanceOf(IllegalArgumentException.class);
            assertThatThrownBy(() -> batch.leaseProvingJob("p", 0, 0)).isInstanceOf(IllegalArgumentException.class);
            assertThatThrownBy(() -> batch.leaseProvingJob("p", -1, 1)).isInstanceOf(IllegalArgumentException.class);
            assertThatThrownBy(() -> batch.leaseProvingJob("x".repeat(ProverJob.OWNER_BYTES_MAX + 1), 0, 1))
                    .isInstanceOf(IllegalArgumentException.class);
            assertThatThrownBy(() -> batch.leaseProvingJob("p", 0, ApplyBatch.LEASE_MS_MAX + 1))
                    .isInstanceOf(IllegalArgumentException.class);
        }
    }

    @Test
    void stateSurvivesReopen() {
        enqueue(2);
        Lease lease = lease("p", 0);
        store.close();
        store = Store.open(directory, StoreOptions.processCrashSafe());
        assertThat(job(0).isHeldBy(lease, 1)).isTrue();
        assertThat(complete(lease, 1)).isTrue();
        assertThat(store.proverNextHeight()).isEqualTo(new BlockNumber(2));
    }

    @Test
    void aProofDigestIsKeptWithTheProvenJobAndADifferentOneIsRefused() {
        enqueue(2);
        Felt digest = Felt.of(0xd16e57);
        Lease lease = lease("p", 0);
        assertThat(job(0).proofDigest()).isEqualTo(Felt.ZERO);
        assertThat(this.<Boolean>inBatch(batch -> batch.completeProvingJob(lease, 1, digest))).isTrue();
        assertThat(job(0).proofDigest()).isEqualTo(digest);

        assertThat(this.<Boolean>inBatch(batch -> batch.completeProvingJob(lease, 2, digest)))
                .as("the same digest again").isFalse();
        assertThat(this.<Boolean>inBatch(batch -> batch.completeProvingJob(lease, 2, Felt.ZERO)))
                .as("no digest: nothing to compare").isFalse();
        try (ApplyBatch batch = store.batch()) {
            assertThatThrownBy(() -> batch.completeProvingJob(lease, 2, Felt.of(0xbad)))
                    .isInstanceOf(ProofConflictException.class)
                    .hasMessageContaining(digest.toHex()).hasMessageContaining(Felt.of(0xbad).toHex());
        }
        assertThat(job(0).proofDigest()).as("the first digest stands").isEqualTo(digest);

        store.close();
        store = Store.open(directory, StoreOptions.processCrashSafe());
        assertThat(job(0).proofDigest()).as("after reopening").isEqualTo(digest);
        assertThat(job(0).status()).isEqualTo(ProverJob.Status.PROVEN);
        assertThat(job(1).proofDigest()).isEqualTo(Felt.ZERO);
        assertThatThrownBy(() -> new ProverJob(BlockNumber.GENESIS, ProverJob.Status.QUEUED, 0, "", 0, "", digest))
                .as("only a proven job has a digest").isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void aJobWrittenBeforeProofDigestsExistedReadsWithNone() {
        byte[] key = new byte[8];
        byte[] owner = "p".getBytes(java.nio.charset.StandardCharsets.UTF_8);
        byte[] old = Envelope.writer(21 + owner.length).u8(ProverJob.Status.PROVEN.ordinal()).u32(1).u64(1_000)
                .u32(owner.length).bytes(owner).u32(0).bytes(new byte[0]).seal(ColumnFamily.PROVER_JOBS, key);
        ProverJob job = Codecs.decodeJob(BlockNumber.GENESIS, Envelope.open(ColumnFamily.PROVER_JOBS, key, old));
        assertThat(job).isEqualTo(new ProverJob(BlockNumber.GENESIS, ProverJob.Status.PROVEN, 1, "p", 1_000, "",
                Felt.ZERO));
        ProverJob proven = new ProverJob(BlockNumber.GENESIS, ProverJob.Status.PROVEN, 1, "p", 1_000, "", Felt.of(7));
        byte[] now = Codecs.encodeJob(proven, key);
        assertThat(Codecs.decodeJob(BlockNumber.GENESIS, Envelope.open(ColumnFamily.PROVER_JOBS, key, now)))
                .isEqualTo(proven);
    }

    @ParameterizedTest(name = "seed {0}")
    @ValueSource(longs = {11, 12, 13, 14, 15, 16})
    void randomOperationsFollowTheTransitionTable(long seed) {
        Random random = new Random(seed);
        ProverModel model = new ProverModel();
        List<Lease> leases = new ArrayList<>();
        long now = 0;
        for (int step = 0; step < 150; step++) {
            now += random.nextInt(400);
            final long at = now;
            int choice = random.nextInt(10);
            try (ApplyBatch batch = store.batch()) {
                if (choice == 0 && model.size() < 10) {
                    batch.enqueueProvingJob(new BlockNumber(model.size()));
                    model.enqueue();
                } else if (choice <= 4) {
                    String owner = "p" + random.nextInt(3);
                    long leaseMs = 1 + random.nextInt(1500);
                    Optional<Lease> lease = batch.leaseProvingJob(owner, at, leaseMs);
                    Optional<Integer> expected = model.lease(owner, at, leaseMs);
                    assertThat(lease.map(l -> (int) l.height().value())).isEqualTo(expected);
                    lease.ifPresent(leases::add);
                } else if (!leases.isEmpty()) {
                    Lease lease = leases.get(random.nextInt(leases.size()));
                    int h = (int) lease.height().value();
                    boolean held = model.holds(lease, at);
                    if (choice <= 7) {
                        if (model.status.get(h) == ProverJob.Status.PROVEN) {
                            assertThat(batch.completeProvingJob(lease, at, Felt.ZERO)).isFalse();
                        } else if (held) {
                            assertThat(batch.completeProvingJob(lease, at, Felt.ZERO)).isTrue();
                            model.prove(h);
                        } else {
                            assertThatThrownBy(() -> batch.completeProvingJob(lease, at, Felt.ZERO))
                                    .isInstanceOf(LeaseException.class);
                        }
                    } else {
                        if (held) {
                            batch.failProvingJob(lease, at, "seed " + seed);
                            model.fail(h, "seed " + seed);
                        } else {
                            assertThatThrownBy(() -> batch.failProvingJob(lease, at, "x"))
                                    .isInstanceOf(LeaseException.class);
                        }
                    }
                }
                batch.commit();
            }
            for (int h = 0; h < model.size(); h++) {
                assertThat(job(h)).as("seed %d step %d job %d", seed, step, h).isEqualTo(model.job(h));
            }
        }
    }
}
