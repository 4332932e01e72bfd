package io.vellum.consensus.node;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.vellum.blockifier.crypto.Felt;
import io.vellum.blockifier.testing.TestChain;
import io.vellum.blockifier.transaction.ExecutableTransaction;
import io.vellum.consensus.faults.LinkFaults;
import io.vellum.consensus.store.CoreStore;
import io.vellum.proposer.NodeId;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.SplittableRandom;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.function.Function;
import java.util.function.Supplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The link layer in real 3-node clusters (Ratis over gRPC on 127.0.0.1, in-memory stores): partitions, a one-way
 * link, delay and loss, each followed by healing and a check that every node ends with identical blocks. A load
 * thread sends one transfer at a time from a fresh account (nonce 0), so no transfer depends on another that a fault
 * may have cost.
 */
class LinkFaultsClusterTest {
    private static final Duration WAIT = Duration.ofSeconds(40);
    private static final long SEED = 20_261_122L;

    @TempDir
    Path dir;

    private final Function<TestChain, Function<Path, CoreStore>> stores = chain -> Stores.inMemory();
    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
    private LinkFaults faults;

    @BeforeEach
    void linkLayer() {
        faults = new LinkFaults(SEED, registry);
    }

    @AfterEach
    void nothingLeftRunning() {
        faults.close();
        TestCluster.assertNoVellumThreads();
    }

    @Test
    @Timeout(value = 90, unit = TimeUnit.SECONDS)
    void anIsolatedLeaderIsReplacedStopsAdvancingAndCatchesUpToIdenticalBlocksOnceHealed() throws Exception {
        try (TestCluster cluster = TestCluster.start(TestCluster.Options.of(3, 400), dir, stores, 41, faults)) {
            ConsensusNode leader = cluster.awaitLeader(WAIT);
            List<ConsensusNode> others = others(cluster, leader);
            try (Load load = new Load(cluster, () -> others.get(0), 0)) {
                awaitUntil("first blocks", () -> minHeight(cluster.nodes()) >= 2);

                faults.isolate(leader.id());
                assertThat(faults.describe()).contains("blocked");
                awaitUntil("a new leader among the others", () -> others.stream().anyMatch(ConsensusNode::isLeader)
                        && others.stream().allMatch(n -> n.leader().filter(l -> !l.equals(leader.id())).isPresent()));
                Thread.sleep(300); // what was in flight when the cut came has landed
                long isolatedHeight = leader.finalHeight();
                long majorityHeight = maxHeight(others);
                awaitUntil("the others finalize more blocks", () -> minHeight(others) >= majorityHeight + 3);
                assertThat(leader.finalHeight()).as("the isolated node's height").isEqualTo(isolatedHeight);
                assertThat(faults.counts(leader.id(), others.get(0).id()).blocked()
                        + faults.counts(others.get(0).id(), leader.id()).blocked()).isPositive();

                faults.heal();
                assertThat(faults.activeFaults()).isEmpty();
                load.stop();
                awaitIdentical(cluster, maxHeight(others));
            }
        }
    }

    @Test
    @Timeout(value = 90, unit = TimeUnit.SECONDS)
    void aMajoritySplitLetsTheMajorityGoOnAndHoldsTheMinorityStill() throws Exception {
        try (TestCluster cluster = TestCluster.start(TestCluster.Options.of(3, 400), dir, stores, 42, faults)) {
            ConsensusNode leader = cluster.awaitLeader(WAIT);
            List<ConsensusNode> others = others(cluster, leader);
            ConsensusNode partner = others.get(0);
            ConsensusNode alone = others.get(1);
            try (Load load = new Load(cluster, () -> partner, 0)) {
                awaitUntil("first blocks", () -> minHeight(cluster.nodes()) >= 2);

                faults.partition(Set.of(leader.id(), partner.id()), Set.of(alone.id()));
                Thread.sleep(300);
                long minorityHeight = alone.finalHeight();
                long majorityHeight = maxHeight(List.of(leader, partner));
                awaitUntil("the majority finalizes more blocks",
                        () -> minHeight(List.of(leader, partner)) >= majorityHeight + 3);
                assertThat(alone.finalHeight()).as("the minority's height").isEqualTo(minorityHeight);
                assertThat(alone.isLeader()).isFalse();

                faults.heal();
                load.stop();
                awaitIdentical(cluster, maxHeight(List.of(leader, partner)));
            }
        }
    }

