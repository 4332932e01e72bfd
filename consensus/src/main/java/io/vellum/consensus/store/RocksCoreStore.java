package io.vellum.consensus.store;

import io.vellum.blockifier.block.Genesis;
import io.vellum.blockifier.commitment.StarknetVersion;
import io.vellum.blockifier.core.BlockNumber;
import io.vellum.blockifier.core.ChainId;
import io.vellum.blockifier.core.ContractAddress;
import io.vellum.blockifier.crypto.Felt;
import io.vellum.blockifier.execution.Receipt;
import io.vellum.blockifier.state.StateReader;
import io.vellum.consensus.core.FinalBlock;
import io.vellum.consensus.core.ReplicatedState;
import io.vellum.consensus.core.StoreWrites;
import io.vellum.proposer.mempool.PendingTransaction;
import io.vellum.storage.AppliedIndex;
import io.vellum.storage.ApplyBatch;
import io.vellum.storage.StateView;
import io.vellum.storage.Store;
import io.vellum.storage.StoreOptions;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Stream;

/**
 * {@link CoreStore} on the storage module's RocksDB {@link Store}: every applied entry is one {@link ApplyBatch} with
 * the applied index; the replicated state is an application value; pending transactions keep their log position;
 * final blocks are stored with their receipts, state diff and transaction index; genesis is block 0.
 *
 * <h2>Threads</h2>
 * One thread commits (the apply thread). Reads — state views, blocks, receipts, {@link #isFinal} — may come from any
 * thread and see whole commits. {@link #replaceWith} swaps the underlying store: the caller must hold off every
 * other use while it runs (the state machine is paused during a snapshot install). The {@code store} field is
 * volatile so that readers see the replacement.
 */
public final class RocksCoreStore implements CoreStore {
    static final String STATE_KEY = "consensus/replicated-state";
    private static final int PENDING_PAGE = 4_096;

    private final Path directory;
    private final StoreOptions options;
    private final ChainId chainId;
    private final ContractAddress feeToken;
    private final StarknetVersion version;
    private final StoreCodecs codecs;
    private volatile Store store;

    /**
     * Opens (or creates) the store in {@code directory}.
     *
     * @param chainId transactions are hashed for this chain when decoded
     * @param feeToken the chain's fee token (part of every stored block's context)
     * @param version the Starknet version the chain's blocks follow
     */
    public RocksCoreStore(Path directory, StoreOptions options, ChainId chainId, ContractAddress feeToken,
            StarknetVersion version) {
        this.directory = Objects.requireNonNull(directory, "directory");
        this.options = Objects.requireNonNull(options, "options");
        this.chainId = Objects.requireNonNull(chainId, "chainId");
        this.feeToken = Objects.requireNonNull(feeToken, "feeToken");
        this.version = Objects.requireNonNull(version, "version");
        this.codecs = new StoreCodecs(chainId);
        this.store = Store.open(directory, options);
    }

    /** The storage underneath, for the committer, the prover and the API's reads. */
    public Store store() {
        return store;
    }

    // -------------------------------------------------------------------------------------------------------------
    // CoreStore.

    @Override
    public Optional<Stored> load() {
        Store current = store;
        Optional<byte[]> state = current.applicationValue(STATE_KEY);
        if (state.isEmpty()) {
            return Optional.empty();
        }
        AppliedIndex applied = current.appliedIndex().orElse(new AppliedIndex(0, 0));
        List<PendingTransaction> pending = new ArrayList<>();
        long from = 0;
        while (true) {
            List<io.vellum.storage.PendingTransaction> page = current.pending(from, PENDING_PAGE);
            for (io.vellum.storage.PendingTransaction stored : page) {
                pending.add(codecs.decodePending(stored.transaction()));
                from = stored.sequence() + 1;
            }
            if (page.size() < PENDING_PAGE) {
                break;
            }
        }
        pending.sort(Comparator.comparing(PendingTransaction::position));
        return Optional.of(new Stored(applied.term(), applied.index(), codecs.decodeState(state.get()), pending));
    }

