package io.vellum.simulations.check;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;

/**
 * The invariants of every run ({@code docs/simulations.md}). Unknown outcomes ({@code info}) count as "may have
 * happened": they are never required final, and never forbidden from being final.
 */
public final class Checkers {
    private Checkers() {
    }

    /** Every checker, in report order. */
    public static List<Checker> all() {
        return List.of(new NoLost(), new NoDuplicates(), new OneBlockPerHeight(), new NodesAgree(), new Monotonic(),
                new ProvenOnceInOrder(), new ReexecutionMatched(), new Progress(), new CaughtUp());
    }

    /**
     * Every transaction acknowledged to a client is final (included, or rejected by its block): on some node, and on
     * every node whose chain reaches the height at which it is final there. (A node that is merely behind is
     * reported by {@code caught-up}.)
     */
    static final class NoLost implements Checker {
        @Override
        public String name() {
            return "no-lost";
        }

        @Override
        public List<Anomaly> check(RunRecord run) {
            Map<String, Op> acked = new LinkedHashMap<>();
            for (Op op : run.history()) {
                if (op.type() == Op.Type.ok) {
                    acked.putIfAbsent(op.tx(), op);
                }
            }
            Map<String, Long> settledAt = new HashMap<>();
            List<Map<String, Long>> perNode = new ArrayList<>();
            for (NodeChain chain : run.chains()) {
                Map<String, Long> settled = new HashMap<>();
                for (BlockRecord block : chain.blocks()) {
                    for (String tx : block.transactions()) {
                        settled.putIfAbsent(tx, block.height());
                    }
                    for (String tx : block.rejected()) {
                        settled.putIfAbsent(tx, block.height());
                    }
                }
                settled.forEach((tx, height) -> settledAt.merge(tx, height, Math::min));
                perNode.add(settled);
            }
            List<Anomaly> out = new ArrayList<>();
            for (Op op : acked.values()) {
                Long height = settledAt.get(op.tx());
                if (height == null) {
                    out.add(new Anomaly(name(), "acknowledged transaction final on no node", Map.of("tx", op.tx(),
                            "op", op.id(), "acknowledged_ms", op.timeMs(), "node", op.node())));
                    continue;
                }
                for (int i = 0; i < run.chains().size(); i++) {
                    NodeChain chain = run.chains().get(i);
                    if (chain.height() >= height && !perNode.get(i).containsKey(op.tx())) {
                        out.add(new Anomaly(name(), "acknowledged transaction missing on " + chain.node()
                                + " although its chain passed the block that holds it elsewhere",
                                Map.of("tx", op.tx(), "op", op.id(), "node", chain.node(), "height", height,
                                        "node_height", chain.height())));
                    }
                }
            }
            return out;
        }
    }

    /** After the drain every node reached the same final height (a node left behind is a liveness failure). */
    static final class CaughtUp implements Checker {
        @Override
        public String name() {
            return "caught-up";
        }

        @Override
        public List<Anomaly> check(RunRecord run) {
            long highest = run.chains().stream().mapToLong(NodeChain::height).max().orElse(0);
            List<Anomaly> out = new ArrayList<>();
            for (NodeChain chain : run.chains()) {
                if (chain.height() < highest) {
                    out.add(new Anomaly(name(), chain.node() + " did not catch up before the checks",
                            Map.of("node", chain.node(), "height", chain.height(), "highest", highest)));
                }
            }
            return out;
        }
    }

    /**
     * No transaction is included twice (within or across blocks), every included transaction was sent by the
     * workload, and none whose every operation definitely failed was included.
     */
    static final class NoDuplicates implements Checker {
        @Override
        public String name() {
            return "no-duplicates";
        }

        @Override
        public List<Anomaly> check(RunRecord run) {
            Map<String, List<Op>> byTx = new HashMap<>();
            for (Op op : run.history()) {
                if (op.type() != Op.Type.invoke) {
                    byTx.computeIfAbsent(op.tx(), t -> new ArrayList<>()).add(op);
                }
            }
            Set<String> invoked = new HashSet<>();
            for (Op op : run.history()) {
                if (op.type() == Op.Type.invoke) {
                    invoked.add(op.tx());
                }
            }
            List<Anomaly> out = new ArrayList<>();
            for (NodeChain chain : run.chains()) {
                Map<String, Long> seenAt = new HashMap<>();
                for (BlockRecord block : chain.blocks()) {
                    for (String tx : block.transactions()) {
                        Long earlier = seenAt.putIfAbsent(tx, block.height());
                        if (earlier != null) {
                            out.add(new Anomaly(name(), "transaction included twice on " + chain.node(),
                                    Map.of("tx", tx, "node", chain.node(), "first_height", earlier,
                                            "again_height", block.height())));
                        }
                        if (!invoked.contains(tx)) {
                            out.add(new Anomaly(name(), "included transaction no client sent", Map.of("tx", tx,
                                    "node", chain.node(), "height", block.height())));
                            continue;
                        }
                        List<Op> completions = byTx.getOrDefault(tx, List.of());
                        boolean mayHaveHappened = completions.isEmpty() || completions.stream().anyMatch(op ->
                                op.type() != Op.Type.fail || Op.DUPLICATE.equals(op.error()));
                        if (!mayHaveHappened) {
                            out.add(new Anomaly(name(), "transaction included although every send failed",
                                    Map.of("tx", tx, "node", chain.node(), "height", block.height(),
                                            "ops", completions.stream().map(Op::id).toList())));
                        }
                    }
                }
            }
            return out;
        }
    }

