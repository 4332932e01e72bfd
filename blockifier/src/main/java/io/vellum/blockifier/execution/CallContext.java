package io.vellum.blockifier.execution;

import io.vellum.blockifier.core.ContractAddress;
import io.vellum.blockifier.core.StorageKey;
import io.vellum.blockifier.crypto.Felt;
import java.util.List;

/**
 * What a running native contract can do: Starknet's system calls, each charged from the gas table
 * ({@link GasCosts}). One context belongs to one call frame (a contract address, its caller and depth).
 *
 * <p>Failure model: every method may throw {@link ExecutionException} — out of gas, a limit exceeded, or (for
 * {@link #callContract}) any failure of the callee. A contract does not catch it: the failure unwinds to the
 * transaction, which reverts (or, during validation, is rejected) with everything it did rolled back. Reads may
 * also throw {@code StateReadException} when the state below cannot be read; that is not a transaction failure
 * and passes through block execution.
 */
public interface CallContext {

    /** The contract running (Cairo's {@code get_contract_address}). */
    ContractAddress contractAddress();

    /** Who called: another contract, or 0 when the protocol called (Cairo's {@code get_caller_address}). */
    ContractAddress callerAddress();

    /** The transaction being executed. */
    TransactionInfo transactionInfo();

    /** The block being built (number, timestamp, sequencer, prices, chain, fee token). */
    BlockContext blockContext();

    /** The gas table in force. */
    GasCosts gasCosts();

    /** The L2 gas still available to this transaction. */
    long gasRemaining();

    /** Charges {@code amount} of L2 gas for {@code operation}; throws {@code OUT_OF_GAS} if there is not enough. */
    void chargeGas(long amount, String operation);

    /** Reads a cell of this contract's storage. */
    Felt storageRead(StorageKey key);

    /** Writes a cell of this contract's storage. */
    void storageWrite(StorageKey key, Felt value);

    /** The cell of a storage variable with one key (memoised; not charged beyond the access that uses it). */
    StorageKey storageAddress(StorageVariable variable, Felt key);

    /** The cell of a storage variable with two keys. */
    StorageKey storageAddress(StorageVariable variable, Felt firstKey, Felt secondKey);

    /** Emits an event from this contract. */
    void emitEvent(List<Felt> keys, List<Felt> data);

    /** Sends a message to an L1 address. */
    void sendMessageToL1(Felt toAddress, List<Felt> payload);

    /**
     * Calls an external entry point of another contract (or this one) and returns what it returns. The callee
     * sees this contract as its caller. Any failure of the callee fails this call too.
     */
    List<Felt> callContract(ContractAddress to, Felt selector, List<Felt> calldata);

    /** Pedersen hash of two felts, charged. */
    Felt pedersen(Felt a, Felt b);

    /** Poseidon hash of two felts, charged. */
    Felt poseidon(Felt a, Felt b);

    /**
     * Whether {@code signature} (exactly r, s) is a valid ECDSA signature of {@code hash} by {@code publicKey}.
     * Charged; always verifies, whatever the configuration; false for any malformed signature.
     */
    boolean verifySignature(Felt publicKey, Felt hash, List<Felt> signature);

    /**
     * The protocol's signature check, for accounts' validation entry points: whether the transaction's signature
     * is valid for its hash and {@code publicKey}. Charged like {@link #verifySignature}; when signature checks
     * are switched off ({@link ExecutionConfig#signatureChecksEnabled()}) it accepts any signature.
     */
    boolean checkTransactionSignature(Felt publicKey);
}
