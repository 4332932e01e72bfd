package io.vellum.blockifier.crypto;

import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.List;
import java.util.Objects;

/**
 * Starknet's Poseidon hash: the Hades permutation over the Stark field with width 3 (rate 2, capacity 1),
 * 8 full rounds (4 before and 4 after) around 83 partial rounds, the S-box x ↦ x^3 and the MDS matrix
 * [[3, 1, 1], [1, -1, 1], [1, 1, -2]].
 *
 * <h2>Definitions</h2>
 * <ul>
 *   <li>{@code hash(x, y) = hades(x, y, 2)[0]}, {@code hashSingle(x) = hades(x, 0, 1)[0]};</li>
 *   <li>{@code hashMany(v_1..v_n)}: append 1, pad with 0 to an even length, then from the state (0, 0, 0)
 *       absorb two values at a time by field-adding them into the first two state elements and permuting;
 *       the result is the first state element.</li>
 * </ul>
 *
 * <h2>Where the constants come from</h2>
 * The parameters are those of StarkWare's {@code poseidon3.txt} (github.com/starkware-industries/poseidon).
 * Round constant number {@code i} (0 ≤ i &lt; 273, three per round, round-major) is
 * {@code SHA-256("Hades" + i)} read as a big-endian integer, reduced modulo p: the generator documented in
 * cairo-lang's {@code src/starkware/cairo/common/poseidon_utils.py} ({@code generate_round_constant}). They are
 * derived here once, at class initialisation, rather than pasted in as 273 numbers.
 *
 * <h2>Design of the hot path</h2>
 * A permutation does 214 field products but about 900 additions (constants and mixing), so additions matter as
 * much as products. The state therefore lives in {@link Radix52}'s representation: five 52-bit limbs per
 * element in Montgomery form, where an addition is five plain {@code long} additions and values may exceed p
 * between reductions. The MDS matrix has tiny entries, so mixing costs additions only: with
 * t = s0 + s1 + s2 the new state is (t + 2·s0, t − 2·s1, t − 3·s2), computed limb-wise with multiples of p added
 * so that no value goes negative, then each element is weakly reduced back to (0, 2p]. That invariant (every
 * element in (0, 2p] after each round) keeps every input of the cube below 5p, inside {@link Radix52}'s bounds.
 * A permutation allocates nothing beyond its 20-limb state buffer.
 *
 * <p>Partial rounds cube only the last element, so two of their three round constants commute with the
 * S-box and can be pushed through the (linear) mixing layer into the next round's constants. This is the
 * "optimized partial rounds" constant folding of the Poseidon paper (Grassi et al., ePrint 2019/458,
 * appendix B) in its simplest form: only the round keys are moved, not the matrix. Concretely, with a carried
 * vector e (initially 0) and original constants c_r, each partial round uses k = e + c_r, adds only k_2
 * before the S-box, and carries e' = M·(k_0, k_1, 0) forward; the last carry joins the constants of the first
 * closing full round. This removes 166 of the 273 constant additions and gives bit-identical results, which
 * the tests check against a textbook permutation as well as the public vectors.
 */
public final class Poseidon {
    /** State width (rate 2 + capacity 1). */
    static final int WIDTH = 3;
    static final int FULL_ROUNDS = 8;
    static final int PARTIAL_ROUNDS = 83;
    static final int ROUNDS = FULL_ROUNDS + PARTIAL_ROUNDS;

    /** The name hashed, with the constant's index, into each round constant (cairo-lang poseidon_utils.py). */
    static final String ROUND_CONSTANT_SEED = "Hades";

    /**
     * Full-round constants in {@link Radix52} Montgomery form, 3 elements (15 limbs) per full round, in round
     * order. The fifth full round (the first after the partial rounds) also holds the carry of the partial rounds.
     */
    private static final long[] FULL_ROUND_CONSTANTS;
    /** One constant per partial round, in {@link Radix52} Montgomery form (5 limbs each), for the last element. */
    private static final long[] PARTIAL_ROUND_CONSTANTS;
    /** 1 and 2 in {@link Radix52} Montgomery form, for the capacity element and the padding. */
    private static final long[] ONE = Radix52.montgomeryOf(BigInteger.ONE);
    private static final long[] TWO = Radix52.montgomeryOf(BigInteger.TWO);

