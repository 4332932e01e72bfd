package io.vellum.network.node;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.common.util.concurrent.FutureCallback;
import com.google.common.util.concurrent.Futures;
import com.google.common.util.concurrent.MoreExecutors;
import io.grpc.ManagedChannel;
import io.grpc.Status;
import io.grpc.netty.shaded.io.grpc.netty.NettyChannelBuilder;
import io.micrometer.core.instrument.Counter;
import io.vellum.blockifier.core.ContractAddress;
import io.vellum.blockifier.core.Nonce;
import io.vellum.blockifier.contracts.Multicall;
import io.vellum.blockifier.execution.ExecutionConfig;
import io.vellum.blockifier.testing.TestChain;
import io.vellum.blockifier.transaction.InvokeTransaction;
import io.vellum.consensus.core.SequencerCore;
import io.vellum.consensus.node.BatchingSettings;
import io.vellum.network.api.SequencerGrpc;
import io.vellum.network.api.SubmitResult;
import io.vellum.network.api.SubmitTransactionsRequest;
import io.vellum.network.api.SubmitTransactionsResponse;
import io.vellum.network.server.ApiCodec;
import io.vellum.proposer.mempool.MempoolLimits;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.math.BigInteger;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicLongArray;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Overload on one node: transfers offered well above what it can make final (blocks of at most 200 transactions, a
 * mempool of 2,000), from many accounts with several calls in flight per client thread. Expected: the node answers
 * {@code RESOURCE_EXHAUSTED} (or {@code OVERLOADED} results) instead of queuing without bound; the mempool stays
 * within its limit and the heap does not grow; the node stays up and answers other calls; afterwards it makes blocks
 * final at the rate it had before.
 *
 * <p>Signature checks are off in this cluster so the test's own client can produce transactions fast enough on a
 * small machine (signing 10,000s of transactions would starve the node); the node's work per transaction is then the
 * execution and the log.
 *
 * <p>The default run overloads for 10 s; the 30 s run is tagged {@code api-long}:
 * {@code mvn -B -o -pl network -am -Papi-long-tests -Dsurefire.failIfNoSpecifiedTests=false
 * -Dtest='OverloadTest' verify}.
 */
class OverloadTest {
    private static final Logger LOG = LoggerFactory.getLogger(OverloadTest.class);
    private static final int THREADS = 6;
    private static final int GROUPS_PER_THREAD = 4;
    private static final int ACCOUNTS_PER_GROUP = 20;
    private static final int ACCOUNTS = THREADS * GROUPS_PER_THREAD * ACCOUNTS_PER_GROUP;
    private static final int MEMPOOL_MAX = 2_000;

    @TempDir
    Path dir;
    private ApiCluster cluster;
    private ManagedChannel channel;

    @AfterEach
    void stop() {
        if (channel != null) {
            channel.shutdownNow();
        }
        if (cluster != null) {
            cluster.close();
        }
    }

    @Test
    @Timeout(150)
    void tenSecondsWellAboveCapacity() throws Exception {
        run(Duration.ofSeconds(10));
    }

    @Test
    @Tag("api-long")
    @Timeout(300)
    void thirtySecondsWellAboveCapacity() throws Exception {
        run(Duration.ofSeconds(30));
    }

    /** What one phase saw. */
    private static final class Tally {
        final AtomicLong ordered = new AtomicLong();
        final AtomicLong overloaded = new AtomicLong();
        final AtomicLong exhaustedCalls = new AtomicLong();
        final AtomicLong otherFailures = new AtomicLong();
        final AtomicLong calls = new AtomicLong();
    }

