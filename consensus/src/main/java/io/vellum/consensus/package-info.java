/**
 * Agreement on blocks: the protocol core (events in, actions out, no I/O) that applies log entries,
 * re-executes proposals, gathers approvals and decides finality, and the thin Apache Ratis adapter around it.
 *
 * <p>Nothing lives here yet; the replicated-sequencing work fills this package.
 */
package io.vellum.consensus;
