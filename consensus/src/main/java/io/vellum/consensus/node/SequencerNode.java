package io.vellum.consensus.node;

import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import io.vellum.blockifier.commitment.Parallelism;
import io.vellum.consensus.committer.CommittedBlock;
import io.vellum.consensus.committer.Committer;
import io.vellum.consensus.committer.CommitterSettings;
import io.vellum.consensus.core.Notification;
import io.vellum.consensus.faults.LinkFaults;
import io.vellum.consensus.prover.ProverModel;
import io.vellum.consensus.prover.ProverQueue;
import io.vellum.consensus.prover.SimulatedProver;
import io.vellum.consensus.prover.TransactionCounts;
import io.vellum.consensus.ratis.StoreGuard;
import io.vellum.consensus.store.RocksCoreStore;
import io.vellum.storage.StoreOptions;
import java.io.IOException;
import java.time.Clock;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A whole sequencer node: the {@link ConsensusNode} on a RocksDB store, the {@link Committer} that computes each final
 * block's state root and block hash and enqueues its proving job, the {@link ProverQueue} that external provers lease
 * from, and optionally the built-in {@link SimulatedProver} working that queue.
 *
 * <p>The wiring: each final block wakes the committer (on the node's dispatcher thread, without waiting); each
 * committed block wakes the simulated prover; a snapshot install pauses both while it replaces the store. Closing
 * stops the prover, then the committer, then the consensus node (which closes the store).
 */
public final class SequencerNode implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(SequencerNode.class);

    /**
     * What runs beside consensus.
     *
     * @param storeOptions how the RocksDB store writes (crash safety, caches)
     * @param committer the committer's thread and bounds (its thread name gets the node id appended)
     * @param prover the built-in simulated prover's model, or empty when provers lease jobs from outside
     */
    public record Settings(StoreOptions storeOptions, CommitterSettings committer, Optional<ProverModel> prover) {
        public Settings {
            Objects.requireNonNull(storeOptions, "storeOptions");
            Objects.requireNonNull(committer, "committer");
            Objects.requireNonNull(prover, "prover");
        }

        /**
         * Store writes safe against a process crash (the synced Raft log replays what a machine crash loses), the
         * default committer, the default simulated prover.
         */
        public static Settings defaults() {
            return new Settings(StoreOptions.processCrashSafe(), CommitterSettings.DEFAULT,
                    Optional.of(ProverModel.DEFAULT));
        }

        public Settings withStoreOptions(StoreOptions options) {
            return new Settings(options, committer, prover);
        }

        public Settings withProver(Optional<ProverModel> model) {
            return new Settings(storeOptions, committer, model);
        }
    }

    private enum State { NEW, RUNNING, CLOSED }

    private final NodeConfig config;
    private final Settings settings;
    private final MeterRegistry registry;
    private final Clock clock;
    private final ConsensusNode consensus;
    private final Tags tags;

    private volatile State state = State.NEW;
    private Committer committer;
    private ProverQueue proverQueue;
    private SimulatedProver prover;

    public SequencerNode(NodeConfig config, Settings settings, MeterRegistry registry, Clock clock) {
        this(config, settings, registry, clock, null);
    }

    /**
     * A node whose Ratis server runs the fault-injection link layer of {@code linkFaults} (null: none); see
     * {@code docs/faults.md}.
     */
    public SequencerNode(NodeConfig config, Settings settings, MeterRegistry registry, Clock clock,
            LinkFaults linkFaults) {
        this.config = Objects.requireNonNull(config, "config");
        this.settings = Objects.requireNonNull(settings, "settings");
        this.registry = Objects.requireNonNull(registry, "registry");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.tags = Tags.of("node", config.id().value());
        ConsensusNode.StoreOpener stores = directory -> new RocksCoreStore(directory, settings.storeOptions(),
                config.core().chainId(), config.genesis().contracts().feeToken(), config.starknetVersion());
        this.consensus = new ConsensusNode(config, stores, registry, clock, linkFaults);
    }

    /**
     * Starts consensus (opening the store, writing genesis on first start), then the committer and the prover, which
     * resume from what the store holds.
     *
     * @throws java.net.BindException the Raft address is in use
     * @throws IOException the Ratis server could not start
     */
    public synchronized void start() throws IOException {
        if (state != State.NEW) {
            throw new NodeStateException(config.id() + " was started already");
        }
        consensus.start();
        try {
            RocksCoreStore chain = (RocksCoreStore) consensus.store();
            proverQueue = new ProverQueue(chain::store, clock::millis, registry, tags);
            if (settings.prover().isPresent()) {
                prover = new SimulatedProver(proverQueue, TransactionCounts.of(chain), settings.prover().get(),
                        config.id().value(), clock::millis, registry, tags);
            }
            committer = new Committer(chain, settings.committer().withThreadName(
                    settings.committer().threadName() + "-" + config.id().value()), Parallelism.SEQUENTIAL,
                    clock::millis, registry, tags, new Committer.Listener() {
                        @Override
                        public void committed(CommittedBlock block) {
                            SimulatedProver simulated = prover;
                            if (simulated != null) {
                                simulated.wakeUp();
                            }
                        }

                        @Override
                        public void failed(RuntimeException error) {
                            LOG.error("{}: the committer stopped", config.id(), error);
                        }
                    });
            consensus.addStoreGuard(new StoreGuard() {
                @Override
                public void pauseStoreUse() {
                    if (prover != null) {
                        prover.pause();
                    }
                    committer.pause();
                }

                @Override
                public void resumeStoreUse() {
                    committer.resume();
                    if (prover != null) {
                        prover.resume();
                    }
                }
            });
            consensus.addListener(this::onNotification);
            committer.start();
            if (prover != null) {
                prover.start();
            }
            state = State.RUNNING;
        } catch (RuntimeException e) {
            state = State.CLOSED;
            closeComponents();
            throw e;
        }
    }

    private void onNotification(Notification notification) {
        if (notification instanceof Notification.BlockFinalized) {
            Committer current = committer;
            if (current != null) {
                current.wakeUp();
            }
        }
    }

    /** Stops the prover, the committer and consensus; a closed node cannot start again. */
    @Override
    public synchronized void close() {
        if (state == State.CLOSED) {
            return;
        }
        state = State.CLOSED;
        closeComponents();
    }

    private void closeComponents() {
        if (prover != null) {
            prover.close();
        }
        if (committer != null) {
            committer.close();
        }
        consensus.close();
        // The committer's, the queue's and the prover's gauges hold this node's objects: a node started again in the
        // same registry must register its own, not find these.
        String id = config.id().value();
        for (Meter meter : List.copyOf(registry.getMeters())) {
            if (id.equals(meter.getId().getTag("node"))) {
                registry.remove(meter);
            }
        }
    }

    /** The consensus node: submitting, statuses, membership, leadership. */
    public ConsensusNode consensus() {
        return consensus;
    }

    /** The node's RocksDB store; valid while the node runs. */
    public RocksCoreStore chain() {
        requireRunning();
        return (RocksCoreStore) consensus.store();
    }

    /** The committer; valid while the node runs. */
    public Committer committer() {
        requireRunning();
        return committer;
    }

    /** The proving queue (external provers lease from it); valid while the node runs. */
    public ProverQueue proverQueue() {
        requireRunning();
        return proverQueue;
    }

    /** The built-in simulated prover, if configured; valid while the node runs. */
    public Optional<SimulatedProver> simulatedProver() {
        requireRunning();
        return Optional.ofNullable(prover);
    }

    public NodeConfig config() {
        return config;
    }

    public boolean isRunning() {
        return state == State.RUNNING;
    }

    private void requireRunning() {
        if (state != State.RUNNING) {
            throw new NodeStateException(config.id() + " is not running");
        }
    }
}
