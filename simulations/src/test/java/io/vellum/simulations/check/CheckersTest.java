package io.vellum.simulations.check;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Each checker on a constructed run that keeps every invariant (no anomaly) and on one broken the way it must catch
 * (and only the checkers that should see it complain).
 */
class CheckersTest {
    private static final long BOUND_MS = 5_000;

    /** Three nodes, three blocks; tx a, b acknowledged, c unknown (and final), d failed definitely (not final). */
    private static RunRecord valid() {
        List<Op> history = new ArrayList<>();
        history.add(invoke(1, "0xa", 100));
        history.add(history.get(0).complete(Op.Type.ok, 150, ""));
        history.add(invoke(2, "0xb", 200));
        history.add(history.get(2).complete(Op.Type.ok, 260, ""));
        history.add(invoke(3, "0xc", 300));
        history.add(history.get(4).complete(Op.Type.info, 5_000, "timeout"));
        history.add(invoke(4, "0xd", 400));
        history.add(history.get(6).complete(Op.Type.fail, 420, "MEMPOOL_FULL"));
        List<NodeChain> chains = new ArrayList<>();
        List<Observations.FinalEvent> finals = new ArrayList<>();
        for (String node : List.of("n0", "n1", "n2")) {
            chains.add(new NodeChain(node, List.of(block(1, 1, List.of("0xa")), block(2, 1, List.of("0xb")),
                    block(3, 2, List.of("0xc")))));
            finals.add(new Observations.FinalEvent(500, node, 1, 1, "pc1"));
            finals.add(new Observations.FinalEvent(800, node, 1, 2, "pc2"));
            finals.add(new Observations.FinalEvent(9_000, node, 1, 3, "pc3"));
        }
        Observations observations = new Observations(finals, List.of(), List.of(), Set.of(), List.of(6_000L));
        return new RunRecord(history, chains, observations, BOUND_MS);
    }

    private static Op invoke(long id, String tx, long atMs) {
        return new Op(id, Op.Type.invoke, atMs, "n0", "0:transfers", (int) id, 0, tx, "");
    }

    private static BlockRecord block(long height, long term, List<String> txs) {
        return new BlockRecord(height, term, "n0", "pc" + height, "c" + height, txs, List.of(), "root" + height,
                "hash" + height, "INTERVAL_ELAPSED", 1_000 + height, "PROVEN", 1);
    }

    private static List<String> failing(RunRecord run) {
        List<String> names = new ArrayList<>();
        for (Checker checker : Checkers.all()) {
            if (!checker.check(run).isEmpty()) {
                names.add(checker.name());
            }
        }
        return names;
    }

    private static RunRecord withChain(RunRecord run, int node, UnaryOperator<List<BlockRecord>> change) {
        List<NodeChain> chains = new ArrayList<>(run.chains());
        NodeChain chain = chains.get(node);
        chains.set(node, new NodeChain(chain.node(), change.apply(new ArrayList<>(chain.blocks()))));
        return new RunRecord(run.history(), chains, run.observations(), run.progressBoundMs());
    }

    private static RunRecord withObservations(RunRecord run, Observations observations) {
        return new RunRecord(run.history(), run.chains(), observations, run.progressBoundMs());
    }

    @Test
    void aValidRunHasNoAnomaly() {
        assertThat(failing(valid())).isEmpty();
    }

    @Test
    void lostAcknowledgedTransaction() {
        RunRecord run = withChain(valid(), 1, blocks -> {
            blocks.set(1, block(2, 1, List.of()));
            return blocks;
        });
        assertThat(failing(run)).contains("no-lost", "nodes-agree");
        Anomaly anomaly = new Checkers.NoLost().check(run).get(0);
        assertThat(anomaly.example()).containsEntry("tx", "0xb").containsEntry("node", "n1");
    }

