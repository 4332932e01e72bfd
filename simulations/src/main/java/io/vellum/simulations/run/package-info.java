/**
 * The in-JVM scenario runner: a cluster of real sequencer nodes, the open-loop workload driver, the fault injector,
 * the metrics sampler and the run directory.
 */
package io.vellum.simulations.run;
