/**
 * {@link io.vellum.network.client.VellumClient}: a small typed Java client of a node's Sequencer service, for the
 * command line, simulations and tests.
 */
package io.vellum.network.client;
