package io.vellum.blockifier.crypto;

import static org.assertj.core.api.Assertions.assertThat;

import io.vellum.blockifier.testing.Samples;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The safegcd inverse ({@link Fp#inverse}, {@link FieldInverse}) against {@link BigInteger#modInverse} and
 * against Fermat ({@link Fp#inverseByFermat}), on Montgomery limbs. The samples are the raw limbs themselves
 * (the value the algorithm works on), uniform and at the edges: 1, 2, p − 1, p − 2, powers of two, values
 * near the limb boundaries and near 2^251, and values with long runs of zero or one bits, which take the most
 * divsteps or the longest runs of halvings.
 */
class FieldInversePropertiesTest {
    private static final BigInteger P = Fp.MODULUS;
    private static final BigInteger R = BigInteger.ONE.shiftLeft(256);

    static Stream<BigInteger> rawLimbs() {
        List<BigInteger> edges = new ArrayList<>();
        for (long small = 1; small <= 64; small++) {
            edges.add(BigInteger.valueOf(small));
            edges.add(P.subtract(BigInteger.valueOf(small)));
        }
        for (int bit = 0; bit < 252; bit++) {
            BigInteger power = BigInteger.ONE.shiftLeft(bit);
            if (power.compareTo(P) < 0) {
                edges.add(power);
                edges.add(power.subtract(BigInteger.ONE).max(BigInteger.ONE));
                edges.add(P.subtract(power));
            }
        }
        edges.add(P.shiftRight(1));
        edges.add(P.shiftRight(1).add(BigInteger.ONE));
        edges.add(R.mod(P));
        edges.add(R.multiply(R).mod(P));
        Stream<BigInteger> random = Samples.stream("field-inverse", 3000, r -> {
            BigInteger value = Samples.uniformFelt(r).toBigInteger();
            return value.signum() == 0 ? BigInteger.ONE : value;
        });
        return Stream.concat(edges.stream(), random);
    }

    @ParameterizedTest
    @MethodSource("rawLimbs")
    void agreesWithModInverseAndWithFermat(BigInteger raw) {
        long[] a = Fp.limbsOf(raw);
        long[] inverse = new long[4];
        Fp.inverse(a, 0, inverse, 0);
        // Montgomery in and out: raw = x·R, so the result must be x^-1·R = R^2·raw^-1.
        BigInteger expected = R.multiply(R).multiply(raw.modInverse(P)).mod(P);
        assertThat(Fp.toBigInteger(inverse, 0)).isEqualTo(expected);
        long[] fermat = new long[4];
        Fp.inverseByFermat(a, 0, fermat, 0);
        assertThat(fermat).containsExactly(inverse);
        long[] product = new long[4];
        Fp.mul(a, 0, inverse, 0, product, 0);
        assertThat(product).containsExactly(Fp.ONE_MONTGOMERY);
    }

    @Test
    void zeroGivesZeroAsFermatDid() {
        long[] zero = new long[4];
        long[] out = {1, 2, 3, 4};
        Fp.inverse(zero, 0, out, 0);
        assertThat(out).containsExactly(0, 0, 0, 0);
    }

    @Test
    void outputMayAliasTheInput() {
        BigInteger raw = new BigInteger("3d937c035c878245caf64531a5756109c53068da139362728feb561405371cb", 16);
        long[] buffer = new long[8];
        System.arraycopy(Fp.limbsOf(raw), 0, buffer, 4, 4);
        Fp.inverse(buffer, 4, buffer, 4);
        assertThat(Fp.toBigInteger(buffer, 4)).isEqualTo(R.multiply(R).multiply(raw.modInverse(P)).mod(P));
    }
}
