package io.vellum.storage;

import io.vellum.blockifier.core.BlockNumber;
import io.vellum.blockifier.state.StateReader;
import java.util.Optional;

/**
 * State after one block, read from the store: a {@link StateReader} that must be closed. Absent values read as
 * zero, as {@link StateReader} says.
 *
 * <p>A view is consistent: every read sees the state after {@link #block()}, whatever batches commit meanwhile.
 * It holds RocksDB resources (a snapshot or iterators) until {@link #close()}; an unclosed view keeps old data
 * from being compacted away. A view belongs to one thread.
 *
 * <p>Failure model: a value that fails its checksum or cannot be decoded is never returned; the read throws
 * blockifier's {@link io.vellum.blockifier.state.StateReadException} (as {@link StateReader} specifies) whose
 * cause is the store's {@link CorruptionException} (or {@link StorageIoException}) naming the column family and
 * the key. Reading after {@link #close()}, or after the store closed, throws {@link IllegalStateException}.
 */
public interface StateView extends StateReader, AutoCloseable {

    /** The block whose state this is; empty for a store that holds no block yet (every read gives zero). */
    Optional<BlockNumber> block();

    /** Releases the view's resources; idempotent. */
    @Override
    void close();
}
