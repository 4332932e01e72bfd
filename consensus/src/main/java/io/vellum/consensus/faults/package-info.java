/**
 * Fault injection between Vellum nodes, without kernel support: a link layer at the level of Ratis messages inside
 * each node's gRPC server ({@link io.vellum.consensus.faults.LinkFaults}: partitions of any shape, one-way links,
 * delay with jitter, loss, bandwidth caps, per ordered pair of nodes), and a clock whose offset can be changed at
 * runtime ({@link io.vellum.consensus.faults.SkewedClock}). Crashes, restarts and pauses are the scenario runner's
 * (it owns the nodes or their processes). See {@code docs/faults.md}.
 */
package io.vellum.consensus.faults;