    @Test
    @Timeout(value = 90, unit = TimeUnit.SECONDS)
    void aOneWayCutFromTheLeaderStallsThatFollowerWhileItsOwnMessagesStillArrive() throws Exception {
        try (TestCluster cluster = TestCluster.start(TestCluster.Options.of(3, 400), dir, stores, 43, faults)) {
            ConsensusNode leader = cluster.awaitLeader(WAIT);
            List<ConsensusNode> others = others(cluster, leader);
            ConsensusNode cut = others.get(0);
            ConsensusNode sender = others.get(1);
            try (Load load = new Load(cluster, () -> sender, 0)) {
                awaitUntil("first blocks", () -> minHeight(cluster.nodes()) >= 2);

                faults.oneWay(leader.id(), cut.id());
                Thread.sleep(300);
                long cutHeight = cut.finalHeight();
                long height = maxHeight(List.of(leader, sender));
                awaitUntil("leader and sender finalize more blocks",
                        () -> minHeight(List.of(leader, sender)) >= height + 3);
                assertThat(cut.finalHeight()).as("the cut follower's height").isEqualTo(cutHeight);
                // Only the one direction is cut: the follower's own messages (pre-votes, replies) reach the leader.
                assertThat(faults.counts(leader.id(), cut.id()).blocked()).isPositive();
                assertThat(faults.counts(cut.id(), leader.id()).dropped()).isZero();

                faults.heal();
                load.stop();
                awaitIdentical(cluster, maxHeight(List.of(leader, sender)));
            }
        }
    }

    @Test
    @Timeout(value = 90, unit = TimeUnit.SECONDS)
    void delayOnEveryLinkMakesOrderingMeasurablySlowerAndLossWithASeedStillEndsIdentical() throws Exception {
        try (TestCluster cluster = TestCluster.start(TestCluster.Options.of(3, 400), dir, stores, 44, faults)) {
            ConsensusNode leader = cluster.awaitLeader(WAIT);
            ConsensusNode follower = others(cluster, leader).get(0);
            Transfers transfers = new Transfers(cluster.chain, 44);
            int[] account = {0};
            Supplier<Long> orderMs = () -> {
                ExecutableTransaction tx = transfers.next(account[0]++);
                long start = System.nanoTime();
                try {
                    Ordering ordering = follower.submit(List.of(tx)).get(0).get(20, TimeUnit.SECONDS);
                    assertThat(ordering).isInstanceOf(Ordering.Ordered.class);
                } catch (Exception e) {
                    throw new AssertionError(e);
                }
                return (System.nanoTime() - start) / 1_000_000;
            };
            orderMs.get(); // warm up
            long plain = median(orderMs, 7);
            faults.delayAll(80, 20);
            long delayed = median(orderMs, 7);
            faults.heal();
            System.out.printf("ordering through a follower: %d ms plain, %d ms with 80±20 ms per link%n", plain,
                    delayed);
            // Client -> leader, leader -> followers, an ack back, then the commit reaching the follower: at least
            // three crossings of 60+ ms each.
            assertThat(delayed).isGreaterThan(plain + 150);
            assertThat(faults.counts(leader.id(), follower.id()).delayed()).isPositive();

            faults.lossAll(0.2);
            try (Load load = new Load(cluster, () -> follower, account[0])) {
                long before = maxHeight(cluster.nodes());
                awaitUntil("progress under 20% loss", () -> minHeight(cluster.nodes()) >= before + 3);
                faults.heal();
                load.stop();
            }
            long lost = 0;
            for (ConsensusNode from : cluster.nodes()) {
                for (ConsensusNode to : cluster.nodes()) {
                    if (from != to) {
                        lost += faults.counts(from.id(), to.id()).lost();
                    }
                }
            }
            assertThat(lost).as("messages lost").isPositive();
            awaitIdentical(cluster, maxHeight(cluster.nodes()));
        }
    }

