package io.vellum.blockifier.transaction;

import io.vellum.blockifier.crypto.Felt;

/** Transaction kinds, with the short-string prefix each one's hash starts with. */
public enum TransactionType {
    INVOKE("invoke"),
    DECLARE("declare"),
    DEPLOY("deploy"),
    DEPLOY_ACCOUNT("deploy_account"),
    L1_HANDLER("l1_handler");

    private final Felt hashPrefix;

    TransactionType(String prefix) {
        this.hashPrefix = Felt.fromShortString(prefix);
    }

    public Felt hashPrefix() {
        return hashPrefix;
    }
}
