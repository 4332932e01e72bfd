package io.vellum.consensus.committer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.vellum.blockifier.commitment.CommittedState;
import io.vellum.blockifier.commitment.GlobalRootRule;
import io.vellum.blockifier.commitment.InMemoryNodeStore;
import io.vellum.blockifier.commitment.Parallelism;
import io.vellum.blockifier.commitment.StateCommitter;
import io.vellum.blockifier.commitment.StateRoots;
import io.vellum.blockifier.commitment.StorageRootLookup;
import io.vellum.blockifier.core.BlockNumber;
import io.vellum.blockifier.crypto.Felt;
import io.vellum.blockifier.state.StateDiff;
import io.vellum.blockifier.testing.TestChain;
import io.vellum.storage.AppliedIndex;
import io.vellum.storage.ApplyBatch;
import io.vellum.storage.BlockCommitment;
import io.vellum.storage.ProverJob;
import io.vellum.storage.StateView;
import io.vellum.storage.Store;
import io.vellum.storage.TrieRoots;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicReference;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The committer over real final blocks (a one-voter {@link ChainFixture} over RocksDB): its roots and hashes equal a
 * from-scratch computation ({@link Reference}); it resumes after a restart between any two batches, and after a
 * crash between hashing and writing, without committing or enqueuing anything twice or skipping anything; it runs
 * beside the apply thread without touching the applied index; and it refuses a store it did not write.
 */
@Timeout(120)
class CommitterTest {
    private static final long SEED = 20_250_611L;

    @TempDir
    Path directory;

    private final ExecutorService pool = Executors.newFixedThreadPool(2, runnable -> {
        Thread thread = new Thread(runnable, "committer-test-hashing");
        thread.setDaemon(true);
        return thread;
    });
    private final Parallelism parallelism = new Parallelism(pool, 2);
    /** The registry of the last committer made (one committer per registry and tags, as in a node). */
    private SimpleMeterRegistry registry;
    private final List<Committer> committers = new ArrayList<>();

    @AfterEach
    void stop() {
        committers.forEach(Committer::stop);
        pool.shutdownNow();
    }

    private Committer committer(ChainFixture fixture, Committer.Listener listener) {
        registry = new SimpleMeterRegistry();
        Committer committer = new Committer(fixture.store(), CommitterSettings.DEFAULT.withThreadName("test-committer"),
                parallelism, () -> 1_000L, registry, Tags.of("node", "n1"), listener);
        committers.add(committer);
        return committer;
    }

    private Committer committer(ChainFixture fixture) {
        return committer(fixture, Committer.Listener.NONE);
    }

    @Test
    void everyRootAndHashEqualsAFromScratchComputation() {
        try (ChainFixture fixture = ChainFixture.create(TestChain.create(6), directory.resolve("node"))) {
            fixture.finalizeMixedBlocks(SEED, 22, 14);
            long head = fixture.finalHeight();
            assertThat(head).isEqualTo(22);
            long appliedIndex = fixture.appliedIndex();
            Committer committer = committer(fixture);

            assertThat(committer.runOnce()).isEqualTo(23);
            assertThat(committer.commitNext()).as("nothing left").isEmpty();
            assertThat(registry.get("vellum.committer.block.transactions").summary().totalAmount())
                    .as("the mix includes a good share of what it offers").isGreaterThan(100);

            Store store = fixture.store().store();
            assertMatchesReference(fixture, head);
            assertThat(store.appliedIndex()).as("the committer never moves the applied index")
                    .contains(new AppliedIndex(1, appliedIndex));
            assertJobsEnqueuedOnce(store, head);
            assertStorageRootsAreTheReferenceOnes(fixture, head);
            for (long h = 1; h <= head; h++) {
                var block = fixture.store().block(h).orElseThrow();
                var header = fixture.store().blockHeader(h).orElseThrow();
                assertThat(header).as("the header read of block %d", h).isEqualTo(new io.vellum.consensus.store
                        .StoredBlockHeader(h, block.finalIndex(), block.proposal(), block.context(),
                        block.starknetVersion(), block.commitments()));
            }
            assertThat(fixture.store().blockHeader(0)).isEmpty();
            // The mix wrote storage, nonces and deployments, so the tries did work.
            assertThat(store.trieRoots(new BlockNumber(head)).orElseThrow().classesRoot()).isNotEqualTo(Felt.ZERO);
        }
    }

