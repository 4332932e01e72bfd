package io.vellum.blockifier.execution;

import io.vellum.blockifier.core.ClassHash;
import java.util.Collection;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * The native contract classes a node can run, by class hash. Immutable and safe to share. A contract deployed
 * with a class hash missing here cannot be called ({@link ExecutionError.UnknownContract}).
 */
public final class ContractRegistry {
    /** Ordered by class hash, for listing. */
    private final Map<ClassHash, NativeContract> classes;
    /** The same classes, for look-up on every call. */
    private final HashMap<ClassHash, NativeContract> byHash;

    private ContractRegistry(Map<ClassHash, NativeContract> classes) {
        this.classes = Collections.unmodifiableMap(classes);
        this.byHash = new HashMap<>(classes);
    }

    /** A registry of these classes; two with the same class hash are a programming error. */
    public static ContractRegistry of(List<? extends NativeContract> contracts) {
        TreeMap<ClassHash, NativeContract> classes = new TreeMap<>();
        for (NativeContract contract : contracts) {
            NativeContract previous = classes.putIfAbsent(contract.classHash(), contract);
            if (previous != null) {
                throw new IllegalArgumentException("two classes with hash " + contract.classHash() + ": "
                        + previous.name() + " and " + contract.name());
            }
        }
        return new ContractRegistry(classes);
    }

    public Optional<NativeContract> find(ClassHash classHash) {
        return Optional.ofNullable(byHash.get(classHash));
    }

    /** The class, or null: for the executor's hot path. */
    NativeContract get(ClassHash classHash) {
        return byHash.get(classHash);
    }

    /** Every class, ordered by class hash. */
    public Collection<NativeContract> classes() {
        return classes.values();
    }
}
