package io.vellum.proposer.builder;

import io.vellum.blockifier.crypto.Felt;
import io.vellum.blockifier.execution.RejectionCode;
import java.util.Objects;

/** A transaction offered to a block, and what it gave: included (with its receipt's hash) or rejected. */
public sealed interface OfferedTransaction {

    Felt hash();

    /** Included, succeeded or reverted; {@code receiptHash} is its receipt-commitment leaf. */
    record Included(Felt hash, Felt receiptHash) implements OfferedTransaction {
        public Included {
            Objects.requireNonNull(hash, "hash");
            Objects.requireNonNull(receiptHash, "receiptHash");
        }
    }

    /** Rejected for {@code code}: not in the block; it leaves the mempool when the block is final. */
    record Rejected(Felt hash, RejectionCode code) implements OfferedTransaction {
        public Rejected {
            Objects.requireNonNull(hash, "hash");
            Objects.requireNonNull(code, "code");
        }
    }
}
