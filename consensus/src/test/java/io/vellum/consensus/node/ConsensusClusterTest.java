package io.vellum.consensus.node;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.Counter;
import io.vellum.blockifier.block.GenesisAccount;
import io.vellum.blockifier.crypto.Felt;
import io.vellum.blockifier.transaction.ExecutableTransaction;
import io.vellum.consensus.core.Notification;
import io.vellum.consensus.store.CoreStore;
import io.vellum.proposer.NodeId;
import io.vellum.proposer.builder.ProposerFault;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Function;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import io.vellum.blockifier.core.BlockNumber;
import io.vellum.storage.BlockCommitment;
import io.vellum.storage.ProverJob;
import io.vellum.storage.Store;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Real Vellum clusters in one JVM: Ratis over gRPC on 127.0.0.1, real block execution with signed transfers. Each
 * test bounds its time and its transaction count, and checks the invariants at the end: every acknowledged
 * transaction final exactly once, every node's blocks, receipts, state diffs and state identical.
 *
 * <p>The longer ones are tagged {@value TestCluster#LONG_TAG} and run with {@code -Pcluster-tests} (the module's
 * default tests stay within a few minutes): {@code mvn -B -pl consensus -am verify -Pcluster-tests}.
 */
class ConsensusClusterTest {
    private static final Duration LONG = Duration.ofSeconds(60);

    @TempDir
    Path dir;

    private final Function<io.vellum.blockifier.testing.TestChain, Function<Path, CoreStore>> stores = Stores::rocks;

    @AfterEach
    void nothingLeftRunning() {
        TestCluster.assertNoVellumThreads();
    }

    @Test
    @Tag(TestCluster.LONG_TAG)
    @Timeout(value = 180, unit = TimeUnit.SECONDS)
    void thousandsOfTransfersThroughEveryNodeEndFinalExactlyOnceAndIdenticalEverywhere() throws Exception {
        int accounts = 150;
        int perAccount = 20;
        try (TestCluster cluster = TestCluster.start(TestCluster.Options.of(3, accounts).withSequencers(), dir, stores,
                11)) {
            cluster.awaitLeader(LONG);
            Transfers transfers = new Transfers(cluster.chain, 5);
            // Each node takes the accounts i mod 3 = its index, sent concurrently, in slices.
            List<List<ExecutableTransaction>> perNode = new ArrayList<>();
            for (int n = 0; n < 3; n++) {
                int node = n;
                perNode.add(transfers.from(IntStream.range(0, accounts).filter(a -> a % 3 == node).boxed().toList(),
                        perAccount));
            }
            Map<Felt, CompletableFuture<Ordering>> ordering = new ConcurrentHashMap<>();
            List<CompletableFuture<Void>> senders = new ArrayList<>();
            for (int n = 0; n < 3; n++) {
                ConsensusNode node = cluster.node(n);
                List<ExecutableTransaction> mine = perNode.get(n);
                senders.add(TestCluster.inThread(() -> sendInSlices(node, mine, 50, ordering)));
            }
            senders.forEach(CompletableFuture::join);

            Set<Felt> acknowledged = acknowledged(ordering);
            assertThat(acknowledged).hasSize(accounts * perAccount);
            awaitAllFinal(cluster, acknowledged);
            assertIdenticalAndExactlyOnce(cluster, acknowledged);
            assertCommittedAndProvenEverywhere(cluster);
        }
    }

    @Test
    @Timeout(value = 180, unit = TimeUnit.SECONDS)
    void afterTheLeaderIsKilledANewLeaderCarriesOnAndEveryAcknowledgedTransactionEndsFinalOnce() throws Exception {
        int accounts = 60;
        try (TestCluster cluster = TestCluster.start(TestCluster.Options.of(3, accounts).withSequencers(), dir, stores,
                12)) {
            ConsensusNode leader = cluster.awaitLeader(LONG);
            List<ConsensusNode> followers = cluster.nodes().stream().filter(n -> n != leader).toList();
            Transfers transfers = new Transfers(cluster.chain, 6);
            Map<Felt, CompletableFuture<Ordering>> ordering = new ConcurrentHashMap<>();
            List<Long> finalAtMs = new CopyOnWriteArrayList<>();
            followers.get(0).addListener(n -> {
                if (n instanceof Notification.BlockFinalized) {
                    finalAtMs.add(System.currentTimeMillis());
                }
            });
            // Through the followers only, so no account's nonces depend on a batch the dying leader held.
            long killAtMs = 0;
            for (int round = 0; round < 20; round++) {
                for (int f = 0; f < 2; f++) {
                    int node = f;
                    List<Integer> mine = IntStream.range(0, accounts).filter(a -> a % 2 == node).boxed().toList();
                    send(followers.get(f), transfers.from(mine, 1), ordering);
                }
                if (round == 8) {
                    killAtMs = System.currentTimeMillis();
                    cluster.kill(leader);
                }
                Thread.sleep(100);
            }
            Set<Felt> acknowledged = acknowledged(ordering);
            assertThat(acknowledged).hasSize(accounts * 20);
            awaitAllFinal(cluster, acknowledged);
            assertIdenticalAndExactlyOnce(cluster, acknowledged);
            long kill = killAtMs;
            long firstAfter = finalAtMs.stream().filter(t -> t > kill).findFirst().orElseThrow();
            System.out.printf("leader killed: next final block after %d ms%n", firstAfter - kill);
            assertCommittedAndProvenEverywhere(cluster);
            assertThat(cluster.awaitLeader(LONG).id()).isNotEqualTo(leader.id());
        }
    }

