/** Seeded random inputs for property tests. */
package io.vellum.blockifier.testing;
