package io.vellum.proposer.ordering;

import io.vellum.blockifier.core.ContractAddress;
import io.vellum.blockifier.core.Nonce;

/** The nonce of each account in the state a block builds on. */
@FunctionalInterface
public interface NonceSource {
    Nonce nonceOf(ContractAddress account);
}
