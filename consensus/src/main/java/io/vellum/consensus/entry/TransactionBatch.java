package io.vellum.consensus.entry;

import io.vellum.blockifier.transaction.ExecutableTransaction;
import io.vellum.proposer.NodeId;
import java.util.List;
import java.util.Objects;

/** Transactions that one node's ingress accepted, in the order it batched them. */
public record TransactionBatch(NodeId origin, List<ExecutableTransaction> transactions) implements LogEntry {
    public TransactionBatch {
        Objects.requireNonNull(origin, "origin");
        transactions = List.copyOf(transactions);
        if (transactions.isEmpty()) {
            throw new IllegalArgumentException("a batch holds at least one transaction");
        }
    }
}