    /** At most one block is final at each height (over every notification and every store), with no gaps. */
    static final class OneBlockPerHeight implements Checker {
        @Override
        public String name() {
            return "one-block-per-height";
        }

        @Override
        public List<Anomaly> check(RunRecord run) {
            List<Anomaly> out = new ArrayList<>();
            Map<Long, Observations.FinalEvent> first = new HashMap<>();
            for (Observations.FinalEvent event : run.observations().finals()) {
                Observations.FinalEvent earlier = first.putIfAbsent(event.height(), event);
                if (earlier != null && !earlier.commitment().equals(event.commitment())) {
                    out.add(new Anomaly(name(), "two different blocks final at one height", Map.of("height",
                            event.height(), "node_a", earlier.node(), "commitment_a", earlier.commitment(),
                            "node_b", event.node(), "commitment_b", event.commitment())));
                }
            }
            for (NodeChain chain : run.chains()) {
                long expected = 1;
                for (BlockRecord block : chain.blocks()) {
                    if (block.height() != expected) {
                        out.add(new Anomaly(name(), "stored heights not consecutive on " + chain.node(),
                                Map.of("node", chain.node(), "expected", expected, "found", block.height())));
                        break;
                    }
                    Observations.FinalEvent seen = first.get(block.height());
                    if (seen != null && !seen.commitment().equals(block.proposalCommitment())) {
                        out.add(new Anomaly(name(), "stored block differs from the one announced final",
                                Map.of("height", block.height(), "node", chain.node(), "stored",
                                        block.proposalCommitment(), "announced", seen.commitment(),
                                        "announced_by", seen.node())));
                    }
                    expected++;
                }
            }
            return out;
        }
    }

    /** Every node holds the same final blocks, receipts (their commitments) and state roots, height by height. */
    static final class NodesAgree implements Checker {
        @Override
        public String name() {
            return "nodes-agree";
        }

        @Override
        public List<Anomaly> check(RunRecord run) {
            List<Anomaly> out = new ArrayList<>();
            if (run.chains().isEmpty()) {
                return out;
            }
            NodeChain reference = run.chains().get(0);
            for (NodeChain chain : run.chains().subList(1, run.chains().size())) {
                int common = Math.min(chain.blocks().size(), reference.blocks().size());
                for (int i = 0; i < common; i++) {
                    BlockRecord a = reference.blocks().get(i);
                    BlockRecord b = chain.blocks().get(i);
                    String field = difference(a, b);
                    if (field != null) {
                        out.add(new Anomaly(name(), "nodes disagree on block " + a.height() + ": " + field,
                                Map.of("height", a.height(), "field", field, "node_a", reference.node(),
                                        "node_b", chain.node())));
                        break; // the first difference is the example; later ones follow from it
                    }
                }
            }
            return out;
        }

        private static String difference(BlockRecord a, BlockRecord b) {
            if (!a.proposalCommitment().equals(b.proposalCommitment())) {
                return "proposal commitment";
            }
            if (!a.transactions().equals(b.transactions())) {
                return "transactions";
            }
            if (!a.commitments().equals(b.commitments())) {
                return "receipt/event/state-diff commitments";
            }
            if (!a.stateRoot().isEmpty() && !b.stateRoot().isEmpty() && !a.stateRoot().equals(b.stateRoot())) {
                return "state root";
            }
            if (!a.blockHash().isEmpty() && !b.blockHash().isEmpty() && !a.blockHash().equals(b.blockHash())) {
                return "block hash";
            }
            if (a.stateRoot().isEmpty() != b.stateRoot().isEmpty()) {
                return "state root computed on one node only";
            }
            return null;
        }
    }

    /** Each node incarnation sees heights only increase; terms of final blocks never decrease with height. */
    static final class Monotonic implements Checker {
        @Override
        public String name() {
            return "monotonic";
        }

