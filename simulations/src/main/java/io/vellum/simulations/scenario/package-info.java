/**
 * Scenario files: the model ({@link io.vellum.simulations.scenario.Scenario} and its parts), the strict YAML
 * loader and the seeded fault generator. {@code docs/scenarios.md} describes the format.
 */
package io.vellum.simulations.scenario;
