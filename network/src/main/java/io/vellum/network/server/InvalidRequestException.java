package io.vellum.network.server;

import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import java.util.Objects;

/**
 * A request field that is missing, malformed or out of its limits: the caller must fix the request
 * ({@code INVALID_ARGUMENT}, the description naming the field as a path such as {@code transactions[2].invoke.nonce}).
 */
public final class InvalidRequestException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final String field;

    public InvalidRequestException(String field, String reason) {
        super(field + ": " + reason);
        this.field = Objects.requireNonNull(field, "field");
    }

    /** The path of the offending field. */
    public String field() {
        return field;
    }

    /** As a gRPC status: {@code INVALID_ARGUMENT} with the field and the reason. */
    public StatusRuntimeException toStatus() {
        return Status.INVALID_ARGUMENT.withDescription(getMessage()).asRuntimeException();
    }
}
