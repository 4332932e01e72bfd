package io.vellum.consensus.core;

import io.vellum.blockifier.crypto.Felt;
import io.vellum.blockifier.state.StateReader;
import java.util.function.Function;

/**
 * What the core reads from the node's chain: the state after a final height, and whether a transaction is already
 * in a final block. In a node these are RocksDB reads; in the simulation, maps.
 *
 * <p>Failure model: a read that fails throws an unchecked exception; the core does not catch it, and the node stops
 * applying (a node that cannot read its own state cannot take part safely).
 */
public interface ChainView {

    /**
     * Runs {@code reading} on the state after final block {@code height} (0 is genesis) and returns its result. The
     * reader is valid only inside {@code reading}: a store may back it with a snapshot it releases afterwards.
     */
    <T> T withStateAfter(long height, Function<StateReader, T> reading);

    /** Whether a final block holds this transaction. */
    boolean isFinal(Felt transactionHash);
}