    @Test
    void genesisGetsItsRootsAZeroBlockHashAndAJobRecordedProven() {
        try (ChainFixture fixture = ChainFixture.create(TestChain.create(2), directory.resolve("node"))) {
            Committer committer = committer(fixture);
            CommittedBlock genesis = committer.commitNext().orElseThrow();
            assertThat(committer.commitNext()).as("only genesis is final").isEmpty();

            Reference.Expected expected = Reference.upTo(fixture.store(), 0).get(0);
            assertThat(genesis.height()).isZero();
            assertThat(genesis.stateRoot()).isEqualTo(expected.stateRoot()).isNotEqualTo(Felt.ZERO);
            assertThat(genesis.blockHash()).isEqualTo(Committer.GENESIS_BLOCK_HASH).isEqualTo(Felt.ZERO);
            assertThat(genesis.transactionCount()).isZero();
            Store store = fixture.store().store();
            assertThat(store.commitment(BlockNumber.GENESIS)).contains(
                    new BlockCommitment(BlockNumber.GENESIS, expected.stateRoot(), Felt.ZERO));
            ProverJob job = store.proverJob(BlockNumber.GENESIS).orElseThrow();
            assertThat(job.status()).isEqualTo(ProverJob.Status.PROVEN);
            assertThat(job.leaseOwner()).isEqualTo(Committer.GENESIS_PROVER);
            assertThat(store.proverLowestUnproven()).isEqualTo(new BlockNumber(1));

            fixture.finalizeMixedBlocks(SEED, 1, 5);
            CommittedBlock first = committer.commitNext().orElseThrow();
            assertThat(first.blockHash()).isEqualTo(Reference.blockHash(fixture.store().block(1).orElseThrow(),
                    first.stateRoot(), Felt.ZERO));
            assertThat(store.proverJob(new BlockNumber(1)).orElseThrow().status()).isEqualTo(ProverJob.Status.QUEUED);
        }
    }

    @Test
    void resumesAfterARestartBetweenAnyTwoBatchesAndAfterACrashBeforeTheWrite() {
        try (ChainFixture fixture = ChainFixture.create(TestChain.create(5), directory.resolve("node"))) {
            fixture.finalizeMixedBlocks(SEED + 1, 10, 10);
            long head = fixture.finalHeight();
            List<Long> committed = Collections.synchronizedList(new ArrayList<>());
            Committer.Listener record = new Committer.Listener() {
                @Override
                public void committed(CommittedBlock block) {
                    committed.add(block.height());
                }
            };
            for (long h = 0; h <= head; h++) {
                // A crash after hashing block h and before its batch: nothing of it is stored.
                Store store = fixture.store().store();
                CommitStep.Prepared prepared = CommitStep.prepare(fixture.store(), store, h, parallelism);
                assertThat(prepared.height()).isEqualTo(h);
                fixture.reopen();
                store = fixture.store().store();
                assertThat(store.committedHeight().map(BlockNumber::value).orElse(-1L)).isEqualTo(h - 1);
                assertThat(store.proverNextHeight().value()).isEqualTo(h);
                // A new committer on the reopened store commits exactly block h, then the node "restarts" again.
                Committer committer = committer(fixture, record);
                assertThat(committer.commitNext()).map(CommittedBlock::height).contains(h);
                committer.stop();
                fixture.reopen();
            }
            assertThat(committed).as("each block once, in order").containsExactlyElementsOf(
                    java.util.stream.LongStream.rangeClosed(0, head).boxed().toList());
            assertThat(committer(fixture).commitNext()).isEmpty();
            assertMatchesReference(fixture, head);
            assertJobsEnqueuedOnce(fixture.store().store(), head);
        }
    }

    @Test
    void runsOnItsThreadBesideTheApplyThreadWithoutTouchingTheAppliedIndex() {
        try (ChainFixture fixture = ChainFixture.create(TestChain.create(6), directory.resolve("node"))) {
            List<Long> committed = Collections.synchronizedList(new ArrayList<>());
            Committer committer = committer(fixture, new Committer.Listener() {
                @Override
                public void committed(CommittedBlock block) {
                    committed.add(block.height());
                }
            });
            committer.start();
            Store store = fixture.store().store();
            // The test thread is the apply thread: it makes blocks final while the committer commits them.
            for (int b = 0; b < 16; b++) {
                fixture.finalizeMixedBlocks(SEED + 2 + b, 1, 12);
                committer.wakeUp();
                assertThat(store.appliedIndex()).contains(new AppliedIndex(1, fixture.appliedIndex()));
            }
            long head = fixture.finalHeight();
            Awaitility.await().atMost(Duration.ofSeconds(30)).until(() -> committer.lagBlocks() == 0);
            committer.stop();
            assertThat(committer.failure()).isEmpty();
            assertThat(committed).containsExactlyElementsOf(
                    java.util.stream.LongStream.rangeClosed(0, head).boxed().toList());
            assertThat(store.appliedIndex()).contains(new AppliedIndex(1, fixture.appliedIndex()));
            assertMatchesReference(fixture, head);
            assertJobsEnqueuedOnce(store, head);
            assertThat(registry.get("vellum.committer.lag").gauge().value()).isZero();
            assertThat(registry.get("vellum.committer.blocks").counter().count()).isEqualTo(head + 1);
            assertThat(registry.get("vellum.committer.block.time").timer().count()).isEqualTo(head + 1);
            assertThat(registry.get("vellum.committer.hashes").summary().totalAmount()).isPositive();
        }
    }

