package io.vellum.consensus.ratis;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.function.LongSupplier;
import org.apache.ratis.client.RaftClient;
import org.apache.ratis.protocol.Message;
import org.apache.ratis.protocol.RaftClientReply;
import org.apache.ratis.protocol.RaftPeerId;
import org.apache.ratis.thirdparty.com.google.protobuf.UnsafeByteOperations;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sends entries to the Raft leader, at most {@code window} at a time per client. The client retries (its retry
 * policy is set by whoever built it) across leader changes; a send that still fails completes exceptionally.
 *
 * <h2>Following the leader</h2>
 * Ratis' ordered client sends every entry after the first unanswered one only when that one is answered. When the
 * leader is cut off, the first entry waits for its request timeout, and then the client tries a peer at random —
 * maybe another unreachable one — while every later entry (votes, proposals) waits behind it: seconds without
 * progress although this node's own server already knows the new leader. So the node tells the submitter who leads
 * ({@link #leaderKnown}); when that is not the leader the current client was built for, the next send starts a new
 * client aimed at it (whom the old client believes in does not matter: its window may still be stuck behind a
 * retry). The old one keeps its entries in flight (they may still be appended: every entry Vellum submits is harmless
 * when duplicated or reordered) and is closed once they are answered, or after {@code retiredMaxMs}.
 *
 * <p>{@link #send} blocks while the window is full, up to the given wait: call it only from the node's own threads
 * (the dispatcher, the batcher), never from a Ratis callback or a future's completion (RATIS.md).
 *
 * <p>Failure model: an entry may be committed although its send failed (the reply was lost), or committed twice
 * (a retry after a leader change).
 */
public final class EntrySubmitter implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(EntrySubmitter.class);
    /** Retired clients kept at most; past it the oldest is closed even with entries in flight. */
    static final int RETIRED_MAX = 8;

    /** One client, the leader it was built for, and its window. */
    private static final class Lane {
        final RaftClient client;
        final RaftPeerId aimedAt;
        final Semaphore window;
        final int size;
        long retiredAtMs;
        /** Guarded by the submitter's lock: set before the client is closed. */
        boolean closing;

        Lane(RaftClient client, RaftPeerId aimedAt, int size) {
            this.client = client;
            this.aimedAt = aimedAt;
            this.size = size;
            this.window = new Semaphore(size);
        }

        int inFlight() {
            return size - window.availablePermits();
        }
    }

    private final Function<RaftPeerId, RaftClient> clients;
    private final int windowSize;
    private final long retiredMaxMs;
    private final LongSupplier clockMs;
    private final Object lock = new Object();
    private volatile Lane current;
    private volatile RaftPeerId leaderHint;
    private final List<Lane> retired = new ArrayList<>();
    private volatile long switches;
    private boolean closed;

    /**
     * @param clients builds a client aimed at the given leader (null: none known yet)
     * @param window entries in flight at most per client
     * @param retiredMaxMs how long a replaced client may keep entries in flight before it is closed (at least the
     *     longest its retry policy can take, so that closing it fails nothing that would have succeeded)
     */
    public EntrySubmitter(Function<RaftPeerId, RaftClient> clients, int window, long retiredMaxMs,
            LongSupplier clockMs) {
        this.clients = Objects.requireNonNull(clients, "clients");
        if (window < 1) {
            throw new IllegalArgumentException("window must be positive: " + window);
        }
        if (retiredMaxMs < 0) {
            throw new IllegalArgumentException("retiredMaxMs must not be negative: " + retiredMaxMs);
        }
        this.windowSize = window;
        this.retiredMaxMs = retiredMaxMs;
        this.clockMs = Objects.requireNonNull(clockMs, "clockMs");
        this.current = new Lane(clients.apply(null), null, window);
    }

    /**
     * This node's server learned that {@code leader} leads and serves (null: no serving leader known; the current
     * client is then left to Ratis' own retries). Quick and non-blocking; the switch happens on the next
     * {@link #send}.
     */
    public void leaderKnown(RaftPeerId leader) {
        leaderHint = leader;
    }

    /**
     * Sends {@code bytes} as one entry, waiting at most {@code waitMs} for room in the window. Returns a future of
     * the reply, or a future failed with {@link WindowFullException} when there was no room in time.
     */
    public CompletableFuture<RaftClientReply> send(byte[] bytes, long waitMs) throws InterruptedException {
        long deadlineNanos = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(waitMs);
        Lane lane;
        while (true) {
            lane = laneForSend();
            if (lane == null) {
                return CompletableFuture.failedFuture(new IOException("the submitter is closed"));
            }
            long leftNanos = Math.max(0, deadlineNanos - System.nanoTime());
            if (!lane.window.tryAcquire(leftNanos, TimeUnit.NANOSECONDS)) {
                return CompletableFuture.failedFuture(new WindowFullException(waitMs));
            }
            // A lane is closed only with nothing in flight, checked under the lock: holding a permit now, this lane
            // stays open unless it was already being closed (replaced meanwhile) - then take the new one.
            synchronized (lock) {
                if (!lane.closing) {
                    break;
                }
            }
            lane.window.release();
        }
        Lane sending = lane;
        CompletableFuture<RaftClientReply> reply;
        try {
            reply = sending.client.async().send(Message.valueOf(UnsafeByteOperations.unsafeWrap(bytes)));
        } catch (RuntimeException e) {
            sending.window.release();
            return CompletableFuture.failedFuture(e);
        }
        return reply.whenComplete((r, e) -> sending.window.release());
    }

    /** The lane to send on: a new one if the leader moved away from the current client's; retired lanes swept. */
    private Lane laneForSend() {
        List<Lane> toClose = new ArrayList<>();
        Lane lane;
        synchronized (lock) {
            if (closed) {
                return null;
            }
            RaftPeerId hint = leaderHint;
            long now = clockMs.getAsLong();
            // A new leader known here means a new client: whom the old client believes in says little, its ordered
            // window may be stuck behind a retry of its first entry. (A client that wandered off the leader after an
            // error is left alone: this node's idea of the leader may be stale - its server learns of a dead leader
            // only when it hears of the next one - and aiming at it again would send entries to a dead node.)
            if (hint != null && !hint.equals(current.aimedAt)) {
                Lane old = current;
                current = new Lane(clients.apply(hint), hint, windowSize);
                old.retiredAtMs = now;
                retired.add(old);
                switches++;
                LOG.debug("entries now go to {} (the old client had {} in flight)", hint, old.inFlight());
            }
            for (int i = 0; i < retired.size(); i++) {
                Lane old = retired.get(i);
                if (old.inFlight() == 0 || now - old.retiredAtMs >= retiredMaxMs || retired.size() - i > RETIRED_MAX) {
                    old.closing = true;
                    toClose.add(old);
                }
            }
            retired.removeAll(toClose);
            lane = current;
        }
        toClose.forEach(EntrySubmitter::closeQuietly);
        return lane;
    }

    /** Entries in flight now, on every client. */
    public int inFlight() {
        synchronized (lock) {
            int total = current.inFlight();
            for (Lane lane : retired) {
                total += lane.inFlight();
            }
            return total;
        }
    }

    /** How many times the submitter moved to a new client because the leader changed. */
    public long clientSwitches() {
        return switches;
    }

    /** The leader the current client was built for (null: none known when it was built). */
    public RaftPeerId target() {
        return current.aimedAt;
    }

    /** Closes every client: entries still in flight fail. */
    @Override
    public void close() {
        List<Lane> lanes;
        synchronized (lock) {
            if (closed) {
                return;
            }
            closed = true;
            lanes = new ArrayList<>(retired);
            lanes.add(current);
            retired.clear();
            lanes.forEach(lane -> lane.closing = true);
        }
        lanes.forEach(EntrySubmitter::closeQuietly);
    }

    private static void closeQuietly(Lane lane) {
        try {
            lane.client.close();
        } catch (IOException | RuntimeException e) {
            LOG.debug("closing a client failed: {}", e.toString());
        }
    }

    /** No room in the window within the wait: the leader is slow or unreachable. Back off. */
    public static final class WindowFullException extends Exception {
        private static final long serialVersionUID = 1L;

        WindowFullException(long waitMs) {
            super("no room to send within " + waitMs + " ms: too many entries in flight");
        }
    }
}
