package io.vellum.proposer.mempool;

import io.vellum.blockifier.core.ContractAddress;
import io.vellum.blockifier.core.Nonce;
import io.vellum.blockifier.crypto.Felt;
import io.vellum.blockifier.transaction.ExecutableTransaction;
import io.vellum.blockifier.transaction.InvokeTransaction;
import io.vellum.blockifier.transaction.DeployAccountTransaction;
import java.util.Objects;

/** A transaction waiting in the mempool, with the log position it was admitted at. */
public record PendingTransaction(ExecutableTransaction transaction, LogPosition position) {
    public PendingTransaction {
        Objects.requireNonNull(transaction, "transaction");
        Objects.requireNonNull(position, "position");
    }

    public Felt hash() {
        return transaction.hash();
    }

    /** The address whose nonce the transaction uses. */
    public ContractAddress account() {
        return transaction.transaction().nonceAddress();
    }

    public Nonce nonce() {
        return transaction.transaction().nonce();
    }

    /** The tip per unit of L2 gas (0 for L1 handlers, which pay on L1). */
    public Felt tip() {
        if (transaction.transaction() instanceof InvokeTransaction invoke) {
            return invoke.fields().tip();
        }
        if (transaction.transaction() instanceof DeployAccountTransaction deploy) {
            return deploy.fields().tip();
        }
        return Felt.ZERO;
    }
}
