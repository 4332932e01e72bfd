/**
 * Block building: the replicated mempool (transactions in log order), pluggable ordering policies and proposer
 * schedules, and the builder that turns pending transactions into a proposal through the blockifier.
 *
 * <p>Nothing lives here yet; the replicated-sequencing work fills this package.
 */
package io.vellum.proposer;