    /**
     * As nodes in processes of their own run it: each node has its own {@link LinkFaults} and every command goes to
     * all of them (what a harness does through the fault service). Each enforces only the links that touch its node,
     * and together they cut the leader off as one shared instance does.
     */
    @Test
    @Timeout(value = 90, unit = TimeUnit.SECONDS)
    void oneLinkLayerPerNodeGivenTheSameCommandsIsolatesTheLeaderToo() throws Exception {
        Map<NodeId, LinkFaults> layers = new ConcurrentHashMap<>();
        try (TestCluster cluster = TestCluster.startWithLinkLayers(TestCluster.Options.of(3, 400), dir, stores, 46,
                id -> layers.computeIfAbsent(id, i -> new LinkFaults(SEED, new SimpleMeterRegistry())))) {
            ConsensusNode leader = cluster.awaitLeader(WAIT);
            List<ConsensusNode> others = others(cluster, leader);
            assertThat(layers.values()).allSatisfy(layer -> assertThat(layer.nodes()).hasSize(3));
            try (Load load = new Load(cluster, () -> others.get(0), 0)) {
                awaitUntil("first blocks", () -> minHeight(cluster.nodes()) >= 2);

                layers.values().forEach(layer -> layer.isolate(leader.id()));
                awaitUntil("a new leader among the others", () -> others.stream().anyMatch(ConsensusNode::isLeader)
                        && others.stream().allMatch(n -> n.leader().filter(l -> !l.equals(leader.id())).isPresent()));
                Thread.sleep(300);
                long isolatedHeight = leader.finalHeight();
                long majorityHeight = maxHeight(others);
                awaitUntil("the others finalize more blocks", () -> minHeight(others) >= majorityHeight + 3);
                assertThat(leader.finalHeight()).as("the isolated node's height").isEqualTo(isolatedHeight);
                // The leader's own layer dropped what reached it; the others' layers what reached them from it.
                NodeId other = others.get(0).id();
                assertThat(layers.get(leader.id()).counts(other, leader.id()).blocked()).isPositive();
                assertThat(layers.get(other).counts(leader.id(), other).blocked()).isPositive();

                layers.values().forEach(LinkFaults::heal);
                load.stop();
                awaitIdentical(cluster, maxHeight(others));
            }
        } finally {
            layers.values().forEach(LinkFaults::close);
        }
    }

    /**
     * A seeded sequence of faults (isolations, 2|1 splits, one-way cuts, delay, loss, bandwidth caps), each held a
     * few seconds under load through every node, then healed: every acknowledged transaction ends final exactly once
     * and every node holds the same blocks. The seed is printed; a failure replays its fault sequence.
     */
    @Test
    @Tag(TestCluster.LONG_TAG)
    @Timeout(value = 300, unit = TimeUnit.SECONDS)
    void aSeededSequenceOfFaultsLosesNoAcknowledgedTransactionAndEndsIdentical() throws Exception {
        long seed = Long.getLong("vellum.faults.seed", SEED);
        System.out.println("fault sequence seed " + seed);
        SplittableRandom random = new SplittableRandom(seed);
        try (TestCluster cluster = TestCluster.start(TestCluster.Options.of(3, 1_200), dir, Stores::rocks, 45,
                faults)) {
            cluster.awaitLeader(WAIT);
            List<ConsensusNode> nodes = cluster.nodes();
            List<NodeId> ids = nodes.stream().map(ConsensusNode::id).toList();
            Load load = new Load(cluster, () -> nodes.get(random.nextInt(nodes.size())), 0);
            try {
                for (int step = 0; step < 8; step++) {
                    NodeId a = ids.get(random.nextInt(3));
                    NodeId b = ids.get((ids.indexOf(a) + 1 + random.nextInt(2)) % 3);
                    switch (random.nextInt(6)) {
                        case 0 -> faults.isolate(a);
                        case 1 -> faults.partition(Set.of(a, b), Set.copyOf(
                                ids.stream().filter(n -> !n.equals(a) && !n.equals(b)).toList()));
                        case 2 -> faults.oneWay(a, b);
                        case 3 -> faults.delayAll(10 + random.nextInt(70), random.nextInt(10));
                        case 4 -> faults.lossAll(0.05 + random.nextDouble() * 0.25);
                        default -> {
                            for (NodeId from : ids) {
                                for (NodeId to : ids) {
                                    if (!from.equals(to)) {
                                        faults.bandwidth(from, to, 50_000 + random.nextInt(150_000));
                                    }
                                }
                            }
                        }
                    }
                    System.out.printf("step %d: %s%n", step, faults.describe());
                    Thread.sleep(2_000 + random.nextInt(3_000));
                    faults.heal();
                    Thread.sleep(1_000);
                }
            } finally {
                faults.heal();
                load.stop();
            }
            Set<Felt> acknowledged = load.acknowledged();
            assertThat(acknowledged).as("acknowledged transfers").isNotEmpty();
            for (ConsensusNode node : nodes) {
                for (Felt hash : acknowledged) {
                    assertThat(node.whenFinal(hash).get(60, TimeUnit.SECONDS))
                            .isInstanceOf(TransactionStatus.Final.class);
                }
            }
            awaitIdentical(cluster, maxHeight(nodes));
            Map<Felt, Long> heightOf = new HashMap<>();
            Stores.blocks(nodes.get(0).store()).forEach((height, block) -> {
                for (Felt hash : block.transactions()) {
                    assertThat(heightOf.put(hash, height)).as("%s in two blocks", hash).isNull();
                }
            });
            assertThat(heightOf.keySet()).containsAll(acknowledged);
            System.out.printf("%d transfers acknowledged, %d blocks%n", acknowledged.size(), maxHeight(nodes));
        }
    }

