package io.vellum.blockifier.crypto;

import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.Optional;

/**
 * An element of the Stark field, p = 2^251 + 17·2^192 + 1: Starknet's {@code felt252}. Immutable.
 *
 * <p>The value is stored canonically (0 ≤ value &lt; p) in four 64-bit limbs, so equality, ordering, hashing
 * and encoding cost nothing; multiplication goes through Montgomery form ({@link Fp}) for two Montgomery
 * products. Hashes and curve arithmetic work on Montgomery limbs directly and only create a {@code Felt} at
 * their boundaries.
 *
 * <p>Every way in is checked: a hex string, byte array, {@code BigInteger} or {@code long} that is not a field
 * element throws a {@link FeltException} naming the problem. Nothing is silently reduced modulo p; the one
 * explicit exception is {@link #reduce(BigInteger)}.
 *
 * <p>Ordering ({@link #compareTo}) is numeric on the canonical value.
 */
public final class Felt implements Comparable<Felt> {
    /** The field modulus p. */
    public static final BigInteger MODULUS = Fp.MODULUS;

    public static final Felt ZERO = new Felt(0, 0, 0, 0);
    public static final Felt ONE = new Felt(1, 0, 0, 0);
    public static final Felt TWO = new Felt(2, 0, 0, 0);
    /** p - 1, the largest element. */
    public static final Felt MAX = new Felt(0, 0, 0, Fp.P3);

    /** The number of bytes in the fixed-width encoding. */
    public static final int BYTES = 32;
    /** The most characters a Cairo short string holds. */
    public static final int SHORT_STRING_MAX_LENGTH = 31;

    private static final char[] HEX_DIGITS = "0123456789abcdef".toCharArray();

    // Canonical value, little-endian limbs.
    final long l0;
    final long l1;
    final long l2;
    final long l3;

    Felt(long l0, long l1, long l2, long l3) {
        this.l0 = l0;
        this.l1 = l1;
        this.l2 = l2;
        this.l3 = l3;
    }

    /** A felt from canonical limbs at an offset; the caller guarantees they are below p. */
    static Felt ofLimbs(long[] limbs, int offset) {
        return new Felt(limbs[offset], limbs[offset + 1], limbs[offset + 2], limbs[offset + 3]);
    }

    /** A felt from Montgomery limbs at an offset. */
    static Felt fromMontgomery(long[] limbs, int offset) {
        long[] out = new long[4];
        Fp.fromMontgomery(limbs, offset, out, 0);
        return ofLimbs(out, 0);
    }

    /** Writes the canonical limbs at an offset. */
    void writeLimbs(long[] target, int offset) {
        target[offset] = l0;
        target[offset + 1] = l1;
        target[offset + 2] = l2;
        target[offset + 3] = l3;
    }

    /** Writes the Montgomery form at an offset. */
    void writeMontgomery(long[] target, int offset) {
        writeLimbs(target, offset);
        Fp.toMontgomery(target, offset, target, offset);
    }

    // ---------------------------------------------------------------------------------------------------
    // Conversions in.

    /** A non-negative {@code long}. */
    public static Felt of(long value) {
        if (value < 0) {
            throw new FeltException(FeltException.Reason.NEGATIVE, "negative value for a felt: " + value);
        }
        return value == 0 ? ZERO : new Felt(value, 0, 0, 0);
    }

    /** An unsigned 64-bit value (every {@code long} bit pattern is accepted). */
    public static Felt ofUnsigned(long value) {
        return new Felt(value, 0, 0, 0);
    }

    /**
     * A hex string, with or without a {@code 0x}/{@code 0X} prefix, with at most 64 digits (leading zeros
     * allowed), whose value is below p.
     */
    public static Felt fromHex(String hex) {
        if (hex == null) {
            throw new FeltException(FeltException.Reason.EMPTY, "null hex string");
        }
        int start = hex.startsWith("0x") || hex.startsWith("0X") ? 2 : 0;
        int digits = hex.length() - start;
        if (digits == 0) {
            throw new FeltException(FeltException.Reason.EMPTY, "empty hex string: '" + hex + "'");
        }
        if (digits > 64) {
            throw new FeltException(FeltException.Reason.TOO_LONG,
                    "hex string has " + digits + " digits, at most 64 fit a felt: '" + abbreviate(hex) + "'");
        }
        long[] limbs = new long[4];
        for (int i = 0; i < digits; i++) {
            char ch = hex.charAt(hex.length() - 1 - i);
            int digit = Character.digit(ch, 16);
            if (digit < 0 || ch > 0x7f) {
                throw new FeltException(FeltException.Reason.NOT_HEX,
                        "not a hex digit '" + ch + "' in '" + abbreviate(hex) + "'");
            }
            limbs[i / 16] |= ((long) digit) << (4 * (i % 16));
        }
        if (!isBelowModulus(limbs[0], limbs[1], limbs[2], limbs[3])) {
            throw new FeltException(FeltException.Reason.OUT_OF_RANGE,
                    "value is not below the field modulus p: '" + abbreviate(hex) + "'");
        }
        return ofLimbs(limbs, 0);
    }

