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
 * The state lives in a flat {@code long[]} in Montgomery form ({@link Fp}), so a permutation allocates
 * nothing and multiplies with one Montgomery product per field product; every constant is stored in
 * Montgomery form. The MDS matrix has tiny entries, so mixing costs additions only:
 * with t = s0 + s1 + s2 the new state is (t + 2·s0, t − 2·s1, t − 3·s2).
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
     * Full-round constants in Montgomery form, 3 elements (12 limbs) per full round, in round order. The
     * fifth full round (the first after the partial rounds) also holds the carry of the partial rounds.
     */
    private static final long[] FULL_ROUND_CONSTANTS;
    /** One constant per partial round, in Montgomery form (4 limbs each), added to the last element. */
    private static final long[] PARTIAL_ROUND_CONSTANTS;
    /** 1 and 2 in Montgomery form, for the domain-separating capacity element and the padding. */
    private static final long[] ONE_MONTGOMERY = Fp.ONE_MONTGOMERY.clone();
    private static final long[] TWO_MONTGOMERY = new long[4];

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
        FULL_ROUND_CONSTANTS = new long[FULL_ROUNDS * WIDTH * 4];
        for (int round = 0; round < FULL_ROUNDS; round++) {
            for (int i = 0; i < WIDTH; i++) {
                writeMontgomery(full[round][i], FULL_ROUND_CONSTANTS, (round * WIDTH + i) * 4);
            }
        }
        PARTIAL_ROUND_CONSTANTS = new long[PARTIAL_ROUNDS * 4];
        for (int i = 0; i < PARTIAL_ROUNDS; i++) {
            writeMontgomery(partial[i], PARTIAL_ROUND_CONSTANTS, i * 4);
        }
        writeMontgomery(BigInteger.TWO, TWO_MONTGOMERY, 0);
    }

    private Poseidon() {
    }

    /** Poseidon of two elements: the first element of {@code hades(x, y, 2)}. */
    public static Felt hash(Felt x, Felt y) {
        Objects.requireNonNull(x, "x");
        Objects.requireNonNull(y, "y");
        long[] state = new long[STATE_LIMBS];
        x.writeMontgomery(state, 0);
        y.writeMontgomery(state, 4);
        Fp.copy(TWO_MONTGOMERY, 0, state, 8);
        hades(state);
        return Felt.fromMontgomery(state, 0);
    }

    /** Poseidon of one element: the first element of {@code hades(x, 0, 1)}. */
    public static Felt hashSingle(Felt x) {
        Objects.requireNonNull(x, "x");
        long[] state = new long[STATE_LIMBS];
        x.writeMontgomery(state, 0);
        Fp.copy(ONE_MONTGOMERY, 0, state, 8);
        hades(state);
        return Felt.fromMontgomery(state, 0);
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
        long[] input = new long[4];
        int count = values.size();
        int index = 0;
        // Whole pairs first; then the last block is (v, 1) for an odd count or (1, 0) for an even one.
        for (; index + 1 < count; index += 2) {
            absorb(values.get(index), state, 0, input);
            absorb(values.get(index + 1), state, 4, input);
            hades(state);
        }
        if (index < count) {
            absorb(values.get(index), state, 0, input);
            Fp.add(state, 4, ONE_MONTGOMERY, 0, state, 4);
        } else {
            Fp.add(state, 0, ONE_MONTGOMERY, 0, state, 0);
        }
        hades(state);
        return Felt.fromMontgomery(state, 0);
    }

    /** The full Hades permutation of (s0, s1, s2): all three output elements. */
    public static Felt[] permute(Felt s0, Felt s1, Felt s2) {
        Objects.requireNonNull(s0, "s0");
        Objects.requireNonNull(s1, "s1");
        Objects.requireNonNull(s2, "s2");
        long[] state = new long[STATE_LIMBS];
        s0.writeMontgomery(state, 0);
        s1.writeMontgomery(state, 4);
        s2.writeMontgomery(state, 8);
        hades(state);
        return new Felt[] {
            Felt.fromMontgomery(state, 0), Felt.fromMontgomery(state, 4), Felt.fromMontgomery(state, 8)};
    }

    // ---------------------------------------------------------------------------------------------------
    // The permutation on Montgomery limbs.

    /** Limbs of the state (3 elements) plus two scratch elements used while mixing and cubing. */
    static final int STATE_LIMBS = 20;
    private static final int SCRATCH_SUM = 12;
    private static final int SCRATCH_TEMPORARY = 16;

    private static void absorb(Felt value, long[] state, int offset, long[] input) {
        Objects.requireNonNull(value, "a value to hash is null");
        value.writeMontgomery(input, 0);
        Fp.add(state, offset, input, 0, state, offset);
    }

    /**
     * The Hades permutation, in place, on a state of three Montgomery elements at offsets 0, 4 and 8 of a
     * buffer of {@link #STATE_LIMBS} limbs (the rest is scratch).
     */
    static void hades(long[] state) {
        int half = FULL_ROUNDS / 2;
        for (int round = 0; round < half; round++) {
            fullRound(state, round);
        }
        for (int round = 0; round < PARTIAL_ROUNDS; round++) {
            Fp.add(state, 8, PARTIAL_ROUND_CONSTANTS, round * 4, state, 8);
            cube(state, 8);
            mix(state);
        }
        for (int round = half; round < FULL_ROUNDS; round++) {
            fullRound(state, round);
        }
    }

    private static void fullRound(long[] state, int round) {
        int constants = round * WIDTH * 4;
        Fp.add(state, 0, FULL_ROUND_CONSTANTS, constants, state, 0);
        Fp.add(state, 4, FULL_ROUND_CONSTANTS, constants + 4, state, 4);
        Fp.add(state, 8, FULL_ROUND_CONSTANTS, constants + 8, state, 8);
        cube(state, 0);
        cube(state, 4);
        cube(state, 8);
        mix(state);
    }

    /** state[offset] = state[offset]^3. */
    private static void cube(long[] state, int offset) {
        Fp.sqr(state, offset, state, SCRATCH_TEMPORARY);
        Fp.mul(state, SCRATCH_TEMPORARY, state, offset, state, offset);
    }

    /** Multiplies the state by the MDS matrix [[3, 1, 1], [1, -1, 1], [1, 1, -2]], with additions only. */
    private static void mix(long[] state) {
        // t = s0 + s1 + s2; s0' = t + 2·s0; s1' = t − 2·s1; s2' = t − 3·s2.
        Fp.add(state, 0, state, 4, state, SCRATCH_SUM);
        Fp.add(state, SCRATCH_SUM, state, 8, state, SCRATCH_SUM);
        Fp.dbl(state, 0, state, SCRATCH_TEMPORARY);
        Fp.add(state, SCRATCH_SUM, state, SCRATCH_TEMPORARY, state, 0);
        Fp.dbl(state, 4, state, SCRATCH_TEMPORARY);
        Fp.sub(state, SCRATCH_SUM, state, SCRATCH_TEMPORARY, state, 4);
        Fp.dbl(state, 8, state, SCRATCH_TEMPORARY);
        Fp.add(state, SCRATCH_TEMPORARY, state, 8, state, SCRATCH_TEMPORARY);
        Fp.sub(state, SCRATCH_SUM, state, SCRATCH_TEMPORARY, state, 8);
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

    private static void writeMontgomery(BigInteger value, long[] target, int offset) {
        long[] limbs = Fp.limbsOf(value);
        Fp.toMontgomery(limbs, 0, target, offset);
    }
}