    @Test
    @Tag(TestCluster.LONG_TAG)
    @Timeout(value = 180, unit = TimeUnit.SECONDS)
    void aFollowerStoppedPastSnapshotsAndPurgedLogCatchesUpByInstallingASnapshot() throws Exception {
        int accounts = 40;
        RatisSettings ratis = RatisSettings.DEFAULT.withSnapshots(40, 8, 64 * 1024);
        try (TestCluster cluster = TestCluster.start(TestCluster.Options.of(3, accounts).withRatis(ratis), dir,
                stores, 13)) {
            ConsensusNode leader = cluster.awaitLeader(LONG);
            ConsensusNode stopped = cluster.nodes().stream().filter(n -> n != leader).findFirst().orElseThrow();
            NodeId stoppedId = stopped.id();
            ConsensusNode sender = cluster.nodes().stream().filter(n -> n != leader && n != stopped).findFirst()
                    .orElseThrow();
            Transfers transfers = new Transfers(cluster.chain, 7);
            Map<Felt, CompletableFuture<Ordering>> ordering = new ConcurrentHashMap<>();
            List<Integer> all = IntStream.range(0, accounts).boxed().toList();
            send(sender, transfers.from(all, 1), ordering);
            cluster.awaitSameHeight(1, LONG);
            cluster.kill(stopped);
            // Many small batches: hundreds of log entries, several snapshots, the log purged past the follower.
            for (int round = 0; round < 40; round++) {
                for (int a = 0; a < accounts; a += 8) {
                    send(sender, transfers.from(all.subList(a, a + 8), 1), ordering);
                }
                Thread.sleep(25);
            }
            Set<Felt> acknowledged = acknowledged(ordering);
            awaitAllFinal(cluster, acknowledged);
            assertThat(cluster.meters.find("vellum.snapshots").tag("kind", "taken").counters().stream()
                    .mapToDouble(Counter::count).sum()).isGreaterThan(0);

            ConsensusNode restarted = cluster.restart(stoppedId);
            cluster.awaitSameHeight(cluster.node(indexOf(sender)).finalHeight(), LONG);
            assertThat(cluster.meters.get("vellum.snapshots").tag("kind", "installed")
                    .tag("node", stoppedId.value()).counter().count()).isGreaterThanOrEqualTo(1);
            // It takes part again: more transfers end final on it too.
            send(sender, transfers.from(all, 1), ordering);
            Set<Felt> more = acknowledged(ordering);
            awaitAllFinal(cluster, more);
            assertIdenticalAndExactlyOnce(cluster, more);
            assertThat(restarted.finalHeight()).isEqualTo(sender.finalHeight());
        }
    }

