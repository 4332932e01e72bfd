/**
 * JMH benchmarks of the blockifier's hot paths. Run them with the {@code jmh} profile, e.g.
 * {@code mvn -Pjmh -pl blockifier -am verify -DskipTests -Djmh.args="CodecBenchmark -f 1 -wi 3 -i 5"}.
 */
package io.vellum.blockifier.bench;
