/**
 * Turning candidates into a proposal, and checking someone else's: {@link io.vellum.proposer.builder.BlockProducer}
 * builds a block through the blockifier and computes its proposal commitment; given the same candidates it
 * re-executes a claimed proposal and names the first transaction whose result differs.
 */
package io.vellum.proposer.builder;
