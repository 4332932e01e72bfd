package io.vellum.network.server;

import io.grpc.ServerServiceDefinition;
import io.grpc.Status;
import io.grpc.stub.ServerCalls;
import io.vellum.network.api.AdminGrpc;
import io.grpc.BindableService;
import io.grpc.MethodDescriptor;

/**
 * The Admin service as the public server answers it: every call is {@code PERMISSION_DENIED} (the Admin service is
 * served only on the admin address, loopback by default), so a caller learns where to go instead of
 * {@code UNIMPLEMENTED}.
 */
public final class DisabledAdminService implements BindableService {
    @Override
    public ServerServiceDefinition bindService() {
        ServerServiceDefinition.Builder builder = ServerServiceDefinition.builder(AdminGrpc.getServiceDescriptor());
        for (Object method : AdminGrpc.getServiceDescriptor().getMethods()) {
            builder.addMethod(denied((MethodDescriptor<?, ?>) method));
        }
        return builder.build();
    }

    private static <Q, R> io.grpc.ServerMethodDefinition<Q, R> denied(MethodDescriptor<Q, R> method) {
        return io.grpc.ServerMethodDefinition.create(method, ServerCalls.asyncUnaryCall(
                (request, observer) -> observer.onError(Status.PERMISSION_DENIED.withDescription(
                        "the Admin service is not served on this address: use the node's admin address")
                        .asRuntimeException())));
    }
}
