/**
 * The simulations' fault hooks: {@link io.vellum.simulations.faults.LinkControl} for links between nodes (an
 * adapter over the consensus link layer in one JVM, {@link io.vellum.simulations.faults.LinkFaultsControl}, and over
 * every node process's fault-injection service, {@link io.vellum.simulations.faults.FaultServiceLinkControl}) and
 * {@link io.vellum.simulations.faults.AdjustableClock} for clock skew in one JVM.
 */
package io.vellum.simulations.faults;
