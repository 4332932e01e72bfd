package io.vellum.simulations.run;

import java.util.stream.IntStream;
import java.util.concurrent.CompletableFuture;
import io.vellum.blockifier.core.ContractAddress;
import io.vellum.proposer.NodeId;
import io.vellum.proposer.builder.ProposerFault;
import io.vellum.simulations.faults.LinkControl;
import io.vellum.simulations.faults.LinkSettings;
import io.vellum.simulations.scenario.FaultSpec;
import io.vellum.simulations.scenario.Target;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.function.LongSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Plays the fault schedule on the cluster (in one JVM or as processes): each fault starts at its time (its target
 * resolved then: the leader of that moment, a seeded minority...) and ends after its duration. Actions run in order
 * on one thread of their own, since stopping or starting a node takes seconds; {@link #tick} only hands them over.
 *
 * <p>Two faults on the same link: the later one's settings replace the earlier one's, and the first to end clears
 * the link.
 */
final class FaultInjector implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(FaultInjector.class);

    /** A fault as it ran: when it started and ended (ms since the workload started; -1: not yet) and on whom. */
    record Window(int index, String description, long startMs, long endMs, List<String> nodes) {
    }

    private final SimCluster cluster;
    private final LinkControl links;
    private final List<FaultSpec> faults;
    private final double durationS;
    private final SplittableRandom random;
    private final LongSupplier nowMs;
    private final RunObserver observer;
    private final Consumer<String> log;
    private final ContractAddress censored;
    private final ExecutorService actions = Executors.newSingleThreadExecutor(r -> {
        Thread thread = new Thread(r, "sim-faults");
        thread.setDaemon(true);
        return thread;
    });
    /** Guarded by "this". */
    private final Map<Integer, Window> windows = new HashMap<>();
    private final Map<Integer, List<NodeId>> resolved = new HashMap<>();
    private final Map<NodeId, ProposerFault> lying = new HashMap<>();
    private final Set<Integer> started = new HashSet<>();
    private final Set<Integer> ended = new HashSet<>();
    private final List<String> errors = new ArrayList<>();

    FaultInjector(SimCluster cluster, List<FaultSpec> faults, double durationS, long seed, LongSupplier nowMs,
            RunObserver observer, Consumer<String> log, ContractAddress censored) {
        this.cluster = cluster;
        this.links = cluster.links();
        this.faults = List.copyOf(faults);
        this.durationS = durationS;
        this.random = new SplittableRandom(seed ^ 0xfa017L);
        this.nowMs = nowMs;
        this.observer = observer;
        this.log = log;
        this.censored = censored;
    }

    /** Starts and ends the faults that are due at {@code elapsedS}. */
    synchronized void tick(double elapsedS) {
        for (int i = 0; i < faults.size(); i++) {
            FaultSpec fault = faults.get(i);
            int index = i;
            if (!started.contains(i) && elapsedS >= fault.atS()) {
                started.add(i);
                actions.execute(() -> start(index));
            }
            if (started.contains(i) && !ended.contains(i) && instantaneous(fault)) {
                ended.add(i);
            } else if (started.contains(i) && !ended.contains(i) && elapsedS >= fault.endS(durationS)
                    && fault.durationS() != null) {
                ended.add(i);
                actions.execute(() -> end(index));
            }
        }
    }

    private static boolean instantaneous(FaultSpec fault) {
        return fault.kind() == FaultSpec.Kind.RESTART || fault.kind() == FaultSpec.Kind.JOIN;
    }

    /** Ends every fault still active and waits (bounded) until every action ran. */
    void healAll(long timeoutMs) throws InterruptedException {
        synchronized (this) {
            for (int i = 0; i < faults.size(); i++) {
                int index = i;
                if (started.contains(i) && !ended.contains(i)) {
                    ended.add(i);
                    actions.execute(() -> end(index));
                }
            }
            started.addAll(IntStream.range(0, faults.size()).boxed().toList());
            ended.addAll(started);
        }
        actions.shutdown();
        if (!actions.awaitTermination(timeoutMs, TimeUnit.MILLISECONDS)) {
            throw new IllegalStateException("fault actions did not finish within " + timeoutMs + " ms");
        }
        links.clearAll();
    }

    /** Descriptions of the faults active now, for the progress line. */
    synchronized List<String> active() {
        List<String> out = new ArrayList<>();
        for (Window window : windows.values()) {
            if (window.endMs() < 0) {
                out.add(window.description() + " " + window.nodes());
            }
        }
        Collections.sort(out);
        return out;
    }

    synchronized List<Window> windows() {
        List<Window> out = new ArrayList<>(windows.values());
        out.sort((a, b) -> Long.compare(a.startMs(), b.startMs()));
        return out;
    }

    synchronized List<String> errors() {
        return List.copyOf(errors);
    }

    private void start(int index) {
        FaultSpec fault = faults.get(index);
        try {
            List<NodeId> targets = resolve(fault);
            synchronized (this) {
                resolved.put(index, targets);
                windows.put(index, new Window(index, fault.describe(), nowMs.getAsLong(), instantaneous(fault) ? -2 : -1,
                        targets.stream().map(NodeId::value).toList()));
            }
            log.accept(String.format("fault %d starts: %s on %s", index, fault.describe(), targets));
            apply(fault, targets);
            if (instantaneous(fault)) {
                finish(index);
            }
        } catch (Exception e) {
            LOG.warn("fault {} ({}) could not start", index, fault.describe(), e);
            synchronized (this) {
                errors.add("fault " + index + " (" + fault.describe() + ") could not start: " + e);
            }
        }
    }

    private void end(int index) {
        FaultSpec fault = faults.get(index);
        List<NodeId> targets;
        synchronized (this) {
            targets = resolved.get(index);
        }
        if (targets == null) {
            return;
        }
        try {
            heal(fault, targets);
            log.accept(String.format("fault %d ends: %s", index, fault.describe()));
        } catch (Exception e) {
            LOG.warn("fault {} ({}) could not end", index, fault.describe(), e);
            synchronized (this) {
                errors.add("fault " + index + " (" + fault.describe() + ") could not end: " + e);
            }
        }
        finish(index);
    }

    private void finish(int index) {
        long now = nowMs.getAsLong();
        boolean quiet;
        synchronized (this) {
            Window window = windows.get(index);
            windows.put(index, new Window(index, window.description(), window.startMs(), now, window.nodes()));
            quiet = windows.values().stream().noneMatch(w -> w.endMs() == -1);
        }
        if (quiet) {
            observer.healed(now);
        }
    }

    private List<NodeId> resolve(FaultSpec fault) throws InterruptedException {
        Target target = Target.parse(fault.target());
        List<NodeId> all = cluster.ids();
        List<NodeId> runningIds = cluster.runningIds();
        if (target instanceof Target.Node node) {
            return List.of(InJvmCluster.idOf(node.index()));
        }
        if (target instanceof Target.All) {
            return all;
        }
        NodeId leader = awaitLeader().orElseGet(() -> runningIds.isEmpty() ? all.get(0)
                : runningIds.get(random.nextInt(runningIds.size())));
        if (target instanceof Target.Leader) {
            return List.of(leader);
        }
        if (target instanceof Target.Proposer) {
            return List.of(cluster.openProposer().orElse(leader));
        }
        List<NodeId> others = new ArrayList<>(all);
        others.remove(leader);
        shuffle(others);
        if (target instanceof Target.Follower) {
            return others.isEmpty() ? List.of(leader) : List.of(others.get(0));
        }
        if (target instanceof Target.Random) {
            List<NodeId> any = new ArrayList<>(runningIds.isEmpty() ? all : runningIds);
            return List.of(any.get(random.nextInt(any.size())));
        }
        int size = target instanceof Target.Minority ? Math.max(1, (all.size() - 1) / 2) : all.size() / 2 + 1;
        List<NodeId> group = new ArrayList<>();
        group.add(leader);
        group.addAll(others.subList(0, Math.min(others.size(), size - 1)));
        return group;
    }

    private Optional<NodeId> awaitLeader() throws InterruptedException {
        for (int i = 0; i < 50; i++) {
            Optional<NodeId> leader = cluster.leader();
            if (leader.isPresent()) {
                return leader;
            }
            Thread.sleep(100);
        }
        return Optional.empty();
    }

    private void shuffle(List<NodeId> list) {
        for (int i = list.size() - 1; i > 0; i--) {
            Collections.swap(list, i, random.nextInt(i + 1));
        }
    }

    private void apply(FaultSpec fault, List<NodeId> targets) throws Exception {
        switch (fault.kind()) {
            case CRASH -> parallel(targets, cluster::crash);
            case RESTART -> {
                for (NodeId id : targets) {
                    cluster.crash(id);
                    cluster.restart(id, lyingFault(id));
                }
            }
            case ISOLATE, PARTITION -> blockBetween(targets, true);
            case ONE_WAY -> blockBetween(targets, false);
            case DELAY -> onLinksOf(targets, LinkSettings.delay(fault.delayMs(), fault.jitterMs()));
            case LOSS -> onLinksOf(targets, LinkSettings.loss(fault.loss()));
            case BANDWIDTH -> onLinksOf(targets, LinkSettings.bandwidth(fault.bytesPerSecond()));
            case LYING_PROPOSER -> {
                ProposerFault lie = switch (fault.mode()) {
                    case "reorder" -> new ProposerFault.Reorder();
                    case "censor" -> new ProposerFault.Censor(censored);
                    default -> new ProposerFault.WrongResult();
                };
                for (NodeId id : targets) {
                    synchronized (this) {
                        lying.put(id, lie);
                    }
                    observer.lyingNode(id);
                    cluster.crash(id);
                    cluster.restart(id, lie);
                    makeLeader(id);
                }
            }
            case PROVER_STALL -> {
                for (NodeId id : targets) {
                    cluster.setProverPaused(id, true);
                }
            }
            case CLOCK_SKEW -> {
                for (NodeId id : targets) {
                    cluster.setClockOffset(id, fault.skewMs());
                }
            }
            case PAUSE -> {
                for (NodeId id : targets) {
                    cluster.pause(id);
                }
            }
            case JOIN -> {
                for (NodeId id : targets) {
                    cluster.join(Integer.parseInt(id.value().substring(1)));
                }
            }
        }
    }

    private void heal(FaultSpec fault, List<NodeId> targets) throws Exception {
        switch (fault.kind()) {
            case CRASH -> parallel(targets, id -> {
                if (!cluster.isRunning(id)) {
                    cluster.restart(id, lyingFault(id));
                }
            });
            case ISOLATE, PARTITION, ONE_WAY, DELAY, LOSS, BANDWIDTH -> {
                for (NodeId a : targets) {
                    for (NodeId b : cluster.ids()) {
                        if (!a.equals(b)) {
                            links.set(a, b, LinkSettings.CLEAR);
                            links.set(b, a, LinkSettings.CLEAR);
                        }
                    }
                }
            }
            case LYING_PROPOSER -> {
                for (NodeId id : targets) {
                    synchronized (this) {
                        lying.remove(id);
                    }
                    cluster.crash(id);
                    cluster.restart(id, ProposerFault.NONE);
                }
            }
            case PROVER_STALL -> {
                for (NodeId id : targets) {
                    cluster.setProverPaused(id, false);
                }
            }
            case CLOCK_SKEW -> {
                for (NodeId id : targets) {
                    cluster.setClockOffset(id, 0);
                }
            }
            case PAUSE -> {
                for (NodeId id : targets) {
                    cluster.resume(id);
                }
            }
            case RESTART, JOIN -> {
                // instantaneous
            }
        }
    }

    /**
     * Transfers leadership to {@code id} (bounded: a few attempts), so that a lying proposer actually proposes. The
     * honest nodes then reject its proposals and it loses its turn again.
     */
    private void makeLeader(NodeId id) throws InterruptedException {
        for (int attempt = 0; attempt < 10; attempt++) {
            Optional<NodeId> leader = cluster.leader();
            if (leader.isPresent() && leader.get().equals(id)) {
                log.accept("fault: " + id + " leads now");
                return;
            }
            if (leader.isPresent()) {
                try {
                    cluster.transferLeadership(leader.get(), id, Duration.ofSeconds(3));
                } catch (IOException | RuntimeException e) {
                    LOG.debug("leadership transfer to {} failed (attempt {})", id, attempt, e);
                }
            }
            Thread.sleep(500);
        }
        log.accept("fault: leadership could not be moved to " + id);
    }

    private synchronized ProposerFault lyingFault(NodeId id) {
        return lying.getOrDefault(id, ProposerFault.NONE);
    }

    private void blockBetween(List<NodeId> group, boolean bothWays) {
        for (NodeId inside : group) {
            for (NodeId outside : cluster.ids()) {
                if (group.contains(outside)) {
                    continue;
                }
                links.set(inside, outside, LinkSettings.BLOCKED);
                if (bothWays) {
                    links.set(outside, inside, LinkSettings.BLOCKED);
                }
            }
        }
    }

    private void onLinksOf(List<NodeId> group, LinkSettings settings) {
        for (NodeId a : group) {
            for (NodeId b : cluster.ids()) {
                if (!a.equals(b)) {
                    links.set(a, b, settings);
                    links.set(b, a, settings);
                }
            }
        }
    }

    private interface NodeAction {
        void run(NodeId id) throws Exception;
    }

    private static void parallel(List<NodeId> targets, NodeAction action) throws Exception {
        List<CompletableFuture<Void>> runs = new ArrayList<>();
        for (NodeId id : targets) {
            runs.add(InJvmCluster.inThread(() -> {
                try {
                    action.run(id);
                } catch (RuntimeException e) {
                    throw e;
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            }));
        }
        for (CompletableFuture<Void> run : runs) {
            run.join();
        }
    }

    @Override
    public void close() {
        actions.shutdownNow();
    }
}
