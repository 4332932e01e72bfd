package io.vellum.network.server;

import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.stub.StreamObserver;
import io.vellum.consensus.node.NodeStateException;
import io.vellum.storage.NotFoundException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** How the services turn exceptions into statuses: one place, so every call answers the same way. */
final class Statuses {
    private static final Logger LOG = LoggerFactory.getLogger(Statuses.class);

    private Statuses() {
    }

    /** A reply body that may throw; its exceptions become statuses. */
    @FunctionalInterface
    interface Body<R> {
        R get() throws Exception;
    }

    /** Runs a unary call's body and answers with its result or the status its exception maps to. */
    static <R> void unary(StreamObserver<R> observer, Body<R> body) {
        R result;
        try {
            result = body.get();
        } catch (Exception e) {
            observer.onError(toStatus(e));
            return;
        } catch (Error e) {
            LOG.error("a call failed", e);
            observer.onError(Status.INTERNAL.withDescription("internal error").asRuntimeException());
            return;
        }
        observer.onNext(result);
        observer.onCompleted();
    }

    /** The status for an exception, by what the caller should do next. */
    static StatusRuntimeException toStatus(Throwable e) {
        if (e instanceof StatusRuntimeException status) {
            return status;
        }
        if (e instanceof InvalidRequestException invalid) {
            return invalid.toStatus();
        }
        if (e instanceof NodeStateException) {
            return Status.UNAVAILABLE.withDescription("the node is not running: " + e.getMessage())
                    .asRuntimeException();
        }
        if (e instanceof NotFoundException) {
            return Status.NOT_FOUND.withDescription(e.getMessage()).asRuntimeException();
        }
        if (e instanceof InterruptedException) {
            Thread.currentThread().interrupt();
            return Status.UNAVAILABLE.withDescription("the node is shutting down").asRuntimeException();
        }
        if (e instanceof IllegalStateException) {
            // A closed store or view: the node is stopping or replacing its store (a snapshot install).
            return Status.UNAVAILABLE.withDescription("the node cannot serve this now: " + e.getMessage())
                    .asRuntimeException();
        }
        LOG.warn("a call failed", e);
        return Status.UNAVAILABLE.withDescription("the node could not serve the call: " + e).asRuntimeException();
    }

    static StatusRuntimeException notFound(String what) {
        return Status.NOT_FOUND.withDescription(what).asRuntimeException();
    }
}
