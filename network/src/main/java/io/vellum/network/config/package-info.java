/**
 * The node's configuration file: a strict YAML reader (unknown keys are errors, every error names the file and the
 * field), the node file itself ({@link io.vellum.network.config.NodeFile}), key files and genesis files, and the
 * mapping to what the node assembly takes ({@link io.vellum.consensus.node.NodeConfig},
 * {@link io.vellum.consensus.node.SequencerNode.Settings} and the API settings).
 *
 * <p>{@code docs/operations.md} is the reference of every key.
 */
package io.vellum.network.config;
