/**
 * The entries of the replicated log, as a closed set ({@link io.vellum.consensus.entry.LogEntry}), and their
 * protobuf encoding ({@link io.vellum.consensus.entry.EntryCodec}, schema in {@code src/main/proto}).
 */
package io.vellum.consensus.entry;
