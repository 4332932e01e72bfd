package io.vellum.consensus.ratis;

import io.vellum.consensus.core.Action;
import io.vellum.consensus.core.Notification;
import io.vellum.consensus.entry.EntryCodec;
import io.vellum.consensus.entry.LogEntry;
import io.vellum.consensus.entry.Proposal;
import io.vellum.consensus.entry.ProposalTimeout;
import io.vellum.consensus.entry.TransactionBatch;
import io.vellum.consensus.entry.Vote;
import io.vellum.proposer.NodeId;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.apache.ratis.client.RaftClient;
import org.apache.ratis.protocol.RaftPeerId;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Performs the core's actions on one thread, first in first out, in the order the core produced them:
 * <ul>
 *   <li>{@link Action.Submit}: hands the entry to the sending thread ({@code vellum-submit-<id>}), which encodes it and
 *       sends it through the {@link EntrySubmitter}, in order; if the window stays full for {@code submitWaitMs}, or
 *       {@value #SUBMITS_WAITING_MAX} entries already wait, an entry is dropped (the core resends what matters: votes,
 *       proposals). The dispatcher itself never waits on the network: the window only frees as the leader applies,
 *       and the leader's apply thread may be waiting for room in this queue;</li>
 *   <li>{@link Action.Build}: hands the task to the {@link BuildWorker};</li>
 *   <li>{@link Action.TransferLeadership}: asks Ratis on a separate admin thread (a transfer waits for the target to
 *       catch up); one at a time — the core asks again if it is still needed;</li>
 *   <li>{@link Action.Notify}: calls the listeners, which must be quick and must not block.</li>
 * </ul>
 *
 * <p>The queue is bounded ({@code queueCapacity} actions): when it is full, {@link #accept} blocks the thread that
 * produced the actions (the apply thread) until there is room — back pressure rather than loss.
 */
public final class ActionDispatcher implements ActionSink, AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(ActionDispatcher.class);
    /** The core's decisions, one line each: DEBUG for proposals, votes, blocks and builds; TRACE adds every batch. */
    private static final Logger EVENTS = LoggerFactory.getLogger("io.vellum.consensus.events");

    private record Queued(long generation, Action action) {
    }

    private static final Queued STOP = new Queued(-1, null);
    /** The most core entries waiting to be sent; past it the oldest is dropped. */
    static final int SUBMITS_WAITING_MAX = 4_096;

    private final NodeId self;
    private final EntryCodec codec;
    private final EntrySubmitter submitter;
    private final RaftClient adminClient;
    private final long submitWaitMs;
    private final long transferTimeoutMs;
    private final DriverObserver observer;
    private final BlockingQueue<Queued> queue;
    private final List<Consumer<Notification>> listeners = new CopyOnWriteArrayList<>();
    private final Thread thread;
    private final BlockingQueue<LogEntry> submits = new ArrayBlockingQueue<>(SUBMITS_WAITING_MAX);
    private final Thread sender;
    private final ExecutorService admin;
    private volatile BuildWorker builds;
    private volatile boolean closed;

    public ActionDispatcher(NodeId self, EntryCodec codec, EntrySubmitter submitter, RaftClient adminClient,
            int queueCapacity, long submitWaitMs, long transferTimeoutMs, DriverObserver observer) {
        this.self = Objects.requireNonNull(self, "self");
        this.codec = Objects.requireNonNull(codec, "codec");
        this.submitter = Objects.requireNonNull(submitter, "submitter");
        this.adminClient = Objects.requireNonNull(adminClient, "adminClient");
        this.submitWaitMs = submitWaitMs;
        this.transferTimeoutMs = transferTimeoutMs;
        this.observer = Objects.requireNonNull(observer, "observer");
        this.queue = new ArrayBlockingQueue<>(queueCapacity);
        this.thread = new Thread(this::run, "vellum-dispatch-" + self);
        this.thread.setDaemon(true);
        this.sender = new Thread(this::sendLoop, "vellum-submit-" + self);
        this.sender.setDaemon(true);
        // One transfer at a time; a request while one runs is dropped (the core asks again).
        this.admin = new ThreadPoolExecutor(1, 1, 0, TimeUnit.MILLISECONDS, new LinkedBlockingQueue<>(1), runnable -> {
            Thread t = new Thread(runnable, "vellum-admin-" + self);
            t.setDaemon(true);
            return t;
        }, new ThreadPoolExecutor.DiscardPolicy());
    }

    /** Sets the build worker (it needs the state machine, which needs this dispatcher) and starts the thread. */
    public void start(BuildWorker buildWorker) {
        this.builds = Objects.requireNonNull(buildWorker, "buildWorker");
        thread.start();
        sender.start();
    }

    /** Adds a listener of the core's notifications, called on the dispatcher thread. */
    public void addListener(Consumer<Notification> listener) {
        listeners.add(Objects.requireNonNull(listener, "listener"));
    }

    public void removeListener(Consumer<Notification> listener) {
        listeners.remove(listener);
    }

    @Override
    public void accept(long generation, List<Action> actions) {
        if (closed) {
            return;
        }
        try {
            for (Action action : actions) {
                queue.put(new Queued(generation, action));
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Actions waiting. */
    public int queued() {
        return queue.size();
    }

    private void run() {
        while (true) {
            Queued next;
            try {
                next = queue.take();
            } catch (InterruptedException e) {
                return;
            }
            if (next == STOP) {
                return;
            }
            try {
                perform(next.generation, next.action);
            } catch (RuntimeException e) {
                LOG.error("{}: action {} failed", self, next.action.getClass().getSimpleName(), e);
            }
        }
    }

    private void perform(long generation, Action action) {
        logEvent(action);
        if (action instanceof Action.Submit submit) {
            while (!submits.offer(submit.entry())) {
                if (submits.poll() != null) {
                    observer.submitFailed(); // the oldest waiting entry is dropped
                }
            }
        } else if (action instanceof Action.Build build) {
            builds.submit(generation, build.task());
        } else if (action instanceof Action.TransferLeadership transfer) {
            admin.execute(() -> transfer(transfer.target()));
        } else if (action instanceof Action.Notify notify) {
            for (Consumer<Notification> listener : listeners) {
                try {
                    listener.accept(notify.notification());
                } catch (RuntimeException | LinkageError | AssertionError e) {
                    // a listener's failure must not stop this thread
                    LOG.error("{}: a notification listener failed", self, e);
                }
            }
        }
    }

    private void logEvent(Action action) {
        if (!EVENTS.isDebugEnabled()) {
            return;
        }
        if (action instanceof Action.Notify notify) {
            Notification n = notify.notification();
            if (n instanceof Notification.TransactionsOrdered || n instanceof Notification.TransactionDropped) {
                EVENTS.trace("{}: {}", self, n);
            } else if (n instanceof Notification.BlockFinalized f) {
                EVENTS.debug("{}: block {} final at index {} (proposer {}, {} transactions)", self, f.height(),
                        f.index(), f.proposer(), f.included().size());
            } else {
                EVENTS.debug("{}: {}", self, n);
            }
        } else if (action instanceof Action.Build build) {
            // Not the candidate count: the candidates are produced as the build reads them, on the build thread.
            EVENTS.debug("{}: build height {} (term {})", self, build.task().height(), build.task().term());
        } else if (action instanceof Action.TransferLeadership transfer) {
            EVENTS.debug("{}: transfer leadership to {}", self, transfer.target());
        } else if (action instanceof Action.Submit submit && !(submit.entry() instanceof TransactionBatch)) {
            EVENTS.debug("{}: submit {}", self, describe(submit.entry()));
        }
    }

    private static String describe(LogEntry entry) {
        if (entry instanceof Proposal p) {
            return "proposal height " + p.height() + " term " + p.term() + " (" + p.executed().size() + " transactions)";
        } else if (entry instanceof Vote v) {
            return "vote height " + v.height() + (v.approve() ? " approve" : " reject");
        } else if (entry instanceof ProposalTimeout t) {
            return "timeout height " + t.height();
        }
        return entry.getClass().getSimpleName();
    }

    /** The sending thread: core entries, in order, through the window. */
    private void sendLoop() {
        while (!closed) {
            LogEntry entry;
            try {
                entry = submits.take();
            } catch (InterruptedException e) {
                return;
            }
            try {
                byte[] bytes = codec.encode(entry);
                submitter.send(bytes, submitWaitMs).whenComplete((reply, error) -> {
                    if (error != null || !reply.isSuccess()) {
                        observer.submitFailed();
                        LOG.debug("{}: {} not appended: {}", self, entry.getClass().getSimpleName(),
                                error != null ? error.toString() : reply.getException());
                    }
                });
            } catch (InterruptedException e) {
                return;
            } catch (RuntimeException e) {
                observer.submitFailed();
                LOG.error("{}: sending {} failed", self, entry.getClass().getSimpleName(), e);
            }
        }
    }

    private void transfer(NodeId target) {
        try {
            var reply = adminClient.admin().transferLeadership(RaftPeerId.valueOf(target.value()), transferTimeoutMs);
            if (!reply.isSuccess()) {
                LOG.info("{}: leadership transfer to {} failed: {}", self, target, reply.getException());
            }
        } catch (Exception e) {
            LOG.info("{}: leadership transfer to {} failed: {}", self, target, e.toString());
        }
    }

    @Override
    public void close() {
        closed = true;
        queue.clear();
        queue.offer(STOP);
        thread.interrupt();
        sender.interrupt();
        admin.shutdownNow();
        try {
            thread.join(5_000);
            sender.join(5_000);
            admin.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