    @Test
    @Tag(TestCluster.LONG_TAG)
    @Timeout(value = 120, unit = TimeUnit.SECONDS)
    void aRestartedFollowerSkipsWhatItsStoreHoldsAndCatchesUpFromTheLog() throws Exception {
        int accounts = 20;
        try (TestCluster cluster = TestCluster.start(TestCluster.Options.of(3, accounts), dir, stores, 16)) {
            ConsensusNode leader = cluster.awaitLeader(LONG);
            ConsensusNode follower = cluster.nodes().stream().filter(n -> n != leader).findFirst().orElseThrow();
            NodeId followerId = follower.id();
            Transfers transfers = new Transfers(cluster.chain, 10);
            Map<Felt, CompletableFuture<Ordering>> ordering = new ConcurrentHashMap<>();
            List<Integer> all = IntStream.range(0, accounts).boxed().toList();
            send(leader, transfers.from(all, 2), ordering);
            awaitAllFinal(cluster, acknowledged(ordering));
            long heightBefore = follower.finalHeight();
            cluster.kill(follower);
            send(leader, transfers.from(all, 2), ordering);
            awaitAllFinal(cluster, acknowledged(ordering));

            // No snapshot yet: Ratis replays from index 1; the store already holds the first entries.
            ConsensusNode restarted = cluster.restart(followerId);
            assertThat(restarted.finalHeight()).isEqualTo(heightBefore);
            send(leader, transfers.from(all, 1), ordering);
            Set<Felt> acknowledged = acknowledged(ordering);
            awaitAllFinal(cluster, acknowledged);
            assertIdenticalAndExactlyOnce(cluster, acknowledged);
            assertThat(cluster.meters.get("vellum.snapshots").tag("kind", "installed").tag("node", followerId.value())
                    .counter().count()).isZero();
        }
    }

    @Test
    @Tag(TestCluster.LONG_TAG)
    @Timeout(value = 180, unit = TimeUnit.SECONDS)
    void aNodeAddedAtRuntimeCatchesUpAndItsApprovalsCountThenItIsRemoved() throws Exception {
        int accounts = 30;
        try (TestCluster cluster = TestCluster.start(TestCluster.Options.of(3, accounts), dir, stores, 14)) {
            ConsensusNode leader = cluster.awaitLeader(LONG);
            Transfers transfers = new Transfers(cluster.chain, 8);
            Map<Felt, CompletableFuture<Ordering>> ordering = new ConcurrentHashMap<>();
            List<Integer> all = IntStream.range(0, accounts).boxed().toList();
            for (int round = 0; round < 5; round++) {
                send(leader, transfers.from(all, 1), ordering);
            }
            awaitAllFinal(cluster, acknowledged(ordering));

            ConsensusNode joiner = cluster.startJoiner(3);
            List<Notification.Voted> joinerVotes = new CopyOnWriteArrayList<>();
            joiner.addListener(n -> {
                if (n instanceof Notification.Voted voted) {
                    joinerVotes.add(voted);
                }
            });
            leader.addMember(joiner.config().peer(), joiner.config().member(), LONG);
            assertThat(leader.replicatedState().orElseThrow().voterIds()).contains(joiner.id());

            // With 4 voters the quorum is 3: stop an original follower, and finality needs the joiner's approval.
            ConsensusNode stop = cluster.nodes().stream().filter(n -> n != leader && n != joiner).findFirst()
                    .orElseThrow();
            cluster.kill(stop);
            for (int round = 0; round < 3; round++) {
                send(leader, transfers.from(all, 1), ordering);
            }
            Set<Felt> acknowledged = acknowledged(ordering);
            awaitAllFinal(cluster, acknowledged);
            assertIdenticalAndExactlyOnce(cluster, acknowledged);
            assertThat(joinerVotes).isNotEmpty().allMatch(Notification.Voted::approve);

            // Removed again: its votes stop counting, Raft forgets it, the chain goes on without it.
            leader.removeMember(joiner.id(), LONG);
            assertThat(leader.replicatedState().orElseThrow().voterIds()).doesNotContain(joiner.id());
            assertThat(leader.raftPeers()).extracting(Peer::id).doesNotContain(joiner.id());
            cluster.kill(joiner);
            send(leader, transfers.from(all, 1), ordering);
            Set<Felt> more = acknowledged(ordering);
            awaitAllFinal(cluster, more);
            assertIdenticalAndExactlyOnce(cluster, more);
        }
    }

    static Stream<ProposerFault> lies() {
        return Stream.of(new ProposerFault.WrongResult(), new ProposerFault.Reorder(), null /* censor: needs chain */);
    }

