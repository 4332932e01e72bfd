package io.vellum.simulations.check;

import java.util.Objects;

/**
 * One line of a run's history: a client operation invoked, or its completion.
 *
 * @param id the operation (an invocation and its completion share it)
 * @param type {@code invoke}; then {@code ok} (acknowledged: in the ordered log), {@code fail} (definitely not
 *     ordered by this operation) or {@code info} (unknown: it may have happened)
 * @param timeMs milliseconds since the workload started
 * @param node the node the transaction was sent to
 * @param workload the workload's index and kind, e.g. {@code 0:transfers}
 * @param account the sender's genesis account index
 * @param nonce the transaction's nonce
 * @param tx the transaction hash (hex)
 * @param error why it failed or is unknown; empty otherwise. {@code duplicate} on a {@code fail} means the log held
 *     the transaction already (an earlier operation ordered it)
 */
public record Op(long id, Type type, long timeMs, String node, String workload, int account, long nonce, String tx,
        String error) {

    /** What a history line says. */
    public enum Type { invoke, ok, fail, info }

    /** The error of a failure that found the transaction already in the log. */
    public static final String DUPLICATE = "duplicate";

    public Op {
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(node, "node");
        Objects.requireNonNull(workload, "workload");
        Objects.requireNonNull(tx, "tx");
        error = error == null ? "" : error;
    }

    /** The completion of this invocation. */
    public Op complete(Type outcome, long atMs, String why) {
        return new Op(id, outcome, atMs, node, workload, account, nonce, tx, why);
    }
}
