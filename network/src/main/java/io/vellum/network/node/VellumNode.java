package io.vellum.network.node;

import io.grpc.BindableService;
import io.grpc.InsecureServerCredentials;
import io.grpc.Server;
import io.grpc.ServerCredentials;
import io.grpc.ServerInterceptors;
import io.grpc.ServerServiceDefinition;
import io.grpc.TlsServerCredentials;
import io.grpc.netty.shaded.io.grpc.netty.NettyServerBuilder;
import io.micrometer.core.instrument.Tags;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.vellum.consensus.faults.LinkFaults;
import io.vellum.consensus.faults.SkewedClock;
import io.vellum.consensus.node.Endpoint;
import io.vellum.consensus.node.NodeConfig;
import io.vellum.consensus.node.NodeStateException;
import io.vellum.consensus.node.SequencerNode;
import io.vellum.network.faults.FaultInjectionService;
import io.vellum.network.faults.FaultServiceSettings;
import io.vellum.network.ingress.Ingress;
import io.vellum.network.metrics.ApiMetrics;
import io.vellum.network.metrics.MetricsHttpServer;
import io.vellum.network.server.AdminService;
import io.vellum.network.server.DisabledAdminService;
import io.vellum.network.server.ProverService;
import io.vellum.network.server.SequencerService;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.time.Clock;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One Vellum node as a process: the {@link SequencerNode} (consensus on RocksDB, committer, prover queue, optional
 * simulated prover), a public gRPC server (the Sequencer and Prover services), an admin gRPC server (the Admin
 * service, on loopback unless configured), and the Prometheus {@code /metrics} HTTP endpoint.
 *
 * <h2>Lifecycle</h2>
 * {@link #start()} once: the sequencer node first (so the services find a running node), then the metrics endpoint,
 * the admin server and the public server. {@link #close()} in reverse: the servers stop taking calls (calls in
 * progress get {@link ApiSettings#shutdownGraceMs()} to finish, then are cancelled; open block streams end with
 * {@code UNAVAILABLE}), then the sequencer node closes. A failed start closes whatever had started and rethrows;
 * a closed node cannot start again.
 *
 * <h2>Threads</h2>
 * The gRPC servers share a fixed pool of {@link #CALL_THREADS} call threads (submissions never block one: they
 * complete asynchronously), Netty's event loops, one scheduler thread for submit timeouts and streams, and the
 * metrics endpoint's thread. Each connection may have at most {@link #CONCURRENT_CALLS_PER_CONNECTION} calls open,
 * so queued work stays bounded.
 */
public final class VellumNode implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(VellumNode.class);
    /** Threads running gRPC call handlers (reads are short; submissions complete asynchronously). */
    public static final int CALL_THREADS = 8;
    /** HTTP/2 streams one client connection may have open at once. */
    public static final int CONCURRENT_CALLS_PER_CONNECTION = 256;
    /** The largest metadata (headers) a request may carry, bytes. */
    static final int INBOUND_METADATA_BYTES_MAX = 16 * 1024;

    private enum State { NEW, RUNNING, CLOSED }

    private final NodeConfig config;
    private final ApiSettings api;
    private final PrometheusMeterRegistry registry;
    private final Clock clock;
    private final SequencerNode sequencer;
    private final FaultServiceSettings faults;
    /** With the fault service: the link layer and the skewable clock; null otherwise. */
    private final LinkFaults linkFaults;
    private final SkewedClock skewedClock;

    private State state = State.NEW; // guarded by "this"
    private ExecutorService callExecutor;
    private ScheduledExecutorService scheduler;
    private SequencerService sequencerService;
    private Server publicServer;
    private Server adminServer;
    private MetricsHttpServer metricsServer;

    /**
     * @param config the node's consensus configuration
     * @param settings what runs beside consensus (store options, committer, simulated prover or none)
     * @param api where and how the APIs are served
     * @param registry where every meter goes; {@code /metrics} serves it
     * @param clock the node's clock
     */
    public VellumNode(NodeConfig config, SequencerNode.Settings settings, ApiSettings api,
            PrometheusMeterRegistry registry, Clock clock) {
        this(config, settings, api, registry, clock, FaultServiceSettings.DISABLED);
    }

    /**
     * A node that may serve the fault-injection service ({@code docs/faults.md}): with {@code faults} enabled, its Raft
     * server runs behind the link layer, its clock can be skewed, and its admin server (which must be configured)
     * serves the FaultInjection service to loopback callers.
     */
    public VellumNode(NodeConfig config, SequencerNode.Settings settings, ApiSettings api,
            PrometheusMeterRegistry registry, Clock clock, FaultServiceSettings faults) {
        this.faults = Objects.requireNonNull(faults, "faults");
        this.config = Objects.requireNonNull(config, "config");
        this.api = Objects.requireNonNull(api, "api");
        this.registry = Objects.requireNonNull(registry, "registry");
        this.clock = Objects.requireNonNull(clock, "clock");
        Objects.requireNonNull(settings, "settings");
        if (api.publicAddress().equals(config.raftAddress())
                || api.adminAddress().map(config.raftAddress()::equals).orElse(false)
                || api.metricsAddress().map(config.raftAddress()::equals).orElse(false)) {
            throw new IllegalArgumentException(config.id() + ": an API address equals the Raft address "
                    + config.raftAddress());
        }
        if (faults.enabled()) {
            if (api.adminAddress().isEmpty()) {
                throw new IllegalArgumentException(config.id() + ": the fault-injection service is served on the admin "
                        + "address, and none is configured");
            }
            this.linkFaults = new LinkFaults(faults.seed(), registry);
            this.skewedClock = new SkewedClock(clock);
            this.sequencer = new SequencerNode(config, settings, registry, skewedClock, linkFaults);
        } else {
            this.linkFaults = null;
            this.skewedClock = null;
            this.sequencer = new SequencerNode(config, settings, registry, clock);
        }
    }

    /**
     * Starts the sequencer node, then the metrics endpoint and the gRPC servers.
     *
     * @throws java.net.BindException an address is in use
     * @throws IOException a server could not start (a bad TLS certificate or key, for instance)
     */
    public synchronized void start() throws IOException {
        if (state != State.NEW) {
            throw new NodeStateException(config.id() + " was started already");
        }
        state = State.RUNNING;
        try {
            sequencer.start();
            String id = config.id().value();
            Tags tags = Tags.of("node", id);
            ApiMetrics metrics = new ApiMetrics(registry, tags);
            AtomicInteger threadCount = new AtomicInteger();
            callExecutor = Executors.newFixedThreadPool(CALL_THREADS, runnable -> {
                Thread thread = new Thread(runnable, "vellum-grpc-" + id + "-" + threadCount.incrementAndGet());
                thread.setDaemon(true);
                return thread;
            });
            scheduler = Executors.newSingleThreadScheduledExecutor(runnable -> {
                Thread thread = new Thread(runnable, "vellum-api-timer-" + id);
                thread.setDaemon(true);
                return thread;
            });
            Ingress ingress = new Ingress(sequencer, api.transactionsPerSubmitMax(), clock);
            sequencerService = new SequencerService(sequencer, ingress, api, metrics, scheduler, clock);
            if (api.metricsAddress().isPresent()) {
                metricsServer = MetricsHttpServer.start(api.metricsAddress().get(), registry, "vellum-metrics-" + id);
            }
            if (api.adminAddress().isPresent()) {
                List<ServerServiceDefinition> extra = linkFaults == null ? List.of()
                        : List.of(FaultInjectionService.bind(linkFaults, Optional.of(skewedClock), faults));
                adminServer = startServer(api.adminAddress().get(), api.adminTls(), metrics,
                        List.of(new AdminService(sequencer)), extra);
            }
            publicServer = startServer(api.publicAddress(), api.publicTls(), metrics,
                    List.of(sequencerService, new ProverService(sequencer), new DisabledAdminService()), List.of());
            LOG.info("{} serves gRPC on {} (admin {}, metrics {})", config.id(), api.publicAddress(),
                    api.adminAddress().map(Endpoint::toString).orElse("off"),
                    api.metricsAddress().map(Endpoint::toString).orElse("off"));
        } catch (IOException | RuntimeException e) {
            closeComponents();
            state = State.CLOSED;
            throw e;
        }
    }

    private Server startServer(Endpoint address, Optional<TlsSettings> tls, ApiMetrics metrics,
            List<BindableService> services, List<ServerServiceDefinition> extra) throws IOException {
        NettyServerBuilder builder = NettyServerBuilder.forAddress(
                new InetSocketAddress(address.host(), address.port()), credentials(tls))
                .executor(callExecutor)
                .maxInboundMessageSize(api.inboundMessageBytesMax())
                .maxInboundMetadataSize(INBOUND_METADATA_BYTES_MAX)
                .maxConcurrentCallsPerConnection(CONCURRENT_CALLS_PER_CONNECTION)
                .permitKeepAliveTime(10, TimeUnit.SECONDS)
                .permitKeepAliveWithoutCalls(true);
        for (BindableService service : services) {
            builder.addService(ServerInterceptors.intercept(service, metrics));
        }
        for (ServerServiceDefinition service : extra) {
            builder.addService(ServerInterceptors.intercept(service, metrics));
        }
        return builder.build().start();
    }

    private static ServerCredentials credentials(Optional<TlsSettings> tls) throws IOException {
        if (tls.isEmpty()) {
            return InsecureServerCredentials.create();
        }
        TlsSettings settings = tls.get();
        TlsServerCredentials.Builder builder = TlsServerCredentials.newBuilder()
                .keyManager(settings.certificateChain().toFile(), settings.privateKey().toFile());
        if (settings.trustRoots().isPresent()) {
            builder.trustManager(settings.trustRoots().get().toFile())
                    .clientAuth(TlsServerCredentials.ClientAuth.REQUIRE);
        }
        return builder.build();
    }

    /** Stops the servers (calls in progress get the grace period), then the sequencer node. Idempotent. */
    @Override
    public synchronized void close() {
        if (state == State.CLOSED) {
            return;
        }
        state = State.CLOSED;
        closeComponents();
        LOG.info("{} closed", config.id());
    }

    private void closeComponents() {
        if (sequencerService != null) {
            sequencerService.shutdown(); // open streams end with UNAVAILABLE
        }
        for (Server server : new Server[] {publicServer, adminServer}) {
            if (server != null) {
                server.shutdown();
            }
        }
        for (Server server : new Server[] {publicServer, adminServer}) {
            if (server != null) {
                awaitOrCancel(server);
            }
        }
        if (metricsServer != null) {
            metricsServer.close();
        }
        sequencer.close();
        if (scheduler != null) {
            scheduler.shutdownNow();
        }
        if (callExecutor != null) {
            callExecutor.shutdownNow();
        }
    }

    private void awaitOrCancel(Server server) {
        try {
            if (!server.awaitTermination(api.shutdownGraceMs(), TimeUnit.MILLISECONDS)) {
                server.shutdownNow();
                server.awaitTermination(2, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            server.shutdownNow();
            Thread.currentThread().interrupt();
        }
    }

    /** The port the public gRPC server is bound to. */
    public synchronized int publicPort() {
        requireRunning();
        return publicServer.getPort();
    }

    /** The port the admin gRPC server is bound to; empty when the admin server is off. */
    public synchronized OptionalInt adminPort() {
        requireRunning();
        return adminServer == null ? OptionalInt.empty() : OptionalInt.of(adminServer.getPort());
    }

    /** The port of the {@code /metrics} endpoint; empty when it is off. */
    public synchronized OptionalInt metricsPort() {
        requireRunning();
        return metricsServer == null ? OptionalInt.empty() : OptionalInt.of(metricsServer.port());
    }

    /** The sequencer node inside (consensus, chain, committer, prover queue). */
    public SequencerNode sequencer() {
        return sequencer;
    }

    public NodeConfig config() {
        return config;
    }

    public ApiSettings api() {
        return api;
    }

    public PrometheusMeterRegistry registry() {
        return registry;
    }

    public synchronized boolean isRunning() {
        return state == State.RUNNING;
    }

    private void requireRunning() {
        if (state != State.RUNNING) {
            throw new NodeStateException(config.id() + " is not running (" + state + ")");
        }
    }
}
