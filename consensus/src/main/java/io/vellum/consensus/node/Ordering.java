package io.vellum.consensus.node;

import io.vellum.blockifier.crypto.Felt;
import io.vellum.proposer.mempool.Admission;
import java.util.Objects;

/**
 * What became of a submitted transaction once its batch was applied: {@link Ordered} (it is in the ordered log:
 * acknowledged) or {@link Dropped} (a duplicate, the mempool full, its account full).
 */
public sealed interface Ordering {

    Felt hash();

    /** Admitted to the mempool at this log index: acknowledged, it will end final (included or rejected). */
    record Ordered(Felt hash, long index) implements Ordering {
        public Ordered {
            Objects.requireNonNull(hash, "hash");
        }
    }

    /** Not admitted. A duplicate is already pending or final; for the others, back off and send it again. */
    record Dropped(Felt hash, long index, Admission reason) implements Ordering {
        public Dropped {
            Objects.requireNonNull(hash, "hash");
            Objects.requireNonNull(reason, "reason");
        }
    }
}
