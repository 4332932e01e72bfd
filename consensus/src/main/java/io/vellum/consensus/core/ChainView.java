package io.vellum.consensus.core;

import io.vellum.blockifier.crypto.Felt;
import io.vellum.blockifier.state.StateReader;

/**
 * What the core reads from the node's chain: the state after a final height, and whether a transaction is already
 * in a final block. In a node these are RocksDB reads; in the simulation, maps.
 *
 * <p>Failure model: a read that fails throws an unchecked exception; the core does not catch it, and the node stops
 * applying (a node that cannot read its own state cannot take part safely).
 */
public interface ChainView {

    /** The state after final block {@code height} (0 is genesis). */
    StateReader stateAfter(long height);

    /** Whether a final block holds this transaction. */
    boolean isFinal(Felt transactionHash);
}
