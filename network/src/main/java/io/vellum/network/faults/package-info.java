/**
 * The fault-injection gRPC service ({@code vellum_faults.proto}): lets a test harness drive the link layer
 * ({@link io.vellum.consensus.faults.LinkFaults}) and the clock skew of a node running in a process of its own. Off
 * unless enabled ({@link io.vellum.network.faults.FaultServiceSettings}); answers loopback callers only. See
 * {@code docs/faults.md}.
 */
package io.vellum.network.faults;