    @ParameterizedTest
    @MethodSource("lies")
    @Timeout(value = 120, unit = TimeUnit.SECONDS)
    void aLyingProposerIsRejectedLosesItsTurnAndTheChainGoesOn(ProposerFault given) throws Exception {
        int accounts = 12;
        TestCluster.Options options = TestCluster.Options.of(3, accounts);
        // The censored account is account 0 of the test chain: its address is known before the cluster starts.
        ProposerFault fault = given != null ? given : new ProposerFault.Censor(
                io.vellum.blockifier.testing.TestChain.create(1).account(0).address());
        try (TestCluster cluster = TestCluster.start(options.withFault(0, fault), dir, stores, 15)) {
            ConsensusNode leader = cluster.awaitLeader(LONG);
            ConsensusNode liar = cluster.node(0);
            if (leader != liar) {
                leader.transferLeadership(liar.id(), Duration.ofSeconds(10));
            }
            List<Notification> seen = new CopyOnWriteArrayList<>();
            cluster.node(1).addListener(seen::add);
            Transfers transfers = new Transfers(cluster.chain, 9);
            Map<Felt, CompletableFuture<Ordering>> ordering = new ConcurrentHashMap<>();
            List<Integer> all = IntStream.range(0, accounts).boxed().toList();
            for (int round = 0; round < 4; round++) {
                send(cluster.node(1), transfers.from(all, 1), ordering);
                Thread.sleep(100);
            }
            Set<Felt> acknowledged = acknowledged(ordering);
            awaitAllFinal(cluster, acknowledged);
            assertIdenticalAndExactlyOnce(cluster, acknowledged);

            List<Notification.ProposalDiscarded> discarded = seen.stream()
                    .filter(Notification.ProposalDiscarded.class::isInstance)
                    .map(Notification.ProposalDiscarded.class::cast).toList();
            assertThat(discarded).as("the liar's proposals are discarded").isNotEmpty()
                    .allMatch(d -> d.proposer().equals(liar.id()));
            assertThat(seen.stream().filter(Notification.BlockFinalized.class::isInstance)
                    .map(Notification.BlockFinalized.class::cast))
                    .as("no block of the liar is final").isNotEmpty()
                    .noneMatch(b -> b.proposer().equals(liar.id()));
            assertThat(cluster.awaitLeader(LONG).id()).as("leadership moved").isNotEqualTo(liar.id());
        }
    }

    // -------------------------------------------------------------------------------------------------------------

    private static int indexOf(ConsensusNode node) {
        return Integer.parseInt(node.id().value().substring(1));
    }

    private static void sendInSlices(ConsensusNode node, List<ExecutableTransaction> transactions, int slice,
            Map<Felt, CompletableFuture<Ordering>> ordering) {
        for (int from = 0; from < transactions.size(); from += slice) {
            send(node, transactions.subList(from, Math.min(transactions.size(), from + slice)), ordering);
        }
    }

    private static void send(ConsensusNode node, List<ExecutableTransaction> transactions,
            Map<Felt, CompletableFuture<Ordering>> ordering) {
        for (int attempt = 0; ; attempt++) {
            try {
                List<CompletableFuture<Ordering>> futures = node.submit(transactions);
                for (int i = 0; i < transactions.size(); i++) {
                    ordering.put(transactions.get(i).hash(), futures.get(i));
                }
                return;
            } catch (OverloadedException e) {
                if (attempt > 500) {
                    throw new AssertionError(e);
                }
                try {
                    Thread.sleep(10);
                } catch (InterruptedException interrupted) {
                    throw new AssertionError(interrupted);
                }
            }
        }
    }

    /** The transactions acknowledged (ordered); waits for every future to settle. */
    private static Set<Felt> acknowledged(Map<Felt, CompletableFuture<Ordering>> ordering) throws Exception {
        Set<Felt> out = new HashSet<>();
        for (Map.Entry<Felt, CompletableFuture<Ordering>> entry : ordering.entrySet()) {
            try {
                if (entry.getValue().get(60, TimeUnit.SECONDS) instanceof Ordering.Ordered) {
                    out.add(entry.getKey());
                }
            } catch (ExecutionException notOrdered) {
                assertThat(notOrdered.getCause()).isInstanceOf(NotOrderedException.class);
            } catch (TimeoutException e) {
                throw new AssertionError("ordering of " + entry.getKey() + " never settled", e);
            }
        }
        return out;
    }

    /** Waits until every running node holds every acknowledged transaction final, at the same height. */
    private static void awaitAllFinal(TestCluster cluster, Set<Felt> acknowledged) throws Exception {
        long deadline = System.nanoTime() + LONG.toNanos();
        for (ConsensusNode node : cluster.nodes()) {
            for (Felt hash : acknowledged) {
                while (node.status(hash) instanceof TransactionStatus.Pending
                        || node.status(hash) instanceof TransactionStatus.Unknown) {
                    if (System.nanoTime() > deadline) {
                        throw new AssertionError(node.id() + ": " + hash + " is " + node.status(hash)
                                + " at height " + node.finalHeight());
                    }
                    Thread.sleep(10);
                }
            }
        }
        long top = cluster.nodes().stream().mapToLong(ConsensusNode::finalHeight).max().orElseThrow();
        cluster.awaitSameHeight(top, LONG);
    }

