/**
 * The node as a program: gRPC services (sequencer, admin, prover), the node assembly, configuration, the
 * {@code vellum} command line and the metrics endpoint.
 */
package io.vellum.network;