    /** Big-endian bytes, 1 to 32 of them, whose value is below p. */
    public static Felt fromBytes(byte[] bigEndian) {
        if (bigEndian == null || bigEndian.length == 0) {
            throw new FeltException(FeltException.Reason.EMPTY, "empty byte array for a felt");
        }
        if (bigEndian.length > BYTES) {
            throw new FeltException(FeltException.Reason.TOO_LONG,
                    bigEndian.length + " bytes, at most 32 fit a felt");
        }
        return fromBytes(bigEndian, 0, bigEndian.length);
    }

    /** {@code length} (1 to 32) big-endian bytes at {@code offset}, whose value is below p. */
    public static Felt fromBytes(byte[] source, int offset, int length) {
        if (length <= 0 || length > BYTES) {
            throw new FeltException(length <= 0 ? FeltException.Reason.EMPTY : FeltException.Reason.TOO_LONG,
                    "a felt takes 1 to 32 bytes, not " + length);
        }
        long[] limbs = new long[4];
        for (int i = 0; i < length; i++) {
            long b = source[offset + length - 1 - i] & 0xffL;
            limbs[i / 8] |= b << (8 * (i % 8));
        }
        if (!isBelowModulus(limbs[0], limbs[1], limbs[2], limbs[3])) {
            throw new FeltException(FeltException.Reason.OUT_OF_RANGE, "bytes encode a value not below p");
        }
        return ofLimbs(limbs, 0);
    }

    /** A non-negative {@code BigInteger} below p. */
    public static Felt fromBigInteger(BigInteger value) {
        if (value.signum() < 0) {
            throw new FeltException(FeltException.Reason.NEGATIVE, "negative value for a felt: " + value);
        }
        if (value.compareTo(MODULUS) >= 0) {
            throw new FeltException(FeltException.Reason.OUT_OF_RANGE,
                    "value is not below the field modulus p: 0x" + value.toString(16));
        }
        return ofLimbs(Fp.limbsOf(value), 0);
    }

    /** Any integer, reduced modulo p into [0, p). The one conversion that wraps, on purpose. */
    public static Felt reduce(BigInteger value) {
        return fromBigInteger(value.mod(MODULUS));
    }

    /**
     * A Cairo short string: up to 31 ASCII characters packed big-endian into one felt ("" is 0).
     */
    public static Felt fromShortString(String text) {
        if (text.length() > SHORT_STRING_MAX_LENGTH) {
            throw new FeltException(FeltException.Reason.TOO_LONG,
                    "short string has " + text.length() + " characters, at most 31 fit a felt");
        }
        if (text.isEmpty()) {
            return ZERO;
        }
        byte[] bytes = new byte[text.length()];
        for (int i = 0; i < text.length(); i++) {
            char ch = text.charAt(i);
            if (ch > 0x7f) {
                throw new FeltException(FeltException.Reason.NOT_ASCII,
                        "non-ASCII character U+" + Integer.toHexString(ch) + " in short string");
            }
            bytes[i] = (byte) ch;
        }
        return fromBytes(bytes);
    }

    // ---------------------------------------------------------------------------------------------------
    // Conversions out.

    /** Lowercase hex with {@code 0x} and no leading zeros ({@code 0x0} for zero), as Starknet prints it. */
    public String toHex() {
        if (isZero()) {
            return "0x0";
        }
        char[] out = new char[66];
        int pos = out.length;
        long[] limbs = {l0, l1, l2, l3};
        int top = 63;
        while (top > 0 && digitAt(limbs, top) == 0) {
            top--;
        }
        for (int i = 0; i <= top; i++) {
            out[--pos] = HEX_DIGITS[digitAt(limbs, i)];
        }
        out[--pos] = 'x';
        out[--pos] = '0';
        return new String(out, pos, out.length - pos);
    }