    @Test
    void unknownOutcomeNeedNotBeFinal() {
        RunRecord base = valid();
        // c (unknown) missing everywhere: fine. Only its block is gone, so heights shrink alike on every node.
        RunRecord run = base;
        for (int node = 0; node < 3; node++) {
            run = withChain(run, node, blocks -> new ArrayList<>(blocks.subList(0, 2)));
        }
        assertThat(new Checkers.NoLost().check(run)).isEmpty();
        assertThat(new Checkers.NoDuplicates().check(run)).isEmpty();
    }

    @Test
    void duplicateInclusion() {
        RunRecord run = valid();
        for (int node = 0; node < 3; node++) {
            run = withChain(run, node, blocks -> {
                blocks.set(2, block(3, 2, List.of("0xc", "0xa")));
                return blocks;
            });
        }
        assertThat(failing(run)).containsExactly("no-duplicates");
    }

    @Test
    void definitelyFailedTransactionIncluded() {
        RunRecord run = valid();
        for (int node = 0; node < 3; node++) {
            run = withChain(run, node, blocks -> {
                blocks.set(2, block(3, 2, List.of("0xc", "0xd")));
                return blocks;
            });
        }
        assertThat(failing(run)).containsExactly("no-duplicates");
        assertThat(new Checkers.NoDuplicates().check(run).get(0).message()).contains("every send failed");
    }

    @Test
    void twoBlocksAtOneHeight() {
        RunRecord base = valid();
        List<Observations.FinalEvent> finals = new ArrayList<>(base.observations().finals());
        finals.add(new Observations.FinalEvent(900, "n2", 2, 2, "other"));
        RunRecord run = withObservations(base, new Observations(finals, List.of(), List.of(), Set.of(),
                base.observations().heals()));
        assertThat(failing(run)).containsExactly("one-block-per-height");
    }

    @Test
    void gapInStoredHeights() {
        RunRecord run = withChain(valid(), 0, blocks -> {
            blocks.remove(1);
            return blocks;
        });
        assertThat(failing(run)).contains("one-block-per-height", "nodes-agree");
    }

    @ParameterizedTest
    @ValueSource(strings = {"root", "hash", "commitments"})
    void nodesDisagree(String what) {
        RunRecord run = withChain(valid(), 2, blocks -> {
            BlockRecord b = blocks.get(1);
            blocks.set(1, new BlockRecord(b.height(), b.term(), b.proposer(), b.proposalCommitment(),
                    what.equals("commitments") ? "forked" : b.commitments(), b.transactions(), b.rejected(),
                    what.equals("root") ? "forked" : b.stateRoot(), what.equals("hash") ? "forked" : b.blockHash(),
                    b.closeReason(), b.timestampSeconds(), b.proverStatus(), b.proverAttempts()));
            return blocks;
        });
        assertThat(failing(run)).containsExactly("nodes-agree");
        assertThat(new Checkers.NodesAgree().check(run).get(0).example()).containsEntry("height", 2L);
    }

    @Test
    void termGoesBack() {
        RunRecord run = valid();
        for (int node = 0; node < 3; node++) {
            run = withChain(run, node, blocks -> {
                blocks.set(2, block(3, 0, List.of("0xc")));
                return blocks;
            });
        }
        assertThat(failing(run)).containsExactly("monotonic");
    }

    @Test
    void heightGoesBackWithinOneIncarnation() {
        RunRecord base = valid();
        List<Observations.FinalEvent> finals = new ArrayList<>(base.observations().finals());
        finals.add(new Observations.FinalEvent(9_500, "n0", 1, 2, "pc2"));
        RunRecord run = withObservations(base, new Observations(finals, List.of(), List.of(), Set.of(),
                base.observations().heals()));
        assertThat(failing(run)).containsExactly("monotonic");
        // The same replay after a restart (a new incarnation) is fine.
        finals.set(finals.size() - 1, new Observations.FinalEvent(9_500, "n0", 2, 2, "pc2"));
        run = withObservations(base, new Observations(finals, List.of(), List.of(), Set.of(),
                base.observations().heals()));
        assertThat(failing(run)).isEmpty();
    }

