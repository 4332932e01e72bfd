package io.vellum.simulations.run;

import java.util.Locale;
import io.vellum.blockifier.block.Genesis;
import io.vellum.blockifier.transaction.ExecutableTransaction;
import io.vellum.consensus.node.NodeStateException;
import io.vellum.consensus.node.Ordering;
import io.vellum.consensus.node.OverloadedException;
import io.vellum.proposer.NodeId;
import io.vellum.proposer.mempool.Admission;
import io.vellum.simulations.check.Op;
import io.vellum.simulations.scenario.WorkloadSpec;
import io.vellum.simulations.workload.TransactionFactory;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.LongSupplier;

/**
 * The open-loop workload generator: every tick it sends what each workload's rate says is due, whatever happened to
 * earlier transactions (a backlog is not caught up later: what cannot be sent is counted as shed). Each account has
 * at most one transaction in flight, so nonces stay in order; a transaction whose outcome is not known is sent again
 * as is (same hash) on the account's next turn, so it can never be ordered twice with two nonces. Sends go in turn
 * to the running nodes that are not far behind the highest one.
 *
 * <p>Threads: {@link #tick} runs on the runner's thread only; completions arrive on node threads and are queued for
 * the next tick.
 */
final class WorkloadDriver {
    /** How long an operation may wait for its acknowledgement before its outcome is recorded unknown. */
    static final long OPERATION_TIMEOUT_MS = 10_000;
    /** A node further behind the highest than this is not sent to. */
    static final long LAG_BLOCKS_MAX = 8;

    private final History history;
    private final RunObserver observer;
    private final LongSupplier nowMs;
    private final SimCluster cluster;
    private final List<Workload> workloads = new ArrayList<>();
    private final ConcurrentLinkedQueue<Completion> completions = new ConcurrentLinkedQueue<>();
    private long nextOpId = 1;
    private long inFlight;
    private long shed;
    private int nextNode;

    private static final class Account {
        long nextNonce;
        ExecutableTransaction again;
    }

    private static final class Workload {
        final int index;
        final WorkloadSpec spec;
        final TransactionFactory factory;
        final Account[] accounts;
        final ArrayDeque<Integer> free = new ArrayDeque<>();
        final SplittableRandom random;
        double due;

        Workload(int index, WorkloadSpec spec, TransactionFactory factory, long seed) {
            this.index = index;
            this.spec = spec;
            this.factory = factory;
            this.accounts = new Account[spec.accounts()];
            for (int i = 0; i < accounts.length; i++) {
                accounts[i] = new Account();
                free.add(i);
            }
            this.random = new SplittableRandom(seed);
        }

        String name() {
            return index + ":" + spec.kind().name().toLowerCase(Locale.ROOT).replace('_', '-');
        }
    }

    private record Completion(Workload workload, int local, Op invoke, Ordering ordering, Throwable error) {
    }

    WorkloadDriver(List<WorkloadSpec> specs, Genesis genesis, long seed, History history, RunObserver observer,
            LongSupplier nowMs, SimCluster cluster) {
        this.history = history;
        this.observer = observer;
        this.nowMs = nowMs;
        this.cluster = cluster;
        int first = 0;
        for (int i = 0; i < specs.size(); i++) {
            WorkloadSpec spec = specs.get(i);
            workloads.add(new Workload(i, spec, new TransactionFactory(spec, genesis, first), seed * 1_000_003L + i));
            first += spec.accounts();
        }
    }

    /** Sends what is due for {@code elapsedS} of {@code durationS} ({@code dtS} since the last tick). */
    void tick(double elapsedS, double durationS, double dtS) {
        drainCompletions();
        List<NodeId> running = caughtUp();
        Map<NodeId, List<Pending>> batches = new LinkedHashMap<>();
        for (Workload workload : workloads) {
            workload.due += workload.spec.rate().at(elapsedS, durationS) * dtS;
            while (workload.due >= 1) {
                workload.due -= 1;
                Integer local = workload.free.poll();
                if (local == null) {
                    shed++; // every account of the workload has a transaction in flight
                    continue;
                }
                Account account = workload.accounts[local];
                ExecutableTransaction transaction = account.again != null ? account.again
                        : workload.factory.build(local, account.nextNonce, target(workload, local), workload.random);
                account.again = transaction;
                long now = nowMs.getAsLong();
                String tx = transaction.hash().toHex();
                if (running.isEmpty()) {
                    Op invoke = new Op(nextOpId++, Op.Type.invoke, now, "-", workload.name(),
                            workload.factory.accountIndex(local), account.nextNonce, tx, "");
                    history.append(invoke);
                    inFlight++;
                    completions.add(new Completion(workload, local, invoke, null, new NodeStateException("no node runs")));
                    continue;
                }
                NodeId node = running.get(Math.floorMod(nextNode++, running.size()));
                Op invoke = new Op(nextOpId++, Op.Type.invoke, now, node.value(), workload.name(),
                        workload.factory.accountIndex(local), account.nextNonce, tx, "");
                history.append(invoke);
                observer.sent(tx, now);
                inFlight++;
                batches.computeIfAbsent(node, n -> new ArrayList<>()).add(new Pending(workload, local, invoke,
                        transaction));
            }
        }
        batches.forEach(this::submit);
        drainCompletions();
    }

