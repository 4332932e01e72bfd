package io.vellum.consensus.faults;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.vellum.proposer.NodeId;
import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.util.concurrent.TimeUnit;
import org.apache.ratis.proto.RaftProtos.AppendEntriesReplyProto;
import org.apache.ratis.proto.RaftProtos.AppendEntriesRequestProto;
import org.apache.ratis.proto.RaftProtos.RaftRpcReplyProto;
import org.apache.ratis.proto.RaftProtos.RaftRpcRequestProto;
import org.apache.ratis.thirdparty.com.google.protobuf.ByteString;
import org.apache.ratis.thirdparty.io.grpc.Attributes;
import org.apache.ratis.thirdparty.io.grpc.Metadata;
import org.apache.ratis.thirdparty.io.grpc.MethodDescriptor;
import org.apache.ratis.thirdparty.io.grpc.ServerCall;
import org.apache.ratis.thirdparty.io.grpc.ServerCallHandler;
import org.apache.ratis.thirdparty.io.grpc.Status;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.Blackhole;

/**
 * The link layer's cost per message on one call of a bidirectional stream: a request in (the sender read on the
 * first, the rule looked up, the ordered lane) and a reply out, against the same two calls without the layer.
 * {@code rules}: {@code none} (no link has a rule: the usual case), {@code elsewhere} (some other link has one, so
 * every message looks its link up), {@code thisLink} (this call's link is clear after having had a rule).
 *
 * <pre>
 * mvn -B -o -Pjmh -Djmh.module=consensus -pl consensus -am verify -DskipTests -Djmh.args="LinkInterceptorBenchmark"
 * </pre>
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class LinkInterceptorBenchmark {
    private static final NodeId SENDER = NodeId.of("n1");
    private static final NodeId RECEIVER = NodeId.of("n0");

    @Param({"none", "elsewhere", "thisLink"})
    public String rules;

    private LinkFaults faults;
    private ServerCall.Listener<AppendEntriesRequestProto> direct;
    private ServerCall<AppendEntriesRequestProto, AppendEntriesReplyProto> directCall;
    private ServerCall.Listener<AppendEntriesRequestProto> intercepted;
    private ServerCall<AppendEntriesRequestProto, AppendEntriesReplyProto> interceptedCall;
    private AppendEntriesRequestProto request;
    private AppendEntriesReplyProto reply;

    /** A call that goes nowhere. */
    private static final class NullCall extends ServerCall<AppendEntriesRequestProto, AppendEntriesReplyProto> {
        private final MethodDescriptor<AppendEntriesRequestProto, AppendEntriesReplyProto> method;
        long sent;

        NullCall(MethodDescriptor<AppendEntriesRequestProto, AppendEntriesReplyProto> method) {
            this.method = method;
        }

        @Override
        public void request(int numMessages) {
        }

        @Override
        public void sendHeaders(Metadata headers) {
        }

        @Override
        public void sendMessage(AppendEntriesReplyProto message) {
            sent++;
        }

        @Override
        public void close(Status status, Metadata trailers) {
        }

        @Override
        public boolean isCancelled() {
            return false;
        }

        @Override
        public Attributes getAttributes() {
            return Attributes.EMPTY;
        }

        @Override
        public MethodDescriptor<AppendEntriesRequestProto, AppendEntriesReplyProto> getMethodDescriptor() {
            return method;
        }
    }

    /** A marshaller never used: the benchmark passes parsed messages. */
    private static final class Unused<T> implements MethodDescriptor.Marshaller<T> {
        @Override
        public InputStream stream(T value) {
            return new ByteArrayInputStream(new byte[0]);
        }

        @Override
        public T parse(InputStream stream) {
            throw new UnsupportedOperationException();
        }
    }

    @Setup(Level.Trial)
    public void setUp() {
        faults = new LinkFaults(1, new SimpleMeterRegistry());
        faults.addNodes(java.util.List.of(SENDER, RECEIVER, NodeId.of("n2")));
        switch (rules) {
            case "none" -> {
            }
            case "elsewhere" -> faults.delay(NodeId.of("n2"), RECEIVER, 10, 0);
            case "thisLink" -> {
                faults.delay(SENDER, RECEIVER, 10, 0);
                faults.clear(SENDER, RECEIVER);
                faults.delay(NodeId.of("n2"), RECEIVER, 10, 0);
            }
            default -> throw new IllegalArgumentException(rules);
        }
        MethodDescriptor<AppendEntriesRequestProto, AppendEntriesReplyProto> method = MethodDescriptor
                .<AppendEntriesRequestProto, AppendEntriesReplyProto>newBuilder()
                .setType(MethodDescriptor.MethodType.BIDI_STREAMING)
                .setFullMethodName("bench/appendEntries")
                .setRequestMarshaller(new Unused<>())
                .setResponseMarshaller(new Unused<>())
                .build();
        request = AppendEntriesRequestProto.newBuilder()
                .setServerRequest(RaftRpcRequestProto.newBuilder().setRequestorId(ByteString.copyFromUtf8("n1"))
                        .setReplyId(ByteString.copyFromUtf8("n0")).setCallId(7))
                .build();
        reply = AppendEntriesReplyProto.newBuilder()
                .setServerReply(RaftRpcReplyProto.newBuilder().setRequestorId(ByteString.copyFromUtf8("n1")))
                .build();

        directCall = new NullCall(method);
        direct = echo(directCall);
        ServerCallHandler<AppendEntriesRequestProto, AppendEntriesReplyProto> handler = (call, headers) -> echo(call);
        interceptedCall = new NullCall(method);
        intercepted = new LinkInterceptor(faults, RECEIVER).interceptCall(interceptedCall, new Metadata(), handler);
    }

    /** A handler that answers every request with the reply, on the same thread. */
    private ServerCall.Listener<AppendEntriesRequestProto> echo(
            ServerCall<AppendEntriesRequestProto, AppendEntriesReplyProto> call) {
        return new ServerCall.Listener<>() {
            @Override
            public void onMessage(AppendEntriesRequestProto message) {
                call.sendMessage(reply);
            }
        };
    }

    @TearDown(Level.Trial)
    public void tearDown() {
        faults.close();
    }

    @Benchmark
    public void withoutLayer(Blackhole blackhole) {
        direct.onMessage(request);
        blackhole.consume(directCall);
    }

    @Benchmark
    public void withLayer(Blackhole blackhole) {
        intercepted.onMessage(request);
        blackhole.consume(interceptedCall);
    }
}
