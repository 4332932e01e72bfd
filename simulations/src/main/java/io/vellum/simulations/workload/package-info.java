/** The simulation genesis and the transactions of each workload kind. */
package io.vellum.simulations.workload;