    @Test
    void pauseHoldsOffStepsUntilResume() {
        try (ChainFixture fixture = ChainFixture.create(TestChain.create(2), directory.resolve("node"))) {
            Committer committer = committer(fixture);
            committer.pause();
            assertThat(committer.commitNext()).isEmpty();
            assertThat(committer.runOnce()).isZero();
            assertThat(committer.lagBlocks()).isEqualTo(1);
            committer.resume();
            assertThat(committer.commitNext()).isPresent();
            assertThat(committer.lagBlocks()).isZero();
        }
    }

    @Test
    void refusesAStoreWhoseProverQueueItDidNotWriteAndItsThreadStopsOnIt() {
        try (ChainFixture fixture = ChainFixture.create(TestChain.create(2), directory.resolve("node"))) {
            Store store = fixture.store().store();
            try (ApplyBatch batch = store.batch()) {
                batch.enqueueProvingJob(BlockNumber.GENESIS);
                batch.commit();
            }
            AtomicReference<RuntimeException> seen = new AtomicReference<>();
            Committer committer = committer(fixture, new Committer.Listener() {
                @Override
                public void failed(RuntimeException error) {
                    seen.set(error);
                }
            });
            assertThatThrownBy(committer::commitNext).isInstanceOf(CommitterException.class)
                    .hasMessageContaining("markers disagree");
            assertThat(store.committedHeight()).isEmpty();
            assertThat(store.trieHeight()).isEmpty();

            committer.start();
            Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> committer.failure().isPresent());
            assertThat(seen.get()).isInstanceOf(CommitterException.class);
            Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> !committer.isRunning());
            assertThat(registry.get("vellum.committer.failed").gauge().value()).isEqualTo(1);
        }
    }

    @Test
    void settingsAreValidated() {
        assertThatThrownBy(() -> new CommitterSettings(" ", 1, 1, 1)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new CommitterSettings("c", 0, 1, 1)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new CommitterSettings("c", 1, 0, 1)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new CommitterSettings("c", 1, 1, 0)).isInstanceOf(IllegalArgumentException.class);
    }

    // -------------------------------------------------------------------------------------------------------------

    private static void assertMatchesReference(ChainFixture fixture, long head) {
        Store store = fixture.store().store();
        for (Reference.Expected expected : Reference.upTo(fixture.store(), head)) {
            BlockNumber number = new BlockNumber(expected.height());
            assertThat(store.commitment(number)).as("commitment of block %d", expected.height())
                    .contains(new BlockCommitment(number, expected.stateRoot(), expected.blockHash()));
            assertThat(store.trieRoots(number)).as("trie roots of block %d", expected.height())
                    .contains(new TrieRoots(number, expected.contractsRoot(), expected.classesRoot()));
        }
        assertThat(store.committedHeight()).contains(new BlockNumber(head));
    }

    private static void assertJobsEnqueuedOnce(Store store, long head) {
        List<ProverJob> jobs = store.proverJobs(BlockNumber.GENESIS, 10_000);
        assertThat(jobs).extracting(job -> job.height().value())
                .containsExactlyElementsOf(java.util.stream.LongStream.rangeClosed(0, head).boxed().toList());
        assertThat(jobs.get(0).status()).isEqualTo(ProverJob.Status.PROVEN);
        assertThat(jobs.subList(1, jobs.size())).allSatisfy(job -> {
            assertThat(job.status()).isEqualTo(ProverJob.Status.QUEUED);
            assertThat(job.attempts()).isZero();
        });
        assertThat(store.proverNextHeight()).isEqualTo(new BlockNumber(head + 1));
    }

    /** The latest storage root the committer keeps for each contract is the from-scratch one. */
    private static void assertStorageRootsAreTheReferenceOnes(ChainFixture fixture, long head) {
        Store store = fixture.store().store();
        StateDiff merged = StateDiff.EMPTY;
        for (long h = 0; h <= head; h++) {
            merged = merged.then(store.stateDiff(new BlockNumber(h)).orElseThrow());
        }
        CommittedState reference;
        try (StateView after = store.at(new BlockNumber(head))) {
            reference = new StateCommitter(new InMemoryNodeStore(), Parallelism.SEQUENTIAL, GlobalRootRule.V0_14)
                    .commit(StateRoots.EMPTY, StorageRootLookup.EMPTY, merged, after);
        }
        assertThat(reference.contracts()).isNotEmpty();
        reference.contracts().forEach((contract, leaf) -> assertThat(store.contractStorageRoot(contract))
                .as("storage root of %s", contract).isEqualTo(leaf.storageRoot()));
        Optional<Felt> any = reference.contracts().values().stream().map(l -> l.storageRoot())
                .filter(r -> !r.isZero()).findAny();
        assertThat(any).isPresent();
    }
}
