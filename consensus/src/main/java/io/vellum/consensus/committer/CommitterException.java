package io.vellum.consensus.committer;

/**
 * The store does not hold what the committer needs to go on: its markers disagree (the trie roots, the recorded
 * commitments and the prover queue must all end at the same height), or a block below the head lacks its state
 * diff, its stored record or its parent's roots. Nothing was written. Retrying does not help: the store was written
 * by something else than this committer, or is damaged; the node should stop and be restored from a checkpoint.
 */
public final class CommitterException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    CommitterException(String message) {
        super(message);
    }
}
