package io.vellum.blockifier.execution;

import java.util.Objects;

/** Why a transaction was rejected: a typed code and a readable message with the values involved. */
public record Rejection(RejectionCode code, String message) {
    public Rejection {
        Objects.requireNonNull(code, "code");
        Objects.requireNonNull(message, "message");
    }

    @Override
    public String toString() {
        return code + ": " + message;
    }
}
