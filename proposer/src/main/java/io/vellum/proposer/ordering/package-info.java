/**
 * Ordering policies: how a proposer orders pending transactions into candidates for the next block. A policy is a
 * pure function of the pending transactions (in log order) and the head state's nonces, so a follower can
 * recompute it and check that the proposer kept it.
 */
package io.vellum.proposer.ordering;
