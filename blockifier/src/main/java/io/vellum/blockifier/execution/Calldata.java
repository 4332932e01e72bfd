package io.vellum.blockifier.execution;

import io.vellum.blockifier.core.ContractAddress;
import io.vellum.blockifier.crypto.Felt;
import java.util.List;
import java.util.Objects;

/**
 * A cursor over an entry point's calldata, reading Cairo-serialized arguments in order. Every read checks what
 * it reads and fails with an {@link ExecutionException}: {@link ExecutionError.MalformedCalldata} when the
 * calldata is too short, has a bad length prefix or has felts left over ({@link #end()}),
 * {@link ExecutionError.ValueOutOfRange} when a value does not fit its type.
 *
 * <p>Not thread-safe; one call owns it.
 */
public final class Calldata {
    /** 2^251 - 1: contract addresses are below 2^251. */
    private static final int ADDRESS_BITS = 251;

    private final String entryPoint;
    private final List<Felt> felts;
    private int position;

    public Calldata(String entryPoint, List<Felt> felts) {
        this.entryPoint = Objects.requireNonNull(entryPoint, "entryPoint");
        this.felts = Objects.requireNonNull(felts, "felts");
    }

    /** The entry point this calldata is for (used in error messages). */
    public String entryPoint() {
        return entryPoint;
    }

    /** Every felt, whatever has been read. */
    public List<Felt> all() {
        return felts;
    }

    public int size() {
        return felts.size();
    }

    public int remaining() {
        return felts.size() - position;
    }

    /** The next felt. */
    public Felt felt() {
        if (position >= felts.size()) {
            throw malformed("expected at least " + (position + 1) + " felts, got " + felts.size());
        }
        return felts.get(position++);
    }

    /** The next felt as a contract address (below 2^251). */
    public ContractAddress address(String what) {
        Felt value = felt();
        if (!value.fitsBits(ADDRESS_BITS)) {
            throw new ExecutionException(new ExecutionError.ValueOutOfRange(what, value.toHex(), "below 2^251"));
        }
        return new ContractAddress(value);
    }

    /** The next felt as a non-negative integer of at most {@code max}. */
    public long integer(String what, long max) {
        Felt value = felt();
        if (!value.fitsBits(63) || value.longValueExact() > max) {
            throw new ExecutionException(new ExecutionError.ValueOutOfRange(what, value.toHex(), "0 to " + max));
        }
        return value.longValueExact();
    }

    /** The next felt as a u128 (below 2^128). */
    public Felt u128(String what) {
        Felt value = felt();
        if (!value.fitsBits(128)) {
            throw new ExecutionException(new ExecutionError.ValueOutOfRange(what, value.toHex(), "below 2^128"));
        }
        return value;
    }

    /**
     * A Cairo array or span: a length prefix, then that many felts. The length must not claim more felts than
     * are left, nor more than {@code lengthMax}.
     */
    public List<Felt> array(String what, int lengthMax) {
        Felt length = felt();
        int available = remaining();
        if (!length.fitsBits(31) || length.intValueExact() > available) {
            throw malformed(what + " claims " + length.toBigInteger() + " felts but only " + available + " follow");
        }
        int count = length.intValueExact();
        if (count > lengthMax) {
            throw malformed(what + " has " + count + " felts, at most " + lengthMax + " allowed");
        }
        List<Felt> out = felts.subList(position, position + count);
        position += count;
        return out;
    }

    /** Checks that every felt has been read. */
    public void end() {
        if (position != felts.size()) {
            throw malformed("expected " + position + " felts, got " + felts.size());
        }
    }

    private ExecutionException malformed(String detail) {
        return new ExecutionException(new ExecutionError.MalformedCalldata(entryPoint, detail));
    }
}
