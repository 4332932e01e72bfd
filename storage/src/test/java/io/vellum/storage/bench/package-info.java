/**
 * JMH benchmarks of the store's hot paths (commit of a transfer block, latest and historical reads). Each class's
 * javadoc gives the command that runs it.
 */
package io.vellum.storage.bench;
