package io.vellum.simulations.run;

import io.vellum.blockifier.crypto.Felt;
import io.vellum.consensus.core.Notification;
import io.vellum.proposer.NodeId;
import io.vellum.simulations.check.Observations;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongSupplier;
import org.HdrHistogram.Histogram;

/**
 * Listens to every node's notifications (on their dispatcher threads: it only records, quickly): final blocks,
 * halts, rejecting votes, the proposer of each proposal; and when each transaction was first final anywhere, from
 * which it keeps per-second throughput and latency (from the first send of the transaction).
 */
final class RunObserver implements InJvmCluster.Listener {
    private final LongSupplier nowMs;
    private final Map<String, Long> firstSentMs = new ConcurrentHashMap<>();
    private final Map<String, Long> firstFinalMs = new ConcurrentHashMap<>();
    private final Map<String, String> proposerOf = new ConcurrentHashMap<>();
    private final Set<String> lying = ConcurrentHashMap.newKeySet();
    /** Guarded by "this". */
    private final List<Observations.FinalEvent> finals = new ArrayList<>();
    private final List<Observations.Halt> halts = new ArrayList<>();
    private final List<Observations.Rejection> rejections = new ArrayList<>();
    private final List<Long> heals = new ArrayList<>();
    private Histogram window = new Histogram(3_600_000L, 3);
    private Histogram total = new Histogram(3_600_000L, 3);
    private final Map<String, Long> maxHeightByNode = new ConcurrentHashMap<>();

    RunObserver(LongSupplier nowMs) {
        this.nowMs = nowMs;
    }

    void sent(String tx, long atMs) {
        firstSentMs.putIfAbsent(tx, atMs);
    }

    void lyingNode(NodeId node) {
        lying.add(node.value());
    }

    synchronized void healed(long atMs) {
        heals.add(atMs);
    }

    @Override
    public void onNotification(NodeId node, int incarnation, Notification notification) {
        long now = nowMs.getAsLong();
        if (notification instanceof Notification.BlockFinalized block) {
            synchronized (this) {
                finals.add(new Observations.FinalEvent(now, node.value(), incarnation, block.height(),
                        block.commitment().toHex()));
            }
            maxHeightByNode.merge(node.value(), block.height(), Math::max);
            settle(block.included(), now);
            settle(block.rejected().keySet(), now);
        } else if (notification instanceof Notification.ProposalOpened opened) {
            proposerOf.put(opened.commitment().toHex(), opened.proposer().value());
        } else if (notification instanceof Notification.Voted voted && !voted.approve()) {
            synchronized (this) {
                rejections.add(new Observations.Rejection(now, node.value(), voted.height(),
                        proposerOf.getOrDefault(voted.commitment().toHex(), ""), voted.reason()));
            }
        } else if (notification instanceof Notification.Halted halted) {
            synchronized (this) {
                halts.add(new Observations.Halt(now, node.value(), halted.reason()));
            }
        }
    }

    /**
     * A final block seen through a node's public API (process clusters): the same record as a
     * {@code BlockFinalized} notification, with the included and rejected transaction hashes as hex.
     */
    void blockFinal(NodeId node, int incarnation, long height, String commitmentHex, Iterable<String> included,
            Iterable<String> rejected) {
        long now = nowMs.getAsLong();
        synchronized (this) {
            finals.add(new Observations.FinalEvent(now, node.value(), incarnation, height, commitmentHex));
        }
        maxHeightByNode.merge(node.value(), height, Math::max);
        settleHex(included, now);
        settleHex(rejected, now);
    }

    private void settle(Iterable<Felt> hashes, long now) {
        List<String> hex = new ArrayList<>();
        hashes.forEach(hash -> hex.add(hash.toHex()));
        settleHex(hex, now);
    }

    private void settleHex(Iterable<String> hashes, long now) {
        for (String tx : hashes) {
            if (firstFinalMs.putIfAbsent(tx, now) == null) {
                Long sent = firstSentMs.get(tx);
                if (sent != null) {
                    synchronized (this) {
                        window.recordValue(Math.max(0, now - sent));
                        total.recordValue(Math.max(0, now - sent));
                    }
                }
            }
        }
    }

    boolean isFinal(String tx) {
        return firstFinalMs.containsKey(tx);
    }

    /** The latencies of the transactions first final since the last call, and resets the window. */
    synchronized Histogram takeWindow() {
        Histogram taken = window;
        window = new Histogram(3_600_000L, 3);
        return taken;
    }

    synchronized Histogram totalLatency() {
        return total.copy();
    }

    long finalTransactions() {
        return firstFinalMs.size();
    }

    synchronized Observations observations() {
        return new Observations(finals, halts, rejections, Set.copyOf(lying), heals);
    }
}
