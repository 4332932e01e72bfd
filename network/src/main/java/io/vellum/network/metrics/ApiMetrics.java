package io.vellum.network.metrics;

import io.grpc.ForwardingServerCall;
import io.grpc.ForwardingServerCallListener;
import io.grpc.Metadata;
import io.grpc.ServerCall;
import io.grpc.ServerCallHandler;
import io.grpc.ServerInterceptor;
import io.grpc.Status;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.Timer;
import java.util.Objects;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;

/**
 * The gRPC API's meters, and the server interceptor that feeds them:
 * <ul>
 *   <li>{@code vellum.api.calls} (timer, tags {@code method}, {@code code}): every call that ended, by method and
 *       status code, with its duration;</li>
 *   <li>{@code vellum.api.calls.active} (gauge): calls open now (streams included);</li>
 *   <li>{@code vellum.ingress.transactions} (counter, tag {@code outcome}): submitted transactions by what became
 *       of them at this node (ordered, invalid, refused, overloaded, unknown);</li>
 *   <li>{@code vellum.api.streams.cancelled} (counter): final-block streams cancelled because the client fell
 *       behind.</li>
 * </ul>
 * Meters are created on first use per tag set (a closed set: methods of the proto, gRPC codes, outcomes).
 */
public final class ApiMetrics implements ServerInterceptor {
    private final MeterRegistry registry;
    private final Tags tags;
    private final AtomicInteger active = new AtomicInteger();
    private final Counter slowStreams;

    /**
     * @param registry where the meters go
     * @param tags the node's tags (its id)
     */
    public ApiMetrics(MeterRegistry registry, Tags tags) {
        this.registry = Objects.requireNonNull(registry, "registry");
        this.tags = Objects.requireNonNull(tags, "tags");
        registry.gauge("vellum.api.calls.active", tags, active);
        this.slowStreams = Counter.builder("vellum.api.streams.cancelled").tags(tags)
                .description("final-block streams cancelled because the client did not keep up").register(registry);
    }

    /** Counts a submitted transaction's outcome at ingress ({@code ordered}, {@code invalid}, ...). */
    public void ingress(String outcome, int count) {
        Counter.builder("vellum.ingress.transactions").tags(tags).tag("outcome", outcome).baseUnit("transactions")
                .description("transactions submitted to this node, by outcome").register(registry).increment(count);
    }

    /** Counts a stream cancelled because its client did not keep up. */
    public void slowStreamCancelled() {
        slowStreams.increment();
    }

    @Override
    public <Q, R> ServerCall.Listener<Q> interceptCall(ServerCall<Q, R> call, Metadata headers,
            ServerCallHandler<Q, R> next) {
        String method = call.getMethodDescriptor().getBareMethodName();
        String service = call.getMethodDescriptor().getServiceName();
        long startNanos = System.nanoTime(); // a duration for a meter, not protocol time
        active.incrementAndGet();
        AtomicBoolean recorded = new AtomicBoolean();
        Consumer<Status.Code> end = code -> {
            if (recorded.compareAndSet(false, true)) {
                active.decrementAndGet();
                Timer.builder("vellum.api.calls").tags(tags).tag("service", String.valueOf(service))
                        .tag("method", String.valueOf(method)).tag("code", code.name())
                        .description("gRPC calls that ended, by method and status code").register(registry)
                        .record(System.nanoTime() - startNanos, TimeUnit.NANOSECONDS);
            }
        };
        ServerCall<Q, R> counted = new ForwardingServerCall.SimpleForwardingServerCall<>(call) {
            @Override
            public void close(Status status, Metadata trailers) {
                end.accept(status.getCode());
                super.close(status, trailers);
            }
        };
        ServerCall.Listener<Q> listener = next.startCall(counted, headers);
        return new ForwardingServerCallListener.SimpleForwardingServerCallListener<>(listener) {
            @Override
            public void onCancel() {
                // A call the client cancelled (or whose deadline passed) may never reach close().
                end.accept(Status.Code.CANCELLED);
                super.onCancel();
            }
        };
    }
}
