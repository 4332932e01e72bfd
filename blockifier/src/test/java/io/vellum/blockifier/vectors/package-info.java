/** Access to the public Starknet test vectors kept in the test resources. */
package io.vellum.blockifier.vectors;
