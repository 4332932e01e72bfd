package io.vellum.consensus.core;

import static org.assertj.core.api.Assertions.assertThat;

import io.vellum.blockifier.block.BlockLimits;
import io.vellum.blockifier.block.GenesisAccount;
import io.vellum.blockifier.commitment.StarknetVersion;
import io.vellum.blockifier.core.ContractAddress;
import io.vellum.blockifier.crypto.Ecdsa;
import io.vellum.blockifier.crypto.Felt;
import io.vellum.blockifier.execution.ExecutionConfig;
import io.vellum.blockifier.execution.Receipt;
import io.vellum.blockifier.state.InMemoryState;
import io.vellum.blockifier.state.StateReader;
import io.vellum.blockifier.testing.Samples;
import io.vellum.blockifier.testing.TestChain;
import io.vellum.blockifier.transaction.ExecutableTransaction;
import io.vellum.blockifier.transaction.InvokeTransaction;
import io.vellum.blockifier.contracts.Multicall;
import io.vellum.blockifier.core.Nonce;
import io.vellum.consensus.entry.LogEntry;
import io.vellum.consensus.entry.Member;
import io.vellum.consensus.entry.TransactionBatch;
import io.vellum.proposer.NodeId;
import io.vellum.proposer.builder.BlockProducer;
import io.vellum.proposer.builder.Deadline;
import io.vellum.proposer.mempool.MempoolLimits;
import io.vellum.proposer.mempool.PendingTransaction;
import io.vellum.proposer.ordering.OrderingPolicy;
import io.vellum.proposer.schedule.ProposerSchedule;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The protocol core under a seeded, deterministic simulation: several cores, one simulated Raft log, random leader
 * changes (losing entries in flight), random delays before submitted entries reach the log, nodes applying at
 * their own pace, crashes that restart a node from what it stored, and clients sending transactions through any
 * node (some twice, some with bad nonces). The blocks are real: the blockifier executes them.
 *
 * <p>After every step: at most one final block per height, and every node's final blocks, receipts and state
 * diffs identical; no transaction in two final blocks; no node halted. After the faulty phase, a calm phase (one
 * stable leader, nothing lost) must make every acknowledged transaction final (included or rejected) exactly once.
 *
 * <p>A failure prints its seed; {@code -Dvellum.seed=N} replays other samples.
 */
class SequencerSimulationTest {
    private static final int SEEDS = Integer.getInteger("vellum.simulation.seeds", 200);

    static Stream<Long> seeds() {
        return Samples.stream("sequencer-simulation", SEEDS, SplittableRandom::nextLong);
    }

    @ParameterizedTest
    @MethodSource("seeds")
    void safetyUnderFaultsThenLiveness(long seed) {
        Simulation simulation = new Simulation(seed);
        simulation.run(220, true);
        simulation.run(1500, false);
        simulation.checkAllAcknowledgedTransactionsFinalOnce();
        assertThat(simulation.maxFinalHeight()).as("seed %d made progress", seed).isGreaterThan(0);
    }

    // -------------------------------------------------------------------------------------------------------------

    /** One node: its core, and what it stored (as a RocksDB store would, one atomic write per applied entry). */
    private static final class SimNode implements ChainView {
        final NodeId id;
        final Felt privateKey;
        SequencerCore core;
        boolean crashed;
        // The store.
        long storedIndex;
        ReplicatedState storedState;
        final TreeMap<Long, List<PendingTransaction>> storedPending = new TreeMap<>(); // by log index, in order
        final Map<Long, FinalBlock> finals = new HashMap<>();
        final Map<Long, InMemoryState> statesAfter = new HashMap<>();
        final Set<Felt> finalHashes = new HashSet<>();
        final List<BuildTask> builds = new ArrayList<>();
        long checkedHeight;

        SimNode(NodeId id, Felt privateKey, InMemoryState genesis, ReplicatedState initial) {
            this.id = id;
            this.privateKey = privateKey;
            this.statesAfter.put(0L, genesis);
            this.storedState = initial;
        }

