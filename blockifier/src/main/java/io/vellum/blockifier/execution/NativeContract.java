package io.vellum.blockifier.execution;

import io.vellum.blockifier.core.ClassHash;
import io.vellum.blockifier.crypto.Felt;
import io.vellum.blockifier.crypto.Selectors;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * A contract class implemented in Java, standing in for a Cairo class: identified by its class hash, with entry
 * points found by selector. Many contracts (addresses) may share one class; all of a contract's data is in its
 * storage, reached through the {@link CallContext}, so a class instance holds no per-contract state and is shared
 * by every deployment and every thread.
 *
 * <p>Subclasses list their entry points once, in the constructor, through {@link #entryPoints(List)}.
 */
public abstract class NativeContract {
    private static final Felt VALIDATE_SELECTOR = Selectors.fromName("__validate__");
    private static final Felt EXECUTE_SELECTOR = Selectors.fromName("__execute__");

    private final ClassHash classHash;
    private final String name;
    private final Map<Felt, EntryPoint> external = new HashMap<>();
    private final Map<Felt, EntryPoint> l1Handlers = new HashMap<>();
    private EntryPoint constructor;

    protected NativeContract(ClassHash classHash, String name) {
        this.classHash = Objects.requireNonNull(classHash, "classHash");
        this.name = Objects.requireNonNull(name, "name");
    }

    /** Registers the entry points; each selector at most once per kind, at most one constructor. */
    protected final void entryPoints(List<EntryPoint> entryPoints) {
        for (EntryPoint entryPoint : entryPoints) {
            switch (entryPoint.type()) {
                case EXTERNAL -> register(external, entryPoint);
                case L1_HANDLER -> register(l1Handlers, entryPoint);
                case CONSTRUCTOR -> {
                    if (constructor != null) {
                        throw new IllegalArgumentException(name + " has two constructors");
                    }
                    constructor = entryPoint;
                }
            }
        }
    }

    private void register(Map<Felt, EntryPoint> table, EntryPoint entryPoint) {
        if (table.putIfAbsent(entryPoint.selector(), entryPoint) != null) {
            throw new IllegalArgumentException(name + " has two entry points named " + entryPoint.name());
        }
    }

    public final ClassHash classHash() {
        return classHash;
    }

    /** A readable name of the class, for error messages and documentation. */
    public final String name() {
        return name;
    }

    /** The external or L1-handler entry point with this selector, if there is one. */
    public final Optional<EntryPoint> entryPoint(EntryPointType type, Felt selector) {
        return Optional.ofNullable(switch (type) {
            case EXTERNAL -> external.get(selector);
            case L1_HANDLER -> l1Handlers.get(selector);
            case CONSTRUCTOR -> constructor;
        });
    }

    /** Whether this class is an account: it has {@code __validate__} and {@code __execute__}. */
    public final boolean isAccount() {
        return external.containsKey(VALIDATE_SELECTOR) && external.containsKey(EXECUTE_SELECTOR);
    }

    /** The name of an entry point for messages: its name, or the selector's hex when there is none. */
    public final String entryPointName(Felt selector) {
        EntryPoint entryPoint = external.get(selector);
        if (entryPoint == null) {
            entryPoint = l1Handlers.get(selector);
        }
        return entryPoint != null ? entryPoint.name() : selector.toHex();
    }

    @Override
    public String toString() {
        return name + "@" + classHash;
    }
}