    /** Lowercase hex with {@code 0x} and exactly 64 digits. */
    public String toPaddedHex() {
        char[] out = new char[66];
        out[0] = '0';
        out[1] = 'x';
        long[] limbs = {l0, l1, l2, l3};
        for (int i = 0; i < 64; i++) {
            out[65 - i] = HEX_DIGITS[digitAt(limbs, i)];
        }
        return new String(out);
    }

    private static int digitAt(long[] limbs, int digit) {
        return (int) ((limbs[digit / 16] >>> (4 * (digit % 16))) & 0xf);
    }

    /** The 32-byte big-endian encoding. */
    public byte[] toBytes() {
        byte[] out = new byte[BYTES];
        writeBytes(out, 0);
        return out;
    }

    /** Writes the 32-byte big-endian encoding at {@code offset}. */
    public void writeBytes(byte[] target, int offset) {
        long[] limbs = {l3, l2, l1, l0};
        for (int i = 0; i < 4; i++) {
            long limb = limbs[i];
            for (int j = 0; j < 8; j++) {
                target[offset + 8 * i + j] = (byte) (limb >>> (56 - 8 * j));
            }
        }
    }

    public BigInteger toBigInteger() {
        return Fp.toBigInteger(new long[] {l0, l1, l2, l3}, 0);
    }

    /** The value as a {@code long}; throws if it is above {@link Long#MAX_VALUE}. */
    public long longValueExact() {
        if (l1 != 0 || l2 != 0 || l3 != 0 || l0 < 0) {
            throw new FeltException(FeltException.Reason.OUT_OF_RANGE, "felt does not fit a long: " + toHex());
        }
        return l0;
    }

    /** The value as an {@code int}; throws if it is above {@link Integer#MAX_VALUE}. */
    public int intValueExact() {
        long value = longValueExact();
        if (value > Integer.MAX_VALUE) {
            throw new FeltException(FeltException.Reason.OUT_OF_RANGE, "felt does not fit an int: " + toHex());
        }
        return (int) value;
    }

    /** Whether the value is below 2^bits. */
    public boolean fitsBits(int bits) {
        return bitLength() <= bits;
    }

    /** The number of significant bits (0 for zero). */
    public int bitLength() {
        if (l3 != 0) {
            return 256 - Long.numberOfLeadingZeros(l3);
        }
        if (l2 != 0) {
            return 192 - Long.numberOfLeadingZeros(l2);
        }
        if (l1 != 0) {
            return 128 - Long.numberOfLeadingZeros(l1);
        }
        return 64 - Long.numberOfLeadingZeros(l0);
    }

    /** Bit {@code index} (0 is the least significant) of the canonical value. */
    public boolean testBit(int index) {
        if (index < 0 || index >= 256) {
            throw new IndexOutOfBoundsException("bit " + index);
        }
        long limb = index < 64 ? l0 : index < 128 ? l1 : index < 192 ? l2 : l3;
        return ((limb >>> (index & 63)) & 1) == 1;
    }

    /** The Cairo short string this felt encodes: its big-endian bytes without leading zeros, as ASCII. */
    public String toShortString() {
        byte[] bytes = toBytes();
        int start = 0;
        while (start < BYTES && bytes[start] == 0) {
            start++;
        }
        if (BYTES - start > SHORT_STRING_MAX_LENGTH) {
            throw new FeltException(FeltException.Reason.TOO_LONG, "felt is longer than a short string: " + toHex());
        }
        for (int i = start; i < BYTES; i++) {
            if (bytes[i] < 0) {
                throw new FeltException(FeltException.Reason.NOT_ASCII, "felt is not an ASCII short string: " + toHex());
            }
        }
        return new String(bytes, start, BYTES - start, StandardCharsets.US_ASCII);
    }

    // ---------------------------------------------------------------------------------------------------
    // Arithmetic.

    public boolean isZero() {
        return (l0 | l1 | l2 | l3) == 0;
    }

    public Felt add(Felt other) {
        long[] r = new long[12];
        writeLimbs(r, 0);
        other.writeLimbs(r, 4);
        Fp.add(r, 0, r, 4, r, 8);
        return ofLimbs(r, 8);
    }