        @Override
        public <T> T withStateAfter(long height, java.util.function.Function<StateReader, T> reading) {
            return reading.apply(stateAfter(height));
        }

        InMemoryState stateAfter(long height) {
            InMemoryState state = statesAfter.get(height);
            if (state == null) {
                throw new IllegalStateException(id + " has no state after height " + height);
            }
            return state;
        }

        @Override
        public boolean isFinal(Felt transactionHash) {
            return finalHashes.contains(transactionHash);
        }

        void commit(long index, StoreWrites writes) {
            storedIndex = index;
            if (!writes.admitted().isEmpty()) {
                storedPending.put(index, new ArrayList<>(writes.admitted()));
            }
            if (!writes.removed().isEmpty()) {
                Set<Felt> removed = new HashSet<>(writes.removed());
                for (Iterator<List<PendingTransaction>> it = storedPending.values().iterator(); it.hasNext(); ) {
                    List<PendingTransaction> list = it.next();
                    list.removeIf(p -> removed.contains(p.hash()));
                    if (list.isEmpty()) {
                        it.remove();
                    }
                }
            }
            writes.finalBlock().ifPresent(block -> {
                InMemoryState next = statesAfter.get(block.height() - 1).copy();
                next.apply(block.built().block().stateDiff());
                statesAfter.put(block.height(), next);
                finals.put(block.height(), block);
                finalHashes.addAll(block.built().block().transactionHashes());
            });
            writes.state().ifPresent(state -> storedState = state);
        }

        List<PendingTransaction> storedPending() {
            List<PendingTransaction> out = new ArrayList<>();
            storedPending.values().forEach(out::addAll);
            return out;
        }
    }

    private record InFlight(LogEntry entry, long deliverAtMs, long term) {
    }

    /** A transaction a client got acknowledged (its batch applied and it admitted). */
    private record Acknowledged(Felt hash, NodeId via) {
    }

    private static final class Simulation {
        final long seed;
        final SplittableRandom random;
        final TestChain chain;
        final CoreConfig config;
        final BlockProducer producer;
        final List<SimNode> nodes = new ArrayList<>();
        final List<LogEntry> log = new ArrayList<>();
        final List<InFlight> inFlight = new ArrayList<>();
        long nowMs = 1_700_000_000_000L;
        long term = 1;
        NodeId leader;
        boolean leaderAnnounced;
        final Map<Felt, Long> finalHeightOfTransaction = new HashMap<>();
        final Map<Long, Felt> commitmentAtHeight = new HashMap<>();
        final Map<Long, List<Receipt>> receiptsAtHeight = new HashMap<>();
        final Map<Felt, Acknowledged> acknowledged = new HashMap<>();
        final Map<Felt, Long> rejectedAtHeight = new HashMap<>();
        final List<ExecutableTransaction> sent = new ArrayList<>();
        final long[] nextNonce;
        final List<GenesisAccount> accounts;

        Simulation(long seed) {
            this.seed = seed;
            this.random = new SplittableRandom(seed);
            int accountCount = 4 + random.nextInt(4);
            this.chain = TestChain.create(accountCount, TestChain.DEFAULT_BALANCE,
                    ExecutionConfig.DEFAULT.withSignatureChecks(false));
            this.accounts = chain.genesis.accounts();
            this.nextNonce = new long[accountCount];
            int nodeCount = 3 + random.nextInt(2);
            List<Member> members = new ArrayList<>();
            for (int i = 0; i < nodeCount; i++) {
                Felt key = Felt.of(7_000 + i);
                members.add(new Member(NodeId.of("n" + i), Ecdsa.publicKey(key), ContractAddress.of(0x5e90 + i)));
            }
            ReplicatedState genesisState = ReplicatedState.genesis(members);
            this.config = new CoreConfig(TestChain.CHAIN_ID, chain.feeToken(), chain.context().gasPrices(),
                    BlockLimits.DEFAULT.withTransactionCountMax(2 + random.nextInt(12)),
                    new MempoolLimits(10_000, 64),
                    OrderingPolicy.named(random.nextBoolean() ? "fifo" : "tip-priority"),
                    ProposerSchedule.parse(random.nextBoolean() ? "leader" : "round-robin:" + (1 + random.nextInt(3))),
                    QuorumRule.MAJORITY, 50 + random.nextInt(200), 100, 3_000, 400);
            this.producer = new BlockProducer(chain.executor, StarknetVersion.V0_14_0);
            for (int i = 0; i < nodeCount; i++) {
                SimNode node = new SimNode(members.get(i).id(), Felt.of(7_000 + i), chain.state.copy(), genesisState);
                node.core = newCore(node);
                nodes.add(node);
            }
            electLeader(nodes.get(random.nextInt(nodeCount)).id);
        }

