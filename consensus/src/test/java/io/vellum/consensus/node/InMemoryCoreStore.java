package io.vellum.consensus.node;

import io.vellum.blockifier.block.Genesis;
import io.vellum.blockifier.crypto.Felt;
import io.vellum.blockifier.state.InMemoryState;
import io.vellum.blockifier.state.StateReader;
import io.vellum.consensus.core.FinalBlock;
import io.vellum.consensus.core.ReplicatedState;
import io.vellum.consensus.core.StoreWrites;
import io.vellum.consensus.store.CoreStore;
import io.vellum.proposer.mempool.PendingTransaction;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;

/**
 * A {@link CoreStore} in memory, for adapter tests that do not need RocksDB. A checkpoint is a directory with one
 * file naming an image kept by the {@link Checkpoints} the stores of one test share (so Ratis really transfers the
 * file and the follower really reads it back).
 */
final class InMemoryCoreStore implements CoreStore {

    /** The images behind checkpoint files, shared by the stores of one test. */
    static final class Checkpoints {
        private final Map<Long, Image> images = new ConcurrentHashMap<>();
        private final AtomicLong next = new AtomicLong();
    }

    private record Image(long term, long index, ReplicatedState state, Map<Felt, PendingTransaction> pending,
            Map<Long, FinalBlock> finals, Map<Long, InMemoryState> statesAfter, Set<Felt> finalHashes) {
    }

    private final Checkpoints checkpoints;
    private long appliedTerm;
    private long appliedIndex;
    private ReplicatedState state;
    private final LinkedHashMap<Felt, PendingTransaction> pending = new LinkedHashMap<>();
    private final Map<Long, FinalBlock> finals = new ConcurrentHashMap<>();
    private final Map<Long, InMemoryState> statesAfter = new ConcurrentHashMap<>();
    private final Set<Felt> finalHashes = ConcurrentHashMap.newKeySet();

    InMemoryCoreStore(Checkpoints checkpoints) {
        this.checkpoints = checkpoints;
    }

    @Override
    public synchronized Optional<Stored> load() {
        if (state == null) {
            return Optional.empty();
        }
        return Optional.of(new Stored(appliedTerm, appliedIndex, state, List.copyOf(pending.values())));
    }

    @Override
    public synchronized void initialize(Genesis genesis, ReplicatedState initial) {
        if (state != null) {
            throw new IllegalStateException("initialized already");
        }
        statesAfter.put(0L, genesis.toState());
        state = initial;
    }

    @Override
    public synchronized void commit(long term, long index, StoreWrites writes) {
        if (index <= appliedIndex) {
            throw new IllegalStateException("commit " + index + " after " + appliedIndex);
        }
        writes.admitted().forEach(p -> pending.put(p.hash(), p));
        writes.removed().forEach(pending::remove);
        writes.finalBlock().ifPresent(block -> {
            InMemoryState next = statesAfter.get(block.height() - 1).copy();
            next.apply(block.built().block().stateDiff());
            statesAfter.put(block.height(), next);
            finals.put(block.height(), block);
            finalHashes.addAll(block.built().block().transactionHashes());
        });
        writes.state().ifPresent(s -> state = s);
        appliedTerm = term;
        appliedIndex = index;
    }

    @Override
    public <T> T withStateAfter(long height, Function<StateReader, T> reading) {
        InMemoryState stateAfter = statesAfter.get(height);
        if (stateAfter == null) {
            throw new IllegalStateException("no state after height " + height);
        }
        return reading.apply(stateAfter);
    }

    @Override
    public boolean isFinal(Felt transactionHash) {
        return finalHashes.contains(transactionHash);
    }

    synchronized Map<Long, FinalBlock> finals() {
        return Map.copyOf(finals);
    }

    @Override
    public synchronized long exportCheckpoint(Path directory) {
        long id = checkpoints.next.incrementAndGet();
        checkpoints.images.put(id, new Image(appliedTerm, appliedIndex, state, new LinkedHashMap<>(pending),
                Map.copyOf(finals), Map.copyOf(statesAfter), new HashSet<>(finalHashes)));
        try {
            Files.createDirectories(directory);
            Files.writeString(directory.resolve("image"), Long.toString(id));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return appliedIndex;
    }

    @Override
    public synchronized void replaceWith(Path checkpointDirectory) {
        Image image;
        try {
            image = checkpoints.images.get(Long.parseLong(Files.readString(checkpointDirectory.resolve("image"))));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        appliedTerm = image.term;
        appliedIndex = image.index;
        state = image.state;
        pending.clear();
        pending.putAll(image.pending);
        finals.clear();
        finals.putAll(image.finals);
        statesAfter.clear();
        statesAfter.putAll(image.statesAfter);
        finalHashes.clear();
        finalHashes.addAll(image.finalHashes);
    }

    @Override
    public void close() {
    }
}
