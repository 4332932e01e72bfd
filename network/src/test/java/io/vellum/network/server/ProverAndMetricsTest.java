package io.vellum.network.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.grpc.ManagedChannel;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.netty.shaded.io.grpc.netty.NettyChannelBuilder;
import io.vellum.blockifier.transaction.ExecutableTransaction;
import io.vellum.network.api.CompleteJobRequest;
import io.vellum.network.api.FailJobRequest;
import io.vellum.network.api.Lease;
import io.vellum.network.api.LeaseJobRequest;
import io.vellum.network.api.LeaseJobResponse;
import io.vellum.network.api.ProverGrpc;
import io.vellum.network.api.SubmitResult;
import io.vellum.network.api.TransactionStatus;
import io.vellum.network.client.VellumClient;
import io.vellum.network.node.ApiCluster;
import java.math.BigInteger;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * One node without the simulated prover: an external prover leases, fails and completes jobs over gRPC (at least
 * once, idempotent completion, stale leases refused); and {@code /metrics} scraped over HTTP.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@Timeout(120)
class ProverAndMetricsTest {
    @TempDir
    static Path dir;
    private ApiCluster cluster;
    private ManagedChannel channel;
    private ProverGrpc.ProverBlockingStub prover;
    private long lastBlock;

    @BeforeAll
    void start() throws Exception {
        cluster = ApiCluster.start(ApiCluster.Options.of(1, 4).withoutSimulatedProver(), dir, 0x9b0_7e5L);
        channel = NettyChannelBuilder.forAddress("127.0.0.1", cluster.node(0).publicPort()).usePlaintext().build();
        prover = ProverGrpc.newBlockingStub(channel);
        // Three blocks: three transfers, each waited for.
        VellumClient client = cluster.client(0);
        for (int nonce = 0; nonce < 3; nonce++) {
            ExecutableTransaction transfer = client.signTransfer(cluster.account(0), cluster.account(1).address(),
                    BigInteger.ONE, nonce, VellumClient.DEFAULT_FEES);
            assertThat(client.submit(transfer).getOutcome()).isEqualTo(SubmitResult.Outcome.ORDERED);
            TransactionStatus status = client.awaitFinal(transfer.hash(), Duration.ofSeconds(30));
            assertThat(status.getState()).isEqualTo(TransactionStatus.State.FINAL_SUCCEEDED);
            lastBlock = status.getBlockNumber();
        }
        await().atMost(Duration.ofSeconds(30)).until(() -> client.nodeStatus().getCommittedHeight() >= lastBlock);
    }

    @AfterAll
    void stop() {
        if (channel != null) {
            channel.shutdownNow();
        }
        if (cluster != null) {
            cluster.close();
        }
    }

    private ProverGrpc.ProverBlockingStub prover() {
        return prover.withDeadlineAfter(20, TimeUnit.SECONDS);
    }

    private Lease lease(String name, long leaseMs) {
        LeaseJobResponse response = prover().leaseJob(LeaseJobRequest.newBuilder().setProver(name)
                .setLeaseMs(leaseMs).build());
        assertThat(response.hasLease()).as("a job is available").isTrue();
        return response.getLease();
    }

    private void complete(Lease lease) {
        prover().completeJob(CompleteJobRequest.newBuilder().setLease(lease).setProofDigest("0xabc").build());
    }

    @Test
    void jobsAreLeasedFailedExpiredAndCompletedAtLeastOnceAndIdempotently() throws Exception {
        VellumClient client = cluster.client(0);
        // The lowest job first, with the committer's block hash and state root.
        Lease first = lease("prover-1", 60_000);
        assertThat(first.getBlockNumber()).isBetween(1L, lastBlock);
        assertThat(first.getAttempt()).isEqualTo(1);
        assertThat(first.getBlockHash()).isEqualTo(client.block(first.getBlockNumber(), false).orElseThrow()
                .getBlockHash()).startsWith("0x");
        assertThat(first.getStateRoot()).startsWith("0x");
        assertThat(first.getTransactionCount()).isPositive();

        // Failed: it comes back with the next attempt; the failed lease is stale.
        prover().failJob(FailJobRequest.newBuilder().setLease(first).setReason("out of memory").build());
        Lease again = lease("prover-2", 60_000);
        assertThat(again.getBlockNumber()).isEqualTo(first.getBlockNumber());
        assertThat(again.getAttempt()).isEqualTo(2);
        assertCode(() -> complete(first), Status.Code.ABORTED);

        // Completed, and completed again (a retry after a lost reply): both succeed.
        assertThat(client.block(again.getBlockNumber(), false).orElseThrow().getProven()).isFalse();
        complete(again);
        complete(again);
        await().atMost(Duration.ofSeconds(10)).until(() -> client.nodeStatus().getProvenHeight()
                >= again.getBlockNumber());
        // The digest is kept with the block; completing it again with another digest is refused.
        var proven = client.block(again.getBlockNumber(), false).orElseThrow();
        assertThat(proven.getProven()).isTrue();
        assertThat(proven.getProofDigest()).isEqualTo("0xabc");
        assertCode(() -> prover().completeJob(CompleteJobRequest.newBuilder().setLease(again)
                .setProofDigest("0xdef").build()), Status.Code.FAILED_PRECONDITION);
        assertThat(client.block(again.getBlockNumber(), false).orElseThrow().getProofDigest()).isEqualTo("0xabc");

        // A lease that expires: the job is leased again (at least once), and the expired lease is stale.
        Lease shortLease = lease("prover-3", 1_000);
        assertThat(shortLease.getBlockNumber()).isGreaterThan(again.getBlockNumber());
        Thread.sleep(1_300);
        Lease afterExpiry = lease("prover-3", 60_000);
        assertThat(afterExpiry.getBlockNumber()).isEqualTo(shortLease.getBlockNumber());
        assertThat(afterExpiry.getAttempt()).isGreaterThan(shortLease.getAttempt());
        assertCode(() -> complete(shortLease), Status.Code.ABORTED);
        complete(afterExpiry);

        // Prove the rest; then nothing is left to lease.
        while (true) {
            LeaseJobResponse next = prover().leaseJob(LeaseJobRequest.newBuilder().setProver("prover-4")
                    .setLeaseMs(60_000).build());
            if (!next.hasLease()) {
                break;
            }
            complete(next.getLease());
        }
        await().atMost(Duration.ofSeconds(10)).until(() -> client.nodeStatus().getProvenHeight() >= lastBlock);
        assertThat(client.nodeStatus().getProverQueueDepth()).isZero();
    }

