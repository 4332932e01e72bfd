package io.vellum.blockifier.transaction;

import io.vellum.blockifier.core.ChainId;
import io.vellum.blockifier.crypto.Felt;
import java.util.Objects;

/**
 * A transaction together with its hash on one chain: what the mempool, the log and the block builder pass around,
 * so the hash is computed once.
 *
 * <p>The only way to make one is {@link #of(Transaction, ChainId)}, which computes the hash; a hash can therefore
 * never be paired with a transaction it does not belong to. Equality is on the transaction and the hash (two equal
 * transactions on different chains have different hashes and are different values).
 */
public final class ExecutableTransaction {
    private final Transaction transaction;
    private final Felt hash;

    private ExecutableTransaction(Transaction transaction, Felt hash) {
        this.transaction = transaction;
        this.hash = hash;
    }

    /** The transaction with its hash on {@code chainId}. */
    public static ExecutableTransaction of(Transaction transaction, ChainId chainId) {
        Objects.requireNonNull(transaction, "transaction");
        Objects.requireNonNull(chainId, "chainId");
        return new ExecutableTransaction(transaction, TransactionHashes.hash(transaction, chainId));
    }

    /**
     * The transaction with its hash on {@code chainId}, computed with a node's {@link TipAndBoundsHashes} memo (the
     * same hash as {@link #of(Transaction, ChainId)}, for less work).
     */
    public static ExecutableTransaction of(Transaction transaction, ChainId chainId, TipAndBoundsHashes memo) {
        Objects.requireNonNull(transaction, "transaction");
        Objects.requireNonNull(chainId, "chainId");
        return new ExecutableTransaction(transaction, TransactionHashes.hash(transaction, chainId, memo));
    }

    public Transaction transaction() {
        return transaction;
    }

    /** The transaction hash ({@link TransactionHashes#hash(Transaction, ChainId)}). */
    public Felt hash() {
        return hash;
    }

    public TransactionType type() {
        return transaction.type();
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof ExecutableTransaction that && hash.equals(that.hash)
                && transaction.equals(that.transaction);
    }

    @Override
    public int hashCode() {
        return hash.hashCode();
    }

    @Override
    public String toString() {
        return transaction.type() + " " + hash.toHex();
    }
}
