/**
 * The node as a process: {@link io.vellum.network.node.VellumNode} assembles a
 * {@link io.vellum.consensus.node.SequencerNode}, its public and admin gRPC servers and its metrics endpoint, from a
 * {@link io.vellum.consensus.node.NodeConfig} and {@link io.vellum.network.node.ApiSettings}.
 */
package io.vellum.network.node;