    @Override
    public void initialize(Genesis genesis, ReplicatedState initial) {
        Store current = store;
        if (current.head().isPresent() || current.applicationValue(STATE_KEY).isPresent()) {
            throw new IllegalStateException("the store in " + directory + " already holds a chain (head "
                    + current.head().map(BlockNumber::toString).orElse("none") + ")");
        }
        if (!genesis.chainId().equals(chainId)) {
            throw new IllegalArgumentException("genesis is for chain " + genesis.chainId() + ", the store for " + chainId);
        }
        try (ApplyBatch batch = current.batch()) {
            batch.appendBlock(BlockNumber.GENESIS, genesis.stateDiff(), new byte[0], codecs.encodeReceipts(List.of()),
                    List.of());
            batch.putApplicationValue(STATE_KEY, codecs.encodeState(initial));
            batch.commit(true);
        }
    }

    @Override
    public void commit(long term, long index, StoreWrites writes) {
        try (ApplyBatch batch = store.batch()) {
            for (PendingTransaction admitted : writes.admitted()) {
                batch.appendPending(admitted.hash(), codecs.encodePending(admitted));
            }
            writes.finalBlock().ifPresent(block -> appendFinal(batch, block));
            if (!writes.removed().isEmpty()) {
                batch.removePending(writes.removed());
            }
            writes.state().ifPresent(state -> batch.putApplicationValue(STATE_KEY, codecs.encodeState(state)));
            batch.appliedIndex(new AppliedIndex(term, index));
            batch.commit();
        }
    }

    private void appendFinal(ApplyBatch batch, FinalBlock block) {
        var executed = block.built().block();
        batch.appendBlock(new BlockNumber(block.height()), executed.stateDiff(), codecs.encodeBlock(block, version),
                codecs.encodeReceipts(executed.receipts()), executed.transactionHashes());
    }

    @Override
    public <T> T withStateAfter(long height, Function<StateReader, T> reading) {
        try (StateView view = store.at(new BlockNumber(height))) {
            return reading.apply(view);
        }
    }

    @Override
    public boolean isFinal(Felt transactionHash) {
        return store.transactionLocation(transactionHash).isPresent();
    }

    @Override
    public long exportCheckpoint(Path target) {
        return store.exportCheckpoint(target).appliedIndex().map(AppliedIndex::index).orElse(0L);
    }

    @Override
    public void replaceWith(Path checkpointDirectory) {
        store.close();
        deleteRecursively(directory);
        Store.importCheckpoint(checkpointDirectory, directory, options);
        store = Store.open(directory, options);
    }

    @Override
    public void close() {
        store.close();
    }

    // -------------------------------------------------------------------------------------------------------------
    // Reads for the layers above.

    /** The head: the highest final block (0 is genesis). */
    public long finalHeight() {
        return store.head().map(BlockNumber::value).orElse(-1L);
    }

    /** Final block {@code height} (1 and up), as stored. */
    public Optional<StoredBlock> block(long height) {
        if (height < 1) {
            return Optional.empty();
        }
        return store.block(new BlockNumber(height)).map(bytes -> codecs.decodeBlock(bytes, chainId, feeToken));
    }

    /**
     * Final block {@code height} (1 and up) without its transactions and rejections: what the committer and the
     * prover read, much cheaper than {@link #block} (which decodes, and so hashes, every transaction).
     */
    public Optional<StoredBlockHeader> blockHeader(long height) {
        if (height < 1) {
            return Optional.empty();
        }
        return store.block(new BlockNumber(height)).map(bytes -> codecs.decodeHeader(bytes, chainId, feeToken));
    }

    /** The receipts of final block {@code height}, in transaction order. */
    public Optional<List<Receipt>> receipts(long height) {
        return store.receipts(new BlockNumber(height)).map(codecs::decodeReceipts);
    }

    private static void deleteRecursively(Path path) {
        if (!Files.exists(path)) {
            return;
        }
        try (Stream<Path> walk = Files.walk(path)) {
            for (Path file : walk.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(file);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot clear " + path + " to install a checkpoint", e);
        }
    }
}
