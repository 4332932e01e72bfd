package io.vellum.proposer;

import io.vellum.blockifier.core.ChainId;
import io.vellum.blockifier.core.ContractAddress;
import io.vellum.blockifier.core.Nonce;
import io.vellum.blockifier.crypto.Felt;
import io.vellum.blockifier.transaction.AllResourceBounds;
import io.vellum.blockifier.transaction.ExecutableTransaction;
import io.vellum.blockifier.transaction.InvokeTransaction;
import io.vellum.blockifier.transaction.ResourceBounds;
import io.vellum.blockifier.transaction.V3Fields;
import io.vellum.proposer.mempool.LogPosition;
import io.vellum.proposer.mempool.PendingTransaction;
import java.util.List;

/** Small invoke transactions for mempool and policy tests: distinct by sender, nonce, tip and a salt. */
public final class Transactions {
    public static final ChainId CHAIN = ChainId.of("VELLUM_TEST");

    private Transactions() {
    }

    public static ExecutableTransaction invoke(long sender, long nonce, long tip, long salt) {
        InvokeTransaction transaction = new InvokeTransaction(ContractAddress.of(sender), List.of(Felt.of(salt)),
                List.of(), Nonce.of(nonce), V3Fields.of(AllResourceBounds.l2Only(ResourceBounds.of(1000, 1)), tip),
                List.of());
        return ExecutableTransaction.of(transaction, CHAIN);
    }

    public static PendingTransaction pending(long sender, long nonce, long tip, long index, int offset) {
        return new PendingTransaction(invoke(sender, nonce, tip, index * 1000 + offset), new LogPosition(index, offset));
    }
}