    /** Limbs of one element, of the state (3 elements) plus one scratch element for cubing. */
    private static final int ELEMENT = Radix52.LIMBS;
    static final int STATE_LIMBS = 4 * ELEMENT;
    private static final int FIRST = 0;
    private static final int SECOND = ELEMENT;
    private static final int THIRD = 2 * ELEMENT;
    private static final int SCRATCH = 3 * ELEMENT;

    /** 2p and 4p as radix-2^52 limbs (not normalised, exact), added in mixing so no element goes negative. */
    private static final long TWICE_MODULUS_LIMB_0 = 2;
    private static final long TWICE_MODULUS_LIMB_3 = 2 * Radix52.MODULUS_LIMB_3;
    private static final long TWICE_MODULUS_LIMB_4 = 2 * Radix52.MODULUS_LIMB_4;

    static {
        BigInteger[][] original = roundConstants();
        BigInteger p = Fp.MODULUS;
        BigInteger[][] full = new BigInteger[FULL_ROUNDS][];
        BigInteger[] partial = new BigInteger[PARTIAL_ROUNDS];
        int half = FULL_ROUNDS / 2;
        for (int round = 0; round < half; round++) {
            full[round] = original[round];
        }
        BigInteger[] carry = {BigInteger.ZERO, BigInteger.ZERO, BigInteger.ZERO};
        for (int i = 0; i < PARTIAL_ROUNDS; i++) {
            BigInteger[] constant = original[half + i];
            BigInteger k0 = carry[0].add(constant[0]).mod(p);
            BigInteger k1 = carry[1].add(constant[1]).mod(p);
            partial[i] = carry[2].add(constant[2]).mod(p);
            carry = mix(k0, k1, BigInteger.ZERO);
        }
        BigInteger[] firstClosing = original[half + PARTIAL_ROUNDS];
        full[half] = new BigInteger[] {
            firstClosing[0].add(carry[0]).mod(p),
            firstClosing[1].add(carry[1]).mod(p),
            firstClosing[2].add(carry[2]).mod(p)};
        for (int round = half + 1; round < FULL_ROUNDS; round++) {
            full[round] = original[PARTIAL_ROUNDS + round];
        }
        FULL_ROUND_CONSTANTS = new long[FULL_ROUNDS * WIDTH * ELEMENT];
        for (int round = 0; round < FULL_ROUNDS; round++) {
            for (int i = 0; i < WIDTH; i++) {
                System.arraycopy(Radix52.montgomeryOf(full[round][i]), 0, FULL_ROUND_CONSTANTS,
                        (round * WIDTH + i) * ELEMENT, ELEMENT);
            }
        }
        PARTIAL_ROUND_CONSTANTS = new long[PARTIAL_ROUNDS * ELEMENT];
        for (int i = 0; i < PARTIAL_ROUNDS; i++) {
            System.arraycopy(Radix52.montgomeryOf(partial[i]), 0, PARTIAL_ROUND_CONSTANTS, i * ELEMENT, ELEMENT);
        }
    }

    private Poseidon() {
    }

    /** Poseidon of two elements: the first element of {@code hades(x, y, 2)}. */
    public static Felt hash(Felt x, Felt y) {
        Objects.requireNonNull(x, "x");
        Objects.requireNonNull(y, "y");
        long[] state = new long[STATE_LIMBS];
        Radix52.fromFelt(x, state, FIRST);
        Radix52.fromFelt(y, state, SECOND);
        System.arraycopy(TWO, 0, state, THIRD, ELEMENT);
        hades(state);
        return Radix52.toFelt(state, FIRST);
    }

    /** Poseidon of one element: the first element of {@code hades(x, 0, 1)}. */
    public static Felt hashSingle(Felt x) {
        Objects.requireNonNull(x, "x");
        long[] state = new long[STATE_LIMBS];
        Radix52.fromFelt(x, state, FIRST);
        System.arraycopy(ONE, 0, state, THIRD, ELEMENT);
        hades(state);
        return Radix52.toFelt(state, FIRST);
    }

    /** The Poseidon sponge over any number of elements (see the class comment for the padding). */
    public static Felt hashMany(Felt... values) {
        Objects.requireNonNull(values, "values");
        return hashMany(List.of(values));
    }

