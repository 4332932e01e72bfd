/**
 * Multi-node simulations: scenario files ({@code scenario}), the in-JVM runner with its workload generator and
 * fault injector ({@code run}), invariant checkers ({@code check}), run reports ({@code report}), and the command
 * line {@link io.vellum.simulations.Main}. See {@code docs/simulations.md} and {@code docs/scenarios.md}.
 */
package io.vellum.simulations;