        SequencerCore newCore(SimNode node) {
            return new SequencerCore(node.id, node.privateKey, config, producer, node, node.storedState,
                    node.storedIndex, node.storedPending(), nowMs);
        }

        String where() {
            return "seed " + seed + ", time " + nowMs + ", log " + log.size() + ", term " + term + ", leader " + leader;
        }

        void electLeader(NodeId newLeader) {
            term++;
            leader = newLeader;
            leaderAnnounced = false;
            // Entries in flight to the old leader may be lost.
            inFlight.removeIf(flight -> flight.term < term && random.nextInt(2) == 0);
            for (SimNode node : nodes) {
                if (!node.crashed) {
                    perform(node, node.core.onLeaderChanged(term, newLeader));
                }
            }
        }

        void run(int steps, boolean faults) {
            for (int step = 0; step < steps; step++) {
                nowMs += 5 + random.nextInt(40);
                if (faults) {
                    injectFaults();
                } else {
                    healEverything();
                }
                clientsSend(faults ? 3 : (step < steps / 3 ? 2 : 0));
                deliverInFlight(faults);
                for (SimNode node : nodes) {
                    if (node.crashed) {
                        continue;
                    }
                    applySome(node, faults);
                    runBuilds(node, faults);
                    perform(node, node.core.tick(nowMs));
                }
                announceLeaderWhenCaughtUp();
                checkSafety();
                if (!faults && step > steps / 3 && quiescent()) {
                    return;
                }
            }
        }

        /** Nothing in flight, every node caught up with the log and with the same head, nothing left to decide. */
        boolean quiescent() {
            if (!inFlight.isEmpty()) {
                return false;
            }
            long top = maxFinalHeight();
            for (SimNode node : nodes) {
                if (node.crashed || node.core.appliedIndex() != log.size() || !node.builds.isEmpty()
                        || node.core.state().finalHeight() != top || node.core.state().open().isPresent()) {
                    return false;
                }
            }
            for (Felt hash : acknowledged.keySet()) {
                if (!finalHeightOfTransaction.containsKey(hash) && !rejectedAtHeight.containsKey(hash)
                        && !waitsBehindANonceGap(hash)) {
                    return false;
                }
            }
            return true;
        }

        void injectFaults() {
            int roll = random.nextInt(1000);
            if (roll < 12) {
                List<SimNode> alive = nodes.stream().filter(n -> !n.crashed).toList();
                electLeader(alive.get(random.nextInt(alive.size())).id);
            } else if (roll < 18) {
                SimNode victim = nodes.get(random.nextInt(nodes.size()));
                long crashedCount = nodes.stream().filter(n -> n.crashed).count();
                if (!victim.crashed && crashedCount + 1 < (nodes.size() + 1) / 2) {
                    victim.crashed = true; // loses its core; its store stays
                    victim.builds.clear();
                    if (victim.id.equals(leader)) {
                        List<SimNode> alive = nodes.stream().filter(n -> !n.crashed).toList();
                        electLeader(alive.get(random.nextInt(alive.size())).id);
                    }
                }
            } else if (roll < 30) {
                for (SimNode node : nodes) {
                    if (node.crashed && random.nextInt(2) == 0) {
                        restart(node);
                    }
                }
            }
        }

        void healEverything() {
            for (SimNode node : nodes) {
                if (node.crashed) {
                    restart(node);
                }
            }
        }