    private void run(Duration overload) throws Exception {
        cluster = ApiCluster.start(ApiCluster.Options.of(1, ACCOUNTS)
                .withExecution(ExecutionConfig.DEFAULT.withSignatureChecks(false))
                .withBlockTransactionsMax(200)
                .withMempool(new MempoolLimits(MEMPOOL_MAX, 256))
                .withBatching(new BatchingSettings(200, 5, 1_000, 30_000)), dir, 0x0e7L);
        channel = NettyChannelBuilder.forAddress("127.0.0.1", cluster.node(0).publicPort()).usePlaintext().build();
        AtomicLongArray nonces = new AtomicLongArray(ACCOUNTS);

        double before = closedLoopRate(nonces, Duration.ofSeconds(3), Duration.ofSeconds(5));
        MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
        System.gc();
        long heapBefore = memory.getHeapMemoryUsage().getUsed();

        Tally tally = new Tally();
        long pendingMax = 0;
        long statusMaxNanos = 0;
        List<Thread> threads = new ArrayList<>();
        long endNanos = System.nanoTime() + overload.toNanos();
        for (int t = 0; t < THREADS; t++) {
            int thread = t;
            threads.add(new Thread(() -> openLoop(thread, nonces, endNanos, tally)));
        }
        threads.forEach(Thread::start);
        while (System.nanoTime() < endNanos) {
            long pending = cluster.node(0).sequencer().consensus().read(SequencerCore::pendingCount).orElse(0);
            pendingMax = Math.max(pendingMax, pending);
            long start = System.nanoTime();
            assertThat(cluster.client(0).nodeStatus().getRole()).isEqualTo("LEADER");
            statusMaxNanos = Math.max(statusMaxNanos, System.nanoTime() - start);
            Thread.sleep(200);
        }
        for (Thread thread : threads) {
            thread.join(TimeUnit.SECONDS.toMillis(60));
            assertThat(thread.isAlive()).isFalse();
        }
        System.gc();
        long heapAfter = memory.getHeapMemoryUsage().getUsed();
        // Recovered: the backlog made final and committed (the committer catches up with the blocks made under
        // overload, using the same CPU), then the same closed loop as before.
        awaitDrained(Duration.ofSeconds(60));
        awaitCommitterCaughtUp(Duration.ofSeconds(60));
        // On a shared machine one window's rate is noisy: the full rate must come back within three windows.
        double after = 0;
        for (int window = 0; window < 3 && after <= 0.5 * before; window++) {
            after = Math.max(after, closedLoopRate(nonces, Duration.ofSeconds(1), Duration.ofSeconds(4)));
        }

        LOG.warn("overload {} s: {} calls, {} ordered, {} overloaded results, {} RESOURCE_EXHAUSTED calls, {} other "
                + "failures; mempool max {}; status call max {} ms; heap {} -> {} MB; final rate before {}/s, after "
                + "{}/s", overload.toSeconds(), tally.calls, tally.ordered, tally.overloaded, tally.exhaustedCalls,
                tally.otherFailures, pendingMax, TimeUnit.NANOSECONDS.toMillis(statusMaxNanos), heapBefore >> 20,
                heapAfter >> 20, Math.round(before), Math.round(after));
        assertThat(tally.exhaustedCalls.get() + tally.overloaded.get()).as("backpressure was applied").isPositive();
        assertThat(tally.ordered.get()).as("work went on under overload").isPositive();
        assertThat(pendingMax).as("the mempool stays within its limit").isLessThanOrEqualTo(MEMPOOL_MAX);
        assertThat(heapAfter - heapBefore).as("the heap does not grow with the offered load")
                .isLessThan(256L << 20);
        assertThat(statusMaxNanos).as("the node answers other calls").isLessThan(TimeUnit.SECONDS.toNanos(5));
        assertThat(cluster.node(0).isRunning()).isTrue();
        assertThat(before).isPositive();
        assertThat(after).as("the rate after the overload (before: %.0f/s)", before).isGreaterThan(0.5 * before);
    }