    /** The Poseidon sponge over any number of elements (see the class comment for the padding). */
    public static Felt hashMany(List<Felt> values) {
        Objects.requireNonNull(values, "values");
        long[] state = new long[STATE_LIMBS];
        // Whole pairs first; then the last block is (v, 1) for an odd count or (1, 0) for an even one. Absorbing
        // adds an element below 2p to one in (0, 2p]: below 4p, within what a round accepts. (An iterator, so that
        // any list is read in one pass.)
        boolean pending = false;
        for (Felt value : values) {
            absorb(value, state, pending ? SECOND : FIRST);
            if (pending) {
                hades(state);
            }
            pending = !pending;
        }
        addInto(state, pending ? SECOND : FIRST, ONE, 0);
        hades(state);
        return Radix52.toFelt(state, FIRST);
    }

    /** The full Hades permutation of (s0, s1, s2): all three output elements. */
    public static Felt[] permute(Felt s0, Felt s1, Felt s2) {
        Objects.requireNonNull(s0, "s0");
        Objects.requireNonNull(s1, "s1");
        Objects.requireNonNull(s2, "s2");
        long[] state = new long[STATE_LIMBS];
        Radix52.fromFelt(s0, state, FIRST);
        Radix52.fromFelt(s1, state, SECOND);
        Radix52.fromFelt(s2, state, THIRD);
        hades(state);
        return new Felt[] {
            Radix52.toFelt(state, FIRST), Radix52.toFelt(state, SECOND), Radix52.toFelt(state, THIRD)};
    }

    // ---------------------------------------------------------------------------------------------------
    // The permutation on radix-2^52 Montgomery limbs.

    private static void absorb(Felt value, long[] state, int offset) {
        Objects.requireNonNull(value, "a value to hash is null");
        long[] input = new long[ELEMENT];
        Radix52.fromFelt(value, input, 0);
        addInto(state, offset, input, 0);
    }

    /** state[offset] += addend[at], limb by limb (no reduction: the caller keeps the bounds). */
    private static void addInto(long[] state, int offset, long[] addend, int at) {
        state[offset] += addend[at];
        state[offset + 1] += addend[at + 1];
        state[offset + 2] += addend[at + 2];
        state[offset + 3] += addend[at + 3];
        state[offset + 4] += addend[at + 4];
    }

    /**
     * The Hades permutation, in place, on three elements at offsets 0, 5 and 10 of a buffer of
     * {@link #STATE_LIMBS} limbs (the rest is scratch). Each element must be in [0, 4p) with limbs below 2^54 in
     * magnitude; on return each is in (0, 2p].
     */
    static void hades(long[] state) {
        int half = FULL_ROUNDS / 2;
        for (int round = 0; round < half; round++) {
            fullRound(state, round);
        }
        for (int round = 0; round < PARTIAL_ROUNDS; round++) {
            addInto(state, THIRD, PARTIAL_ROUND_CONSTANTS, round * ELEMENT);
            cube(state, THIRD);
            mix(state);
        }
        for (int round = half; round < FULL_ROUNDS; round++) {
            fullRound(state, round);
        }
    }

    private static void fullRound(long[] state, int round) {
        int constants = round * WIDTH * ELEMENT;
        addInto(state, FIRST, FULL_ROUND_CONSTANTS, constants);
        addInto(state, SECOND, FULL_ROUND_CONSTANTS, constants + ELEMENT);
        addInto(state, THIRD, FULL_ROUND_CONSTANTS, constants + 2 * ELEMENT);
        cube(state, FIRST);
        cube(state, SECOND);
        cube(state, THIRD);
        mix(state);
    }

    /** state[offset] = state[offset]^3 (input below 5p, output below 2p). */
    private static void cube(long[] state, int offset) {
        Radix52.sqr(state, offset, state, SCRATCH);
        Radix52.mul(state, SCRATCH, state, offset, state, offset);
    }

