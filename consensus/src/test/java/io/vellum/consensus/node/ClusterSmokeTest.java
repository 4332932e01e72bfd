package io.vellum.consensus.node;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.vellum.blockifier.block.GenesisAccount;
import io.vellum.blockifier.transaction.ExecutableTransaction;
import io.vellum.consensus.core.CoreConfig;
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
     * A node refuses what its mempool would not take: transactions behind a nonce gap stay pending (never a
     * candidate), and once they fill most of a 30-transaction mempool, a submission that would pass it is refused
     * whole, one that fits is ordered.
     */
    @Test
    @Timeout(value = 90, unit = TimeUnit.SECONDS)
    void aNodeRefusesWhatItsMempoolWouldNotTake() throws Exception {
        TestCluster.Options options = TestCluster.Options.of(3, 4)
                .withCore(core -> new CoreConfig(core.chainId(), core.feeTokenAddress(), core.gasPrices(),
                        core.limits(), new MempoolLimits(30, 256), core.orderingPolicy(), core.schedule(),
                        core.quorum(), core.blockIntervalMs(), core.buildBudgetMs(), core.proposalTimeoutMs(),
                        core.voteResendMs()));
        try (TestCluster cluster = TestCluster.start(options, dir, chain -> Stores.inMemory(), 2)) {
            cluster.awaitLeader(Duration.ofSeconds(20));
            GenesisAccount from = cluster.chain.account(0);
            List<ExecutableTransaction> gapped = new ArrayList<>();
            for (long nonce = 1; nonce <= 35; nonce++) { // nonce 0 never sent: all wait behind the gap
                gapped.add(cluster.chain.transfer(from, cluster.chain.account(1).address(), BigInteger.ONE, nonce));
            }
            for (CompletableFuture<Ordering> future : cluster.node(0).submit(gapped.subList(0, 20))) {
                assertThat(future.get(20, TimeUnit.SECONDS)).isInstanceOf(Ordering.Ordered.class);
            }
            Awaitility.await().atMost(Duration.ofSeconds(20)).until(() -> cluster.node(0).read(
                    core -> core.pendingCount()).orElse(0) == 20);
            assertThatThrownBy(() -> cluster.node(0).submit(gapped.subList(20, 35)))
                    .isInstanceOf(OverloadedException.class).hasMessageContaining("mempool");
            for (CompletableFuture<Ordering> future : cluster.node(0).submit(gapped.subList(20, 30))) {
                assertThat(future.get(20, TimeUnit.SECONDS)).isInstanceOf(Ordering.Ordered.class);
            }
        }
        TestCluster.assertNoVellumThreads();
    }
}
