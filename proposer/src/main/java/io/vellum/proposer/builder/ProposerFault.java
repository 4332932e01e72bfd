package io.vellum.proposer.builder;

import io.vellum.blockifier.core.ContractAddress;
import java.util.Objects;

/**
 * A test hook that makes a proposer lie, for fault-injection scenarios. Off ({@link None}) unless a node is
 * configured with it; honest followers must reject every lying proposal.
 */
public sealed interface ProposerFault {

    /** An honest proposer. */
    record None() implements ProposerFault {
    }

    /** Claims a wrong result: the first included transaction's receipt hash is altered. */
    record WrongResult() implements ProposerFault {
    }

    /** Leaves out every transaction of one account, as if it were not pending. */
    record Censor(ContractAddress account) implements ProposerFault {
        public Censor {
            Objects.requireNonNull(account, "account");
        }
    }

    /** Swaps the first two candidates of different accounts. */
    record Reorder() implements ProposerFault {
    }

    ProposerFault NONE = new None();
}
