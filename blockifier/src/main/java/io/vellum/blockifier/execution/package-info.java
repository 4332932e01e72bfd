/**
 * Transaction execution: what running a transaction produces (receipts, events, messages to L1, gas consumed)
 * and the machinery that runs native contracts.
 */
package io.vellum.blockifier.execution;
