package io.vellum.consensus.node;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.Timer;
import io.vellum.blockifier.crypto.Felt;
import io.vellum.consensus.core.Notification;
import io.vellum.consensus.ratis.DriverObserver;
import io.vellum.proposer.NodeId;
import io.vellum.proposer.mempool.Admission;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;
import java.util.function.ToDoubleFunction;

/**
 * A node's Micrometer meters, all named {@code vellum.*} and tagged {@code node=<id>}. Fed by the core's
 * notifications (on the dispatcher thread), the driver's observer calls (apply and build threads) and the
 * submission path. The list, with units, is in {@code docs/consensus-node.md}.
 */
final class NodeMetrics implements DriverObserver {
    /** The most submitted transactions whose submit time is remembered for the finality timer. */
    private static final int TRACKED_MAX = 1_000_000;

    private final LongSupplier clockMs;
    private final MeterRegistry registry;
    private final Tags tags;
    private final List<Meter> meters = new ArrayList<>();
    private final Counter batchesSubmitted;
    private final Counter transactionsSubmitted;
    private final Counter transactionsOrdered;
    private final Map<Admission, Counter> transactionsDropped = new EnumMap<>(Admission.class);
    private final Counter transactionsIncluded;
    private final Counter transactionsRejected;
    private final Counter blocksFinal;
    private final Counter proposalsOpened;
    private final Counter proposalsIgnored;
    private final Counter proposalsDiscarded;
    private final Counter votesApprove;
    private final Counter votesReject;
    private final Counter leaderChanges;
    private final Counter submitsFailed;
    private final Counter snapshotsTaken;
    private final Counter snapshotsInstalled;
    private final Counter halts;
    private final Timer reexecution;
    private final Timer build;
    private final Timer transactionFinality;
    private final Timer proposalFinality;
    private final Timer blockTime;
    private final Map<Felt, Long> submittedAtMs = new ConcurrentHashMap<>();
    /** Dispatcher thread only. */
    private long openedAtMs = -1;
    private long openedHeight = -1;
    private long lastFinalAtMs = -1;
    private volatile long finalHeight;

    NodeMetrics(MeterRegistry registry, NodeId node, LongSupplier clockMs) {
        this.clockMs = clockMs;
        this.registry = registry;
        this.tags = Tags.of("node", node.value());
        batchesSubmitted = track(Counter.builder("vellum.batches.submitted").baseUnit("batches").tags(tags)
                .description("transaction batches this node sent to the log").register(registry));
        transactionsSubmitted = track(Counter.builder("vellum.transactions.submitted").baseUnit("transactions").tags(tags)
                .description("transactions this node sent to the log in batches").register(registry));
        transactionsOrdered = track(Counter.builder("vellum.transactions.ordered").baseUnit("transactions").tags(tags)
                .description("transactions admitted to the mempool (any node's batches)").register(registry));
        for (Admission reason : Admission.values()) {
            if (reason != Admission.ADMITTED) {
                transactionsDropped.put(reason, track(Counter.builder("vellum.transactions.dropped")
                        .baseUnit("transactions").tags(tags).tag("reason", reason.name().toLowerCase())
                        .description("transactions of applied batches not admitted").register(registry)));
            }
        }
        transactionsIncluded = track(Counter.builder("vellum.transactions.final").baseUnit("transactions").tags(tags)
                .tag("outcome", "included").description("transactions in final blocks").register(registry));
        transactionsRejected = track(Counter.builder("vellum.transactions.final").baseUnit("transactions").tags(tags)
                .tag("outcome", "rejected").description("transactions rejected by final blocks").register(registry));
        blocksFinal = track(Counter.builder("vellum.blocks.final").baseUnit("blocks").tags(tags)
                .description("blocks made final").register(registry));
        proposalsOpened = proposals(registry, tags, "opened");
        proposalsIgnored = proposals(registry, tags, "ignored");
        proposalsDiscarded = proposals(registry, tags, "discarded");
        votesApprove = track(Counter.builder("vellum.votes").baseUnit("votes").tags(tags).tag("verdict", "approve")
                .description("this node's votes").register(registry));
        votesReject = track(Counter.builder("vellum.votes").baseUnit("votes").tags(tags).tag("verdict", "reject")
                .description("this node's votes").register(registry));
        leaderChanges = track(Counter.builder("vellum.leader.changes").baseUnit("changes").tags(tags)
                .description("Raft leader changes seen").register(registry));
        submitsFailed = track(Counter.builder("vellum.submits.failed").baseUnit("entries").tags(tags)
                .description("core entries (votes, proposals, timeouts) that could not be sent").register(registry));
        snapshotsTaken = track(Counter.builder("vellum.snapshots").baseUnit("snapshots").tags(tags).tag("kind", "taken")
                .register(registry));
        snapshotsInstalled = track(Counter.builder("vellum.snapshots").baseUnit("snapshots").tags(tags)
                .tag("kind", "installed").register(registry));
        halts = track(Counter.builder("vellum.halts").baseUnit("halts").tags(tags)
                .description("this node's re-execution disagreed with a final block").register(registry));
        reexecution = timer(registry, tags, "vellum.proposal.reexecution",
                "applying a proposal entry: checks and re-execution");
        build = timer(registry, tags, "vellum.block.build", "building a proposal (leader)");
        transactionFinality = timer(registry, tags, "vellum.finality.transaction",
                "from submission to this node to final (included or rejected)");
        proposalFinality = timer(registry, tags, "vellum.finality.proposal", "from proposal opened to final");
        blockTime = timer(registry, tags, "vellum.block.time", "between consecutive final blocks");
        track(Gauge.builder("vellum.height", this, m -> m.finalHeight).baseUnit("blocks").tags(tags)
                .description("final height").register(registry));
    }

