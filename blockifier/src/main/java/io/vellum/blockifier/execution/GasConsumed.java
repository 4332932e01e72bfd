package io.vellum.blockifier.execution;

/** Gas a transaction consumed, per resource. Vellum charges everything in L2 gas; L1 fields stay zero. */
public record GasConsumed(long l1Gas, long l1DataGas, long l2Gas) {
    public static final GasConsumed ZERO = new GasConsumed(0, 0, 0);

    public GasConsumed {
        if (l1Gas < 0 || l1DataGas < 0 || l2Gas < 0) {
            throw new IllegalArgumentException("gas must not be negative: " + l1Gas + ", " + l1DataGas + ", " + l2Gas);
        }
    }

    public static GasConsumed l2(long l2Gas) {
        return new GasConsumed(0, 0, l2Gas);
    }
}
