package io.vellum.blockifier.crypto;

import static org.assertj.core.api.Assertions.assertThat;

import io.vellum.blockifier.testing.Samples;
import java.math.BigInteger;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Field laws, and agreement with {@link BigInteger} arithmetic modulo p as an independent oracle, over seeded
 * samples that favour the edges (0, 1, p - 1, limb boundaries) as well as uniform values.
 */
class FeltPropertiesTest {
    private static final BigInteger P = Felt.MODULUS;

    static Stream<Arguments> triples() {
        return Samples.stream("felt-triples", 1000,
                r -> Arguments.of(Samples.felt(r), Samples.felt(r), Samples.felt(r)));
    }

    static Stream<Felt> singles() {
        return Samples.stream("felt-singles", 300, Samples::felt);
    }

    @ParameterizedTest
    @MethodSource("triples")
    void agreesWithBigIntegerArithmetic(Felt a, Felt b, Felt ignored) {
        BigInteger x = a.toBigInteger();
        BigInteger y = b.toBigInteger();
        assertThat(a.add(b).toBigInteger()).isEqualTo(x.add(y).mod(P));
        assertThat(a.sub(b).toBigInteger()).isEqualTo(x.subtract(y).mod(P));
        assertThat(a.mul(b).toBigInteger()).isEqualTo(x.multiply(y).mod(P));
        assertThat(a.neg().toBigInteger()).isEqualTo(x.negate().mod(P));
        assertThat(Integer.signum(a.compareTo(b))).isEqualTo(x.compareTo(y));
    }

    @ParameterizedTest
    @MethodSource("triples")
    void additionIsACommutativeGroup(Felt a, Felt b, Felt c) {
        assertThat(a.add(b)).isEqualTo(b.add(a));
        assertThat(a.add(b).add(c)).isEqualTo(a.add(b.add(c)));
        assertThat(a.add(Felt.ZERO)).isEqualTo(a);
        assertThat(a.add(a.neg())).isEqualTo(Felt.ZERO);
        assertThat(a.sub(b)).isEqualTo(a.add(b.neg()));
    }

    @ParameterizedTest
    @MethodSource("triples")
    void multiplicationIsACommutativeMonoidThatDistributes(Felt a, Felt b, Felt c) {
        assertThat(a.mul(b)).isEqualTo(b.mul(a));
        assertThat(a.mul(b).mul(c)).isEqualTo(a.mul(b.mul(c)));
        assertThat(a.mul(Felt.ONE)).isEqualTo(a);
        assertThat(a.mul(Felt.ZERO)).isEqualTo(Felt.ZERO);
        assertThat(a.mul(b.add(c))).isEqualTo(a.mul(b).add(a.mul(c)));
    }

    @ParameterizedTest
    @MethodSource("singles")
    void everyNonZeroElementHasAnInverse(Felt a) {
        if (a.isZero()) {
            return;
        }
        assertThat(a.mul(a.inverse())).isEqualTo(Felt.ONE);
        assertThat(Felt.of(12345).div(a).mul(a)).isEqualTo(Felt.of(12345));
        assertThat(a.inverse().toBigInteger()).isEqualTo(a.toBigInteger().modInverse(P));
    }

    @ParameterizedTest
    @MethodSource("singles")
    void powAgreesWithRepeatedMultiplicationAndFermat(Felt a) {
        assertThat(a.pow(0)).isEqualTo(Felt.ONE);
        assertThat(a.pow(3)).isEqualTo(a.mul(a).mul(a));
        if (!a.isZero()) {
            assertThat(a.pow(P.subtract(BigInteger.ONE))).isEqualTo(Felt.ONE);
        }
    }

    @ParameterizedTest
    @MethodSource("singles")
    void squaresHaveRootsAndRootsSquareBack(Felt a) {
        Felt square = a.square();
        assertThat(square.sqrt()).hasValueSatisfying(root -> {
            assertThat(root.square()).isEqualTo(square);
            assertThat(root).isIn(a, a.neg());
        });
        // Exactly one of a and 3a is a square when a != 0 (3 is a non-residue).
        if (!a.isZero()) {
            assertThat(a.isSquare()).isNotEqualTo(a.mul(Felt.of(3)).isSquare());
        }
    }

    @ParameterizedTest
    @MethodSource("singles")
    void encodingsRoundTrip(Felt a) {
        assertThat(Felt.fromHex(a.toHex())).isEqualTo(a);
        assertThat(Felt.fromHex(a.toPaddedHex())).isEqualTo(a);
        assertThat(Felt.fromBytes(a.toBytes())).isEqualTo(a);
        assertThat(Felt.fromBigInteger(a.toBigInteger())).isEqualTo(a);
        assertThat(a.toHex()).isEqualTo("0x" + a.toBigInteger().toString(16));
        assertThat(a.bitLength()).isEqualTo(a.toBigInteger().bitLength());
    }
}
