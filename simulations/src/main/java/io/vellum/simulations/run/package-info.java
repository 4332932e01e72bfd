/**
 * The scenario runner: a cluster of real sequencer nodes behind {@link io.vellum.simulations.run.SimCluster} (in this
 * JVM, {@link io.vellum.simulations.run.InJvmCluster}, or one OS process per node, {@code ProcessCluster}), the
 * open-loop workload driver, the fault injector, the metrics sampler and the run directory.
 */
package io.vellum.simulations.run;
