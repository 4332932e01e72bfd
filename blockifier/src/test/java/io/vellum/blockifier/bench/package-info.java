/**
 * JMH benchmarks of the blockifier's hot paths (field arithmetic, Poseidon, Pedersen). Each class's javadoc gives
 * the exact command that runs it; inputs are drawn in {@code @Setup} from a fixed seed, so runs are comparable.
 */
package io.vellum.blockifier.bench;
