/**
 * The node as a program: gRPC services (sequencer, admin, prover), the node assembly, configuration, the
 * {@code vellum} command line and the metrics endpoint.
 *
 * <p>Nothing lives here yet; the node work fills this package.
 */
package io.vellum.network;