    /**
     * The nodes a client would send to: those within {@link #LAG_BLOCKS_MAX} blocks of the highest (a node that
     * restarted may take many seconds to catch up, and acknowledges nothing meanwhile); all of them if none is.
     */
    private List<NodeId> caughtUp() {
        List<NodeId> running = cluster.runningIds();
        long[] heights = new long[running.size()];
        long highest = -1;
        for (int i = 0; i < running.size(); i++) {
            heights[i] = cluster.view(running.get(i)).map(SimCluster.NodeView::finalHeight).orElse(-1L);
            highest = Math.max(highest, heights[i]);
        }
        List<NodeId> out = new ArrayList<>();
        for (int i = 0; i < running.size(); i++) {
            if (heights[i] >= 0 && heights[i] >= highest - LAG_BLOCKS_MAX) {
                out.add(running.get(i));
            }
        }
        return out.isEmpty() ? running : out;
    }

    private record Pending(Workload workload, int local, Op invoke, ExecutableTransaction transaction) {
    }

    private void submit(NodeId node, List<Pending> batch) {
        List<CompletableFuture<Ordering>> futures;
        try {
            futures = cluster.submit(node, batch.stream().map(Pending::transaction).toList());
        } catch (OverloadedException | NodeStateException e) {
            for (Pending pending : batch) {
                completions.add(new Completion(pending.workload(), pending.local(), pending.invoke(), null, e));
            }
            return;
        } catch (RuntimeException e) {
            for (Pending pending : batch) {
                completions.add(new Completion(pending.workload(), pending.local(), pending.invoke(), null,
                        new UnknownOutcome(e.toString())));
            }
            return;
        }
        for (int i = 0; i < batch.size(); i++) {
            Pending pending = batch.get(i);
            futures.get(i).orTimeout(OPERATION_TIMEOUT_MS, TimeUnit.MILLISECONDS).whenComplete((ordering, error) ->
                    completions.add(new Completion(pending.workload(), pending.local(), pending.invoke(), ordering,
                            error == null ? null : new UnknownOutcome(describe(error)))));
        }
    }

    /** An error after the transaction was queued: it may have been ordered. */
    private static final class UnknownOutcome extends Exception {
        private static final long serialVersionUID = 1L;

        UnknownOutcome(String message) {
            super(message, null, false, false);
        }
    }

    private static String describe(Throwable error) {
        Throwable cause = error;
        while (cause.getCause() != null && cause != cause.getCause()) {
            cause = cause.getCause();
        }
        if (cause instanceof TimeoutException) {
            return "timeout after " + OPERATION_TIMEOUT_MS + " ms";
        }
        return cause.getClass().getSimpleName() + ": " + cause.getMessage();
    }

    private static int target(Workload workload, int local) {
        int count = workload.spec.kind() == WorkloadSpec.Kind.KEY_VALUE ? 1_000 : workload.spec.accounts();
        if (workload.spec.hotSpot() != null) {
            return workload.spec.hotSpot().pick(count, workload.random.nextDouble(), workload.random.nextDouble());
        }
        return workload.random.nextInt(count);
    }

    /** Records the outcomes that arrived since the last call and frees their accounts. */
    void drainCompletions() {
        Completion completion;
        while ((completion = completions.poll()) != null) {
            inFlight--;
            Account account = completion.workload().accounts[completion.local()];
            long now = nowMs.getAsLong();
            Op done;
            if (completion.error() == null && completion.ordering() instanceof Ordering.Ordered) {
                done = completion.invoke().complete(Op.Type.ok, now, "");
                account.nextNonce++;
                account.again = null;
            } else if (completion.ordering() instanceof Ordering.Dropped dropped) {
                if (dropped.reason() == Admission.DUPLICATE) {
                    done = completion.invoke().complete(Op.Type.fail, now, Op.DUPLICATE);
                    account.nextNonce++;
                    account.again = null;
                } else {
                    done = completion.invoke().complete(Op.Type.fail, now, dropped.reason().name());
                }
            } else if (completion.error() instanceof UnknownOutcome unknown) {
                done = completion.invoke().complete(Op.Type.info, now, unknown.getMessage());
            } else {
                Throwable error = completion.error();
                done = completion.invoke().complete(Op.Type.fail, now,
                        error == null ? "no outcome" : error.getClass().getSimpleName() + ": " + error.getMessage());
            }
            history.append(done);
            completion.workload().free.add(completion.local());
        }
    }

    long inFlight() {
        return inFlight;
    }

    long shed() {
        return shed;
    }
}
