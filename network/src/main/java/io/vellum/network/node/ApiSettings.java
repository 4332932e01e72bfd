package io.vellum.network.node;

import io.vellum.consensus.node.Endpoint;
import java.util.Objects;
import java.util.Optional;

/**
 * How a {@link VellumNode} serves its APIs: where each server listens, TLS, and the limits every request is held
 * to. Every address is a loopback {@link Endpoint} (Vellum binds to 127.0.0.1 only).
 *
 * @param publicAddress the gRPC server of the public services (Sequencer, Prover)
 * @param adminAddress the gRPC server of the Admin service; empty: no admin server (the service is off)
 * @param metricsAddress the HTTP server of {@code GET /metrics} (Prometheus text format); empty: none
 * @param publicTls TLS of the public server; empty: plaintext
 * @param adminTls TLS of the admin server (give trust roots for mutual TLS); empty: plaintext
 * @param inboundMessageBytesMax the largest request message either gRPC server accepts, bytes (larger:
 *     {@code RESOURCE_EXHAUSTED} before it is parsed)
 * @param transactionsPerSubmitMax the most transactions one {@code SubmitTransactions} call may carry
 * @param submitTimeoutMs how long a {@code SubmitTransactions} call waits for its transactions to be ordered before
 *     answering {@code UNKNOWN} for the ones still waiting
 * @param streamBufferBlocksMax the most blocks queued for one {@code StreamFinalBlocks} client; a client that falls
 *     further behind is cancelled ({@code RESOURCE_EXHAUSTED})
 * @param streamsMax the most {@code StreamFinalBlocks} calls open at once
 * @param shutdownGraceMs how long closing waits for calls in progress before cancelling them
 */
