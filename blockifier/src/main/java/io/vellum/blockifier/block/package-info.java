/**
 * Blocks: the context a block executes in, the block builder and bouncer (limits, and why a block closed), and
 * the genesis state.
 */
package io.vellum.blockifier.block;
