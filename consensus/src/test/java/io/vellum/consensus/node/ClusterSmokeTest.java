package io.vellum.consensus.node;

import static org.assertj.core.api.Assertions.assertThat;

import io.vellum.blockifier.transaction.ExecutableTransaction;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

class ClusterSmokeTest {
    @TempDir
    Path dir;

    @Test
    @Timeout(value = 90, unit = TimeUnit.SECONDS)
    void aFewTransfersBecomeFinalOnEveryNode() throws Exception {
        try (TestCluster cluster = TestCluster.start(TestCluster.Options.of(3, 20), dir, chain -> Stores.inMemory(),
                1)) {
            ConsensusNode leader = cluster.awaitLeader(Duration.ofSeconds(20));
            Transfers transfers = new Transfers(cluster.chain, 7);
            List<ExecutableTransaction> batch = transfers.from(List.of(0, 1, 2, 3), 5);
            List<CompletableFuture<Ordering>> ordered = cluster.node(0).submit(batch);
            for (CompletableFuture<Ordering> future : ordered) {
                assertThat(future.get(20, TimeUnit.SECONDS)).isInstanceOf(Ordering.Ordered.class);
            }
            for (ExecutableTransaction transaction : batch) {
                assertThat(cluster.node(1).whenFinal(transaction.hash()).get(20, TimeUnit.SECONDS))
                        .isInstanceOf(TransactionStatus.Final.class);
            }
            cluster.awaitSameHeight(1, Duration.ofSeconds(20));
            assertThat(leader).isNotNull();
        }
        TestCluster.assertNoVellumThreads();
    }
}
