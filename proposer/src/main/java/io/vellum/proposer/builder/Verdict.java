package io.vellum.proposer.builder;

import java.util.Objects;

/** A follower's verdict on a claimed block. */
public sealed interface Verdict {

    /** Re-execution reproduced the claim; {@code block} is this node's own result, to commit when final. */
    record Approve(BuiltBlock block) implements Verdict {
        public Approve {
            Objects.requireNonNull(block, "block");
        }
    }

    /**
     * The claim is wrong: {@code position} is the offer position of the first transaction whose result (or
     * presence) differs, or -1 when the block as a whole differs; {@code reason} says what differed.
     */
    record Reject(int position, String reason) implements Verdict {
        public Reject {
            if (position < -1) {
                throw new IllegalArgumentException("position must be -1 or an offer position: " + position);
            }
            Objects.requireNonNull(reason, "reason");
        }
    }
}
