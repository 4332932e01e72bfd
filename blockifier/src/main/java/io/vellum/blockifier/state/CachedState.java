package io.vellum.blockifier.state;

import io.vellum.blockifier.core.ClassHash;
import io.vellum.blockifier.core.CompiledClassHash;
import io.vellum.blockifier.core.ContractAddress;
import io.vellum.blockifier.core.Nonce;
import io.vellum.blockifier.core.StorageKey;
import io.vellum.blockifier.crypto.Felt;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Map;
import java.util.NavigableMap;
import java.util.Optional;
import java.util.TreeMap;

/**
 * A write overlay on top of any {@link StateReader}: execution reads through it and writes into it, and
 * {@link #diff()} yields what changed.
 *
 * <h2>Design</h2>
 * Writes go to hash maps; reads look at the writes first, then at a cache of what was read from the base, then
 * at the base. Every write first records the value it replaces in an undo journal, so nested rollback is a
 * matter of replaying the journal backwards to a {@link Checkpoint}: a failing inner call undoes exactly its own
 * writes, in time proportional to them, and the outer call goes on. This is the journaling that EVM clients use,
 * in place of Starknet's copy-on-write child states; it makes a transaction's checkpoint free when nothing fails.
 *
 * <p>The diff holds only values that differ from the base: a write that restores the original value vanishes.
 * For a written key that was never read, the base is consulted at diff time, so the diff does not depend on
 * whether a contract happened to read before writing.
 *
 * <p>Not thread-safe: one executing thread owns an instance.
 */
public final class CachedState implements StateReader {
    private final StateReader base;

    private final Map<StorageSlot, Felt> storageReads = new HashMap<>();
    private final Map<ContractAddress, Nonce> nonceReads = new HashMap<>();
    private final Map<ContractAddress, ClassHash> classHashReads = new HashMap<>();

    private final Map<StorageSlot, Felt> storageWrites = new HashMap<>();
    private final Map<ContractAddress, Nonce> nonceWrites = new HashMap<>();
    private final Map<ContractAddress, ClassHash> classHashWrites = new HashMap<>();
    private final Map<ClassHash, CompiledClassHash> declaredClasses = new HashMap<>();

    private final ArrayList<Undo> journal = new ArrayList<>();

    public CachedState(StateReader base) {
        this.base = base;
    }

    /** A point to roll back to. Checkpoints nest: rolling back to one undoes every write made after it. */
    public record Checkpoint(int journalSize) {
    }

    private enum Kind { STORAGE, NONCE, CLASS_HASH, DECLARED_CLASS }

    /** The value a write replaced ({@code null} when the key had not been written before). */
    private record Undo(Kind kind, Object key, Object previous) {
    }

    // -----------------------------------------------------------------------------------------------------
    // Reads.

    @Override
    public Felt storageAt(ContractAddress contract, StorageKey key) {
        StorageSlot slot = new StorageSlot(contract, key);
        Felt written = storageWrites.get(slot);
        if (written != null) {
            return written;
        }
        return storageReads.computeIfAbsent(slot, s -> base.storageAt(s.contract(), s.key()));
    }

    @Override
    public Nonce nonceAt(ContractAddress contract) {
        Nonce written = nonceWrites.get(contract);
        if (written != null) {
            return written;
        }
        return nonceReads.computeIfAbsent(contract, base::nonceAt);
    }

    @Override
    public ClassHash classHashAt(ContractAddress contract) {
        ClassHash written = classHashWrites.get(contract);
        if (written != null) {
            return written;
        }
        return classHashReads.computeIfAbsent(contract, base::classHashAt);
    }

    @Override
    public Optional<CompiledClassHash> compiledClassHash(ClassHash classHash) {
        CompiledClassHash declared = declaredClasses.get(classHash);
        return declared != null ? Optional.of(declared) : base.compiledClassHash(classHash);
    }

    // -----------------------------------------------------------------------------------------------------
    // Writes.

