/**
 * Block building: the replicated mempool (transactions in log order), pluggable ordering policies and proposer
 * schedules, and the builder that turns pending transactions into a proposal through the blockifier.
 *
 * <p>Everything here is deterministic: every node applies the same log, so every node's mempool is the same at the
 * same log index, and a follower can recompute exactly what an honest proposer would have built.
 */
package io.vellum.proposer;
