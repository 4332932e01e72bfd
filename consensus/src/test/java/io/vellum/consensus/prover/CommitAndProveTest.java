package io.vellum.consensus.prover;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.vellum.blockifier.commitment.Parallelism;
import io.vellum.blockifier.core.BlockNumber;
import io.vellum.blockifier.testing.TestChain;
import io.vellum.consensus.committer.ChainFixture;
import io.vellum.consensus.committer.CommittedBlock;
import io.vellum.consensus.committer.Committer;
import io.vellum.consensus.committer.CommitterSettings;
import io.vellum.storage.ProverJob;
import io.vellum.storage.Store;
import java.nio.file.Path;
import java.time.Duration;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The committer and the simulated prover on their own threads, wired as a node would (the committer's listener wakes
 * the prover), while the test thread makes blocks final: every final block ends proven, with its real transaction
 * count in the latency.
 */
@Timeout(60)
class CommitAndProveTest {
    @TempDir
    Path directory;

    @Test
    void everyFinalBlockIsCommittedThenProvenWhileBlocksKeepComing() {
        SimpleMeterRegistry registry = new SimpleMeterRegistry();
        Tags tags = Tags.of("node", "n1");
        try (ChainFixture fixture = ChainFixture.create(TestChain.create(5), directory.resolve("node"))) {
            ProverQueue queue = new ProverQueue(fixture.store()::store, System::currentTimeMillis, registry, tags);
            SimulatedProver prover = new SimulatedProver(queue, TransactionCounts.of(fixture.store()),
                    new ProverModel(2, 5, 0.2, 0.2, 0.05, 200, 20, 11), "n1", System::currentTimeMillis, registry,
                    tags);
            Committer committer = new Committer(fixture.store(), CommitterSettings.DEFAULT, Parallelism.SEQUENTIAL,
                    System::currentTimeMillis, registry, tags, new Committer.Listener() {
                        @Override
                        public void committed(CommittedBlock block) {
                            prover.wakeUp();
                        }
                    });
            try (committer; prover) {
                committer.start();
                prover.start();
                for (int b = 0; b < 8; b++) {
                    fixture.finalizeMixedBlocks(100 + b, 1, 12);
                    committer.wakeUp();
                }
                long head = fixture.finalHeight();
                Awaitility.await().atMost(Duration.ofSeconds(30))
                        .until(() -> queue.status().provenHeight() == head);
                assertThat(committer.failure()).isEmpty();
                assertThat(prover.failure()).isEmpty();
            }
            Store store = fixture.store().store();
            long head = fixture.finalHeight();
            assertThat(store.proverJobs(BlockNumber.GENESIS, 100)).hasSize((int) head + 1)
                    .allSatisfy(job -> assertThat(job.status()).isEqualTo(ProverJob.Status.PROVEN));
            assertThat(registry.get("vellum.prover.jobs").tag("outcome", "proven").counter().count())
                    .as("genesis is recorded proven by the committer").isEqualTo(head);
            assertThat(registry.get("vellum.prover.lag").gauge().value()).isZero();
            assertThat(registry.get("vellum.committer.lag").gauge().value()).isZero();
        }
    }
}
