/**
 * Blocks: the {@link io.vellum.blockifier.execution.BlockContext context} a block executes in, the
 * {@link io.vellum.blockifier.block.BlockBuilder builder} with its bouncer ({@link io.vellum.blockifier.block.BlockLimits
 * limits}, {@link io.vellum.blockifier.block.TransactionOutcome outcomes} and
 * {@link io.vellum.blockifier.block.BlockCloseReason why a block closed}), the
 * {@link io.vellum.blockifier.block.ExecutedBlock executed block} that commitments and storage consume, and the
 * {@link io.vellum.blockifier.block.Genesis genesis} state built from a JSON
 * {@link io.vellum.blockifier.block.GenesisLoader description}.
 */
package io.vellum.blockifier.block;