    // -------------------------------------------------------------------------------------------------------------

    private static List<ConsensusNode> others(TestCluster cluster, ConsensusNode leader) {
        return cluster.nodes().stream().filter(n -> n != leader).toList();
    }

    private static long minHeight(List<ConsensusNode> nodes) {
        return nodes.stream().mapToLong(ConsensusNode::finalHeight).min().orElseThrow();
    }

    private static long maxHeight(List<ConsensusNode> nodes) {
        return nodes.stream().mapToLong(ConsensusNode::finalHeight).max().orElseThrow();
    }

    private static long median(Supplier<Long> sample, int count) {
        List<Long> samples = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            samples.add(sample.get());
        }
        samples.sort(null);
        return samples.get(count / 2);
    }

    private void awaitUntil(String what, BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("not within " + WAIT + ": " + what + " (faults: " + faults.describe() + ")");
            }
            Thread.sleep(20);
        }
    }

    /** Every node reaches the same height (at least {@code height}) and holds the same final blocks. */
    private static void awaitIdentical(TestCluster cluster, long height) throws InterruptedException {
        long top = cluster.awaitSameHeight(height, WAIT);
        TreeMap<Long, Stores.BlockDigest> reference = null;
        for (ConsensusNode node : cluster.nodes()) {
            TreeMap<Long, Stores.BlockDigest> blocks = Stores.blocks(node.store());
            assertThat(blocks.lastKey()).isEqualTo(top);
            if (reference == null) {
                reference = blocks;
            } else {
                assertThat(blocks).as("%s's blocks", node.id()).isEqualTo(reference);
            }
        }
    }

    /** One transfer every 50 ms from the next fresh account, through a node the test picks. */
    private static final class Load implements AutoCloseable {
        private final Thread thread;
        private final Map<Felt, CompletableFuture<Ordering>> ordering = new ConcurrentHashMap<>();
        private volatile boolean running = true;

        Load(TestCluster cluster, Supplier<ConsensusNode> target, int firstAccount) {
            Transfers transfers = new Transfers(cluster.chain, 7);
            int accounts = cluster.chain.genesis.accounts().size();
            this.thread = new Thread(() -> {
                for (int account = firstAccount; running && account < accounts; account++) {
                    ExecutableTransaction tx = transfers.next(account);
                    try {
                        ordering.put(tx.hash(), target.get().submit(List.of(tx)).get(0));
                        Thread.sleep(50);
                    } catch (OverloadedException | NodeStateException e) {
                        // skip this one
                    } catch (InterruptedException e) {
                        return;
                    }
                }
            }, "test-load");
            thread.start();
        }

        /** The transfers ordered (acknowledged); waits for every ordering to settle. */
        Set<Felt> acknowledged() throws Exception {
            Set<Felt> out = new HashSet<>();
            for (Map.Entry<Felt, CompletableFuture<Ordering>> entry : ordering.entrySet()) {
                try {
                    if (entry.getValue().get(60, TimeUnit.SECONDS) instanceof Ordering.Ordered) {
                        out.add(entry.getKey());
                    }
                } catch (ExecutionException notOrdered) {
                    assertThat(notOrdered.getCause()).isInstanceOf(NotOrderedException.class);
                }
            }
            return out;
        }

        void stop() {
            running = false;
            thread.interrupt();
            try {
                thread.join(10_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }

        @Override
        public void close() {
            stop();
        }
    }
}