    /**
     * Every node's store holds the same final blocks (commitments, transactions, receipts, state diffs), every
     * acknowledged transaction is in exactly one of them, and no transaction is in two.
     */
    private static void assertIdenticalAndExactlyOnce(TestCluster cluster, Set<Felt> acknowledged) {
        TreeMap<Long, Stores.BlockDigest> reference = null;
        NodeId referenceId = null;
        for (ConsensusNode node : cluster.nodes()) {
            TreeMap<Long, Stores.BlockDigest> blocks = Stores.blocks(node.store());
            assertThat(blocks.keySet()).as("%s holds heights 1..%d", node.id(), node.finalHeight())
                    .containsExactlyElementsOf(LongRange.of(1, node.finalHeight()));
            if (reference == null) {
                reference = blocks;
                referenceId = node.id();
            } else {
                assertThat(blocks).as("%s holds the blocks %s holds", node.id(), referenceId).isEqualTo(reference);
            }
        }
        Map<Felt, Long> heightOf = new HashMap<>();
        for (Map.Entry<Long, Stores.BlockDigest> entry : reference.entrySet()) {
            for (Felt hash : entry.getValue().transactions()) {
                Long before = heightOf.put(hash, entry.getKey());
                assertThat(before).as("%s in two blocks", hash).isNull();
            }
        }
        assertThat(heightOf.keySet()).as("every acknowledged transaction included").containsAll(acknowledged);
        // The state after the head is the same everywhere (balances and nonces of every account).
        List<String> states = new ArrayList<>();
        for (ConsensusNode node : cluster.nodes()) {
            long head = node.finalHeight();
            states.add(node.store().withStateAfter(head, reader -> {
                StringBuilder out = new StringBuilder();
                for (GenesisAccount account : cluster.chain.genesis.accounts()) {
                    out.append(reader.nonceAt(account.address())).append(':')
                            .append(cluster.chain.balance(reader, account.address())).append(';');
                }
                return out.toString();
            }));
        }
        assertThat(states.stream().distinct()).as("state after the head").hasSize(1);
    }

    /**
     * Every running node's committer has recorded a state root and block hash for every final block, the same on
     * every node, and every block's proving job (genesis's too) is proven: the committer enqueues jobs in height
     * order, so the lowest unproven height being one past the head means all were proven, none skipped.
     */
    private static void assertCommittedAndProvenEverywhere(TestCluster cluster) throws InterruptedException {
        long head = cluster.nodes().stream().mapToLong(ConsensusNode::finalHeight).max().orElseThrow();
        List<List<BlockCommitment>> commitments = new ArrayList<>();
        for (ConsensusNode node : cluster.nodes()) {
            SequencerNode whole = cluster.sequencer(node);
            Store store = whole.chain().store();
            long deadline = System.nanoTime() + LONG.toNanos();
            while (store.committedHeight().map(BlockNumber::value).orElse(-1L) < head
                    || store.proverLowestUnproven().value() <= head) {
                if (System.nanoTime() > deadline) {
                    throw new AssertionError(node.id() + ": committed " + store.committedHeight() + ", lowest unproven "
                            + store.proverLowestUnproven() + ", head " + head + ", committer failure "
                            + whole.committer().failure());
                }
                Thread.sleep(20);
            }
            List<BlockCommitment> mine = new ArrayList<>();
            for (long height = 0; height <= head; height++) {
                BlockNumber number = new BlockNumber(height);
                mine.add(store.commitment(number).orElseThrow(() -> new AssertionError(node.id() + ": no commitment "
                        + "at " + number)));
                ProverJob job = store.proverJob(number).orElseThrow();
                assertThat(job.status()).as("%s: job %d", node.id(), height).isEqualTo(ProverJob.Status.PROVEN);
            }
            assertThat(whole.committer().failure()).isEmpty();
            commitments.add(mine);
        }
        assertThat(commitments.stream().distinct()).as("state roots and block hashes on every node").hasSize(1);
        assertThat(commitments.get(0).stream().map(BlockCommitment::blockHash).distinct()).hasSize((int) head + 1);
    }

    private static final class LongRange {
        static List<Long> of(long from, long to) {
            List<Long> out = new ArrayList<>();
            for (long i = from; i <= to; i++) {
                out.add(i);
            }
            return out;
        }
    }
}