    /**
     * Multiplies the state by the MDS matrix [[3, 1, 1], [1, -1, 1], [1, 1, -2]] and weakly reduces it. With
     * every element in [0, 2p) on entry: 3·s0 + s1 + s2 &lt; 10p, s0 − s1 + s2 + 2p ∈ (0, 6p) and
     * s0 + s1 − 2·s2 + 4p ∈ (0, 8p), all below 2^256 with limbs below 2^57, as {@link Radix52#weakReduce} needs.
     */
    private static void mix(long[] state) {
        long first0 = state[FIRST];
        long second0 = state[SECOND];
        long third0 = state[THIRD];
        long first1 = state[FIRST + 1];
        long second1 = state[SECOND + 1];
        long third1 = state[THIRD + 1];
        long first2 = state[FIRST + 2];
        long second2 = state[SECOND + 2];
        long third2 = state[THIRD + 2];
        long first3 = state[FIRST + 3];
        long second3 = state[SECOND + 3];
        long third3 = state[THIRD + 3];
        long first4 = state[FIRST + 4];
        long second4 = state[SECOND + 4];
        long third4 = state[THIRD + 4];
        long sum0 = first0 + second0 + third0;
        long sum1 = first1 + second1 + third1;
        long sum2 = first2 + second2 + third2;
        long sum3 = first3 + second3 + third3;
        long sum4 = first4 + second4 + third4;
        weakReduce(state, FIRST,
                sum0 + (first0 << 1),
                sum1 + (first1 << 1),
                sum2 + (first2 << 1),
                sum3 + (first3 << 1),
                sum4 + (first4 << 1));
        weakReduce(state, SECOND,
                sum0 - (second0 << 1) + TWICE_MODULUS_LIMB_0,
                sum1 - (second1 << 1),
                sum2 - (second2 << 1),
                sum3 - (second3 << 1) + TWICE_MODULUS_LIMB_3,
                sum4 - (second4 << 1) + TWICE_MODULUS_LIMB_4);
        weakReduce(state, THIRD,
                sum0 - 3 * third0 + (TWICE_MODULUS_LIMB_0 << 1),
                sum1 - 3 * third1,
                sum2 - 3 * third2,
                sum3 - 3 * third3 + (TWICE_MODULUS_LIMB_3 << 1),
                sum4 - 3 * third4 + (TWICE_MODULUS_LIMB_4 << 1));
    }

    /**
     * Writes at {@code offset} a value equal modulo p to the one given by its five limbs (in [0, 2^256), limbs
     * below 2^58 in magnitude), in (0, 2p]: {@link Radix52#weakReduce} on values held in registers.
     */
    private static void weakReduce(long[] state, int offset, long x0, long x1, long x2, long x3, long x4) {
        x1 += x0 >> 52;
        x2 += x1 >> 52;
        x3 += x2 >> 52;
        x4 += x3 >> 52;
        long quotientMinusOne = (x4 >> 43) - 1;
        state[offset] = (x0 & Radix52.LIMB_MASK) - quotientMinusOne;
        state[offset + 1] = x1 & Radix52.LIMB_MASK;
        state[offset + 2] = x2 & Radix52.LIMB_MASK;
        state[offset + 3] = (x3 & Radix52.LIMB_MASK) - quotientMinusOne * Radix52.MODULUS_LIMB_3;
        state[offset + 4] = x4 - (quotientMinusOne << 43);
    }

    // ---------------------------------------------------------------------------------------------------
    // Constants, computed once.

    /** The original round constants, [round][element], as cairo-lang generates them. */
    static BigInteger[][] roundConstants() {
        MessageDigest sha256;
        try {
            sha256 = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java platform must provide SHA-256", e);
        }
        BigInteger[][] constants = new BigInteger[ROUNDS][WIDTH];
        for (int index = 0; index < ROUNDS * WIDTH; index++) {
            byte[] digest = sha256.digest((ROUND_CONSTANT_SEED + index).getBytes(StandardCharsets.US_ASCII));
            constants[index / WIDTH][index % WIDTH] = new BigInteger(1, digest).mod(Fp.MODULUS);
        }
        return constants;
    }

    private static BigInteger[] mix(BigInteger s0, BigInteger s1, BigInteger s2) {
        BigInteger sum = s0.add(s1).add(s2);
        BigInteger p = Fp.MODULUS;
        return new BigInteger[] {
            sum.add(s0.shiftLeft(1)).mod(p),
            sum.subtract(s1.shiftLeft(1)).mod(p),
            sum.subtract(s2.multiply(BigInteger.valueOf(3))).mod(p)};
    }

}
