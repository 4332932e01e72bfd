package io.vellum.consensus.node;

/**
 * The node cannot do this in its current state: not started, closed, or a membership operation that does not
 * apply (adding a present member, removing an absent one). Do not retry as is (gRPC's {@code FAILED_PRECONDITION}).
 */
public final class NodeStateException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public NodeStateException(String message) {
        super(message);
    }

    public NodeStateException(String message, Throwable cause) {
        super(message, cause);
    }
}
