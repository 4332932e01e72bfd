/**
 * Multi-node simulations: scenario files, workload generators, fault injection, invariant checkers and run
 * reports.
 *
 * <p>Nothing lives here yet; the simulations work fills this package.
 */
package io.vellum.simulations;
