/**
 * One consensus node, assembled: its store, protocol core, block producer, Ratis server and client, ticker,
 * dispatcher and metrics ({@link io.vellum.consensus.node.ConsensusNode}), its configuration
 * ({@link io.vellum.consensus.node.NodeConfig}), the client-facing submission path (batching into log entries) and
 * status lookups, and membership operations.
 */
package io.vellum.consensus.node;