        @Override
        public List<Anomaly> check(RunRecord run) {
            List<Anomaly> out = new ArrayList<>();
            Map<String, Observations.FinalEvent> last = new HashMap<>();
            for (Observations.FinalEvent event : run.observations().finals()) {
                String key = event.node() + "#" + event.incarnation();
                Observations.FinalEvent previous = last.put(key, event);
                if (previous != null && event.height() <= previous.height()) {
                    out.add(new Anomaly(name(), "final height did not increase on " + event.node(),
                            Map.of("node", event.node(), "incarnation", event.incarnation(), "previous",
                                    previous.height(), "next", event.height(), "time_ms", event.timeMs())));
                }
            }
            for (NodeChain chain : run.chains()) {
                for (int i = 1; i < chain.blocks().size(); i++) {
                    BlockRecord a = chain.blocks().get(i - 1);
                    BlockRecord b = chain.blocks().get(i);
                    if (b.term() < a.term()) {
                        out.add(new Anomaly(name(), "term decreased with height on " + chain.node(),
                                Map.of("node", chain.node(), "height", b.height(), "term", b.term(),
                                        "previous_term", a.term())));
                    }
                    if (b.timestampSeconds() < a.timestampSeconds()) {
                        out.add(new Anomaly(name(), "block timestamp decreased on " + chain.node(),
                                Map.of("node", chain.node(), "height", b.height(), "timestamp",
                                        b.timestampSeconds(), "previous", a.timestampSeconds())));
                    }
                }
            }
            return out;
        }
    }

    /**
     * Every final block has exactly one proving job, and every job ends proven; proofs below a height are all
     * done before any above it counts as the proven height (the queue's lowest unproven height).
     */
    static final class ProvenOnceInOrder implements Checker {
        @Override
        public String name() {
            return "proven-once-in-order";
        }

        @Override
        public List<Anomaly> check(RunRecord run) {
            List<Anomaly> out = new ArrayList<>();
            for (NodeChain chain : run.chains()) {
                for (BlockRecord block : chain.blocks()) {
                    if (block.proverStatus().isEmpty()) {
                        out.add(new Anomaly(name(), "final block without a proving job on " + chain.node(),
                                Map.of("node", chain.node(), "height", block.height())));
                        break;
                    }
                    if (!block.proverStatus().equals("PROVEN") || block.proverAttempts() < 1) {
                        out.add(new Anomaly(name(), "final block not proven on " + chain.node(),
                                Map.of("node", chain.node(), "height", block.height(), "status",
                                        block.proverStatus(), "attempts", block.proverAttempts())));
                        break;
                    }
                }
            }
            return out;
        }
    }

    /** No node halted, and honest nodes voted to reject only proposals of nodes that lied. */
    static final class ReexecutionMatched implements Checker {
        @Override
        public String name() {
            return "reexecution-matched";
        }

        @Override
        public List<Anomaly> check(RunRecord run) {
            List<Anomaly> out = new ArrayList<>();
            for (Observations.Halt halt : run.observations().halts()) {
                out.add(new Anomaly(name(), "node halted: its re-execution disagreed with a final block",
                        Map.of("node", halt.node(), "time_ms", halt.timeMs(), "reason", halt.reason())));
            }
            for (Observations.Rejection rejection : run.observations().rejections()) {
                if (!run.observations().lyingNodes().contains(rejection.proposer())
                        && !run.observations().lyingNodes().contains(rejection.node())) {
                    out.add(new Anomaly(name(), "an honest proposal was rejected on re-execution",
                            Map.of("node", rejection.node(), "height", rejection.height(), "proposer",
                                    rejection.proposer(), "reason", rejection.reason(), "time_ms",
                                    rejection.timeMs())));
                }
            }
            return out;
        }
    }

    /**
     * Once the last fault heals with a quorum up, a new block is final within the bound whenever an acknowledged
     * transaction is waiting to be final.
     */
    static final class Progress implements Checker {
        @Override
        public String name() {
            return "progress";
        }

        @Override
        public List<Anomaly> check(RunRecord run) {
            List<Anomaly> out = new ArrayList<>();
            TreeMap<Long, Long> firstFinalAtByHeight = new TreeMap<>();
            for (Observations.FinalEvent event : run.observations().finals()) {
                firstFinalAtByHeight.merge(event.height(), event.timeMs(), Math::min);
            }
            Map<String, Long> heightOf = new HashMap<>();
            if (!run.chains().isEmpty()) {
                for (BlockRecord block : run.chains().get(0).blocks()) {
                    for (String tx : block.transactions()) {
                        heightOf.put(tx, block.height());
                    }
                    for (String tx : block.rejected()) {
                        heightOf.putIfAbsent(tx, block.height());
                    }
                }
            }
            for (long healMs : run.observations().heals()) {
                Op waiting = null;
                for (Op op : run.history()) {
                    if (op.type() != Op.Type.ok || op.timeMs() > healMs) {
                        continue;
                    }
                    Long height = heightOf.get(op.tx());
                    Long finalAt = height == null ? null : firstFinalAtByHeight.get(height);
                    if (finalAt == null || finalAt > healMs) {
                        waiting = op;
                        break;
                    }
                }
                if (waiting == null) {
                    continue;
                }
                Long next = firstFinalAtByHeight.values().stream().filter(t -> t > healMs).min(Long::compare)
                        .orElse(null);
                if (next == null || next - healMs > run.progressBoundMs()) {
                    out.add(new Anomaly(name(), "no block final within the bound after faults healed",
                            Map.of("healed_ms", healMs, "bound_ms", run.progressBoundMs(), "next_final_ms",
                                    Objects.requireNonNullElse(next, -1L), "waiting_tx", waiting.tx(),
                                    "waiting_op", waiting.id())));
                }
            }
            return out;
        }
    }
}
