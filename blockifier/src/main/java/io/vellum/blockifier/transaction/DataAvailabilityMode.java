package io.vellum.blockifier.transaction;

/** Where a transaction's nonce or fee state changes are published: L1 (0) or L2 (1). */
public enum DataAvailabilityMode {
    L1(0),
    L2(1);

    private final int code;

    DataAvailabilityMode(int code) {
        this.code = code;
    }

    /** The value hashed into the transaction. */
    public int code() {
        return code;
    }

    public static DataAvailabilityMode ofCode(int code) {
        return switch (code) {
            case 0 -> L1;
            case 1 -> L2;
            default -> throw new IllegalArgumentException("unknown data availability mode: " + code);
        };
    }
}
