package io.vellum.storage;

import io.vellum.blockifier.core.BlockNumber;
import io.vellum.blockifier.core.ClassHash;
import io.vellum.blockifier.core.CompiledClassHash;
import io.vellum.blockifier.core.ContractAddress;
import io.vellum.blockifier.core.Nonce;
import io.vellum.blockifier.core.StorageKey;
import io.vellum.blockifier.crypto.Felt;
import io.vellum.blockifier.state.StateReadException;
import java.util.Optional;

/**
 * What the two views share: the closed check, turning the store's exceptions into blockifier's
 * {@link StateReadException}, and the decoding of each kind of value. Subclasses find the stored payload.
 */
abstract class AbstractView implements StateView {
    private final Store store;
    private final Optional<BlockNumber> block;
    private boolean closed;

    AbstractView(Store store, Optional<BlockNumber> block) {
        this.store = store;
        this.block = block;
    }

    @Override
    public final Optional<BlockNumber> block() {
        return block;
    }

    /** The payload for {@code subject} in the latest-state column family {@code flat}, or {@code null}. */
    abstract Payload find(ColumnFamily flat, byte[] subject);

    abstract void release();

    private Payload lookup(ColumnFamily flat, byte[] subject) {
        if (closed) {
            throw new IllegalStateException("the state view is closed");
        }
        try {
            return find(flat, subject);
        } catch (StorageException e) {
            throw new StateReadException(e.getMessage(), e);
        }
    }

    private static <T> T decode(Payload payload, java.util.function.Function<Felt, T> wrap) {
        try {
            return Codecs.checked(payload, wrap);
        } catch (StorageException e) {
            throw new StateReadException(e.getMessage(), e);
        }
    }

    @Override
    public final Felt storageAt(ContractAddress contract, StorageKey key) {
        Payload payload = lookup(ColumnFamily.STORAGE, Keys.storage(contract, key));
        return payload == null ? Felt.ZERO : decode(payload, value -> value);
    }

    @Override
    public final Nonce nonceAt(ContractAddress contract) {
        Payload payload = lookup(ColumnFamily.NONCES, Keys.contract(contract));
        return payload == null ? Nonce.ZERO : decode(payload, Nonce::new);
    }

    @Override
    public final ClassHash classHashAt(ContractAddress contract) {
        Payload payload = lookup(ColumnFamily.CLASS_HASHES, Keys.contract(contract));
        return payload == null ? ClassHash.ZERO : decode(payload, ClassHash::new);
    }

    @Override
    public final Optional<CompiledClassHash> compiledClassHash(ClassHash classHash) {
        Payload payload = lookup(ColumnFamily.DECLARED_CLASSES, Keys.felt(classHash.value()));
        return payload == null ? Optional.empty() : Optional.of(decode(payload, CompiledClassHash::new));
    }

    @Override
    public final void close() {
        if (!closed) {
            closed = true;
            store.forget(this);
            release();
        }
    }

    /** Closes the view because the store is closing. */
    final void closeForStore() {
        if (!closed) {
            closed = true;
            release();
        }
    }
}
