package io.vellum.blockifier.state;

import io.vellum.blockifier.core.ClassHash;
import io.vellum.blockifier.core.CompiledClassHash;
import io.vellum.blockifier.core.ContractAddress;
import io.vellum.blockifier.core.Nonce;
import io.vellum.blockifier.core.StorageKey;
import io.vellum.blockifier.crypto.Felt;
import java.util.Optional;

/**
 * Read access to Starknet state at one point in history. Execution is generic over it: tests use
 * {@link InMemoryState}, nodes a storage-backed reader for the latest state or any past height.
 *
 * <p>Absent values read as zero: unset storage is {@link Felt#ZERO}, an unused account's nonce is
 * {@link Nonce#ZERO}, an address with nothing deployed has {@link ClassHash#ZERO}.
 *
 * <p>Failure model: an implementation backed by a database may fail to read (I/O error, corruption); it throws
 * {@link StateReadException}, which block execution does not catch — a block cannot be executed on state that
 * cannot be read, and the caller must not treat that as a transaction failure.
 */
public interface StateReader {

    Felt storageAt(ContractAddress contract, StorageKey key);

    Nonce nonceAt(ContractAddress contract);

    ClassHash classHashAt(ContractAddress contract);

    /** The compiled class hash of a declared class, if it was declared. */
    Optional<CompiledClassHash> compiledClassHash(ClassHash classHash);
}
