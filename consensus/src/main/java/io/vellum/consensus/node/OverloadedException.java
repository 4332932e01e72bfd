package io.vellum.consensus.node;

/**
 * The node's submission queue is full: back off and retry later (gRPC's {@code RESOURCE_EXHAUSTED}). Nothing of the
 * refused submission was queued.
 */
public final class OverloadedException extends Exception {
    private static final long serialVersionUID = 1L;

    public OverloadedException(String message) {
        super(message);
    }
}
