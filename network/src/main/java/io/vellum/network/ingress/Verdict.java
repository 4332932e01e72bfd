package io.vellum.network.ingress;

import io.vellum.blockifier.crypto.Felt;
import io.vellum.blockifier.transaction.ExecutableTransaction;
import java.util.Objects;

/** What ingress decided about one transaction. */
public sealed interface Verdict {

    /** The transaction's hash (for the chain this node serves). */
    Felt hash();

    /** Passed every check: it may be submitted. */
    record Accepted(ExecutableTransaction transaction) implements Verdict {
        public Accepted {
            Objects.requireNonNull(transaction, "transaction");
        }

        @Override
        public Felt hash() {
            return transaction.hash();
        }
    }

    /** Malformed for this chain (bad signature, too large, unsupported feature...): fix it. */
    record Invalid(Felt hash, String reason) implements Verdict {
        public Invalid {
            Objects.requireNonNull(hash, "hash");
            Objects.requireNonNull(reason, "reason");
        }
    }

    /** Refused by the latest state (nonce used, fee bound not covered, account missing): don't resend as is. */
    record Refused(Felt hash, String reason) implements Verdict {
        public Refused {
            Objects.requireNonNull(hash, "hash");
            Objects.requireNonNull(reason, "reason");
        }
    }
}
