package io.vellum.consensus.ratis;

import io.vellum.consensus.core.Action;
import io.vellum.consensus.core.ApplyOutcome;
import io.vellum.consensus.core.BuildTask;
import io.vellum.consensus.core.SequencerCore;
import io.vellum.consensus.entry.EntryCodec;
import io.vellum.consensus.entry.EntryDecodingException;
import io.vellum.consensus.entry.LogEntry;
import io.vellum.consensus.entry.Proposal;
import io.vellum.consensus.store.CoreStore;
import io.vellum.proposer.NodeId;
import io.vellum.proposer.builder.BuiltBlock;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.locks.ReentrantLock;
import java.util.concurrent.locks.ReentrantReadWriteLock;
import java.util.function.Function;
import java.util.function.LongSupplier;
import org.apache.ratis.proto.RaftProtos.LogEntryProto;
import org.apache.ratis.proto.RaftProtos.RaftConfigurationProto;
import org.apache.ratis.protocol.Message;
import org.apache.ratis.protocol.RaftGroupId;
import org.apache.ratis.protocol.RaftGroupMemberId;
import org.apache.ratis.protocol.RaftPeerId;
import org.apache.ratis.server.RaftServer;
import org.apache.ratis.server.protocol.TermIndex;
import org.apache.ratis.server.raftlog.RaftLog;
import org.apache.ratis.server.storage.RaftStorage;
import org.apache.ratis.statemachine.StateMachineStorage;
import org.apache.ratis.statemachine.TransactionContext;
import org.apache.ratis.statemachine.impl.BaseStateMachine;
import org.apache.ratis.statemachine.impl.FileListSnapshotInfo;
import org.apache.ratis.util.FileUtils;
import org.apache.ratis.util.LifeCycle;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The Ratis state machine of a Vellum node: it applies every committed entry through the {@link SequencerCore} and
 * commits what the entry changed to the {@link CoreStore}, with its term and index, before Ratis acknowledges it.
 *
 * <h2>Threads and the core lock</h2>
 * {@link #lock} guards {@link #core}, {@link #generation} and {@link #paused}; {@link #storeSwap} keeps readers
 * outside the core lock away from the store while a snapshot replaces it. Four kinds of threads take it, each for
 * as long as one core call: the Ratis updater thread ({@link #applyTransaction}, snapshots), the node's event loop
 * ({@link #tick}, leader changes), the build thread ({@link #buildFinished}) and Ratis' snapshot installer
 * ({@link #pause}). The core's actions are handed to the {@link ActionSink} under the lock, so they keep the order
 * the core produced them in; nothing under the lock calls into Ratis or blocks on the network.
 *
 * <p>{@link #storedIndex} is written only on the updater thread (applies, reinitialization).
 *
 * <h2>Restart and replay</h2>
 * Ratis 3.3.0 replays the log from its latest snapshot, not from what the state machine reports as applied
 * ({@code StateMachineUpdater} starts at the snapshot index). The store may hold entries past the snapshot: those are
 * skipped ({@link #applyTransaction} acknowledges them without applying), so the core sees each index once.
 *
 * <h2>Snapshots</h2>
 * {@link #takeSnapshot} exports a store checkpoint into the state machine directory; a lagging follower receives its
 * files, Ratis calls {@link #pause}, swaps the directory and calls {@link #reinitialize}, which replaces the store with
 * the checkpoint and rebuilds the core from it.
 *
 * <h2>Failure model</h2>
 * A store that fails to commit or load throws; Ratis then stops this server (a node that cannot store what it
 * applies must not vote). Undecodable entries are applied as no-ops, like on every other node.
 */
public final class VellumStateMachine extends BaseStateMachine {
    private static final Logger LOG = LoggerFactory.getLogger(VellumStateMachine.class);

    private final NodeId self;
    private final CoreStore store;
    private final EntryCodec codec;
    private final CoreFactory factory;
    private final LongSupplier clockMs;
    private final Executor events;
    private final ActionSink sink;
    private final DriverObserver observer;
    private final CheckpointSnapshotStorage snapshots = new CheckpointSnapshotStorage();
    private final List<StoreGuard> storeGuards = new CopyOnWriteArrayList<>();

    private final ReentrantLock lock = new ReentrantLock();
    /** {@link SequencerCore#pendingCount()} after the core's last step; see {@link #pendingCountLastSeen()}. */
    private volatile int pendingCountLastSeen;
    /**
     * Readers outside the core lock (the build thread, status lookups) hold its read side; installing a snapshot
     * holds its write side while the store's contents are replaced.
     */
    private final ReentrantReadWriteLock storeSwap = new ReentrantReadWriteLock();
    /** Guarded by {@link #lock}. Null before initialization. */
    private SequencerCore core;
    /** Guarded by {@link #lock}: bumped whenever the core is rebuilt, so a build for an older core is dropped. */
    private long generation;
    /** Guarded by {@link #lock}: true between pause() and reinitialize(), while a snapshot is installed. */
    private boolean paused;

    /** Updater thread only: the store's applied index. */
    private volatile long storedIndex;
    /** Updater thread only: the term of the last configuration entry applied (the leader's startup entry). */
    private volatile long lastConfigurationTerm;
    private volatile List<RaftPeerId> raftPeers = List.of();

    public VellumStateMachine(NodeId self, CoreStore store, EntryCodec codec, CoreFactory factory,
            LongSupplier clockMs, Executor events, ActionSink sink, DriverObserver observer) {
        this.self = Objects.requireNonNull(self, "self");
        this.store = Objects.requireNonNull(store, "store");
        this.codec = Objects.requireNonNull(codec, "codec");
        this.factory = Objects.requireNonNull(factory, "factory");
        this.clockMs = Objects.requireNonNull(clockMs, "clockMs");
        this.events = Objects.requireNonNull(events, "events");
        this.sink = Objects.requireNonNull(sink, "sink");
        this.observer = Objects.requireNonNull(observer, "observer");
    }

    // -------------------------------------------------------------------------------------------------------------
    // Life cycle.

    @Override
    public void initialize(RaftServer server, RaftGroupId groupId, RaftStorage raftStorage) throws IOException {
        super.initialize(server, groupId, raftStorage);
        getLifeCycle().startAndTransition(() -> {
            snapshots.init(raftStorage);
            FileListSnapshotInfo snapshot = snapshots.getLatestSnapshot();
            lock.lock();
            try {
                loadCore();
                if (snapshot != null) {
                    if (snapshot.getIndex() > storedIndex) {
                        throw new IOException("the store is at index " + storedIndex + ", behind the latest snapshot "
                                + snapshot.getTermIndex() + ": it was replaced or lost");
                    }
                    setLastAppliedTermIndex(snapshot.getTermIndex());
                }
            } finally {
                lock.unlock();
            }
        });
    }

    /** Loads the core from the store. Caller holds the lock. */
    private void loadCore() {
        CoreStore.Stored stored = store.load().orElseThrow(() -> new IllegalStateException(
                "the store of " + self + " holds no chain: initialize it with the genesis first"));
        core = factory.create(stored, clockMs.getAsLong());
        generation++;
        storedIndex = stored.appliedIndex();
    }

    @Override
    public StateMachineStorage getStateMachineStorage() {
        return snapshots;
    }

    @Override
    public void pause() {
        lock.lock();
        try {
            if (getLifeCycleState() == LifeCycle.State.RUNNING) {
                getLifeCycle().transition(LifeCycle.State.PAUSING);
                paused = true;
                getLifeCycle().transition(LifeCycle.State.PAUSED);
            }
        } finally {
            lock.unlock();
        }
    }

    @Override
    public void reinitialize() throws IOException {
        lock.lock();
        try {
            FileListSnapshotInfo snapshot = snapshots.reload();
            if (snapshot == null) {
                throw new IOException("reinitialize: no snapshot in the state machine directory");
            }
            getLifeCycle().startAndTransition(() -> {
                if (snapshot.getIndex() > storedIndex) {
                    Path checkpoint = snapshots.importable(snapshot);
                    LOG.info("{}: installing snapshot {} (store at {})", self, snapshot.getTermIndex(), storedIndex);
                    storeSwap.writeLock().lock();
                    List<StoreGuard> paused = new ArrayList<>();
                    try {
                        for (StoreGuard guard : storeGuards) {
                            guard.pauseStoreUse();
                            paused.add(guard);
                        }
                        store.replaceWith(checkpoint);
                    } finally {
                        paused.forEach(StoreGuard::resumeStoreUse);
                        storeSwap.writeLock().unlock();
                        FileUtils.deleteFully(checkpoint);
                    }
                    observer.snapshot(snapshot.getIndex(), true);
                }
                loadCore();
                setLastAppliedTermIndex(snapshot.getTermIndex());
                paused = false;
            });
        } finally {
            lock.unlock();
        }
        postLeaderChanged(); // the new core does not know the leader yet
    }

    @Override
    public void close() throws IOException {
        lock.lock();
        try {
            paused = true; // nothing more reaches the core
        } finally {
            lock.unlock();
        }
        super.close();
    }

    // -------------------------------------------------------------------------------------------------------------
    // Applying.

    @Override
    public CompletableFuture<Message> applyTransaction(TransactionContext trx) {
        LogEntryProto logEntry = trx.getLogEntry();
        long term = logEntry.getTerm();
        long index = logEntry.getIndex();
        if (index <= storedIndex) {
            advanceApplied(term, index); // replayed from before the store's index: already applied
            return CompletableFuture.completedFuture(Message.EMPTY);
        }
        LogEntry entry;
        try {
            entry = codec.decode(logEntry.getStateMachineLogEntry().getLogData().toByteArray());
        } catch (EntryDecodingException undecodable) {
            LOG.warn("{}: entry {} cannot be decoded, skipped: {}", self, index, undecodable.getMessage());
            entry = null;
        }
        lock.lock();
        try {
            if (paused) {
                throw new IllegalStateException(self + ": entry " + index + " applied while paused");
            }
            ApplyOutcome outcome;
            if (entry == null) {
                outcome = core.applyUndecodable(index);
            } else if (entry instanceof Proposal) {
                long start = System.nanoTime();
                outcome = core.apply(index, entry);
                observer.proposalApplied(System.nanoTime() - start);
            } else {
                outcome = core.apply(index, entry);
            }
            store.commit(term, index, outcome.writes());
            storedIndex = index;
            pendingCountLastSeen = core.pendingCount();
            advanceApplied(term, index);
            if (!outcome.actions().isEmpty()) {
                sink.accept(generation, outcome.actions());
            }
        } finally {
            lock.unlock();
        }
        return CompletableFuture.completedFuture(Message.EMPTY);
    }

    @Override
    public void notifyTermIndexUpdated(long term, long index) {
        advanceApplied(term, index); // configuration and metadata entries: nothing for the core
    }

    @Override
    public void notifyConfigurationChanged(long term, long index, RaftConfigurationProto configuration) {
        lastConfigurationTerm = term;
        raftPeers = configuration.getPeersList().stream().map(p -> RaftPeerId.valueOf(p.getId())).toList();
        post(() -> leaderView().ifPresent(this::reportLeaderServing));
    }

    private void advanceApplied(long term, long index) {
        TermIndex current = getLastAppliedTermIndex();
        if (current == null || index > current.getIndex()) {
            updateLastAppliedTermIndex(term, index);
        }
    }

    // -------------------------------------------------------------------------------------------------------------
    // Snapshots.

    @Override
    public long takeSnapshot() throws IOException {
        TermIndex last = getLastAppliedTermIndex();
        if (last == null || last.getIndex() <= 0 || storedIndex > last.getIndex()) {
            return RaftLog.INVALID_LOG_INDEX; // nothing applied yet, or still replaying what the store holds
        }
        FileListSnapshotInfo latest = snapshots.getLatestSnapshot();
        if (latest != null && latest.getIndex() >= last.getIndex()) {
            return latest.getIndex();
        }
        Path temporary = snapshots.temporaryPath(last);
        long exported = store.exportCheckpoint(temporary);
        if (exported != storedIndex) {
            throw new IOException("checkpoint holds index " + exported + " but the store applied " + storedIndex);
        }
        snapshots.publish(temporary, last);
        observer.snapshot(last.getIndex(), false);
        LOG.debug("{}: snapshot at {} (store index {})", self, last, exported);
        return last.getIndex();
    }

    // -------------------------------------------------------------------------------------------------------------
    // Leadership.

    @Override
    public void notifyLeaderChanged(RaftGroupMemberId groupMemberId, RaftPeerId newLeaderId) {
        postLeaderChanged();
    }

    @Override
    public void notifyLeaderReady() {
        long term = lastConfigurationTerm; // the leader's startup entry, just applied, is a configuration entry
        LOG.debug("{}: leader ready in term {}", self, term);
        post(() -> withCore(c -> c.onLeaderReady(term)));
    }

    @Override
    public void notifyNotLeader(Collection<TransactionContext> pendingEntries) {
        postLeaderChanged();
    }

    /** Tells the core who leads now, on the event loop (Ratis calls notifications with its own locks held). */
    private void postLeaderChanged() {
        post(() -> leaderView().ifPresent(view -> {
            LOG.debug("{}: leader {} in term {}", self, view.leader(), view.term());
            withCore(c -> c.onLeaderChanged(view.term(), view.leader()));
            observer.leaderChanged(view.term(), view.leader());
            reportLeaderServing(view);
        }));
    }

    /**
     * Tells the observer who leads if that leader's first entry is applied here (a configuration entry of its term),
     * or that no serving leader is known.
     */
    private void reportLeaderServing(LeaderView view) {
        boolean serving = view.leader() != null && lastConfigurationTerm >= view.term();
        observer.leaderServing(serving ? view.leader() : null);
    }

    /** The term and the leader (null: none known) as this node's Raft server sees them now. */
    private record LeaderView(long term, NodeId leader) {
    }

    private Optional<LeaderView> leaderView() {
        return division().map(division -> {
            var info = division.getInfo();
            RaftPeerId leaderId = info.getLeaderId();
            NodeId leader = leaderId != null ? NodeId.of(leaderId.toString()) : info.isLeader() ? self : null;
            return new LeaderView(info.getCurrentTerm(), leader);
        });
    }

    private Optional<RaftServer.Division> division() {
        if (!getServer().isDone() || getGroupId() == null) {
            return Optional.empty();
        }
        try {
            return Optional.of(getServer().join().getDivision(getGroupId()));
        } catch (IOException | RuntimeException closed) {
            return Optional.empty();
        }
    }

    private void post(Runnable event) {
        try {
            events.execute(event);
        } catch (RejectedExecutionException closing) {
            // The node is closing: nothing more reaches the core.
        }
    }

    // -------------------------------------------------------------------------------------------------------------
    // Calls from the node's event loop and build thread.

    /** Time passed (the ticker, on the event loop). */
    public void tick() {
        long now = clockMs.getAsLong();
        withCore(c -> c.tick(now));
    }

    /** The generation of the current core, to hand back with a build's result. */
    public long generation() {
        lock.lock();
        try {
            return generation;
        } finally {
            lock.unlock();
        }
    }

    /** A build asked by the core of {@code buildGeneration} finished: {@code built} is null if it failed. */
    public void buildFinished(long buildGeneration, BuildTask task, BuiltBlock built) {
        lock.lock();
        try {
            if (paused || core == null || buildGeneration != generation) {
                return; // the core that asked for it was replaced by a snapshot
            }
            List<Action> actions = built == null ? core.onBuildFailed(task) : core.onBuilt(task, built);
            if (!actions.isEmpty()) {
                sink.accept(generation, actions);
            }
        } finally {
            lock.unlock();
        }
    }

    /** Reads the core under the lock (for status queries and tests); empty while a snapshot is installed. */
    public <T> Optional<T> read(Function<SequencerCore, T> reader) {
        lock.lock();
        try {
            return paused || core == null ? Optional.empty() : Optional.ofNullable(reader.apply(core));
        } finally {
            lock.unlock();
        }
    }

    /**
     * Reads the store from outside the core lock (the build thread, status lookups): never while a snapshot replaces
     * its contents.
     */
    public <T> T readStore(Function<CoreStore, T> reading) {
        storeSwap.readLock().lock();
        try {
            return reading.apply(store);
        } finally {
            storeSwap.readLock().unlock();
        }
    }

    /** Adds a user of the store that must pause while a snapshot replaces it (the committer, the prover). */
    public void addStoreGuard(StoreGuard guard) {
        storeGuards.add(Objects.requireNonNull(guard, "guard"));
    }

    /** The Raft peers of the last configuration applied. */
    public List<RaftPeerId> raftPeers() {
        return raftPeers;
    }

    /**
     * The core's pending transactions after its last step, read without the core's lock (which a re-execution holds
     * for hundreds of milliseconds): for admission decisions that need a recent figure, not an exact one.
     */
    public int pendingCountLastSeen() {
        return pendingCountLastSeen;
    }

    private void withCore(Function<SequencerCore, List<Action>> call) {
        lock.lock();
        try {
            if (paused || core == null) {
                return;
            }
            List<Action> actions = call.apply(core);
            pendingCountLastSeen = core.pendingCount();
            if (!actions.isEmpty()) {
                sink.accept(generation, actions);
            }
        } finally {
            lock.unlock();
        }
    }
}
