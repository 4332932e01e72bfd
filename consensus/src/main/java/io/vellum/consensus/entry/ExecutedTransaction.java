package io.vellum.consensus.entry;

import io.vellum.blockifier.crypto.Felt;
import io.vellum.blockifier.execution.RejectionCode;
import java.util.Objects;

/** A transaction a proposer offered to its block, and what it gave: included (with its receipt's hash) or rejected. */
public sealed interface ExecutedTransaction {

    Felt hash();

    /** Included, succeeded or reverted; {@code receiptHash} is its receipt-commitment leaf. */
    record Included(Felt hash, Felt receiptHash) implements ExecutedTransaction {
        public Included {
            Objects.requireNonNull(hash, "hash");
            Objects.requireNonNull(receiptHash, "receiptHash");
        }
    }

    /** Rejected, for {@code code}; it leaves the mempool when the block is final. */
    record Rejected(Felt hash, RejectionCode code) implements ExecutedTransaction {
        public Rejected {
            Objects.requireNonNull(hash, "hash");
            Objects.requireNonNull(code, "code");
        }
    }
}