    /** Registers a gauge read from the node (pending transactions, queue sizes). */
    <T> void gauge(String name, String unit, T source, ToDoubleFunction<T> value) {
        track(Gauge.builder(name, source, value).baseUnit(unit).tags(tags).strongReference(false)
                .register(registry));
    }

    /** Registers a counter read from the node (a count that only grows, kept elsewhere). */
    <T> void counter(String name, String unit, String description, T source, ToDoubleFunction<T> value) {
        track(FunctionCounter.builder(name, source, value).baseUnit(unit).tags(tags).description(description)
                .register(registry));
    }

    private <M extends Meter> M track(M meter) {
        meters.add(meter);
        return meter;
    }

    /** Removes this node's meters from the registry (a restarted node registers new ones). */
    void close() {
        meters.forEach(registry::remove);
        meters.clear();
    }

    private Counter proposals(MeterRegistry registry, Tags tags, String outcome) {
        return track(Counter.builder("vellum.proposals").baseUnit("proposals").tags(tags).tag("outcome", outcome)
                .description("proposal entries applied, by what became of them").register(registry));
    }

    private Timer timer(MeterRegistry registry, Tags tags, String name, String description) {
        return track(Timer.builder(name).tags(tags).description(description).publishPercentiles(0.5, 0.99)
                .register(registry));
    }

    void submitted(Iterable<Felt> hashes) {
        long now = clockMs.getAsLong();
        int count = 0;
        for (Felt hash : hashes) {
            count++;
            if (submittedAtMs.size() < TRACKED_MAX) {
                submittedAtMs.putIfAbsent(hash, now);
            }
        }
        transactionsSubmitted.increment(count);
    }

    void batchSent() {
        batchesSubmitted.increment();
    }

    void onNotification(Notification notification) {
        long now = clockMs.getAsLong();
        if (notification instanceof Notification.TransactionsOrdered ordered) {
            transactionsOrdered.increment(ordered.hashes().size());
        } else if (notification instanceof Notification.TransactionDropped dropped) {
            transactionsDropped.get(dropped.admission()).increment();
            submittedAtMs.remove(dropped.hash());
        } else if (notification instanceof Notification.ProposalOpened opened) {
            proposalsOpened.increment();
            openedAtMs = now;
            openedHeight = opened.height();
        } else if (notification instanceof Notification.ProposalIgnored) {
            proposalsIgnored.increment();
        } else if (notification instanceof Notification.ProposalDiscarded) {
            proposalsDiscarded.increment();
        } else if (notification instanceof Notification.Voted voted) {
            (voted.approve() ? votesApprove : votesReject).increment();
        } else if (notification instanceof Notification.BlockFinalized block) {
            blocksFinal.increment();
            finalHeight = block.height();
            transactionsIncluded.increment(block.included().size());
            transactionsRejected.increment(block.rejected().size());
            if (openedHeight == block.height() && openedAtMs >= 0) {
                proposalFinality.record(now - openedAtMs, TimeUnit.MILLISECONDS);
            }
            if (lastFinalAtMs >= 0) {
                blockTime.record(now - lastFinalAtMs, TimeUnit.MILLISECONDS);
            }
            lastFinalAtMs = now;
            for (Felt hash : block.included()) {
                recordFinal(hash, now);
            }
            for (Felt hash : block.rejected().keySet()) {
                recordFinal(hash, now);
            }
        } else if (notification instanceof Notification.Halted) {
            halts.increment();
        }
    }

    private void recordFinal(Felt hash, long now) {
        Long at = submittedAtMs.remove(hash);
        if (at != null) {
            transactionFinality.record(now - at, TimeUnit.MILLISECONDS);
        }
    }

    @Override
    public void proposalApplied(long nanos) {
        reexecution.record(nanos, TimeUnit.NANOSECONDS);
    }

    @Override
    public void blockBuilt(long height, long nanos, boolean ok) {
        build.record(nanos, TimeUnit.NANOSECONDS);
    }

    @Override
    public void leaderChanged(long term, NodeId leader) {
        leaderChanges.increment();
    }

    @Override
    public void submitFailed() {
        submitsFailed.increment();
    }

    @Override
    public void snapshot(long index, boolean installed) {
        (installed ? snapshotsInstalled : snapshotsTaken).increment();
    }
}
