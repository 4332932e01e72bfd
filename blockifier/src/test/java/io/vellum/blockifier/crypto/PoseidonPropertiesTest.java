package io.vellum.blockifier.crypto;

import static org.assertj.core.api.Assertions.assertThat;

import io.vellum.blockifier.testing.Samples;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Poseidon against its definitions: a textbook Hades permutation written here in {@link BigInteger} (all three
 * round constants added in every round, constants derived here from SHA-256 as cairo-lang does, no folding), and
 * the hash functions against the sponge built on {@link Poseidon#permute}.
 */
class PoseidonPropertiesTest {
    private static final BigInteger P = Felt.MODULUS;
    private static final BigInteger[] TEXTBOOK_CONSTANTS = textbookConstants();

    static Stream<Arguments> triples() {
        return Samples.stream("poseidon-triples", 60,
                r -> Arguments.of(Samples.felt(r), Samples.felt(r), Samples.felt(r)));
    }

    static Stream<List<Felt>> lists() {
        return Samples.stream("poseidon-lists", 60, r -> {
            int size = r.nextInt(12);
            List<Felt> values = new ArrayList<>(size);
            for (int i = 0; i < size; i++) {
                values.add(Samples.felt(r));
            }
            return values;
        });
    }

    @ParameterizedTest
    @MethodSource("triples")
    void permutationMatchesTheTextbookDefinition(Felt a, Felt b, Felt c) {
        BigInteger[] expected = textbookHades(a.toBigInteger(), b.toBigInteger(), c.toBigInteger());
        Felt[] actual = Poseidon.permute(a, b, c);
        assertThat(actual).hasSize(3);
        for (int i = 0; i < 3; i++) {
            assertThat(actual[i].toBigInteger()).as("element %d", i).isEqualTo(expected[i]);
        }
    }

    @ParameterizedTest
    @MethodSource("triples")
    void hashAndHashSingleAreThePermutationWithTheirCapacityElement(Felt a, Felt b, Felt ignored) {
        assertThat(Poseidon.hash(a, b)).isEqualTo(Poseidon.permute(a, b, Felt.TWO)[0]);
        assertThat(Poseidon.hashSingle(a)).isEqualTo(Poseidon.permute(a, Felt.ZERO, Felt.ONE)[0]);
    }

    @ParameterizedTest
    @MethodSource("lists")
    void hashManyIsTheSpongeOverThePaddedInput(List<Felt> values) {
        List<Felt> padded = new ArrayList<>(values);
        padded.add(Felt.ONE);
        if (padded.size() % 2 == 1) {
            padded.add(Felt.ZERO);
        }
        Felt[] state = {Felt.ZERO, Felt.ZERO, Felt.ZERO};
        for (int i = 0; i < padded.size(); i += 2) {
            state = Poseidon.permute(state[0].add(padded.get(i)), state[1].add(padded.get(i + 1)), state[2]);
        }
        assertThat(Poseidon.hashMany(values)).isEqualTo(state[0]);
        assertThat(Poseidon.hashMany(values.toArray(new Felt[0]))).isEqualTo(state[0]);
    }

    @ParameterizedTest
    @MethodSource("triples")
    void hashManyOfTwoIsNotHashOfTwoButTheSpongeOfThree(Felt a, Felt b, Felt ignored) {
        // hashMany pads [a, b] to [a, b, 1, 0]: two permutations, unlike hash(a, b).
        Felt[] first = Poseidon.permute(a, b, Felt.ZERO);
        Felt expected = Poseidon.permute(first[0].add(Felt.ONE), first[1], first[2])[0];
        assertThat(Poseidon.hashMany(a, b)).isEqualTo(expected);
    }

    // ---------------------------------------------------------------------------------------------------

    private static BigInteger[] textbookHades(BigInteger s0, BigInteger s1, BigInteger s2) {
        BigInteger[] state = {s0, s1, s2};
        int rounds = 8 + 83;
        for (int round = 0; round < rounds; round++) {
            boolean full = round < 4 || round >= 4 + 83;
            for (int i = 0; i < 3; i++) {
                state[i] = state[i].add(TEXTBOOK_CONSTANTS[3 * round + i]).mod(P);
            }
            for (int i = 0; i < 3; i++) {
                if (full || i == 2) {
                    state[i] = state[i].modPow(BigInteger.valueOf(3), P);
                }
            }
            BigInteger[][] mds = {
                {BigInteger.valueOf(3), BigInteger.ONE, BigInteger.ONE},
                {BigInteger.ONE, BigInteger.valueOf(-1), BigInteger.ONE},
                {BigInteger.ONE, BigInteger.ONE, BigInteger.valueOf(-2)}};
            BigInteger[] next = new BigInteger[3];
            for (int row = 0; row < 3; row++) {
                BigInteger sum = BigInteger.ZERO;
                for (int column = 0; column < 3; column++) {
                    sum = sum.add(mds[row][column].multiply(state[column]));
                }
                next[row] = sum.mod(P);
            }
            state = next;
        }
        return state;
    }

    private static BigInteger[] textbookConstants() {
        try {
            MessageDigest sha256 = MessageDigest.getInstance("SHA-256");
            BigInteger[] constants = new BigInteger[3 * (8 + 83)];
            for (int i = 0; i < constants.length; i++) {
                byte[] digest = sha256.digest(("Hades" + i).getBytes(StandardCharsets.US_ASCII));
                constants[i] = new BigInteger(1, digest).mod(P);
            }
            return constants;
        } catch (NoSuchAlgorithmException e) {
            throw new AssertionError(e);
        }
    }
}