        void restart(SimNode node) {
            node.crashed = false;
            node.core = newCore(node);
            perform(node, node.core.onLeaderChanged(term, leader));
        }

        void clientsSend(int maxTransactions) {
            int count = maxTransactions == 0 ? 0 : random.nextInt(maxTransactions + 1);
            for (int i = 0; i < count; i++) {
                List<SimNode> alive = nodes.stream().filter(n -> !n.crashed).toList();
                SimNode via = alive.get(random.nextInt(alive.size()));
                ExecutableTransaction transaction;
                int roll = random.nextInt(20);
                if (roll == 0 && !sent.isEmpty()) {
                    transaction = sent.get(random.nextInt(sent.size())); // a duplicate, through any node
                } else {
                    int from = random.nextInt(accounts.size());
                    int to = random.nextInt(accounts.size());
                    long nonce = roll == 1 ? nextNonce[from] + 5 : nextNonce[from]++; // sometimes a gap
                    transaction = TestChain.executable(new InvokeTransaction(accounts.get(from).address(),
                            Multicall.encode(List.of(TestChain.transferCall(chain.feeToken(),
                                    accounts.get(to).address(), BigInteger.valueOf(1 + random.nextInt(1000))))),
                            List.of(), Nonce.of(nonce), TestChain.defaultFields(), List.of()));
                    sent.add(transaction);
                }
                submit(via, new TransactionBatch(via.id, List.of(transaction)));
            }
        }

        void submit(SimNode from, LogEntry entry) {
            inFlight.add(new InFlight(entry, nowMs + random.nextInt(60), term));
        }

        void deliverInFlight(boolean faults) {
            if (leader == null || nodes.stream().anyMatch(n -> n.id.equals(leader) && n.crashed)) {
                return;
            }
            for (Iterator<InFlight> it = inFlight.iterator(); it.hasNext(); ) {
                InFlight flight = it.next();
                if (flight.deliverAtMs <= nowMs) {
                    it.remove();
                    if (!faults || random.nextInt(50) != 0) {
                        log.add(flight.entry); // committed at index log.size()
                    }
                }
            }
        }

        void applySome(SimNode node, boolean faults) {
            long end = log.size();
            long budget = faults ? random.nextInt(6) : end;
            while (node.core.appliedIndex() < end && budget-- > 0) {
                long index = node.core.appliedIndex() + 1;
                ApplyOutcome outcome = node.core.apply(index, log.get((int) index - 1));
                node.commit(index, outcome.writes());
                perform(node, outcome.actions());
            }
        }

        void runBuilds(SimNode node, boolean faults) {
            for (Iterator<BuildTask> it = node.builds.iterator(); it.hasNext(); ) {
                BuildTask task = it.next();
                if (faults && random.nextInt(3) == 0) {
                    continue; // this build takes longer
                }
                it.remove();
                var built = producer.build(node.stateAfter(task.height() - 1), task.context(), task.parentCommitment(),
                        task.limits(), task.candidates(), Deadline.NEVER);
                perform(node, node.core.onBuilt(task, built));
            }
        }

        void announceLeaderWhenCaughtUp() {
            if (leaderAnnounced || leader == null) {
                return;
            }
            for (SimNode node : nodes) {
                if (node.id.equals(leader) && !node.crashed && node.core.appliedIndex() == log.size()) {
                    leaderAnnounced = true;
                    perform(node, node.core.onLeaderReady(term));
                }
            }
        }

        void perform(SimNode node, List<Action> actions) {
            for (Action action : actions) {
                if (action instanceof Action.Submit submit) {
                    submit(node, submit.entry());
                } else if (action instanceof Action.Build build) {
                    node.builds.add(build.task());
                } else if (action instanceof Action.TransferLeadership transfer) {
                    if (nodes.stream().anyMatch(n -> n.id.equals(transfer.target()) && !n.crashed)) {
                        electLeader(transfer.target());
                    }
                } else if (action instanceof Action.Notify notify) {
                    observe(node, notify.notification());
                }
            }
        }

