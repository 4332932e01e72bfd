package io.vellum.blockifier.execution;

import io.vellum.blockifier.crypto.Felt;
import java.math.BigInteger;
import java.util.List;
import java.util.Objects;
import java.util.function.Supplier;

/**
 * Cairo's {@code u256}: an unsigned 256-bit integer carried as two felts, low then high, each below 2^128.
 * Arithmetic is checked: it throws {@link ExecutionException} with {@code U256_OVERFLOW} or
 * {@code U256_UNDERFLOW} rather than wrapping. Immutable.
 *
 * <p>Token transfers do a handful of these operations each, so the value is kept in four 64-bit words rather
 * than a {@link BigInteger}; {@link #value()} converts when a {@code BigInteger} is wanted.
 */
public final class U256 implements Comparable<U256> {
    public static final U256 ZERO = new U256(0, 0, 0, 0);
    /** 2^256 - 1, which an ERC20 allowance treats as infinite. */
    public static final U256 MAX = new U256(-1L, -1L, -1L, -1L);

    // Little-endian 64-bit words.
    private final long w0;
    private final long w1;
    private final long w2;
    private final long w3;

    private U256(long w0, long w1, long w2, long w3) {
        this.w0 = w0;
        this.w1 = w1;
        this.w2 = w2;
        this.w3 = w3;
    }

    /** A non-negative {@code long}. */
    public static U256 of(long value) {
        if (value < 0) {
            throw new IllegalArgumentException("not a u256: " + value);
        }
        return value == 0 ? ZERO : new U256(value, 0, 0, 0);
    }

    /** A {@code BigInteger} in [0, 2^256). */
    public static U256 of(BigInteger value) {
        Objects.requireNonNull(value, "value");
        if (value.signum() < 0 || value.bitLength() > 256) {
            throw new IllegalArgumentException("not a u256: " + value);
        }
        return new U256(value.longValue(), value.shiftRight(64).longValue(), value.shiftRight(128).longValue(),
                value.shiftRight(192).longValue());
    }

    /**
     * The u256 of two felts. Each must be below 2^128, or {@link ExecutionError.ValueOutOfRange} is thrown
     * ({@code what} names the value in the message).
     */
    public static U256 fromParts(Felt low, Felt high, String what) {
        Objects.requireNonNull(what, "what");
        return fromParts(low, high, () -> what);
    }

    /**
     * As {@link #fromParts(Felt, Felt, String)}, naming the value only when it is out of range (for hot paths, where
     * building the name for every read would cost more than the read).
     */
    public static U256 fromParts(Felt low, Felt high, Supplier<String> what) {
        if (!low.fitsBits(128) || !high.fitsBits(128)) {
            throw new ExecutionException(new ExecutionError.ValueOutOfRange(what.get(),
                    "(low " + low.toHex() + ", high " + high.toHex() + ")", "each half below 2^128"));
        }
        if (high.isZero() && low.fitsBits(63)) {
            return of(low.longValueExact());
        }
        byte[] lowBytes = low.toBytes();
        byte[] highBytes = high.toBytes();
        return new U256(word(lowBytes, 24), word(lowBytes, 16), word(highBytes, 24), word(highBytes, 16));
    }

    /** The big-endian 64-bit word at {@code offset}. */
    private static long word(byte[] bytes, int offset) {
        long value = 0;
        for (int i = 0; i < 8; i++) {
            value = (value << 8) | (bytes[offset + i] & 0xffL);
        }
        return value;
    }

    public Felt low() {
        return half(w0, w1);
    }

    public Felt high() {
        return half(w2, w3);
    }

    private static Felt half(long lowWord, long highWord) {
        if (highWord == 0) {
            return Felt.ofUnsigned(lowWord);
        }
        byte[] bytes = new byte[16];
        for (int i = 0; i < 8; i++) {
            bytes[i] = (byte) (highWord >>> (56 - 8 * i));
            bytes[8 + i] = (byte) (lowWord >>> (56 - 8 * i));
        }
        return Felt.fromBytes(bytes);
    }

    /** [low, high], the Cairo serialization. */
    public List<Felt> toFelts() {
        return List.of(low(), high());
    }

    public boolean isZero() {
        return (w0 | w1 | w2 | w3) == 0;
    }

    /** The value as a {@code BigInteger}. */
    public BigInteger value() {
        byte[] bytes = new byte[32];
        long[] words = {w3, w2, w1, w0};
        for (int word = 0; word < 4; word++) {
            for (int i = 0; i < 8; i++) {
                bytes[8 * word + i] = (byte) (words[word] >>> (56 - 8 * i));
            }
        }
        return new BigInteger(1, bytes);
    }

    /** this + other; {@code U256_OVERFLOW} at or above 2^256. */
    public U256 add(U256 other, String operation) {
        long r0 = w0 + other.w0;
        long carry = Long.compareUnsigned(r0, w0) < 0 ? 1 : 0;
        long[] word = new long[1];
        carry = addWithCarry(w1, other.w1, carry, word);
        long r1 = word[0];
        carry = addWithCarry(w2, other.w2, carry, word);
        long r2 = word[0];
        carry = addWithCarry(w3, other.w3, carry, word);
        long r3 = word[0];
        if (carry != 0) {
            throw new ExecutionException(new ExecutionError.U256Overflow(operation));
        }
        return new U256(r0, r1, r2, r3);
    }

    /** Writes a + b + carryIn (mod 2^64) to {@code sum[0]} and returns the carry out (0 or 1). */
    private static long addWithCarry(long a, long b, long carryIn, long[] sum) {
        long partial = a + b;
        long carry = Long.compareUnsigned(partial, a) < 0 ? 1 : 0;
        long total = partial + carryIn;
        if (Long.compareUnsigned(total, partial) < 0) {
            carry = 1;
        }
        sum[0] = total;
        return carry;
    }

    /** this - other; {@code U256_UNDERFLOW} below zero. */
    public U256 subtract(U256 other, String operation) {
        if (compareTo(other) < 0) {
            throw new ExecutionException(new ExecutionError.U256Underflow(operation));
        }
        long r0 = w0 - other.w0;
        long borrow = Long.compareUnsigned(w0, other.w0) < 0 ? 1 : 0;
        long r1 = w1 - other.w1 - borrow;
        borrow = borrowOut(w1, other.w1, borrow);
        long r2 = w2 - other.w2 - borrow;
        borrow = borrowOut(w2, other.w2, borrow);
        long r3 = w3 - other.w3 - borrow;
        return new U256(r0, r1, r2, r3);
    }

    private static long borrowOut(long a, long b, long borrowIn) {
        int compared = Long.compareUnsigned(a, b);
        return compared < 0 || (compared == 0 && borrowIn == 1) ? 1 : 0;
    }

    @Override
    public int compareTo(U256 other) {
        int c = Long.compareUnsigned(w3, other.w3);
        if (c != 0) {
            return c;
        }
        c = Long.compareUnsigned(w2, other.w2);
        if (c != 0) {
            return c;
        }
        c = Long.compareUnsigned(w1, other.w1);
        return c != 0 ? c : Long.compareUnsigned(w0, other.w0);
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof U256 that && w0 == that.w0 && w1 == that.w1 && w2 == that.w2 && w3 == that.w3;
    }

    @Override
    public int hashCode() {
        return Long.hashCode(w0 * 31 + w1) * 31 + Long.hashCode(w2 * 31 + w3);
    }

    /** The decimal value. */
    @Override
    public String toString() {
        return value().toString();
    }
}
