/**
 * State as execution sees it: {@link io.vellum.blockifier.state.StateReader} (storage, nonces, class hashes),
 * an in-memory state for tests and genesis, and {@link io.vellum.blockifier.state.CachedState}, the overlay that
 * executes on top of any reader, rolls back nested calls, and yields a
 * {@link io.vellum.blockifier.state.StateDiff}.
 */
package io.vellum.blockifier.state;