    @Test
    void badProverRequestsAreInvalidArgument() {
        assertCode(() -> prover().leaseJob(LeaseJobRequest.newBuilder().setLeaseMs(60_000).build()),
                Status.Code.INVALID_ARGUMENT);
        assertCode(() -> prover().leaseJob(LeaseJobRequest.newBuilder().setProver("no spaces").setLeaseMs(60_000)
                .build()), Status.Code.INVALID_ARGUMENT);
        assertCode(() -> prover().leaseJob(LeaseJobRequest.newBuilder().setProver("p").setLeaseMs(10).build()),
                Status.Code.INVALID_ARGUMENT);
        assertCode(() -> prover().leaseJob(LeaseJobRequest.newBuilder().setProver("p").setLeaseMs(1L << 40)
                .build()), Status.Code.INVALID_ARGUMENT);
        assertCode(() -> prover().completeJob(CompleteJobRequest.newBuilder().setProofDigest("0x1").build()),
                Status.Code.INVALID_ARGUMENT);
        Lease made = Lease.newBuilder().setBlockNumber(1).setProver("p").setAttempt(1).build();
        assertCode(() -> prover().completeJob(CompleteJobRequest.newBuilder().setLease(made).build()),
                Status.Code.INVALID_ARGUMENT);
        assertCode(() -> prover().failJob(FailJobRequest.newBuilder().setLease(made).build()),
                Status.Code.INVALID_ARGUMENT);
        assertCode(() -> prover().failJob(FailJobRequest.newBuilder().setLease(made.toBuilder().setAttempt(0))
                .setReason("x").build()), Status.Code.INVALID_ARGUMENT);
        assertThat(cluster.node(0).isRunning()).isTrue();
    }

    @Test
    void metricsAreScrapedOverHttp() throws Exception {
        cluster.client(0).nodeStatus(); // at least one API call counted
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
        int port = cluster.node(0).metricsPort().orElseThrow();
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port
                + "/metrics")).timeout(Duration.ofSeconds(10)).GET().build(), HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("Content-Type").orElse("")).startsWith("text/plain");
        String body = response.body();
        for (String metric : new String[] {"vellum_height_blocks", "vellum_blocks_final_blocks_total",
                "vellum_mempool_pending_transactions", "vellum_transactions_submitted_transactions_total",
                "vellum_committer_height_blocks", "vellum_prover_queue_depth_jobs", "vellum_prover_jobs_total",
                "vellum_api_calls_seconds_count", "vellum_api_calls_active", "vellum_ingress_transactions_total",
                "vellum_entries_client_switches_clients_total"}) {
            assertThat(body).as(metric).containsPattern("(?m)^" + metric + "\\{[^}]*node=\"n0\"");
        }
        assertThat(body).contains("method=\"GetNodeStatus\"").contains("code=\"OK\"");

        HttpResponse<String> elsewhere = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port
                + "/other")).timeout(Duration.ofSeconds(10)).GET().build(), HttpResponse.BodyHandlers.ofString());
        assertThat(elsewhere.statusCode()).isEqualTo(404);
        HttpResponse<String> post = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port
                + "/metrics")).timeout(Duration.ofSeconds(10)).POST(HttpRequest.BodyPublishers.ofString("x")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(post.statusCode()).isEqualTo(405);
    }

    private static void assertCode(Runnable call, Status.Code code) {
        assertThatThrownBy(call::run).isInstanceOfSatisfying(StatusRuntimeException.class,
                e -> assertThat(e.getStatus().getCode()).as(String.valueOf(e.getStatus())).isEqualTo(code));
    }
}
