/**
 * The simulations' fault hooks: {@link io.vellum.simulations.faults.LinkControl} for links between nodes (an
 * adapter over the consensus link layer) and {@link io.vellum.simulations.faults.AdjustableClock} for clock skew.
 */
package io.vellum.simulations.faults;
