/**
 * JMH benchmarks of the blockifier's hot paths (field arithmetic, Poseidon, Pedersen, ECDSA, transaction hashes,
 * the codec, tries, block execution). Each class's javadoc gives the exact command that runs it, e.g.
 * {@code mvn -Pjmh -Djmh.module=blockifier -pl blockifier -am verify -DskipTests -Djmh.args="CodecBenchmark -f 1 -wi 3 -i 5"}; inputs are
 * drawn in {@code @Setup} from a fixed seed, so runs are comparable.
 */
package io.vellum.blockifier.bench;