    /** Sends with {@link #GROUPS_PER_THREAD} calls in flight, each for its own accounts, until {@code endNanos}. */
    private void openLoop(int thread, AtomicLongArray nonces, long endNanos, Tally tally) {
        SequencerGrpc.SequencerFutureStub stub = SequencerGrpc.newFutureStub(channel);
        Semaphore inFlight = new Semaphore(GROUPS_PER_THREAD);
        // One call at a time per group of accounts: its nonces move only when its answer is in.
        AtomicBoolean[] busy = new AtomicBoolean[GROUPS_PER_THREAD];
        for (int g = 0; g < GROUPS_PER_THREAD; g++) {
            busy[g] = new AtomicBoolean();
        }
        int group = 0;
        while (System.nanoTime() < endNanos) {
            try {
                if (!inFlight.tryAcquire(100, TimeUnit.MILLISECONDS)) {
                    continue;
                }
            } catch (InterruptedException e) {
                return;
            }
            int free = -1;
            for (int step = 0; step < GROUPS_PER_THREAD && free < 0; step++) {
                int candidate = (group + step) % GROUPS_PER_THREAD;
                if (busy[candidate].compareAndSet(false, true)) {
                    free = candidate;
                }
            }
            if (free < 0) { // cannot happen: a permit means a group is free
                inFlight.release();
                continue;
            }
            AtomicBoolean groupBusy = busy[free];
            group = (free + 1) % GROUPS_PER_THREAD;
            int first = (thread * GROUPS_PER_THREAD + free) * ACCOUNTS_PER_GROUP;
            SubmitTransactionsRequest request = request(first, nonces);
            tally.calls.incrementAndGet();
            Futures.addCallback(stub.withDeadlineAfter(30, TimeUnit.SECONDS).submitTransactions(request),
                    new FutureCallback<SubmitTransactionsResponse>() {
                        @Override
                        public void onSuccess(SubmitTransactionsResponse response) {
                            count(first, nonces, response, tally);
                            groupBusy.set(false);
                            inFlight.release();
                        }

                        @Override
                        public void onFailure(Throwable t) {
                            if (Status.fromThrowable(t).getCode() == Status.Code.RESOURCE_EXHAUSTED) {
                                tally.exhaustedCalls.incrementAndGet();
                            } else {
                                tally.otherFailures.incrementAndGet();
                            }
                            groupBusy.set(false);
                            inFlight.release();
                        }
                    }, MoreExecutors.directExecutor());
        }
        try {
            inFlight.tryAcquire(GROUPS_PER_THREAD, 40, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /**
     * Closed loop: each thread sends one call at a time, for {@code warmUp} then {@code window}; the rate of
     * transactions made final during the window (the node kept saturated: its full rate).
     */
    private double closedLoopRate(AtomicLongArray nonces, Duration warmUp, Duration window) throws Exception {
        long startNanos = System.nanoTime();
        long windowNanos = startNanos + warmUp.toNanos();
        long endNanos = windowNanos + window.toNanos();
        Tally tally = new Tally();
        List<Thread> threads = new ArrayList<>();
        for (int t = 0; t < THREADS; t++) {
            int thread = t;
            threads.add(new Thread(() -> {
                SequencerGrpc.SequencerBlockingStub stub = SequencerGrpc.newBlockingStub(channel);
                int group = 0;
                while (System.nanoTime() < endNanos) {
                    int first = (thread * GROUPS_PER_THREAD + group) * ACCOUNTS_PER_GROUP;
                    group = (group + 1) % GROUPS_PER_THREAD;
                    try {
                        count(first, nonces, stub.withDeadlineAfter(30, TimeUnit.SECONDS)
                                .submitTransactions(request(first, nonces)), tally);
                    } catch (RuntimeException e) {
                        tally.otherFailures.incrementAndGet();
                    }
                }
            }));
        }
        threads.forEach(Thread::start);
        Thread.sleep(Math.max(0, TimeUnit.NANOSECONDS.toMillis(windowNanos - System.nanoTime())));
        double finalAtStart = finalTransactions();
        long measuredFrom = System.nanoTime();
        Thread.sleep(Math.max(0, TimeUnit.NANOSECONDS.toMillis(endNanos - System.nanoTime())));
        double finalAtEnd = finalTransactions();
        double seconds = (System.nanoTime() - measuredFrom) / 1e9;
        for (Thread thread : threads) {
            thread.join(TimeUnit.SECONDS.toMillis(60));
        }
        return (finalAtEnd - finalAtStart) / seconds;
    }

    private double finalTransactions() {
        Counter included = cluster.node(0).registry().find("vellum.transactions.final").tag("outcome", "included")
                .counter();
        return included == null ? 0 : included.count();
    }

    private SubmitTransactionsRequest request(int firstAccount, AtomicLongArray nonces) {
        ContractAddress to = cluster.chain.account(ACCOUNTS - 1 - firstAccount % 7).address();
        SubmitTransactionsRequest.Builder request = SubmitTransactionsRequest.newBuilder();
        for (int a = firstAccount; a < firstAccount + ACCOUNTS_PER_GROUP; a++) {
            InvokeTransaction transfer = new InvokeTransaction(cluster.chain.account(a).address(),
                    Multicall.encode(TestChain.transferCall(cluster.chain.feeToken(), to, BigInteger.ONE)), List.of(),
                    Nonce.of(nonces.get(a)), TestChain.defaultFields(), List.of());
            request.addTransactions(ApiCodec.toProto(transfer));
        }
        return request.build();
    }

    private static void count(int firstAccount, AtomicLongArray nonces, SubmitTransactionsResponse response,
            Tally tally) {
        for (int i = 0; i < response.getResultsCount(); i++) {
            SubmitResult result = response.getResults(i);
            switch (result.getOutcome()) {
                case ORDERED -> {
                    nonces.incrementAndGet(firstAccount + i);
                    tally.ordered.incrementAndGet();
                }
                case OVERLOADED -> tally.overloaded.incrementAndGet();
                default -> tally.otherFailures.incrementAndGet();
            }
        }
    }

    private void awaitCommitterCaughtUp(Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            if (cluster.node(0).sequencer().committer().lagBlocks() <= 1) {
                return;
            }
            Thread.sleep(50);
        }
        throw new AssertionError("the committer did not catch up within " + timeout);
    }

    private void awaitDrained(Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            if (cluster.node(0).sequencer().consensus().read(SequencerCore::pendingCount).orElse(1) == 0) {
                return;
            }
            Thread.sleep(50);
        }
        var consensus = cluster.node(0).sequencer().consensus();
        var pending = consensus.read(SequencerCore::pending).orElse(List.of());
        StringBuilder detail = new StringBuilder();
        try (var view = cluster.node(0).sequencer().chain().store().latest()) {
            for (var p : pending.subList(0, Math.min(5, pending.size()))) {
                var tx = p.transaction().transaction();
                detail.append("\n  ").append(tx.nonceAddress()).append(" nonce ").append(tx.nonce())
                        .append(" state nonce ").append(view.nonceAt(tx.nonceAddress()));
            }
        }
        throw new AssertionError("the mempool did not drain within " + timeout + ": " + pending.size()
                + " pending at height " + consensus.finalHeight() + detail);
    }
}
