/**
 * The {@code vellum} command line (picocli): {@code node} runs one node from its YAML file, {@code keys} makes key
 * pairs, {@code client} talks to a node over gRPC, {@code cluster} starts and stops a local cluster of node
 * processes. {@link io.vellum.network.cli.Main} is the entry point; {@code ./vellum} at the repository root builds
 * and runs it. {@code docs/operations.md} documents every command.
 */
package io.vellum.network.cli;
