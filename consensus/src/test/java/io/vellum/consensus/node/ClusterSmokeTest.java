package io.vellum.consensus.node;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.vellum.blockifier.block.GenesisAccount;
import io.vellum.blockifier.transaction.ExecutableTransaction;
import io.vellum.proposer.mempool.Admission;
import io.vellum.proposer.mempool.MempoolLimits;
import java.math.BigInteger;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.awaitility.Awaitility;
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

    /**
     * A node refuses what its mempool would not take, and a mempool filling with transactions behind a nonce gap
     * keeps room for the one that fills it: 27 transactions of one account wait behind its missing nonce 0 in a
     * 30-transaction mempool; a submission that would pass the bound is refused whole; past nine tenths, one more
     * behind the gap is dropped, while nonce 0 is admitted — and then all 28 become final.
     */
    @Test
    @Timeout(value = 90, unit = TimeUnit.SECONDS)
    void aFullMempoolRefusesMoreButAdmitsWhatUnblocksIt() throws Exception {
        TestCluster.Options options = TestCluster.Options.of(3, 4).withMempool(new MempoolLimits(30, 256));
        try (TestCluster cluster = TestCluster.start(options, dir, chain -> Stores.inMemory(), 2)) {
            cluster.awaitLeader(Duration.ofSeconds(20));
            GenesisAccount from = cluster.chain.account(0);
            List<ExecutableTransaction> nonces = new ArrayList<>();
            for (long nonce = 0; nonce <= 40; nonce++) {
                nonces.add(cluster.chain.transfer(from, cluster.chain.account(1).address(), BigInteger.ONE, nonce));
            }
            ConsensusNode node = cluster.node(0);
            assertOrdered(node.submit(nonces.subList(1, 21))); // nonce 0 held back: all wait behind the gap
            awaitPending(node, 20);
            assertThatThrownBy(() -> node.submit(nonces.subList(21, 36)))
                    .isInstanceOf(OverloadedException.class).hasMessageContaining("mempool");
            assertOrdered(node.submit(nonces.subList(21, 28)));
            awaitPending(node, 27);
            assertThat(node.submit(nonces.subList(28, 29)).get(0).get(20, TimeUnit.SECONDS))
                    .isInstanceOfSatisfying(Ordering.Dropped.class,
                            dropped -> assertThat(dropped.reason()).isEqualTo(Admission.MEMPOOL_FULL));
            assertOrdered(node.submit(nonces.subList(0, 1)));
            for (ExecutableTransaction transaction : nonces.subList(0, 28)) {
                assertThat(cluster.node(1).whenFinal(transaction.hash()).get(30, TimeUnit.SECONDS))
                        .isInstanceOf(TransactionStatus.Final.class);
            }
        }
        TestCluster.assertNoVellumThreads();
    }

    private static void assertOrdered(List<CompletableFuture<Ordering>> futures) throws Exception {
        for (CompletableFuture<Ordering> future : futures) {
            assertThat(future.get(20, TimeUnit.SECONDS)).isInstanceOf(Ordering.Ordered.class);
        }
    }

    private static void awaitPending(ConsensusNode node, int count) {
        Awaitility.await().atMost(Duration.ofSeconds(20))
                .until(() -> node.read(core -> core.pendingCount()).orElse(0) == count);
    }
}
