/**
 * The node's metrics as served: the Prometheus {@code /metrics} HTTP endpoint and the gRPC API's own meters (calls
 * by method and status, their latency, ingress refusals). The meters are listed in {@code docs/metrics.md}.
 */
package io.vellum.network.metrics;
