package io.vellum.consensus.node;

import io.micrometer.core.instrument.MeterRegistry;
import io.vellum.blockifier.contracts.StandardContracts;
import io.vellum.blockifier.crypto.Felt;
import io.vellum.blockifier.execution.Rejection;
import io.vellum.blockifier.execution.TransactionExecutor;
import io.vellum.blockifier.transaction.ExecutableTransaction;
import io.vellum.consensus.core.Notification;
import io.vellum.consensus.core.ReplicatedState;
import io.vellum.consensus.core.SequencerCore;
import io.vellum.consensus.entry.EntryCodec;
import io.vellum.consensus.entry.Member;
import io.vellum.consensus.entry.MembershipChange;
import io.vellum.consensus.faults.LinkFaults;
import io.vellum.consensus.faults.NodeClientIds;
import io.vellum.consensus.ratis.ActionDispatcher;
import io.vellum.consensus.ratis.BuildWorker;
import io.vellum.consensus.ratis.CoreFactory;
import io.vellum.consensus.ratis.DriverObserver;
import io.vellum.consensus.ratis.EntrySubmitter;
import io.vellum.consensus.ratis.StoreGuard;
import io.vellum.consensus.ratis.VellumStateMachine;
import io.vellum.consensus.store.CoreStore;
import io.vellum.proposer.NodeId;
import io.vellum.proposer.builder.BlockProducer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.BindException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.Predicate;
import org.apache.ratis.client.RaftClient;
import org.apache.ratis.conf.Parameters;
import org.apache.ratis.grpc.GrpcConfigKeys;
import org.apache.ratis.protocol.RaftClientReply;
import org.apache.ratis.protocol.RaftGroup;
import org.apache.ratis.protocol.RaftGroupId;
import org.apache.ratis.protocol.RaftPeer;
import org.apache.ratis.protocol.RaftPeerId;
import org.apache.ratis.server.RaftServer;
import org.apache.ratis.server.storage.RaftStorage;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One Vellum consensus node, wired: its {@link CoreStore}, the {@link SequencerCore} driven by a
 * {@link VellumStateMachine} inside a Ratis server, a Ratis client for the entries it submits, the dispatcher of the
 * core's actions, the build thread, the ticker, the batcher of clients' transactions, and its metrics.
 *
 * <h2>Use</h2>
 * {@link #start()} once, then {@link #submit} transactions (each gets a future of its {@link Ordering}), follow them
 * with {@link #status} and {@link #whenFinal}, or listen to every notification with {@link #addListener}.
 * {@link #close()} stops everything the node started.
 *
 * <h2>Threads</h2>
 * {@code vellum-core-<id>} (ticker and leader events), {@code vellum-dispatch-<id>} (actions), {@code
 * vellum-build-<id>}, {@code vellum-batch-<id>}, {@code vellum-admin-<id>}, and Ratis' own. The core is guarded by
 * the state machine's lock; see {@code docs/consensus-node.md}.
 *
 * <h2>Failure model</h2>
 * Submissions are refused with {@link OverloadedException} when the queue is full or the mempool would be (back
 * off): the backlog a node accepts is bounded by {@code MempoolLimits.transactionsMax}; an ordering future
 * fails with {@link NotOrderedException} when its batch could not be appended or was not seen applied in time
 * (retry: duplicates are dropped). A store error stops the Ratis server (the node stops voting); the rest of the
 * cluster carries on while a quorum is up. Starting on an address in use throws {@link BindException}: pick another
 * port. Operations on a node that is not running throw {@link NodeStateException}.
 */
public final class ConsensusNode implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(ConsensusNode.class);
    /** Outcomes of transactions final on this node, kept for status lookups (the oldest are forgotten). */
    private static final int OUTCOMES_KEPT = 500_000;
    /** The most {@link #whenFinal} futures waiting at once. */
    private static final int FINALITY_WAITERS_MAX = 1_000_000;

    /** Opens (or creates) the node's store in a directory. */
    @FunctionalInterface
    public interface StoreOpener {
        CoreStore open(Path directory);
    }

    private enum State { NEW, RUNNING, CLOSED }

    private final NodeConfig config;
    private final StoreOpener stores;
    private final MeterRegistry registry;
    private final Clock clock;
    /** The link layer installed in this node's Ratis server, or null for none. */
    private final LinkFaults linkFaults;
    private final NodeId self;
    private final RaftGroupId groupId;
    private final EntryCodec codec;
    private final List<Consumer<Notification>> listeners = new CopyOnWriteArrayList<>();
    private final Map<Felt, List<CompletableFuture<TransactionStatus>>> finalityWaiters = new ConcurrentHashMap<>();
    /** Guarded by itself. */
    private final LinkedHashMap<Felt, TransactionStatus> outcomes = new LinkedHashMap<>(16, 0.75f, false) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<Felt, TransactionStatus> eldest) {
            return size() > OUTCOMES_KEPT;
        }
    };

    // Set by start(); guarded by "this" for start/close, read by other threads once RUNNING.
    private volatile State state = State.NEW;
    private CoreStore store;
    private NodeMetrics metrics;
    private ScheduledExecutorService eventLoop;
    private RaftClient client;
    private EntrySubmitter submitter;
    private ActionDispatcher dispatcher;
    private VellumStateMachine stateMachine;
    private BuildWorker buildWorker;
    private RaftServer server;
    private TransactionBatcher batcher;

    public ConsensusNode(NodeConfig config, StoreOpener stores, MeterRegistry registry, Clock clock) {
        this(config, stores, registry, clock, null);
    }

    /**
     * A node whose Ratis server runs the fault-injection link layer of {@code linkFaults} (see
     * {@code docs/faults.md}); with {@code null}, the same as the constructor without it.
     */
    public ConsensusNode(NodeConfig config, StoreOpener stores, MeterRegistry registry, Clock clock,
            LinkFaults linkFaults) {
        this.config = Objects.requireNonNull(config, "config");
        this.stores = Objects.requireNonNull(stores, "stores");
        this.registry = Objects.requireNonNull(registry, "registry");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.linkFaults = linkFaults;
        this.self = config.id();
        this.groupId = groupIdOf(config.clusterName());
        this.codec = new EntryCodec(config.core().chainId());
    }

    /** The Raft group id of a cluster: derived from its name, so every node computes the same. */
    public static RaftGroupId groupIdOf(String clusterName) {
        return RaftGroupId.valueOf(UUID.nameUUIDFromBytes(("vellum:" + clusterName).getBytes(StandardCharsets.UTF_8)));
    }

    // -------------------------------------------------------------------------------------------------------------
    // Life cycle.

    /**
     * Opens the store (writing the genesis on first start), starts the Ratis server on the configured address, and
     * the node's threads. On failure everything started is stopped again.
     *
     * @throws BindException the Raft address is in use: configure another port
     * @throws IOException the Ratis server could not start (storage, network)
     */
    public synchronized void start() throws IOException {
        if (state != State.NEW) {
            throw new NodeStateException(self + " was started already");
        }
        try {
            startComponents();
            state = State.RUNNING;
            LOG.info("{} started on {}", self, config.raftAddress());
        } catch (IOException | RuntimeException e) {
            state = State.CLOSED;
            closeComponents();
            Throwable bind = e;
            while (bind != null && !(bind instanceof BindException)) {
                bind = bind.getCause();
            }
            if (bind != null) {
                BindException clash = new BindException(self + ": " + config.raftAddress() + " is in use");
                clash.initCause(e);
                throw clash;
            }
            throw e;
        }
    }

    private void startComponents() throws IOException {
        Files.createDirectories(config.dataDir());
        store = stores.open(config.dataDir().resolve("store"));
        if (store.load().isEmpty()) {
            store.initialize(config.genesis(), ReplicatedState.genesis(config.genesisVoters()));
        }
        metrics = new NodeMetrics(registry, self, clock::millis);
        BlockProducer producer = new BlockProducer(
                new TransactionExecutor(StandardContracts.registry(), config.execution()), config.starknetVersion(),
                config.proposerFault());
        eventLoop = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, "vellum-core-" + self);
            thread.setDaemon(true);
            return thread;
        });
        client = RaftClient.newBuilder()
                .setClientId(NodeClientIds.newClientId(self)) // names this node to the link layer of the receivers
                .setProperties(RatisProperties.client(config))
                .setRaftGroup(RaftGroup.valueOf(groupId, raftPeers(config.peers())))
                .setRetryPolicy(RatisProperties.retryPolicy(config))
                .build();
        RatisSettings ratis = config.ratis();
        // A replaced client may keep its entries in flight as long as its retry policy could take anyway.
        long retiredMaxMs = RatisProperties.clientRetryBudgetMs(ratis);
        submitter = new EntrySubmitter(this::newEntryClient, ratis.clientWindow(), retiredMaxMs, clock::millis);
        DriverObserver observer = followingLeader(metrics, submitter);
        dispatcher = new ActionDispatcher(self, codec, submitter, client, config.ratis().dispatchQueueCapacity(),
                config.ratis().submitWaitMs(), config.ratis().transferTimeoutMs(), observer);
        dispatcher.addListener(this::onNotification);
        CoreFactory factory = (stored, nowMs) -> new SequencerCore(self, config.privateKey(), config.core(), producer,
                store, stored.state(), stored.appliedIndex(), stored.pending(), nowMs);
        stateMachine = new VellumStateMachine(self, store, codec, factory, clock::millis, eventLoop, dispatcher,
                observer);
        buildWorker = new BuildWorker("vellum-build-" + self, producer, clock::millis, stateMachine, observer);
        dispatcher.start(buildWorker);
        batcher = new TransactionBatcher(self, codec, submitter, config.batching(), clock::millis,
                count -> metrics.batchSent());

        List<RaftPeer> initialGroup = config.joining() ? List.of() : raftPeers(config.peers());
        Parameters parameters = new Parameters();
        if (linkFaults != null) {
            linkFaults.addNodes(config.peers().stream().map(Peer::id).toList());
            GrpcConfigKeys.Server.setServicesCustomizer(parameters, linkFaults.customizer(self));
        }
        server = RaftServer.newBuilder()
                .setParameters(parameters)
                .setServerId(RaftPeerId.valueOf(self.value()))
                .setGroup(RaftGroup.valueOf(groupId, initialGroup))
                .setStateMachine(stateMachine)
                .setProperties(RatisProperties.server(config, config.dataDir().resolve("raft").toFile()))
                .setOption(RaftStorage.StartupOption.RECOVER)
                .build();
        server.start();

        long tickMs = config.ratis().tickIntervalMs();
        eventLoop.scheduleWithFixedDelay(this::tick, tickMs, tickMs, TimeUnit.MILLISECONDS);
        batcher.start();
        metrics.gauge("vellum.mempool.pending", "transactions", this,
                node -> node.read(SequencerCore::pendingCount).orElse(0));
        metrics.gauge("vellum.submit.queue", "transactions", this,
                node -> node.batcher == null ? 0 : node.batcher.queued());
        metrics.gauge("vellum.dispatch.queue", "actions", this,
                node -> node.dispatcher == null ? 0 : node.dispatcher.queued());
        metrics.gauge("vellum.entries.inflight", "entries", this,
                node -> node.submitter == null ? 0 : node.submitter.inFlight());
        metrics.counter("vellum.entries.client.switches", "clients",
                "times this node moved its entries to a new Raft client aimed at a new leader", submitter,
                EntrySubmitter::clientSwitches);
    }

    /**
     * A client for the entries this node submits, aimed at {@code leader} (null: none known), over the peers of the
     * current configuration (the configured ones before the server runs).
     */
    private RaftClient newEntryClient(RaftPeerId leader) {
        List<RaftPeer> peers = division().map(d -> List.copyOf(d.getGroup().getPeers()))
                .filter(list -> !list.isEmpty()).orElseGet(() -> raftPeers(config.peers()));
        RaftClient.Builder builder = RaftClient.newBuilder()
                .setClientId(NodeClientIds.newClientId(self)) // names this node to the link layer of the receivers
                .setProperties(RatisProperties.client(config))
                .setRaftGroup(RaftGroup.valueOf(groupId, peers))
                .setRetryPolicy(RatisProperties.retryPolicy(config));
        if (leader != null && peers.stream().anyMatch(p -> p.getId().equals(leader))) {
            builder.setLeaderId(leader);
        }
        return builder.build();
    }

    /** The metrics observer, which also tells the submitter who leads once that leader serves requests. */
    private static DriverObserver followingLeader(DriverObserver metrics, EntrySubmitter submitter) {
        return new DriverObserver() {
            @Override
            public void proposalApplied(long nanos) {
                metrics.proposalApplied(nanos);
            }

            @Override
            public void blockBuilt(long height, long nanos, boolean ok) {
                metrics.blockBuilt(height, nanos, ok);
            }

            @Override
            public void leaderChanged(long term, NodeId leader) {
                metrics.leaderChanged(term, leader);
            }

            @Override
            public void leaderServing(NodeId leader) {
                submitter.leaderKnown(leader == null ? null : RaftPeerId.valueOf(leader.value()));
                metrics.leaderServing(leader);
            }

            @Override
            public void submitFailed() {
                metrics.submitFailed();
            }

            @Override
            public void snapshot(long index, boolean installed) {
                metrics.snapshot(index, installed);
            }
        };
    }

    private void tick() {
        try {
            stateMachine.tick();
        } catch (RuntimeException e) {
            LOG.error("{}: tick failed", self, e); // keep ticking: a periodic task that throws is cancelled
        }
    }

    private static List<RaftPeer> raftPeers(List<Peer> peers) {
        List<RaftPeer> out = new ArrayList<>(peers.size());
        for (Peer peer : peers) {
            out.add(raftPeer(peer));
        }
        return out;
    }

    private static RaftPeer raftPeer(Peer peer) {
        return RaftPeer.newBuilder().setId(peer.id().value()).setAddress(peer.address().address()).build();
    }

    /** Stops the node: its server (without a snapshot: the store holds everything), client and threads. */
    @Override
    public synchronized void close() {
        if (state == State.CLOSED) {
            return;
        }
        state = State.CLOSED;
        closeComponents();
        LOG.info("{} closed", self);
    }

    private void closeComponents() {
        quietly(batcher, TransactionBatcher::close);
        if (eventLoop != null) {
            eventLoop.shutdownNow();
        }
        // The server takes the longest (1-3 s); the client closes meanwhile.
        // A thread joined below, not a future: a future completes while its thread still runs, and callers check that
        // no vellum- thread outlives close().
        Thread serverCloser = new Thread(() -> quietly(server, s -> {
            try {
                s.close();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }), "vellum-close-" + self);
        serverCloser.setDaemon(true);
        serverCloser.start();
        quietly(client, c -> {
            try {
                c.close();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        });
        quietly(submitter, EntrySubmitter::close);
        try {
            serverCloser.join();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        quietly(dispatcher, ActionDispatcher::close);
        quietly(buildWorker, BuildWorker::close);
        if (eventLoop != null) {
            try {
                eventLoop.awaitTermination(5, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        quietly(store, CoreStore::close);
        quietly(metrics, NodeMetrics::close);
        NotOrderedException closed = new NotOrderedException(self + " closed");
        finalityWaiters.values().forEach(list -> list.forEach(f -> f.completeExceptionally(closed)));
        finalityWaiters.clear();
    }

    private <T> void quietly(T component, Consumer<T> closer) {
        if (component == null) {
            return;
        }
        try {
            closer.accept(component);
        } catch (RuntimeException e) {
            LOG.warn("{}: closing {} failed: {}", self, component.getClass().getSimpleName(), e.toString());
        }
    }

    private void requireRunning() {
        if (state != State.RUNNING) {
            throw new NodeStateException(self + " is not running (" + state + ")");
        }
    }

    // -------------------------------------------------------------------------------------------------------------
    // Clients.

    /**
     * Queues transactions to be ordered; each future completes when its batch is applied on this node: with
     * {@link Ordering.Ordered} (acknowledged: it is in the ordered log and will end final) or {@link Ordering.Dropped};
     * or fails with {@link NotOrderedException} (retry). The transactions must have been checked already (ingress).
     *
     * @throws OverloadedException the queue cannot take them all, or the mempool would not (its pending
     *     transactions and those waiting to be batched would pass {@code limits.mempool.transactions_max}: ordered,
     *     they would only be dropped as {@code MEMPOOL_FULL}); none was queued
     */
    public List<CompletableFuture<Ordering>> submit(List<ExecutableTransaction> transactions)
            throws OverloadedException {
        requireRunning();
        int mempoolMax = config.core().mempoolLimits().transactionsMax();
        long pending = (long) pendingCountLastSeen() + batcher.queued();
        if (pending + transactions.size() > mempoolMax) {
            throw new OverloadedException(self + ": " + pending + " transactions pending or waiting to be ordered, "
                    + transactions.size() + " more would pass the mempool's " + mempoolMax + "; back off");
        }
        List<CompletableFuture<Ordering>> futures = batcher.submit(transactions);
        metrics.submitted(transactions.stream().map(ExecutableTransaction::hash).toList());
        return futures;
    }

    /**
     * The pending transactions after the core's last step, read without the core's lock (which a re-execution holds
     * for hundreds of milliseconds): for backpressure, which needs a recent figure, not an exact one. 0 when the
     * node is not running (as {@link #read} is empty then).
     */
    public int pendingCountLastSeen() {
        VellumStateMachine machine = stateMachine;
        return state == State.RUNNING && machine != null ? machine.pendingCountLastSeen() : 0;
    }

    /** Where the transaction stands, as this node knows it now. */
    public TransactionStatus status(Felt hash) {
        synchronized (outcomes) {
            TransactionStatus known = outcomes.get(hash);
            if (known != null) {
                return known;
            }
        }
        if (read(core -> core.isPending(hash)).orElse(false)) {
            return TransactionStatus.PENDING;
        }
        if (state == State.RUNNING && stateMachine.readStore(chain -> chain.isFinal(hash))) {
            return new TransactionStatus.FinalEarlier();
        }
        return TransactionStatus.UNKNOWN;
    }

    /**
     * A future completed when the transaction ends in a final block on this node: {@link TransactionStatus.Final} or
     * {@link TransactionStatus.Rejected}. It never completes for a transaction that is never ordered.
     *
     * @throws OverloadedException too many futures wait already
     */
    public CompletableFuture<TransactionStatus> whenFinal(Felt hash) throws OverloadedException {
        requireRunning();
        if (finalityWaiters.size() >= FINALITY_WAITERS_MAX) {
            throw new OverloadedException(self + ": " + finalityWaiters.size() + " finality futures wait already");
        }
        CompletableFuture<TransactionStatus> future = new CompletableFuture<>();
        finalityWaiters.compute(hash, (h, list) -> {
            List<CompletableFuture<TransactionStatus>> more = list == null ? new ArrayList<>(1) : new ArrayList<>(list);
            more.add(future);
            return more;
        });
        // It may have become final before the future was registered.
        TransactionStatus known;
        synchronized (outcomes) {
            known = outcomes.get(hash);
        }
        if (known != null) {
            completeFinality(hash, known);
        }
        return future;
    }

    /**
     * Adds a user of the store (the committer, the prover) that pauses while a snapshot install replaces the store's
     * contents. Call it after {@link #start()}.
     */
    public void addStoreGuard(StoreGuard guard) {
        requireRunning();
        stateMachine.addStoreGuard(guard);
    }

    /** Adds a listener of every notification of the core (on the dispatcher thread: be quick, never block). */
    public void addListener(Consumer<Notification> listener) {
        listeners.add(Objects.requireNonNull(listener, "listener"));
    }

    public void removeListener(Consumer<Notification> listener) {
        listeners.remove(listener);
    }

    private void onNotification(Notification notification) {
        batcher.onNotification(notification);
        metrics.onNotification(notification);
        if (notification instanceof Notification.BlockFinalized block) {
            Map<Felt, TransactionStatus> settled = new LinkedHashMap<>();
            for (Felt hash : block.included()) {
                settled.put(hash, new TransactionStatus.Final(block.height(), block.index()));
            }
            for (Map.Entry<Felt, Rejection> rejected : block.rejected().entrySet()) {
                settled.put(rejected.getKey(), new TransactionStatus.Rejected(block.height(), block.index(),
                        rejected.getValue()));
            }
            synchronized (outcomes) {
                outcomes.putAll(settled);
            }
            settled.forEach(this::completeFinality);
        } else if (notification instanceof Notification.Halted halted) {
            LOG.error("{} halted at index {}: {}", self, halted.index(), halted.reason());
        }
        for (Consumer<Notification> listener : listeners) {
            try {
                listener.accept(notification);
            } catch (RuntimeException | LinkageError | AssertionError e) {
                // a listener's failure must not stop this thread
                LOG.error("{}: a listener failed", self, e);
            }
        }
    }

    private void completeFinality(Felt hash, TransactionStatus status) {
        List<CompletableFuture<TransactionStatus>> waiting = finalityWaiters.remove(hash);
        if (waiting != null) {
            waiting.forEach(future -> future.complete(status));
        }
    }

    // -------------------------------------------------------------------------------------------------------------
    // Views.

    public NodeId id() {
        return self;
    }

    public NodeConfig config() {
        return config;
    }

    /** The node's store (for status lookups of later layers, and for tests comparing nodes). */
    public CoreStore store() {
        requireRunning();
        return store;
    }

    /** Reads the core under its lock; empty while a snapshot is installed or when not running. */
    public <T> Optional<T> read(Function<SequencerCore, T> reader) {
        VellumStateMachine machine = stateMachine;
        return state == State.RUNNING && machine != null ? machine.read(reader) : Optional.empty();
    }

    /** The replicated state as this node applied it. */
    public Optional<ReplicatedState> replicatedState() {
        return read(SequencerCore::state);
    }

    public long finalHeight() {
        return read(core -> core.state().finalHeight()).orElse(-1L);
    }

    /** Whether this node's Raft server leads now. */
    public boolean isLeader() {
        return division().map(d -> d.getInfo().isLeader()).orElse(false);
    }

    /** The Raft leader this node knows of. */
    public Optional<NodeId> leader() {
        return division().map(d -> d.getInfo().getLeaderId()).map(id -> NodeId.of(id.toString()));
    }

    /** The Raft log index this node's state machine applied last. */
    public long raftAppliedIndex() {
        return division().map(d -> d.getInfo().getLastAppliedIndex()).orElse(-1L);
    }

    /** The Raft peers of this node's current configuration. */
    public List<Peer> raftPeers() {
        return division().map(d -> d.getGroup().getPeers().stream()
                .map(p -> new Peer(NodeId.of(p.getId().toString()), parse(p.getAddress()))).toList())
                .orElse(List.of());
    }

    private static Endpoint parse(String address) {
        int colon = address.lastIndexOf(':');
        return new Endpoint(address.substring(0, colon), Integer.parseInt(address.substring(colon + 1)));
    }

    private Optional<RaftServer.Division> division() {
        if (state != State.RUNNING) {
            return Optional.empty();
        }
        try {
            return Optional.of(server.getDivision(groupId));
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    // -------------------------------------------------------------------------------------------------------------
    // Membership.

    /**
     * Adds a node at runtime, from a running member: Ratis first replicates the log to it (setConfiguration returns
     * once it has caught up and the new configuration is committed), then a {@link MembershipChange} makes it a
     * voter with its key and fee address. The new node must already run with {@link NodeConfig#joining()} set.
     *
     * @throws NodeStateException it is a member already, or this node is not running
     * @throws IOException Ratis refused or timed out (the configuration may or may not have changed; check and retry)
     */
    public void addMember(Peer peer, Member voter, Duration timeout) throws IOException, InterruptedException {
        requireRunning();
        if (!peer.id().equals(voter.id())) {
            throw new IllegalArgumentException("peer " + peer.id() + " and voter " + voter.id() + " differ");
        }
        List<Peer> current = raftPeers();
        if (current.stream().anyMatch(p -> p.id().equals(peer.id()))) {
            throw new NodeStateException(peer.id() + " is already a Raft peer");
        }
        List<Peer> next = new ArrayList<>(current);
        next.add(peer);
        setConfiguration(next);
        List<Member> voters = new ArrayList<>(replicatedState().orElseThrow(() -> new NodeStateException(
                self + " has no state")).voters());
        voters.removeIf(m -> m.id().equals(voter.id()));
        voters.add(voter);
        changeVoters(voters, timeout, state -> state.voter(voter.id()).isPresent());
    }

    /**
     * Removes a node at runtime: a {@link MembershipChange} without it (so its votes stop counting at a definite log
     * index), then the Raft configuration without it. The caller then closes the removed node.
     */
    public void removeMember(NodeId id, Duration timeout) throws IOException, InterruptedException {
        requireRunning();
        List<Member> voters = new ArrayList<>(replicatedState().orElseThrow(() -> new NodeStateException(
                self + " has no state")).voters());
        if (voters.removeIf(m -> m.id().equals(id))) {
            if (voters.isEmpty()) {
                throw new NodeStateException("cannot remove the last voter " + id);
            }
            changeVoters(voters, timeout, state -> state.voter(id).isEmpty());
        }
        List<Peer> next = new ArrayList<>(raftPeers());
        if (next.removeIf(p -> p.id().equals(id))) {
            setConfiguration(next);
        }
    }

    /**
     * Asks the Raft leader to hand leadership to {@code target} (an operator's or a test's call; the core transfers
     * leadership by itself when its schedule names another proposer).
     *
     * @throws IOException the transfer did not happen within the timeout
     */
    public void transferLeadership(NodeId target, Duration timeout) throws IOException {
        requireRunning();
        RaftClientReply reply = client.admin().transferLeadership(RaftPeerId.valueOf(target.value()),
                timeout.toMillis());
        if (!reply.isSuccess()) {
            throw new IOException("leadership transfer to " + target + " failed: " + reply.getException(),
                    reply.getException());
        }
    }

    /**
     * Asks this node's own Raft server to take a snapshot now (Ratis' snapshot management API, forced: even when few
     * entries were applied since the last one), an operator's call.
     *
     * @return the log index the snapshot holds
     * @throws IOException the snapshot was not taken within the timeout
     */
    public long takeSnapshot(Duration timeout) throws IOException {
        requireRunning();
        RaftClientReply reply = client.getSnapshotManagementApi(RaftPeerId.valueOf(self.value()))
                .create(true, timeout.toMillis());
        if (!reply.isSuccess()) {
            throw new IOException(self + ": taking a snapshot failed: " + reply.getException(),
                    reply.getException());
        }
        return reply.getLogIndex();
    }

    private void setConfiguration(List<Peer> peers) throws IOException {
        RaftClientReply reply = client.admin().setConfiguration(raftPeers(peers)); // the List overload
        if (!reply.isSuccess()) {
            throw new IOException("setConfiguration " + peers + " failed: " + reply.getException(),
                    reply.getException());
        }
    }

    private void changeVoters(List<Member> voters, Duration timeout,
            Predicate<ReplicatedState> done) throws IOException, InterruptedException {
        byte[] entry = codec.encode(new MembershipChange(voters));
        long deadline = clock.millis() + timeout.toMillis();
        long resendAt = 0;
        while (clock.millis() < deadline) {
            if (replicatedState().map(done::test).orElse(false)) {
                return;
            }
            if (clock.millis() >= resendAt) {
                submitter.send(entry, Math.max(1, deadline - clock.millis()));
                resendAt = clock.millis() + config.ratis().requestTimeoutMs();
            }
            Thread.sleep(20); // an operator's call, not protocol code: polling the local state is enough
        }
        throw new IOException("the membership change " + voters.stream().map(Member::id).toList()
                + " was not applied within " + timeout.toMillis() + " ms");
    }
}