        void observe(SimNode node, Notification notification) {
            if (notification instanceof Notification.Halted halted) {
                throw new AssertionError(where() + ": " + node.id + " halted: " + halted.reason());
            }
            if (notification instanceof Notification.TransactionsOrdered ordered) {
                for (Felt hash : ordered.hashes()) {
                    acknowledged.putIfAbsent(hash, new Acknowledged(hash, node.id));
                }
            }
            if (notification instanceof Notification.BlockFinalized block) {
                // A rejected transaction may be sent again and rejected (or included) later; an included one is final
                // and must never come back.
                for (Felt hash : block.rejected().keySet()) {
                    Long includedAt = finalHeightOfTransaction.get(hash);
                    if (includedAt != null && includedAt < block.height()) {
                        fail(hash + " rejected at " + block.height() + " after being included at " + includedAt);
                    }
                    rejectedAtHeight.putIfAbsent(hash, block.height());
                }
            }
        }

        void checkSafety() {
            for (SimNode node : nodes) {
                long top = node.core.state().finalHeight();
                // Heights are contiguous from 1, and each new final block agrees with every other node's.
                for (long height = node.checkedHeight + 1; height <= top; height++) {
                    FinalBlock block = node.finals.get(height);
                    if (block == null) {
                        fail(node.id + " lacks height " + height);
                    }
                    Felt commitment = block.proposal().proposalCommitment();
                    Felt first = commitmentAtHeight.putIfAbsent(height, commitment);
                    if (first != null && !first.equals(commitment)) {
                        fail("two final blocks at height " + height + ": " + commitment + " on " + node.id + ", "
                                + first + " before");
                    }
                    List<Receipt> receipts = block.built().block().receipts();
                    List<Receipt> firstReceipts = receiptsAtHeight.putIfAbsent(height, receipts);
                    if (firstReceipts != null && !firstReceipts.equals(receipts)) {
                        fail("receipts differ at height " + height + " on " + node.id);
                    }
                    for (Felt hash : block.built().block().transactionHashes()) {
                        Long at = finalHeightOfTransaction.putIfAbsent(hash, height);
                        if (at != null && at != height) {
                            fail(hash + " final at heights " + at + " and " + height);
                        }
                    }
                    node.checkedHeight = height;
                }
                if (node.finals.size() != top) {
                    fail(node.id + " stored " + node.finals.size() + " final blocks but its head is " + top);
                }
                if (node.core.isHalted()) {
                    fail(node.id + " halted");
                }
            }
        }

        void fail(String what) {
            throw new AssertionError(where() + ": " + what);
        }

        long maxFinalHeight() {
            return nodes.stream().mapToLong(n -> n.core.state().finalHeight()).max().orElse(0);
        }

        void checkAllAcknowledgedTransactionsFinalOnce() {
            // Every node caught up to the same head.
            long top = maxFinalHeight();
            for (SimNode node : nodes) {
                assertThat(node.core.state().finalHeight()).as("%s: %s caught up", where(), node.id).isEqualTo(top);
            }
            List<Felt> missing = new ArrayList<>();
            for (Acknowledged ack : acknowledged.values()) {
                boolean included = finalHeightOfTransaction.containsKey(ack.hash);
                boolean rejected = rejectedAtHeight.containsKey(ack.hash);
                if (!included && !rejected && !waitsBehindANonceGap(ack.hash)) {
                    missing.add(ack.hash);
                }
            }
            assertThat(missing).as("%s: acknowledged but neither final nor rejected nor waiting", where()).isEmpty();
        }

        /** A transaction sent with a nonce gap legitimately waits in the mempool for the gap to fill. */
        boolean waitsBehindANonceGap(Felt hash) {
            SimNode any = nodes.get(0);
            if (!any.core.isPending(hash)) {
                return false;
            }
            for (PendingTransaction pending : any.core.pending()) {
                if (pending.hash().equals(hash)) {
                    StateReader head = any.stateAfter(any.core.state().finalHeight());
                    return pending.nonce().compareTo(head.nonceAt(pending.account())) > 0;
                }
            }
            return false;
        }
    }
}
