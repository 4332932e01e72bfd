package io.vellum.consensus.faults;

import io.vellum.proposer.NodeId;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.ratis.thirdparty.io.grpc.ForwardingServerCall;
import org.apache.ratis.thirdparty.io.grpc.Metadata;
import org.apache.ratis.thirdparty.io.grpc.MethodDescriptor;
import org.apache.ratis.thirdparty.io.grpc.ServerCall;
import org.apache.ratis.thirdparty.io.grpc.ServerCallHandler;
import org.apache.ratis.thirdparty.io.grpc.ServerInterceptor;
import org.apache.ratis.thirdparty.io.grpc.Status;

/**
 * The link layer inside one node's Ratis gRPC server (the receiver). Every call gets two {@link OrderedLane}s:
 * inbound (the sender's requests, on link sender→receiver) and outbound (the receiver's replies, on link
 * receiver→sender). The sender is read from the call's first request.
 *
 * <p>What a drop does: on a stream (appendEntries, installSnapshot, the client's ordered stream) the message
 * vanishes and the stream goes on, as a lost packet whose retransmission never came would look to Raft (the sender
 * times the request out). A unary call (requestVote, startLeaderElection, readIndex, admin calls) whose request or
 * reply is dropped gets no answer; the client's deadline ends it, or after {@link LinkFaults#DROPPED_CALL_HOLD_MS}
 * it fails with UNAVAILABLE.
 *
 * <p>Flow control: gRPC asks for the next request only after the handler took one. A delayed request would then
 * hold back the whole stream (a pipe of one message), so the layer asks for the next one itself when it queues one,
 * and absorbs the handler's matching request later ({@code credit}).
 */
final class LinkInterceptor implements ServerInterceptor {
    private final LinkFaults faults;
    private final NodeId receiver;

    LinkInterceptor(LinkFaults faults, NodeId receiver) {
        this.faults = faults;
        this.receiver = receiver;
    }

    @Override
    public <Q, A> ServerCall.Listener<Q> interceptCall(ServerCall<Q, A> call, Metadata headers,
            ServerCallHandler<Q, A> next) {
        FaultyCall<Q, A> faulty = new FaultyCall<>(call);
        ServerCall.Listener<Q> delegate = next.startCall(faulty, headers);
        return faulty.listener(delegate);
    }

    private final class FaultyCall<Q, A> extends ForwardingServerCall.SimpleForwardingServerCall<Q, A> {
        private final boolean unary;
        private final OrderedLane inbound = faults.newLane();
        private final OrderedLane outbound = faults.newLane();
        /** Requests the layer asked for on the handler's behalf, not yet asked for by the handler. */
        private final AtomicInteger credit = new AtomicInteger();
        /** A unary call that lost a message: it delivers nothing more and ends by the client's deadline. */
        private final AtomicBoolean dropped = new AtomicBoolean();
        /** Set by the first request that names its sender (gRPC delivers requests one at a time). */
        private volatile Link requestLink;

        FaultyCall(ServerCall<Q, A> call) {
            super(call);
            this.unary = call.getMethodDescriptor().getType() == MethodDescriptor.MethodType.UNARY;
        }

        ServerCall.Listener<Q> listener(ServerCall.Listener<Q> delegate) {
            return new ServerCall.Listener<>() {
                @Override
                public void onMessage(Q message) {
                    if (dropped.get()) {
                        return;
                    }
                    Link link = requestLink;
                    if (link == null) {
                        NodeId sender = faults.senderOf(message);
                        if (sender != null && !sender.equals(receiver)) {
                            link = new Link(sender, receiver);
                            requestLink = link;
                        }
                    }
                    long waitNanos = link == null ? 0 : faults.decide(link, message);
                    if (waitNanos == LinkState.DROP) {
                        if (unary) {
                            dropCall();
                        } else {
                            rawCall().request(1); // the handler never sees it, so it will not ask for the next
                        }
                        return;
                    }
                    boolean queued = inbound.submit(faults.nanoTime() + waitNanos, () -> delegate.onMessage(message));
                    if (queued && !unary) {
                        credit.incrementAndGet();
                        rawCall().request(1);
                    }
                }

                @Override
                public void onHalfClose() {
                    if (!dropped.get()) {
                        inbound.submit(faults.nanoTime(), delegate::onHalfClose);
                    }
                }

                @Override
                public void onCancel() {
                    inbound.discardAndRun(delegate::onCancel);
                }

                @Override
                public void onComplete() {
                    inbound.submit(faults.nanoTime(), delegate::onComplete);
                }

                @Override
                public void onReady() {
                    delegate.onReady();
                }
            };
        }

        private ServerCall<Q, A> rawCall() {
            return super.delegate();
        }

        @Override
        public void request(int numMessages) {
            int wanted = numMessages;
            while (wanted > 0) {
                int available = credit.get();
                if (available == 0) {
                    break;
                }
                int taken = Math.min(available, wanted);
                if (credit.compareAndSet(available, available - taken)) {
                    wanted -= taken;
                }
            }
            if (wanted > 0) {
                super.request(wanted);
            }
        }

        @Override
        public void sendHeaders(Metadata headers) {
            outbound.submit(faults.nanoTime(), () -> super.sendHeaders(headers));
        }

        @Override
        public void sendMessage(A message) {
            if (dropped.get()) {
                return;
            }
            Link link = requestLink;
            long waitNanos = link == null ? 0 : faults.decide(link.reversed(), message);
            if (waitNanos == LinkState.DROP) {
                if (unary) {
                    dropCall();
                }
                return;
            }
            outbound.submit(faults.nanoTime() + waitNanos, () -> super.sendMessage(message));
        }

        @Override
        public void close(Status status, Metadata trailers) {
            if (!dropped.get()) {
                outbound.submit(faults.nanoTime(), () -> super.close(status, trailers));
            }
        }

        /** Ends a unary call that lost its request or reply: no answer now, UNAVAILABLE after a hold. */
        private void dropCall() {
            if (dropped.compareAndSet(false, true)) {
                faults.schedule(() -> outbound.submit(faults.nanoTime(), () -> {
                    try {
                        super.close(Status.UNAVAILABLE.withDescription("dropped by a link fault"), new Metadata());
                    } catch (RuntimeException alreadyClosed) {
                        // the client cancelled or the call ended meanwhile
                    }
                }), LinkFaults.DROPPED_CALL_HOLD_MS);
            }
        }
    }
}
