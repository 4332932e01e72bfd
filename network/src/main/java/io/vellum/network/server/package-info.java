/**
 * The gRPC services of {@code vellum_api.proto}: Sequencer (transactions in, chain data out), Admin (membership,
 * leadership, snapshots) and Prover (leasing proving jobs), with the conversions between the API's messages and the
 * domain types. Errors are gRPC statuses chosen by what the caller should do next ({@code docs/api.md}).
 */
package io.vellum.network.server;
