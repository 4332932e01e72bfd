package io.vellum.blockifier.execution;

import java.util.Objects;

/**
 * How transactions are executed: the gas table, limits, and whether transaction signatures are checked. Every
 * node of a network must use the same configuration, since it changes outcomes.
 *
 * @param gasCosts the gas table
 * @param signatureChecksEnabled whether accounts verify transaction signatures in {@code __validate__} and
 *     {@code __validate_deploy__}. On by default; off for the unsigned-throughput benchmark and simulations that
 *     do not sign. The signature check's gas is charged either way, so fees do not depend on this setting.
 *     {@code is_valid_signature} always verifies.
 * @param callDepthMax how deeply contract calls may nest ({@code __execute__} is depth 1)
 * @param transactionL2GasMax the most L2 gas any one transaction may use, whatever its bound says; an L1 handler
 *     (which has no resource bounds) may use exactly this much
 * @param calldataLengthMax the most calldata felts a transaction may carry (longer: rejected)
 * @param signatureLengthMax the most signature felts a transaction may carry (longer: rejected)
 * @param eventsPerTransactionMax the most events one transaction may emit
 * @param eventKeysMax the most keys one event may have
 * @param eventDataMax the most data felts one event may have
 * @param messagesPerTransactionMax the most messages to L1 one transaction may send
 */
public record ExecutionConfig(
        GasCosts gasCosts,
        boolean signatureChecksEnabled,
        int callDepthMax,
        long transactionL2GasMax,
        int calldataLengthMax,
        int signatureLengthMax,
        int eventsPerTransactionMax,
        int eventKeysMax,
        int eventDataMax,
        int messagesPerTransactionMax) {

    /** Signature checks on, Vellum's gas table, Starknet-like limits. */
    public static final ExecutionConfig DEFAULT =
            new ExecutionConfig(GasCosts.DEFAULT, true, 50, 1_000_000_000L, 10_000, 64, 1_000, 50, 300, 100);

    public ExecutionConfig {
        Objects.requireNonNull(gasCosts, "gasCosts");
        requireRange("callDepthMax", callDepthMax, 1, 1_000);
        requireRange("transactionL2GasMax", transactionL2GasMax, 0, 1L << 48);
        requireRange("calldataLengthMax", calldataLengthMax, 0, 1 << 20);
        requireRange("signatureLengthMax", signatureLengthMax, 0, 1 << 10);
        requireRange("eventsPerTransactionMax", eventsPerTransactionMax, 0, 1 << 20);
        requireRange("eventKeysMax", eventKeysMax, 1, 1 << 10);
        requireRange("eventDataMax", eventDataMax, 0, 1 << 16);
        requireRange("messagesPerTransactionMax", messagesPerTransactionMax, 0, 1 << 16);
    }

    private static void requireRange(String name, long value, long min, long max) {
        if (value < min || value > max) {
            throw new IllegalArgumentException(name + " must be in [" + min + ", " + max + "]: " + value);
        }
    }

    /** This configuration with signature checks on or off. */
    public ExecutionConfig withSignatureChecks(boolean enabled) {
        return new ExecutionConfig(gasCosts, enabled, callDepthMax, transactionL2GasMax, calldataLengthMax,
                signatureLengthMax, eventsPerTransactionMax, eventKeysMax, eventDataMax, messagesPerTransactionMax);
    }

    /** This configuration with another call-depth limit. */
    public ExecutionConfig withCallDepthMax(int depthMax) {
        return new ExecutionConfig(gasCosts, signatureChecksEnabled, depthMax, transactionL2GasMax, calldataLengthMax,
                signatureLengthMax, eventsPerTransactionMax, eventKeysMax, eventDataMax, messagesPerTransactionMax);
    }
}