    public Felt sub(Felt other) {
        long[] r = new long[12];
        writeLimbs(r, 0);
        other.writeLimbs(r, 4);
        Fp.sub(r, 0, r, 4, r, 8);
        return ofLimbs(r, 8);
    }

    public Felt neg() {
        long[] r = new long[8];
        writeLimbs(r, 0);
        Fp.neg(r, 0, r, 4);
        return ofLimbs(r, 4);
    }

    public Felt mul(Felt other) {
        long[] r = new long[4];
        // (a·b·R^-1)·(R^2)·R^-1 = a·b.
        Fp.mul(l0, l1, l2, l3, other.l0, other.l1, other.l2, other.l3, r, 0);
        Fp.toMontgomery(r, 0, r, 0);
        return ofLimbs(r, 0);
    }

    public Felt square() {
        return mul(this);
    }

    /** The multiplicative inverse; throws {@link FeltException} ({@code DIVISION_BY_ZERO}) for zero. */
    public Felt inverse() {
        if (isZero()) {
            throw new FeltException(FeltException.Reason.DIVISION_BY_ZERO, "zero has no inverse");
        }
        long[] r = new long[8];
        writeMontgomery(r, 0);
        Fp.inverse(r, 0, r, 4);
        return fromMontgomery(r, 4);
    }

    /** this / divisor; throws {@link FeltException} ({@code DIVISION_BY_ZERO}) for a zero divisor. */
    public Felt div(Felt divisor) {
        return mul(divisor.inverse());
    }

    /** this^exponent for a non-negative exponent (0^0 = 1). */
    public Felt pow(BigInteger exponent) {
        if (exponent.signum() < 0) {
            throw new FeltException(FeltException.Reason.NEGATIVE, "negative exponent: " + exponent);
        }
        long[] r = new long[8];
        writeMontgomery(r, 0);
        Fp.pow(r, 0, exponent, r, 4);
        return fromMontgomery(r, 4);
    }

    public Felt pow(long exponent) {
        return pow(BigInteger.valueOf(exponent));
    }

    /**
     * A square root, if this is a square: the smaller of the two roots (numerically), so the answer is the
     * same whatever the algorithm's internal path. Tonelli–Shanks (p - 1 = 2^192 · q with q odd).
     */
    public Optional<Felt> sqrt() {
        if (isZero()) {
            return Optional.of(ZERO);
        }
        long[] buf = new long[4];
        writeMontgomery(buf, 0);
        long[] root = new long[4];
        if (!SquareRoot.sqrt(buf, 0, root, 0)) {
            return Optional.empty();
        }
        Felt a = fromMontgomery(root, 0);
        Felt b = a.neg();
        return Optional.of(a.compareTo(b) <= 0 ? a : b);
    }

    /** Whether this is a quadratic residue (zero counts as one). */
    public boolean isSquare() {
        return sqrt().isPresent();
    }

    // ---------------------------------------------------------------------------------------------------

    private static boolean isBelowModulus(long l0, long l1, long l2, long l3) {
        // p = (1, 0, 0, P3); p3 < 2^63 so signed comparison of the top limb is safe once it is non-negative.
        if (l3 < 0 || l3 > Fp.P3) {
            return false;
        }
        if (l3 < Fp.P3) {
            return true;
        }
        return l2 == 0 && l1 == 0 && l0 == 0;
    }

    private static String abbreviate(String text) {
        return text.length() <= 80 ? text : text.substring(0, 77) + "...";
    }

    @Override
    public int compareTo(Felt other) {
        int c = Long.compareUnsigned(l3, other.l3);
        if (c != 0) {
            return c;
        }
        c = Long.compareUnsigned(l2, other.l2);
        if (c != 0) {
            return c;
        }
        c = Long.compareUnsigned(l1, other.l1);
        if (c != 0) {
            return c;
        }
        return Long.compareUnsigned(l0, other.l0);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Felt other && l0 == other.l0 && l1 == other.l1 && l2 == other.l2 && l3 == other.l3;
    }

    @Override
    public int hashCode() {
        long h = l0 * 0x9E3779B97F4A7C15L ^ l1 * 0xC2B2AE3D27D4EB4FL ^ l2 * 0x165667B19E3779F9L ^ l3;
        return (int) (h ^ (h >>> 32));
    }

    /** The same as {@link #toHex()}. */
    @Override
    public String toString() {
        return toHex();
    }
}
