package io.vellum.consensus.node;

import io.vellum.blockifier.crypto.Felt;
import io.vellum.blockifier.transaction.ExecutableTransaction;
import io.vellum.consensus.core.Notification;
import io.vellum.consensus.entry.EntryCodec;
import io.vellum.consensus.entry.TransactionBatch;
import io.vellum.consensus.ratis.EntrySubmitter;
import io.vellum.proposer.NodeId;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Groups clients' transactions into {@link TransactionBatch} entries: up to {@code transactionsPerBatchMax} per entry,
 * or whatever arrived within {@code batchDelayMs} of the first, on one thread of its own. Each submitted transaction
 * gets a future completed when the batch is applied on this node ({@link Ordering.Ordered} or
 * {@link Ordering.Dropped}, from the core's notifications), or failed with {@link NotOrderedException} when its
 * batch could not be appended or was not seen applied within {@code orderingTimeoutMs}.
 *
 * <p>Bounded: at most {@code queueCapacity} transactions wait; a submission that does not fit is refused whole with
 * {@link OverloadedException}. When the client window is full, the batching thread waits (the queue then fills, and
 * clients are told to back off).
 *
 * <p>Futures are completed on the dispatcher thread or a Ratis client thread: callers must not block in their
 * continuations.
 */
final class TransactionBatcher implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(TransactionBatcher.class);
    private static final long POLL_MS = 50;

    private record Submitted(ExecutableTransaction transaction, CompletableFuture<Ordering> future) {
    }

    private record Sent(long deadlineMs, Felt hash, CompletableFuture<Ordering> future) {
    }

    private final NodeId self;
    private final EntryCodec codec;
    private final EntrySubmitter submitter;
    private final BatchingSettings settings;
    private final LongSupplier clockMs;
    private final ArrayBlockingQueue<Submitted> queue;
    private final Object submitLock = new Object();
    /** Futures waiting for their transaction's batch to be applied, by hash. */
    private final Map<Felt, List<CompletableFuture<Ordering>>> waiting = new ConcurrentHashMap<>();
    /** Batching thread only: sent futures in deadline order (deadlines grow with send time). */
    private final ArrayDeque<Sent> deadlines = new ArrayDeque<>();
    private final Thread thread;
    private volatile boolean running = true;
    private final BatchObserver observer;

    interface BatchObserver {
        void batchSent(int transactions);
    }

    TransactionBatcher(NodeId self, EntryCodec codec, EntrySubmitter submitter, BatchingSettings settings,
            LongSupplier clockMs, BatchObserver observer) {
        this.self = Objects.requireNonNull(self, "self");
        this.codec = Objects.requireNonNull(codec, "codec");
        this.submitter = Objects.requireNonNull(submitter, "submitter");
        this.settings = Objects.requireNonNull(settings, "settings");
        this.clockMs = Objects.requireNonNull(clockMs, "clockMs");
        this.observer = Objects.requireNonNull(observer, "observer");
        this.queue = new ArrayBlockingQueue<>(settings.queueCapacity());
        this.thread = new Thread(this::run, "vellum-batch-" + self);
        this.thread.setDaemon(true);
    }

    void start() {
        thread.start();
    }

    /** Queues the transactions whole, or refuses them whole. */
    List<CompletableFuture<Ordering>> submit(List<ExecutableTransaction> transactions) throws OverloadedException {
        List<CompletableFuture<Ordering>> futures = new ArrayList<>(transactions.size());
        synchronized (submitLock) {
            if (!running) {
                throw new NodeStateException(self + " is closed");
            }
            if (queue.remainingCapacity() < transactions.size()) {
                throw new OverloadedException(self + ": " + queue.size() + " transactions wait to be ordered (at most "
                        + settings.queueCapacity() + "); back off");
            }
            for (ExecutableTransaction transaction : transactions) {
                CompletableFuture<Ordering> future = new CompletableFuture<>();
                waiting.compute(transaction.hash(), (h, list) -> {
                    List<CompletableFuture<Ordering>> more = list == null ? new ArrayList<>(1) : new ArrayList<>(list);
                    more.add(future);
                    return more;
                });
                futures.add(future);
                queue.add(new Submitted(transaction, future));
            }
        }
        return futures;
    }

    /** Transactions waiting to be batched. */
    int queued() {
        return queue.size();
    }

    /** Completes the futures of transactions this notification settles (called on the dispatcher thread). */
    void onNotification(Notification notification) {
        if (notification instanceof Notification.TransactionsOrdered ordered) {
            for (Felt hash : ordered.hashes()) {
                complete(hash, new Ordering.Ordered(hash, ordered.index()));
            }
        } else if (notification instanceof Notification.TransactionDropped dropped) {
            complete(dropped.hash(), new Ordering.Dropped(dropped.hash(), dropped.index(), dropped.admission()));
        }
    }

    private void complete(Felt hash, Ordering outcome) {
        List<CompletableFuture<Ordering>> futures = waiting.remove(hash);
        if (futures != null) {
            for (CompletableFuture<Ordering> future : futures) {
                future.complete(outcome);
            }
        }
    }

    private void fail(Felt hash, CompletableFuture<Ordering> future, NotOrderedException error) {
        if (future.completeExceptionally(error)) {
            waiting.computeIfPresent(hash, (h, list) -> {
                List<CompletableFuture<Ordering>> rest = new ArrayList<>(list);
                rest.remove(future);
                return rest.isEmpty() ? null : rest;
            });
        }
    }

    private void run() {
        List<Submitted> batch = new ArrayList<>(settings.transactionsPerBatchMax());
        while (running) {
            try {
                expire();
                Submitted first = queue.poll(POLL_MS, TimeUnit.MILLISECONDS);
                if (first == null) {
                    continue;
                }
                batch.add(first);
                long closeAtMs = clockMs.getAsLong() + settings.batchDelayMs();
                while (batch.size() < settings.transactionsPerBatchMax()) {
                    queue.drainTo(batch, settings.transactionsPerBatchMax() - batch.size());
                    long leftMs = closeAtMs - clockMs.getAsLong();
                    if (batch.size() >= settings.transactionsPerBatchMax() || leftMs <= 0) {
                        break;
                    }
                    Submitted next = queue.poll(leftMs, TimeUnit.MILLISECONDS);
                    if (next == null) {
                        break;
                    }
                    batch.add(next);
                }
                send(batch);
                batch = new ArrayList<>(settings.transactionsPerBatchMax());
            } catch (InterruptedException e) {
                break;
            } catch (RuntimeException e) {
                LOG.error("{}: batching failed", self, e);
                for (Submitted submitted : batch) {
                    fail(submitted.transaction().hash(), submitted.future(),
                            new NotOrderedException("batching failed: " + e, e));
                }
                batch = new ArrayList<>(settings.transactionsPerBatchMax());
            }
        }
        NotOrderedException closed = new NotOrderedException(self + " closed before ordering it");
        for (Submitted left : queue) {
            fail(left.transaction().hash(), left.future(), closed);
        }
        for (Sent sent : deadlines) {
            fail(sent.hash(), sent.future(), closed);
        }
    }

    private void send(List<Submitted> batch) throws InterruptedException {
        List<ExecutableTransaction> transactions = new ArrayList<>(batch.size());
        for (Submitted submitted : batch) {
            transactions.add(submitted.transaction());
        }
        byte[] bytes = codec.encode(new TransactionBatch(self, transactions));
        CompletableFuture<?> reply;
        while (true) {
            reply = submitter.send(bytes, POLL_MS * 4);
            if (!reply.isCompletedExceptionally() || !running) {
                break;
            }
            try {
                reply.join();
            } catch (RuntimeException e) {
                if (!(e.getCause() instanceof EntrySubmitter.WindowFullException)) {
                    break; // a real failure: reported below
                }
            }
            expire();
        }
        observer.batchSent(batch.size());
        long deadlineMs = clockMs.getAsLong() + settings.orderingTimeoutMs();
        for (Submitted submitted : batch) {
            deadlines.add(new Sent(deadlineMs, submitted.transaction().hash(), submitted.future()));
        }
        reply.whenComplete((r, error) -> {
            Object problem = error != null ? error : (r instanceof org.apache.ratis.protocol.RaftClientReply raft
                    && !raft.isSuccess() ? raft.getException() : null);
            if (problem != null) {
                NotOrderedException failed = new NotOrderedException("batch not appended to the log: " + problem,
                        problem instanceof Throwable t ? t : null);
                for (Submitted submitted : batch) {
                    fail(submitted.transaction().hash(), submitted.future(), failed);
                }
            }
        });
    }

    /** Fails sent futures whose batch was not seen applied in time. Batching thread only. */
    private void expire() {
        long now = clockMs.getAsLong();
        while (!deadlines.isEmpty() && (deadlines.peekFirst().future().isDone()
                || deadlines.peekFirst().deadlineMs() <= now)) {
            Sent sent = deadlines.pollFirst();
            if (!sent.future().isDone()) {
                fail(sent.hash(), sent.future(), new NotOrderedException("not seen ordered within "
                        + settings.orderingTimeoutMs() + " ms"));
            }
        }
    }

    @Override
    public void close() {
        synchronized (submitLock) {
            running = false;
        }
        thread.interrupt();
        try {
            thread.join(5_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
