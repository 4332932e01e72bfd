package io.vellum.consensus.ratis;

import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import org.apache.ratis.client.RaftClient;
import org.apache.ratis.protocol.Message;
import org.apache.ratis.protocol.RaftClientReply;
import org.apache.ratis.thirdparty.com.google.protobuf.UnsafeByteOperations;

/**
 * Sends entries to the Raft leader through one {@link RaftClient}, at most {@code window} at a time. The client
 * retries (its retry policy is set by whoever built it) across leader changes; a send that still fails completes
 * exceptionally.
 *
 * <p>{@link #send} blocks while the window is full, up to the given wait: call it only from the node's own threads
 * (the dispatcher, the batcher), never from a Ratis callback or a future's completion (RATIS.md).
 *
 * <p>Failure model: an entry may be committed although its send failed (the reply was lost), or committed twice
 * (a retry after a leader change). Every entry Vellum submits is harmless when duplicated.
 */
public final class EntrySubmitter {
    private final RaftClient client;
    private final int windowSize;
    private final Semaphore window;

    public EntrySubmitter(RaftClient client, int window) {
        this.client = Objects.requireNonNull(client, "client");
        if (window < 1) {
            throw new IllegalArgumentException("window must be positive: " + window);
        }
        this.windowSize = window;
        this.window = new Semaphore(window);
    }

    /**
     * Sends {@code bytes} as one entry, waiting at most {@code waitMs} for room in the window. Returns a future of
     * the reply, or a future failed with {@link WindowFullException} when there was no room in time.
     */
    public CompletableFuture<RaftClientReply> send(byte[] bytes, long waitMs) throws InterruptedException {
        if (!window.tryAcquire(waitMs, TimeUnit.MILLISECONDS)) {
            return CompletableFuture.failedFuture(new WindowFullException(waitMs));
        }
        CompletableFuture<RaftClientReply> reply;
        try {
            reply = client.async().send(Message.valueOf(UnsafeByteOperations.unsafeWrap(bytes)));
        } catch (RuntimeException e) {
            window.release();
            return CompletableFuture.failedFuture(e);
        }
        return reply.whenComplete((r, e) -> window.release());
    }

    /** Entries in flight now. */
    public int inFlight() {
        return windowSize - window.availablePermits();
    }

    /** No room in the window within the wait: the leader is slow or unreachable. Back off. */
    public static final class WindowFullException extends Exception {
        private static final long serialVersionUID = 1L;

        WindowFullException(long waitMs) {
            super("no room to send within " + waitMs + " ms: too many entries in flight");
        }
    }
}
