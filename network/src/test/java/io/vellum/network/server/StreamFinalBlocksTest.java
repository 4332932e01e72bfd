package io.vellum.network.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.grpc.ManagedChannel;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.netty.shaded.io.grpc.netty.NettyChannelBuilder;
import io.grpc.stub.ClientCallStreamObserver;
import io.grpc.stub.ClientResponseObserver;
import io.vellum.blockifier.transaction.ExecutableTransaction;
import io.vellum.network.api.Block;
import io.vellum.network.api.SequencerGrpc;
import io.vellum.network.api.StreamFinalBlocksRequest;
import io.vellum.network.api.SubmitResult;
import io.vellum.network.api.TransactionStatus;
import io.vellum.network.client.VellumClient;
import io.vellum.network.node.ApiCluster;
import java.math.BigInteger;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code StreamFinalBlocks} on one node: catch-up from the store then live blocks, in order without gaps; a client
 * that stops reading is cancelled with {@code RESOURCE_EXHAUSTED} once it falls {@code streamBufferBlocksMax}
 * blocks behind, and the node keeps serving.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@Timeout(120)
class StreamFinalBlocksTest {
    private static final int BUFFER_BLOCKS = 8;

    @TempDir
    static Path dir;
    private ApiCluster cluster;
    private final List<ManagedChannel> channels = new ArrayList<>();
    private final long[] nonces = new long[12];

    @BeforeAll
    void start() throws Exception {
        cluster = ApiCluster.start(ApiCluster.Options.of(1, 12).withApi(a -> a.withStreamBufferBlocksMax(
                BUFFER_BLOCKS)), dir, 0x57_3eaL);
    }

    @AfterAll
    void stop() {
        channels.forEach(ManagedChannel::shutdownNow);
        if (cluster != null) {
            cluster.close();
        }
    }

    private SequencerGrpc.SequencerStub stub(int flowControlWindowBytes) {
        ManagedChannel channel = NettyChannelBuilder.forAddress("127.0.0.1", cluster.node(0).publicPort())
                .usePlaintext().flowControlWindow(flowControlWindowBytes).build();
        channels.add(channel);
        return SequencerGrpc.newStub(channel);
    }

    /** Makes one block: {@code count} transfers from {@code account}, waited for until final. */
    private long block(int account, int count) throws InterruptedException {
        VellumClient client = cluster.client(0);
        List<ExecutableTransaction> transfers = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            transfers.add(client.signTransfer(cluster.account(account), cluster.account(11).address(), BigInteger.ONE,
                    nonces[account]++, VellumClient.DEFAULT_FEES));
        }
        assertThat(client.submit(transfers)).allSatisfy(r -> assertThat(r.getOutcome()).as(r.getReason())
                .isEqualTo(SubmitResult.Outcome.ORDERED));
        TransactionStatus status = client.awaitFinal(transfers.get(count - 1).hash(), Duration.ofSeconds(30));
        assertThat(status.getState()).isEqualTo(TransactionStatus.State.FINAL_SUCCEEDED);
        return status.getBlockNumber();
    }

    @Test
    void catchUpFromTheStoreThenLiveBlocksInOrder() throws Exception {
        long first = block(0, 2);
        block(0, 2);
        LinkedBlockingQueue<Block> received = new LinkedBlockingQueue<>();
        AtomicReference<Throwable> failure = new AtomicReference<>();
        ClientResponseObserver<StreamFinalBlocksRequest, Block> observer = new ClientResponseObserver<>() {
            @Override
            public void beforeStart(ClientCallStreamObserver<StreamFinalBlocksRequest> request) {
            }

            @Override
            public void onNext(Block block) {
                received.add(block);
            }

            @Override
            public void onError(Throwable t) {
                failure.set(t);
            }

            @Override
            public void onCompleted() {
            }
        };
        io.grpc.Context.CancellableContext context = io.grpc.Context.current().withCancellation();
        context.run(() -> stub(1 << 20).streamFinalBlocks(StreamFinalBlocksRequest.newBuilder().setFromNumber(1)
                .setWithReceipts(true).build(), observer));
        try {
            long live = block(1, 3);
            List<Block> blocks = new ArrayList<>();
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
            while ((blocks.isEmpty() || blocks.get(blocks.size() - 1).getNumber() < live)
                    && System.nanoTime() < deadline) {
                Block next = received.poll(1, TimeUnit.SECONDS);
                if (next != null) {
                    blocks.add(next);
                }
            }
            assertThat(failure.get()).isNull();
            assertThat(blocks).isNotEmpty();
            for (int i = 0; i < blocks.size(); i++) {
                assertThat(blocks.get(i).getNumber()).isEqualTo(i + 1L);
                assertThat(blocks.get(i).getReceiptsCount()).isEqualTo(blocks.get(i).getTransactionHashesCount());
            }
            assertThat(blocks.get(blocks.size() - 1).getNumber()).isEqualTo(live);
            assertThat(blocks.get((int) first - 1).getTransactionHashesCount()).isPositive();
            assertThat(blocks.get((int) live - 1).getTransactionHashesCount()).isPositive();
        } finally {
            context.cancel(null);
        }
    }

    @Test
    void aClientThatStopsReadingIsCancelledAndTheNodeKeepsServing() throws Exception {
        CompletableFuture<Throwable> ended = new CompletableFuture<>();
        AtomicReference<ClientCallStreamObserver<StreamFinalBlocksRequest>> call = new AtomicReference<>();
        List<Block> received = new ArrayList<>();
        ClientResponseObserver<StreamFinalBlocksRequest, Block> observer = new ClientResponseObserver<>() {
            @Override
            public void beforeStart(ClientCallStreamObserver<StreamFinalBlocksRequest> request) {
                request.disableAutoRequestWithInitial(1); // reads one block, then nothing
                call.set(request);
            }

            @Override
            public void onNext(Block block) {
                synchronized (received) {
                    received.add(block);
                }
            }

            @Override
            public void onError(Throwable t) {
                ended.complete(t);
            }

            @Override
            public void onCompleted() {
                ended.complete(null);
            }
        };
        long head = cluster.client(0).latestBlock(false).getNumber();
        // A small window: the node sees the client is not reading after a few blocks.
        stub(4_096).streamFinalBlocks(StreamFinalBlocksRequest.newBuilder().setFromNumber(head + 1)
                .setWithReceipts(true).build(), observer);
        double cancelledBefore = cancelledStreams();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        int account = 2;
        while (cancelledStreams() == cancelledBefore && System.nanoTime() < deadline) {
            block(account, 10);
            account = account == 9 ? 2 : account + 1;
        }
        assertThat(cancelledStreams()).as("the node cancelled the slow stream").isGreaterThan(cancelledBefore);
        call.get().request(Integer.MAX_VALUE); // drain what gRPC buffered; then the status arrives
        Throwable error = ended.get(20, TimeUnit.SECONDS);
        assertThat(error).isInstanceOfSatisfying(StatusRuntimeException.class, e -> {
            assertThat(e.getStatus().getCode()).isEqualTo(Status.Code.RESOURCE_EXHAUSTED);
            assertThat(e.getStatus().getDescription()).contains("resume from block");
        });
        synchronized (received) {
            assertThat(received).isNotEmpty();
            assertThat(received.get(0).getNumber()).isEqualTo(head + 1);
        }
        // The node carries on.
        assertThat(block(10, 1)).isPositive();
        assertThat(cluster.node(0).isRunning()).isTrue();
    }

    private double cancelledStreams() {
        var counter = cluster.node(0).registry().find("vellum.api.streams.cancelled").counter();
        return counter == null ? 0 : counter.count();
    }
}