    @Test
    void blockNotProven() {
        RunRecord run = withChain(valid(), 1, blocks -> {
            BlockRecord b = blocks.get(2);
            blocks.set(2, new BlockRecord(b.height(), b.term(), b.proposer(), b.proposalCommitment(), b.commitments(),
                    b.transactions(), b.rejected(), b.stateRoot(), b.blockHash(), b.closeReason(),
                    b.timestampSeconds(), "LEASED", 3));
            return blocks;
        });
        assertThat(failing(run)).containsExactly("proven-once-in-order");
    }

    @Test
    void haltAndHonestRejection() {
        RunRecord base = valid();
        Observations halted = new Observations(base.observations().finals(),
                List.of(new Observations.Halt(700, "n2", "state diff differs")), List.of(), Set.of(),
                base.observations().heals());
        assertThat(failing(withObservations(base, halted))).containsExactly("reexecution-matched");
        List<Observations.Rejection> rejections = List.of(new Observations.Rejection(700, "n1", 2, "n0", "receipt"));
        Observations honest = new Observations(base.observations().finals(), List.of(), rejections, Set.of(),
                base.observations().heals());
        assertThat(failing(withObservations(base, honest))).containsExactly("reexecution-matched");
        Observations lying = new Observations(base.observations().finals(), List.of(), rejections, Set.of("n0"),
                base.observations().heals());
        assertThat(failing(withObservations(base, lying))).isEmpty();
    }

    @Test
    void noProgressAfterHealing() {
        RunRecord base = valid();
        // Healed at 3 s with b... c waiting (c is info, a and b final before): nothing acknowledged waits: fine.
        // Healed at 150 ms: a (acknowledged at 150) waits; the next block is final at 500 ms: within the bound.
        Observations early = new Observations(base.observations().finals(), List.of(), List.of(), Set.of(),
                List.of(150L));
        assertThat(failing(withObservations(base, early))).isEmpty();
        // Same, with every block only final 10 s later: beyond the bound.
        List<Observations.FinalEvent> late = base.observations().finals().stream()
                .map(e -> new Observations.FinalEvent(e.timeMs() + 10_000, e.node(), e.incarnation(), e.height(),
                        e.commitment())).toList();
        Observations slow = new Observations(late, List.of(), List.of(), Set.of(), List.of(150L));
        assertThat(failing(withObservations(base, slow))).containsExactly("progress");
        assertThat(new Checkers.Progress().check(withObservations(base, slow)).get(0).example())
                .containsEntry("waiting_tx", "0xa");
    }

    @Test
    void aNodeMerelyBehindIsNotALossButDidNotCatchUp() {
        RunRecord run = withChain(valid(), 2, blocks -> new ArrayList<>(blocks.subList(0, 1)));
        assertThat(failing(run)).containsExactly("caught-up");
        assertThat(new Checkers.CaughtUp().check(run).get(0).example()).containsEntry("node", "n2")
                .containsEntry("height", 1L).containsEntry("highest", 3L);
    }

    @Test
    void acknowledgedTransactionFinalNowhere() {
        RunRecord run = valid();
        for (int node = 0; node < 3; node++) {
            run = withChain(run, node, blocks -> {
                blocks.set(1, block(2, 1, List.of()));
                return blocks;
            });
        }
        assertThat(failing(run)).containsExactly("no-lost");
        assertThat(new Checkers.NoLost().check(run).get(0).message()).contains("final on no node");
    }

    @Test
    void resultKeepsAFewExamples() {
        RunRecord run = valid();
        for (int node = 0; node < 3; node++) {
            run = withChain(run, node, blocks -> {
                blocks.set(2, block(3, 2, List.of("0xc", "0x1", "0x2", "0x3", "0x4", "0x5", "0x6")));
                return blocks;
            });
        }
        CheckResult result = CheckResult.of(new Checkers.NoDuplicates(), run);
        assertThat(result.valid()).isFalse();
        assertThat(result.anomalyCount()).isEqualTo(18);
        assertThat(result.examples()).hasSize(CheckResult.EXAMPLES_MAX);
    }
}
