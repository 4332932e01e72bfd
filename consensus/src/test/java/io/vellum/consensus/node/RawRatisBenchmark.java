package io.vellum.consensus.node;

import java.io.File;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.HdrHistogram.Histogram;
import org.apache.ratis.RaftConfigKeys;
import org.apache.ratis.client.RaftClient;
import org.apache.ratis.client.RaftClientConfigKeys;
import org.apache.ratis.conf.RaftProperties;
import org.apache.ratis.grpc.GrpcConfigKeys;
import org.apache.ratis.proto.RaftProtos.LogEntryProto;
import org.apache.ratis.protocol.Message;
import org.apache.ratis.protocol.RaftGroup;
import org.apache.ratis.protocol.RaftGroupId;
import org.apache.ratis.protocol.RaftPeer;
import org.apache.ratis.protocol.RaftPeerId;
import org.apache.ratis.retry.RetryPolicies;
import org.apache.ratis.rpc.SupportedRpcType;
import org.apache.ratis.server.RaftServer;
import org.apache.ratis.server.RaftServerConfigKeys;
import org.apache.ratis.server.storage.RaftStorage;
import org.apache.ratis.statemachine.TransactionContext;
import org.apache.ratis.statemachine.impl.BaseStateMachine;
import org.apache.ratis.thirdparty.com.google.protobuf.UnsafeByteOperations;
import org.apache.ratis.util.TimeDuration;

/**
 * Raw Ratis: three servers on 127.0.0.1 with a state machine that does nothing, fed entries of a given size through
 * one client per server with a bounded window — the ceiling Vellum's entries run under on this machine.
 */
final class RawRatisBenchmark {

    /** Applies nothing; replies with nothing. */
    static final class NoopStateMachine extends BaseStateMachine {
        @Override
        public CompletableFuture<Message> applyTransaction(TransactionContext trx) {
            LogEntryProto entry = trx.getLogEntry();
            updateLastAppliedTermIndex(entry.getTerm(), entry.getIndex());
            return CompletableFuture.completedFuture(Message.EMPTY);
        }
    }

    record Result(long entries, double entriesPerSecond, double p50Ms, double p99Ms) {
    }

    static Result run(Path dir, LoopbackPorts ports, int entryBytes, int window, long seconds)
            throws IOException, InterruptedException {
        RaftGroupId groupId = RaftGroupId.valueOf(UUID.nameUUIDFromBytes("raw-ratis".getBytes()));
        List<RaftPeer> peers = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            peers.add(RaftPeer.newBuilder().setId("r" + i).setAddress("127.0.0.1:" + ports.next()).build());
        }
        RaftGroup group = RaftGroup.valueOf(groupId, peers);
        List<RaftServer> servers = new ArrayList<>();
        List<RaftClient> clients = new ArrayList<>();
        try {
            for (RaftPeer peer : peers) {
                RaftProperties properties = properties(window);
                RaftServerConfigKeys.setStorageDir(properties,
                        List.of(new File(dir.toFile(), peer.getId().toString())));
                GrpcConfigKeys.Server.setHost(properties, "127.0.0.1");
                GrpcConfigKeys.Server.setPort(properties, Integer.parseInt(peer.getAddress().split(":")[1]));
                RaftServer server = RaftServer.newBuilder().setServerId(peer.getId()).setGroup(group)
                        .setStateMachine(new NoopStateMachine()).setProperties(properties)
                        .setOption(RaftStorage.StartupOption.RECOVER).build();
                server.start();
                servers.add(server);
            }
            for (int i = 0; i < 3; i++) {
                clients.add(RaftClient.newBuilder().setProperties(properties(window)).setRaftGroup(group)
                        .setRetryPolicy(RetryPolicies.retryUpToMaximumCountWithFixedSleep(30,
                                TimeDuration.valueOf(100, TimeUnit.MILLISECONDS)))
                        .build());
            }
            byte[] payload = new byte[entryBytes];
            for (int i = 0; i < payload.length; i++) {
                payload[i] = (byte) (i * 31 + 7);
            }
            Message message = Message.valueOf(UnsafeByteOperations.unsafeWrap(payload));
            // Warm up: elect a leader and let the JIT see the path.
            clients.get(0).io().send(message);
            Histogram latency = new Histogram(60_000_000L, 3);
            AtomicLong done = new AtomicLong();
            long endNs = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
            List<Thread> senders = new ArrayList<>();
            for (RaftClient client : clients) {
                Semaphore inFlight = new Semaphore(window);
                Thread sender = new Thread(() -> {
                    try {
                        while (System.nanoTime() < endNs) {
                            inFlight.acquire();
                            long start = System.nanoTime();
                            client.async().send(message).whenComplete((reply, error) -> {
                                inFlight.release();
                                if (error == null && reply.isSuccess()) {
                                    synchronized (latency) {
                                        latency.recordValue((System.nanoTime() - start) / 1_000);
                                    }
                                    done.incrementAndGet();
                                }
                            });
                        }
                        inFlight.acquire(window); // drain
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                }, "raw-ratis-sender");
                sender.start();
                senders.add(sender);
            }
            long startNs = System.nanoTime();
            for (Thread sender : senders) {
                sender.join();
            }
            double elapsedS = (System.nanoTime() - startNs) / 1e9;
            synchronized (latency) {
                return new Result(done.get(), done.get() / elapsedS, latency.getValueAtPercentile(50) / 1000.0,
                        latency.getValueAtPercentile(99) / 1000.0);
            }
        } finally {
            List<Thread> closers = new ArrayList<>();
            for (RaftClient client : clients) {
                closers.add(closer(() -> client.close()));
            }
            for (RaftServer server : servers) {
                closers.add(closer(() -> server.close()));
            }
            for (Thread closer : closers) {
                closer.join();
            }
        }
    }

    private interface IoAction {
        void run() throws IOException;
    }

    private static Thread closer(IoAction action) {
        Thread thread = new Thread(() -> {
            try {
                action.run();
            } catch (IOException e) {
                // closing: nothing to do
            }
        }, "raw-ratis-close");
        thread.start();
        return thread;
    }

    private static RaftProperties properties(int window) {
        RaftProperties properties = new RaftProperties();
        RaftConfigKeys.Rpc.setType(properties, SupportedRpcType.GRPC);
        RaftClientConfigKeys.Async.setOutstandingRequestsMax(properties, Math.max(2, window));
        return properties;
    }

    private RawRatisBenchmark() {
    }
}
