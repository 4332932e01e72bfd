package io.vellum.network.config;

import io.vellum.consensus.node.Endpoint;
import java.util.Objects;
import java.util.Optional;

/**
 * Where a node's servers listen. Every address is on loopback (the testbed never binds elsewhere).
 *
 * @param raft the Raft server (node to node)
 * @param grpc the public gRPC server: the Sequencer and Prover services
 * @param admin the admin gRPC server (the Admin service); empty means the admin calls are disabled
 * @param metrics the HTTP server of {@code /metrics} (Prometheus text format); empty means none
 */
public record Listen(Endpoint raft, Endpoint grpc, Optional<Endpoint> admin, Optional<Endpoint> metrics) {
    public Listen {
        Objects.requireNonNull(raft, "raft");
        Objects.requireNonNull(grpc, "grpc");
        Objects.requireNonNull(admin, "admin");
        Objects.requireNonNull(metrics, "metrics");
    }
}
