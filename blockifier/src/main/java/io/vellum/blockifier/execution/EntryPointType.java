package io.vellum.blockifier.execution;

/** How an entry point may be entered, as in a Cairo contract class. */
public enum EntryPointType {
    /** Called by a transaction's account or by another contract. */
    EXTERNAL,
    /** Called only by an L1_HANDLER transaction (a message from L1). */
    L1_HANDLER,
    /** Run once, when the contract is deployed. */
    CONSTRUCTOR;

    /** The lower-case name used in error messages. */
    public String label() {
        return switch (this) {
            case EXTERNAL -> "external";
            case L1_HANDLER -> "l1_handler";
            case CONSTRUCTOR -> "constructor";
        };
    }
}
