package io.vellum.blockifier.execution;

import io.vellum.blockifier.crypto.Felt;
import java.math.BigInteger;
import java.util.List;
import java.util.Objects;

/**
 * Cairo's {@code u256}: an unsigned 256-bit integer carried as two felts, low then high, each below 2^128.
 * Arithmetic is checked: it throws {@link ExecutionException} with {@code U256_OVERFLOW} or
 * {@code U256_UNDERFLOW} rather than wrapping.
 */
public record U256(BigInteger value) implements Comparable<U256> {
    public static final U256 ZERO = new U256(BigInteger.ZERO);
    /** 2^256 - 1, which an ERC20 allowance treats as infinite. */
    public static final U256 MAX = new U256(BigInteger.ONE.shiftLeft(256).subtract(BigInteger.ONE));

    private static final BigInteger HALF_MODULUS = BigInteger.ONE.shiftLeft(128);
    private static final BigInteger HALF_MASK = HALF_MODULUS.subtract(BigInteger.ONE);

    public U256 {
        Objects.requireNonNull(value, "value");
        if (value.signum() < 0 || value.bitLength() > 256) {
            throw new IllegalArgumentException("not a u256: " + value);
        }
    }

    public static U256 of(long value) {
        return new U256(BigInteger.valueOf(value));
    }

    public static U256 of(BigInteger value) {
        return new U256(value);
    }

    /**
     * The u256 of two felts. Each must be below 2^128, or {@link ExecutionError.ValueOutOfRange} is thrown
     * ({@code what} names the value in the message).
     */
    public static U256 fromParts(Felt low, Felt high, String what) {
        if (!low.fitsBits(128) || !high.fitsBits(128)) {
            throw new ExecutionException(new ExecutionError.ValueOutOfRange(what,
                    "(low " + low.toHex() + ", high " + high.toHex() + ")", "each half below 2^128"));
        }
        if (high.isZero()) {
            return low.isZero() ? ZERO : new U256(low.toBigInteger());
        }
        return new U256(high.toBigInteger().shiftLeft(128).or(low.toBigInteger()));
    }

    public Felt low() {
        return Felt.fromBigInteger(value.and(HALF_MASK));
    }

    public Felt high() {
        return Felt.fromBigInteger(value.shiftRight(128));
    }

    /** [low, high], the Cairo serialization. */
    public List<Felt> toFelts() {
        return List.of(low(), high());
    }

    public boolean isZero() {
        return value.signum() == 0;
    }

    /** this + other; {@code U256_OVERFLOW} at or above 2^256. */
    public U256 add(U256 other, String operation) {
        BigInteger sum = value.add(other.value);
        if (sum.bitLength() > 256) {
            throw new ExecutionException(new ExecutionError.U256Overflow(operation));
        }
        return new U256(sum);
    }

    /** this - other; {@code U256_UNDERFLOW} below zero. */
    public U256 subtract(U256 other, String operation) {
        if (value.compareTo(other.value) < 0) {
            throw new ExecutionException(new ExecutionError.U256Underflow(operation));
        }
        return new U256(value.subtract(other.value));
    }

    @Override
    public int compareTo(U256 other) {
        return value.compareTo(other.value);
    }

    @Override
    public String toString() {
        return value.toString();
    }
}
