/**
 * JMH benchmarks of the consensus module (the committer). Each class's javadoc gives the command that runs it.
 */
package io.vellum.consensus.bench;
