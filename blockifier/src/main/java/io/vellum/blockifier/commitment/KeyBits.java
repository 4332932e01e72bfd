package io.vellum.blockifier.commitment;

import io.vellum.blockifier.crypto.Felt;

/**
 * Bit operations on trie keys and edge paths held as four little-endian 64-bit limbs (limb 0 holds bits 0-63).
 * {@link Felt} keeps its limbs to itself, so keys are converted once per update and paths once per node read;
 * everything in between (bit tests, slices, prefix comparisons) works on the limbs without {@code BigInteger}.
 *
 * <p>Bit {@code i} is the bit of weight 2^i. In a trie of height h, the branch taken at depth d is bit h-1-d of
 * the key, so the path from the root reads a key from its most significant bit down.
 */
final class KeyBits {
    static final int LIMBS = 4;
    private static final int LIMB_BITS = 64;

    private KeyBits() {
    }

    /** The limbs of a felt. */
    static long[] of(Felt value) {
        byte[] bytes = value.toBytes();
        long[] limbs = new long[LIMBS];
        for (int limb = 0; limb < LIMBS; limb++) {
            long word = 0;
            int offset = (LIMBS - 1 - limb) * 8;
            for (int i = 0; i < 8; i++) {
                word = (word << 8) | (bytes[offset + i] & 0xffL);
            }
            limbs[limb] = word;
        }
        return limbs;
    }

    /** The felt with these limbs; they must hold a value below p (every path and key of a trie does). */
    static Felt toFelt(long[] limbs) {
        byte[] bytes = new byte[Felt.BYTES];
        for (int limb = 0; limb < LIMBS; limb++) {
            long word = limbs[limb];
            int offset = (LIMBS - 1 - limb) * 8;
            for (int i = 7; i >= 0; i--) {
                bytes[offset + i] = (byte) word;
                word >>>= 8;
            }
        }
        return Felt.fromBytes(bytes);
    }

    /** Bit {@code index} (weight 2^index). */
    static boolean bit(long[] value, int index) {
        return ((value[index >>> 6] >>> (index & 63)) & 1L) != 0;
    }

    /** The number of significant bits (0 for zero). */
    static int bitLength(long[] value) {
        for (int limb = LIMBS - 1; limb >= 0; limb--) {
            if (value[limb] != 0) {
                return limb * LIMB_BITS + LIMB_BITS - Long.numberOfLeadingZeros(value[limb]);
            }
        }
        return 0;
    }

    /** Bits {@code low} to {@code low + length - 1} of {@code value}, as an integer of {@code length} bits. */
    static long[] slice(long[] value, int low, int length) {
        long[] out = new long[LIMBS];
        int limbShift = low >>> 6;
        int bitShift = low & 63;
        for (int limb = 0; limb + limbShift < LIMBS; limb++) {
            long word = value[limb + limbShift] >>> bitShift;
            if (bitShift != 0 && limb + limbShift + 1 < LIMBS) {
                word |= value[limb + limbShift + 1] << (LIMB_BITS - bitShift);
            }
            out[limb] = word;
        }
        keepLow(out, length);
        return out;
    }

    /** {@code high} followed by the {@code lowLength} bits of {@code low}: (high << lowLength) | low. */
    static long[] concat(long[] high, long[] low, int lowLength) {
        long[] out = new long[LIMBS];
        int limbShift = lowLength >>> 6;
        int bitShift = lowLength & 63;
        for (int limb = LIMBS - 1; limb >= limbShift; limb--) {
            long word = high[limb - limbShift] << bitShift;
            if (bitShift != 0 && limb - limbShift - 1 >= 0) {
                word |= high[limb - limbShift - 1] >>> (LIMB_BITS - bitShift);
            }
            out[limb] = word;
        }
        for (int limb = 0; limb < LIMBS; limb++) {
            out[limb] |= low[limb];
        }
        return out;
    }

    /** A path of one bit, 0 or 1. */
    static long[] singleBit(boolean one) {
        long[] out = new long[LIMBS];
        out[0] = one ? 1L : 0L;
        return out;
    }

    /**
     * How many leading bits of the {@code length}-bit segment of {@code key} below bit {@code top} (bits top-1
     * down to top-length) agree with the {@code length}-bit {@code path}, read from the most significant end.
     */
    static int matchingPrefixLength(long[] key, int top, long[] path, int length) {
        int low = top - length;
        int limbShift = low >>> 6;
        int bitShift = low & 63;
        int highestDifference = -1;
        for (int limb = LIMBS - 1; limb >= 0; limb--) {
            long word = 0;
            if (limb + limbShift < LIMBS) {
                word = key[limb + limbShift] >>> bitShift;
                if (bitShift != 0 && limb + limbShift + 1 < LIMBS) {
                    word |= key[limb + limbShift + 1] << (LIMB_BITS - bitShift);
                }
            }
            if (limb * LIMB_BITS + LIMB_BITS > length) {
                int keep = length - limb * LIMB_BITS;
                word = keep <= 0 ? 0 : keep >= LIMB_BITS ? word : word & ((1L << keep) - 1);
            }
            long difference = word ^ path[limb];
            if (difference != 0) {
                highestDifference = limb * LIMB_BITS + LIMB_BITS - 1 - Long.numberOfLeadingZeros(difference);
                break;
            }
        }
        return highestDifference < 0 ? length : length - 1 - highestDifference;
    }

    /**
     * How many leading bits two keys share below bit {@code top} (they must agree on every bit from {@code top}
     * up): top minus the position of their highest differing bit, minus one.
     */
    static int commonPrefixLength(long[] first, long[] second, int top) {
        for (int limb = LIMBS - 1; limb >= 0; limb--) {
            long difference = first[limb] ^ second[limb];
            if (difference != 0) {
                int highestDifference = limb * LIMB_BITS + LIMB_BITS - 1 - Long.numberOfLeadingZeros(difference);
                return top - 1 - highestDifference;
            }
        }
        return top;
    }

    private static void keepLow(long[] value, int length) {
        for (int limb = 0; limb < LIMBS; limb++) {
            int keep = length - limb * LIMB_BITS;
            if (keep <= 0) {
                value[limb] = 0;
            } else if (keep < LIMB_BITS) {
                value[limb] &= (1L << keep) - 1;
            }
        }
    }
}
