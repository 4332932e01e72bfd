/**
 * The protocol core: what a sequencer node does when a log entry is applied, when leadership changes and when time
 * passes. It performs no I/O: events come in, storage writes and actions go out, and its reads go through small
 * ports ({@link io.vellum.consensus.core.ChainView}). The Ratis adapter and the deterministic simulation drive the
 * same class. {@code docs/protocol.md} describes the rules.
 */
package io.vellum.consensus.core;
