package io.vellum.consensus.prover;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.vellum.blockifier.core.BlockNumber;
import io.vellum.blockifier.state.StateDiff;
import io.vellum.storage.ApplyBatch;
import io.vellum.storage.Lease;
import io.vellum.storage.LeaseException;
import io.vellum.storage.ProverJob;
import io.vellum.storage.Store;
import io.vellum.storage.StoreOptions;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The simulated prover and the queue API on a store with {@value #JOBS} stored blocks and their jobs, driven by a
 * manual clock (every run is deterministic for its seed): every job proven exactly once, the proven height only
 * growing, latency as modelled, failures retried, abandoned and externally expired leases taken again, duplicate
 * completion harmless, stale leases refused; and the prover's thread on a real clock.
 */
@Timeout(60)
class SimulatedProverTest {
    private static final int JOBS = 40;
    private static final ProverModel MODEL = new ProverModel(3, 100, 0.5, 0, 0, 5_000, 50, 7);

    @TempDir
    Path directory;

    private Store store;
    private final AtomicLong clock = new AtomicLong(1_000);
    private SimpleMeterRegistry registry;
    private ProverQueue queue;
    private final List<SimulatedProver> provers = new ArrayList<>();

    @BeforeEach
    void open() {
        store = Store.open(directory, StoreOptions.processCrashSafe());
        try (ApplyBatch batch = store.batch()) {
            for (int n = 0; n < JOBS; n++) {
                batch.appendBlock(new BlockNumber(n), StateDiff.EMPTY, new byte[0], new byte[0], List.of());
                batch.enqueueProvingJob(new BlockNumber(n));
            }
            batch.commit();
        }
        registry = new SimpleMeterRegistry();
        queue = new ProverQueue(() -> store, clock::get, registry, Tags.of("node", "n1"));
    }

    @AfterEach
    void close() {
        provers.forEach(SimulatedProver::stop);
        store.close();
    }

    /** Block h has (37 h mod 1000) transactions. */
    private static long transactions(long height) {
        return height * 37 % 1_000;
    }

    private SimulatedProver prover(ProverModel model) {
        SimulatedProver prover = new SimulatedProver(queue, SimulatedProverTest::transactions, model, "sim",
                clock::get, registry, Tags.of("node", "n1"));
        provers.add(prover);
        return prover;
    }

    private double jobs(String outcome) {
        return registry.get("vellum.prover.jobs").tag("outcome", outcome).counter().count();
    }

    /**
     * Polls and advances the clock to the next deadline until every job is proven, checking after each poll that
     * the proven height never goes back; returns the heights in the order they became proven.
     */
    private List<Long> proveAll(SimulatedProver prover) {
        List<Long> order = new ArrayList<>();
        boolean[] proven = new boolean[JOBS];
        long lowest = 0;
        for (int poll = 0; poll < 20_000; poll++) {
            long waitMs = prover.poll();
            assertThat(waitMs).isPositive();
            long now = store.proverLowestUnproven().value();
            assertThat(now).as("the proven height only grows").isGreaterThanOrEqualTo(lowest);
            lowest = now;
            for (ProverJob job : store.proverJobs(BlockNumber.GENESIS, JOBS)) {
                int h = (int) job.height().value();
                if (job.status() == ProverJob.Status.PROVEN && !proven[h]) {
                    proven[h] = true;
                    order.add((long) h);
                }
            }
            if (lowest == JOBS) {
                return order;
            }
            clock.addAndGet(waitMs);
        }
        throw new AssertionError("not every job was proven; proven below " + lowest);
    }

    @Test
    void oneWorkerProvesEveryJobOnceInHeightOrderWithTheModelledLatency() {
        SimulatedProver prover = prover(MODEL.withWorkers(1));
        long start = clock.get();
        assertThat(prover.poll()).as("job 0 has no transactions: 100 ms").isEqualTo(100);
        assertThat(queue.job(0).orElseThrow().status()).isEqualTo(ProverJob.Status.LEASED);
        clock.addAndGet(99);
        assertThat(prover.poll()).isEqualTo(1);
        assertThat(queue.job(0).orElseThrow().status()).as("not before its latency").isEqualTo(ProverJob.Status.LEASED);
        clock.addAndGet(1);
        assertThat(prover.poll()).as("job 1: 100 + 0.5 x 37 ms").isEqualTo(100 + 19);
        assertThat(queue.job(0).orElseThrow().status()).isEqualTo(ProverJob.Status.PROVEN);

        List<Long> order = proveAll(prover);
        assertThat(order).containsExactlyElementsOf(java.util.stream.LongStream.range(0, JOBS).boxed().toList());
        long modelled = 0;
        for (int h = 0; h < JOBS; h++) {
            modelled += MODEL.latencyMs(transactions(h));
        }
        assertThat(clock.get() - start).as("one worker: the latencies add up").isEqualTo(modelled);
        assertThat(jobs("proven")).isEqualTo(JOBS);
        assertThat(jobs("leased")).isEqualTo(JOBS);
        assertThat(jobs("failed") + jobs("stale") + jobs("duplicate")).isZero();
        assertThat(registry.get("vellum.prover.latency").timer().count()).isEqualTo(JOBS);
        assertThat(registry.get("vellum.prover.latency").timer().max(TimeUnit.MILLISECONDS))
                .isEqualTo(MODEL.latencyMs(transactions(27)));
        assertThat(store.proverJobs(BlockNumber.GENESIS, JOBS)).allSatisfy(job -> assertThat(job.attempts()).isOne());
    }

    @ParameterizedTest(name = "seed {0}")
    @ValueSource(longs = {1, 2, 3, 4, 5})
    void failuresAreRetriedAndAbandonedLeasesExpireUntilEveryJobIsProvenExactlyOnce(long seed) {
        SimulatedProver prover = prover(MODEL.withWorkers(4).withFaults(0.25, 0.1).withSeed(seed));
        List<Long> order = proveAll(prover);
        assertThat(order).hasSize(JOBS).doesNotHaveDuplicates();
        assertThat(jobs("proven")).as("each job proven by exactly one completion").isEqualTo(JOBS);
        assertThat(jobs("failed")).isPositive();
        assertThat(jobs("abandoned")).isPositive();
        assertThat(jobs("leased")).isEqualTo(JOBS + jobs("failed") + jobs("abandoned"));
        List<ProverJob> all = store.proverJobs(BlockNumber.GENESIS, JOBS);
        assertThat(all).allSatisfy(job -> assertThat(job.status()).isEqualTo(ProverJob.Status.PROVEN));
        assertThat(all).anySatisfy(job -> {
            assertThat(job.attempts()).isGreaterThan(1);
            assertThat(job.lastFailure()).startsWith("simulated failure of sim/");
        });
        QueueStatus status = queue.status();
        assertThat(status.depth()).isZero();
        assertThat(status.provenHeight()).isEqualTo(JOBS - 1);
        assertThat(registry.get("vellum.prover.queue.depth").gauge().value()).isZero();
    }

    @Test
    void theSameSeedGivesTheSameRun() {
        List<Long> first = proveAll(prover(MODEL.withFaults(0.3, 0.1).withSeed(99)));
        long firstEnd = clock.get();
        store.close();
        // A second, identical store and clock.
        Path other = directory.resolveSibling(directory.getFileName() + "-again");
        store = Store.open(other, StoreOptions.processCrashSafe());
        try (ApplyBatch batch = store.batch()) {
            for (int n = 0; n < JOBS; n++) {
                batch.appendBlock(new BlockNumber(n), StateDiff.EMPTY, new byte[0], new byte[0], List.of());
                batch.enqueueProvingJob(new BlockNumber(n));
            }
            batch.commit();
        }
        clock.set(1_000);
        registry = new SimpleMeterRegistry();
        queue = new ProverQueue(() -> store, clock::get, registry, Tags.empty());
        assertThat(proveAll(prover(MODEL.withFaults(0.3, 0.1).withSeed(99)))).isEqualTo(first);
        assertThat(clock.get()).isEqualTo(firstEnd);
    }

    @Test
    void aJobWhoseExternalProverVanishedIsLeasedAgainOnceItsLeaseExpires() {
        Lease external = queue.lease("external-prover", 2_000).orElseThrow();
        assertThat(external.height().value()).isZero();
        SimulatedProver prover = prover(MODEL.withWorkers(1));
        prover.poll();
        assertThat(queue.job(1).orElseThrow().leaseOwner()).as("job 0 is held: the next one").isEqualTo("sim/0");
        List<Long> order = proveAll(prover);
        assertThat(order).contains(0L);
        ProverJob zero = queue.job(0).orElseThrow();
        assertThat(zero.leaseOwner()).isEqualTo("sim/0");
        assertThat(zero.attempts()).as("leased again after expiry").isEqualTo(2);
        assertThat(queue.complete(external)).as("already proven: harmless")
                .isEqualTo(ProverQueue.Completion.ALREADY_PROVEN);
    }

    @Test
    void theQueueApiRefusesStaleLeasesAndCompletesIdempotently() {
        Lease first = queue.lease("a", 100).orElseThrow();
        assertThat(queue.lease("b", 100)).map(l -> l.height().value()).contains(1L);
        clock.addAndGet(100);
        Lease second = queue.lease("b", 100).orElseThrow();
        assertThat(second.height().value()).as("expired job 0 comes first").isZero();
        assertThat(second.attempt()).isEqualTo(2);

        assertThatThrownBy(() -> queue.complete(first)).isInstanceOf(LeaseException.class);
        assertThatThrownBy(() -> queue.fail(first, "late")).isInstanceOf(LeaseException.class);
        assertThat(jobs("stale")).isEqualTo(2);

        assertThat(queue.complete(second)).isEqualTo(ProverQueue.Completion.PROVEN);
        assertThat(queue.complete(second)).isEqualTo(ProverQueue.Completion.ALREADY_PROVEN);
        assertThat(queue.complete(first)).as("any lease of a proven job").isEqualTo(ProverQueue.Completion.ALREADY_PROVEN);
        assertThat(jobs("duplicate")).isEqualTo(2);
        assertThat(queue.job(0).orElseThrow().attempts()).isEqualTo(2);
        assertThat(queue.status().provenHeight()).isZero();

        // The same owner leasing again after expiry holds a new attempt; the old lease is stale.
        Lease again = queue.lease("c", 100).orElseThrow();
        clock.addAndGet(100);
        Lease renewed = queue.lease("c", 100).orElseThrow();
        assertThat(renewed.height()).isEqualTo(again.height());
        assertThat(renewed.attempt()).isEqualTo(again.attempt() + 1);
        assertThatThrownBy(() -> queue.complete(again)).isInstanceOf(LeaseException.class);
        queue.fail(renewed, "out of memory");
        assertThat(queue.job(renewed.height().value()).orElseThrow().status()).isEqualTo(ProverJob.Status.FAILED);
        assertThat(queue.job(renewed.height().value()).orElseThrow().lastFailure()).isEqualTo("out of memory");
        assertThatThrownBy(() -> queue.lease("", 100)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> queue.lease("a", 0)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void aProofSlowerThanItsLeaseIsRefusedAndTheJobTakenAgain() {
        // Block 27 has 999 transactions: 100 + 500 ms, longer than a 590 ms lease (blocks 25 and 26 take 563 and
        // 581 ms: they fit).
        ProverModel tight = new ProverModel(2, 100, 0.5, 0, 0, 590, 50, 1);
        SimulatedProver prover = prover(tight);
        long deadline = 20_000;
        while (queue.status().provenHeight() < 26 && clock.get() < deadline) {
            clock.addAndGet(prover.poll());
        }
        assertThat(queue.status().provenHeight()).isEqualTo(26);
        for (int i = 0; i < 50; i++) {
            clock.addAndGet(prover.poll());
        }
        assertThat(jobs("stale")).as("every attempt at block 27 outlives its lease").isPositive();
        assertThat(queue.job(27).orElseThrow().status()).isNotEqualTo(ProverJob.Status.PROVEN);
        assertThat(queue.job(27).orElseThrow().attempts()).isGreaterThan(1);
    }

    @Test
    void pauseHoldsOffPolls() {
        SimulatedProver prover = prover(MODEL);
        prover.pause();
        assertThat(prover.poll()).isEqualTo(MODEL.idlePollMs());
        assertThat(jobs("leased")).isZero();
        prover.resume();
        prover.poll();
        assertThat(prover.busyWorkers()).isEqualTo(3);
        assertThat(registry.get("vellum.prover.workers.busy").gauge().value()).isEqualTo(3);
    }

    @Test
    void itsThreadProvesEverythingOnARealClock() {
        ProverQueue realQueue = new ProverQueue(() -> store, System::currentTimeMillis, new SimpleMeterRegistry(),
                Tags.empty());
        SimulatedProver prover = new SimulatedProver(realQueue, height -> 2, new ProverModel(4, 5, 1, 0.2, 0, 5_000,
                10, 3), "threaded", System::currentTimeMillis, new SimpleMeterRegistry(), Tags.empty());
        provers.add(prover);
        prover.start();
        Awaitility.await().atMost(Duration.ofSeconds(20))
                .until(() -> realQueue.status().provenHeight() == JOBS - 1);
        prover.stop();
        assertThat(prover.isRunning()).isFalse();
        assertThat(prover.failure()).isEmpty();
    }

    @Test
    void theModelIsValidated() {
        assertThat(ProverModel.DEFAULT.latencyMs(1_000)).isEqualTo(700);
        assertThatThrownBy(() -> MODEL.withWorkers(0)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> MODEL.withWorkers(ProverModel.WORKERS_MAX + 1))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> MODEL.withFaults(1, 0)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> MODEL.withFaults(-0.1, 0)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> MODEL.withFaults(0.6, 0.4)).hasMessageContaining("add up to less than 1");
        assertThatThrownBy(() -> MODEL.withFaults(Double.NaN, 0)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new ProverModel(1, -1, 0, 0, 0, 10, 1, 0)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new ProverModel(1, 0, Double.POSITIVE_INFINITY, 0, 0, 10, 1, 0))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new ProverModel(1, 100, 0, 0, 0, 100, 1, 0)).hasMessageContaining("longer than");
        assertThatThrownBy(() -> new ProverModel(1, 0, 0, 0, 0, ApplyBatch.LEASE_MS_MAX + 1, 1, 0))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new ProverModel(1, 0, 0, 0, 0, 10, 0, 0)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> MODEL.latencyMs(-1)).isInstanceOf(IllegalArgumentException.class);
    }
}