public record ApiSettings(
        Endpoint publicAddress,
        Optional<Endpoint> adminAddress,
        Optional<Endpoint> metricsAddress,
        Optional<TlsSettings> publicTls,
        Optional<TlsSettings> adminTls,
        int inboundMessageBytesMax,
        int transactionsPerSubmitMax,
        long submitTimeoutMs,
        int streamBufferBlocksMax,
        int streamsMax,
        long shutdownGraceMs) {

    /** Default largest request: 4 MiB (gRPC's own default), room for 1,000 transactions of moderate calldata. */
    public static final int INBOUND_MESSAGE_BYTES_DEFAULT = 4 * 1024 * 1024;
    /** Default and hard limit of transactions per submit call (the API promises at most 1,000). */
    public static final int TRANSACTIONS_PER_SUBMIT_MAX = 1_000;
    public static final long SUBMIT_TIMEOUT_MS_DEFAULT = 10_000;
    public static final int STREAM_BUFFER_BLOCKS_DEFAULT = 256;
    public static final int STREAMS_DEFAULT = 64;
    public static final long SHUTDOWN_GRACE_MS_DEFAULT = 2_000;

    public ApiSettings {
        Objects.requireNonNull(publicAddress, "publicAddress");
        Objects.requireNonNull(adminAddress, "adminAddress");
        Objects.requireNonNull(metricsAddress, "metricsAddress");
        Objects.requireNonNull(publicTls, "publicTls");
        Objects.requireNonNull(adminTls, "adminTls");
        if (adminTls.isPresent() && adminAddress.isEmpty()) {
            throw new IllegalArgumentException("adminTls is set but the admin server is off (no adminAddress)");
        }
        if (inboundMessageBytesMax < 1024 || inboundMessageBytesMax > 64 * 1024 * 1024) {
            throw new IllegalArgumentException("inboundMessageBytesMax must be in [1 KiB, 64 MiB]: "
                    + inboundMessageBytesMax);
        }
        if (transactionsPerSubmitMax < 1 || transactionsPerSubmitMax > TRANSACTIONS_PER_SUBMIT_MAX) {
            throw new IllegalArgumentException("transactionsPerSubmitMax must be in [1, " + TRANSACTIONS_PER_SUBMIT_MAX
                    + "]: " + transactionsPerSubmitMax);
        }
        if (submitTimeoutMs < 1 || submitTimeoutMs > 600_000) {
            throw new IllegalArgumentException("submitTimeoutMs must be in [1, 600000]: " + submitTimeoutMs);
        }
        if (streamBufferBlocksMax < 1 || streamBufferBlocksMax > 100_000) {
            throw new IllegalArgumentException("streamBufferBlocksMax must be in [1, 100000]: "
                    + streamBufferBlocksMax);
        }
        if (streamsMax < 1 || streamsMax > 10_000) {
            throw new IllegalArgumentException("streamsMax must be in [1, 10000]: " + streamsMax);
        }
        if (shutdownGraceMs < 0 || shutdownGraceMs > 60_000) {
            throw new IllegalArgumentException("shutdownGraceMs must be in [0, 60000]: " + shutdownGraceMs);
        }
        distinct(publicAddress, adminAddress, "admin");
        distinct(publicAddress, metricsAddress, "metrics");
        if (adminAddress.isPresent() && adminAddress.equals(metricsAddress)) {
            throw new IllegalArgumentException("the admin and metrics servers share " + adminAddress.get());
        }
    }

    private static void distinct(Endpoint publicAddress, Optional<Endpoint> other, String name) {
        if (other.isPresent() && other.get().equals(publicAddress)) {
            throw new IllegalArgumentException("the public and " + name + " servers share " + publicAddress);
        }
    }

    /**
     * The defaults around given addresses: no TLS, 4 MiB messages, 1,000 transactions per call, 10 s submit timeout,
     * 256 blocks of stream buffer, 64 streams, 2 s shutdown grace.
     */
    public static ApiSettings defaults(Endpoint publicAddress, Optional<Endpoint> adminAddress,
            Optional<Endpoint> metricsAddress) {
        return new ApiSettings(publicAddress, adminAddress, metricsAddress, Optional.empty(), Optional.empty(),
                INBOUND_MESSAGE_BYTES_DEFAULT, TRANSACTIONS_PER_SUBMIT_MAX, SUBMIT_TIMEOUT_MS_DEFAULT,
                STREAM_BUFFER_BLOCKS_DEFAULT, STREAMS_DEFAULT, SHUTDOWN_GRACE_MS_DEFAULT);
    }

    /** The defaults on 127.0.0.1: the public server on {@code publicPort}, admin and metrics on the given ports. */
    public static ApiSettings loopback(int publicPort, int adminPort, int metricsPort) {
        return defaults(Endpoint.loopback(publicPort), Optional.of(Endpoint.loopback(adminPort)),
                Optional.of(Endpoint.loopback(metricsPort)));
    }

    public ApiSettings withTls(Optional<TlsSettings> publicServer, Optional<TlsSettings> adminServer) {
        return new ApiSettings(publicAddress, adminAddress, metricsAddress, publicServer, adminServer,
                inboundMessageBytesMax, transactionsPerSubmitMax, submitTimeoutMs, streamBufferBlocksMax, streamsMax,
                shutdownGraceMs);
    }

    public ApiSettings withInboundMessageBytesMax(int bytes) {
        return new ApiSettings(publicAddress, adminAddress, metricsAddress, publicTls, adminTls, bytes,
                transactionsPerSubmitMax, submitTimeoutMs, streamBufferBlocksMax, streamsMax, shutdownGraceMs);
    }

    public ApiSettings withTransactionsPerSubmitMax(int count) {
        return new ApiSettings(publicAddress, adminAddress, metricsAddress, publicTls, adminTls,
                inboundMessageBytesMax, count, submitTimeoutMs, streamBufferBlocksMax, streamsMax, shutdownGraceMs);
    }

    public ApiSettings withSubmitTimeoutMs(long timeoutMs) {
        return new ApiSettings(publicAddress, adminAddress, metricsAddress, publicTls, adminTls,
                inboundMessageBytesMax, transactionsPerSubmitMax, timeoutMs, streamBufferBlocksMax, streamsMax,
                shutdownGraceMs);
    }

    public ApiSettings withStreamBufferBlocksMax(int blocks) {
        return new ApiSettings(publicAddress, adminAddress, metricsAddress, publicTls, adminTls,
                inboundMessageBytesMax, transactionsPerSubmitMax, submitTimeoutMs, blocks, streamsMax,
                shutdownGraceMs);
    }
}
