package io.vellum.blockifier.execution;

/**
 * The gas table: what each operation costs, in L2 gas. Every transaction pays for its own size up front
 * ({@link #intrinsicGas}) and then for each operation its contracts perform; there is no other charge. The same
 * table must be used by every node of a network (it is part of the protocol, like Starknet's versioned
 * constants).
 *
 * <p>The fee transfer at the end of a transaction and the protocol's own reads and writes (nonce check and bump,
 * fee-bound balance check) are covered by {@link #transactionBaseGas}; calling {@code __validate__} and
 * {@code __execute__} from the protocol costs nothing beyond what they do. A storage-variable address (a Pedersen
 * hash in Cairo) is part of the storage access that uses it and is not charged separately.
 *
 * <p>See {@code docs/execution.md} for the table and how it compares with Starknet.
 *
 * @param transactionBaseGas charged once per transaction (nonce, fee transfer, receipt)
 * @param calldataFeltGas per felt of the transaction's calldata (or a deploy-account's constructor calldata)
 * @param signatureFeltGas per felt of the transaction's signature
 * @param storageReadGas per storage cell read by a contract
 * @param storageWriteGas per storage cell written by a contract
 * @param eventGas per event emitted
 * @param eventKeyFeltGas per key of an event
 * @param eventDataFeltGas per data felt of an event
 * @param messageToL1Gas per message sent to L1
 * @param messagePayloadFeltGas per payload felt of a message to L1
 * @param signatureCheckGas per ECDSA verification (charged even when checks are switched off, so fees do not
 *     depend on that setting)
 * @param pedersenGas per Pedersen hash a contract computes
 * @param poseidonGas per Poseidon hash (two inputs) a contract computes
 * @param contractCallGas per call from one contract to another
 * @param deployGas per contract deployment (a deploy-account transaction's account)
 */
public record GasCosts(
        long transactionBaseGas,
        long calldataFeltGas,
        long signatureFeltGas,
        long storageReadGas,
        long storageWriteGas,
        long eventGas,
        long eventKeyFeltGas,
        long eventDataFeltGas,
        long messageToL1Gas,
        long messagePayloadFeltGas,
        long signatureCheckGas,
        long pedersenGas,
        long poseidonGas,
        long contractCallGas,
        long deployGas) {

    /** Vellum's gas table (documented in {@code docs/execution.md}). */
    public static final GasCosts DEFAULT = new GasCosts(
            50_000, // transaction base
            500, // calldata felt
            500, // signature felt
            10_000, // storage read
            40_000, // storage write
            10_000, // event
            500, // event key felt
            500, // event data felt
            20_000, // message to L1
            500, // message payload felt
            50_000, // signature check
            4_000, // Pedersen
            4_000, // Poseidon
            10_000, // contract call
            50_000); // deploy

    public GasCosts {
        long[] all = {transactionBaseGas, calldataFeltGas, signatureFeltGas, storageReadGas, storageWriteGas,
            eventGas, eventKeyFeltGas, eventDataFeltGas, messageToL1Gas, messagePayloadFeltGas, signatureCheckGas,
            pedersenGas, poseidonGas, contractCallGas, deployGas};
        for (long cost : all) {
            // A bound keeps every sum of costs over bounded inputs far from long overflow.
            if (cost < 0 || cost > COST_MAX) {
                throw new IllegalArgumentException("a gas cost must be in [0, " + COST_MAX + "]: " + cost);
            }
        }
    }

    /** The largest single cost accepted: 2^32, so that sums over bounded inputs never overflow a long. */
    public static final long COST_MAX = 1L << 32;

    /**
     * What a transaction's size costs before any code runs: the base plus its calldata and signature felts.
     * A transaction whose L2 gas bound is below this is rejected.
     */
    public long intrinsicGas(int calldataFelts, int signatureFelts) {
        return transactionBaseGas + calldataFelts * calldataFeltGas + signatureFelts * signatureFeltGas;
    }

    /** What emitting one event costs. */
    public long eventGas(int keys, int dataFelts) {
        return eventGas + keys * eventKeyFeltGas + dataFelts * eventDataFeltGas;
    }

    /** What sending one message to L1 costs. */
    public long messageGas(int payloadFelts) {
        return messageToL1Gas + payloadFelts * messagePayloadFeltGas;
    }
}