    public void setStorage(ContractAddress contract, StorageKey key, Felt value) {
        StorageSlot slot = new StorageSlot(contract, key);
        journal.add(new Undo(Kind.STORAGE, slot, storageWrites.put(slot, value)));
    }

    public void setNonce(ContractAddress contract, Nonce nonce) {
        journal.add(new Undo(Kind.NONCE, contract, nonceWrites.put(contract, nonce)));
    }

    /** Deploys a contract (or replaces its class). */
    public void setClassHash(ContractAddress contract, ClassHash classHash) {
        journal.add(new Undo(Kind.CLASS_HASH, contract, classHashWrites.put(contract, classHash)));
    }

    public void declareClass(ClassHash classHash, CompiledClassHash compiledClassHash) {
        journal.add(new Undo(Kind.DECLARED_CLASS, classHash, declaredClasses.put(classHash, compiledClassHash)));
    }

    // -----------------------------------------------------------------------------------------------------
    // Nesting.

    public Checkpoint checkpoint() {
        return new Checkpoint(journal.size());
    }

    /** Undoes every write made since {@code checkpoint}; later checkpoints become invalid. */
    public void rollback(Checkpoint checkpoint) {
        if (checkpoint.journalSize() > journal.size()) {
            throw new IllegalStateException("checkpoint " + checkpoint.journalSize()
                    + " is past the journal (" + journal.size() + "): it was already rolled back");
        }
        for (int i = journal.size() - 1; i >= checkpoint.journalSize(); i--) {
            Undo undo = journal.remove(i);
            restore(undo);
        }
    }

    @SuppressWarnings("unchecked")
    private void restore(Undo undo) {
        Map<Object, Object> map = (Map<Object, Object>) (Map<?, ?>) switch (undo.kind()) {
            case STORAGE -> storageWrites;
            case NONCE -> nonceWrites;
            case CLASS_HASH -> classHashWrites;
            case DECLARED_CLASS -> declaredClasses;
        };
        if (undo.previous() == null) {
            map.remove(undo.key());
        } else {
            map.put(undo.key(), undo.previous());
        }
    }

    // -----------------------------------------------------------------------------------------------------
    // Results.

    /**
     * How many distinct keys are written so far (storage cells, nonces, class hashes, declared classes): the
     * bouncer's measure of state-diff size, counted before equal-to-base writes are dropped.
     */
    public int writtenKeyCount() {
        return storageWrites.size() + nonceWrites.size() + classHashWrites.size() + declaredClasses.size();
    }

    /** Every change against the base, sorted; writes that restore the base value are left out. */
    public StateDiff diff() {
        TreeMap<ContractAddress, NavigableMap<StorageKey, Felt>> storage = new TreeMap<>();
        storageWrites.forEach((slot, value) -> {
            if (!value.equals(baseStorage(slot))) {
                storage.computeIfAbsent(slot.contract(), c -> new TreeMap<>()).put(slot.key(), value);
            }
        });
        TreeMap<ContractAddress, Nonce> nonces = new TreeMap<>();
        nonceWrites.forEach((address, nonce) -> {
            if (!nonce.equals(nonceReads.computeIfAbsent(address, base::nonceAt))) {
                nonces.put(address, nonce);
            }
        });
        TreeMap<ContractAddress, ClassHash> deployed = new TreeMap<>();
        classHashWrites.forEach((address, classHash) -> {
            if (!classHash.equals(classHashReads.computeIfAbsent(address, base::classHashAt))) {
                deployed.put(address, classHash);
            }
        });
        TreeMap<ClassHash, CompiledClassHash> declared = new TreeMap<>();
        declaredClasses.forEach((classHash, compiled) -> {
            if (!base.compiledClassHash(classHash).equals(Optional.of(compiled))) {
                declared.put(classHash, compiled);
            }
        });
        return new StateDiff(storage, nonces, deployed, declared);
    }

    private Felt baseStorage(StorageSlot slot) {
        return storageReads.computeIfAbsent(slot, s -> base.storageAt(s.contract(), s.key()));
    }
}
