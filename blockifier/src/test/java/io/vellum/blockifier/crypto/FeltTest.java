package io.vellum.blockifier.crypto;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigInteger;
import org.junit.jupiter.api.Test;

/** Conversions, encodings and the typed errors for bad input. */
class FeltTest {
    private static final BigInteger P = new BigInteger(
            "800000000000011000000000000000000000000000000000000000000000001", 16);

    @Test
    void modulusIsTheStarkPrime() {
        assertThat(Felt.MODULUS).isEqualTo(P);
        assertThat(Felt.MAX.toBigInteger()).isEqualTo(P.subtract(BigInteger.ONE));
        assertThat(Felt.MAX.add(Felt.ONE)).isEqualTo(Felt.ZERO);
    }

    @Test
    void hexRoundTripsAndPrintsLikeStarknet() {
        assertThat(Felt.ZERO.toHex()).isEqualTo("0x0");
        assertThat(Felt.of(255).toHex()).isEqualTo("0xff");
        assertThat(Felt.fromHex("0x00ff")).isEqualTo(Felt.of(255));
        assertThat(Felt.fromHex("FF")).isEqualTo(Felt.of(255));
        assertThat(Felt.fromHex("0XaB")).isEqualTo(Felt.of(0xab));
        assertThat(Felt.MAX.toHex()).isEqualTo("0x800000000000011000000000000000000000000000000000000000000000000");
        assertThat(Felt.of(1).toPaddedHex()).isEqualTo("0x" + "0".repeat(63) + "1");
        assertThat(Felt.fromHex("0x" + "0".repeat(64))).isEqualTo(Felt.ZERO);
    }

    @Test
    void badHexIsATypedError() {
        assertReason(() -> Felt.fromHex(""), FeltException.Reason.EMPTY);
        assertReason(() -> Felt.fromHex("0x"), FeltException.Reason.EMPTY);
        assertReason(() -> Felt.fromHex(null), FeltException.Reason.EMPTY);
        assertReason(() -> Felt.fromHex("0xg1"), FeltException.Reason.NOT_HEX);
        assertReason(() -> Felt.fromHex("0x-1"), FeltException.Reason.NOT_HEX);
        assertReason(() -> Felt.fromHex(" 0x1"), FeltException.Reason.NOT_HEX);
        assertReason(() -> Felt.fromHex("0x١"), FeltException.Reason.NOT_HEX); // Arabic-Indic digit one
        assertReason(() -> Felt.fromHex("0x" + "1".repeat(65)), FeltException.Reason.TOO_LONG);
        // p itself and anything above must not wrap around to a small value.
        assertReason(() -> Felt.fromHex("0x800000000000011000000000000000000000000000000000000000000000001"),
                FeltException.Reason.OUT_OF_RANGE);
        assertReason(() -> Felt.fromHex("0x" + "f".repeat(64)), FeltException.Reason.OUT_OF_RANGE);
    }

    @Test
    void badNumbersAreTypedErrors() {
        assertReason(() -> Felt.of(-1), FeltException.Reason.NEGATIVE);
        assertReason(() -> Felt.fromBigInteger(BigInteger.valueOf(-5)), FeltException.Reason.NEGATIVE);
        assertReason(() -> Felt.fromBigInteger(P), FeltException.Reason.OUT_OF_RANGE);
        assertReason(() -> Felt.fromBytes(new byte[0]), FeltException.Reason.EMPTY);
        assertReason(() -> Felt.fromBytes(new byte[33]), FeltException.Reason.TOO_LONG);
        byte[] allOnes = new byte[32];
        java.util.Arrays.fill(allOnes, (byte) 0xff);
        assertReason(() -> Felt.fromBytes(allOnes), FeltException.Reason.OUT_OF_RANGE);
        assertReason(() -> Felt.ZERO.inverse(), FeltException.Reason.DIVISION_BY_ZERO);
        assertReason(() -> Felt.ONE.div(Felt.ZERO), FeltException.Reason.DIVISION_BY_ZERO);
        assertReason(() -> Felt.MAX.longValueExact(), FeltException.Reason.OUT_OF_RANGE);
        assertReason(() -> Felt.ofUnsigned(-1L).longValueExact(), FeltException.Reason.OUT_OF_RANGE);
    }

    @Test
    void reduceIsTheOnlyWrappingConversion() {
        assertThat(Felt.reduce(P)).isEqualTo(Felt.ZERO);
        assertThat(Felt.reduce(P.add(BigInteger.TEN))).isEqualTo(Felt.of(10));
        assertThat(Felt.reduce(BigInteger.valueOf(-1))).isEqualTo(Felt.MAX);
    }

    @Test
    void bytesAreBigEndianAndFixedWidth() {
        Felt value = Felt.fromHex("0x0102");
        byte[] bytes = value.toBytes();
        assertThat(bytes).hasSize(32);
        assertThat(bytes[30]).isEqualTo((byte) 1);
        assertThat(bytes[31]).isEqualTo((byte) 2);
        assertThat(Felt.fromBytes(bytes)).isEqualTo(value);
        assertThat(Felt.fromBytes(new byte[] {1, 2})).isEqualTo(value);
        assertThat(Felt.fromBytes(Felt.MAX.toBytes())).isEqualTo(Felt.MAX);
    }

    @Test
    void shortStringsRejectWhatDoesNotFit() {
        assertThat(Felt.fromShortString("")).isEqualTo(Felt.ZERO);
        assertThat(Felt.fromShortString("SN_MAIN")).isEqualTo(Felt.fromHex("0x534e5f4d41494e"));
        assertReason(() -> Felt.fromShortString("a".repeat(32)), FeltException.Reason.TOO_LONG);
        assertReason(() -> Felt.fromShortString("é"), FeltException.Reason.NOT_ASCII);
        assertReason(() -> Felt.MAX.toShortString(), FeltException.Reason.TOO_LONG);
        assertReason(() -> Felt.fromHex("0x80").toShortString(), FeltException.Reason.NOT_ASCII);
    }

    @Test
    void sqrtFindsRootsAndRejectsNonResidues() {
        assertThat(Felt.of(4).sqrt()).contains(Felt.TWO);
        assertThat(Felt.ZERO.sqrt()).contains(Felt.ZERO);
        // 3 generates the multiplicative group, so it is not a square.
        assertThat(Felt.of(3).sqrt()).isEmpty();
        assertThat(Felt.MAX.sqrt().map(Felt::square)).contains(Felt.MAX); // -1 is a square since p = 1 mod 4
    }

    @Test
    void bitsAndComparison() {
        assertThat(Felt.ZERO.bitLength()).isZero();
        assertThat(Felt.MAX.bitLength()).isEqualTo(252);
        assertThat(Felt.of(5).testBit(0)).isTrue();
        assertThat(Felt.of(5).testBit(1)).isFalse();
        assertThat(Felt.MAX.testBit(251)).isTrue();
        assertThat(Felt.ofUnsigned(-1L)).isGreaterThan(Felt.of(Long.MAX_VALUE));
        assertThat(Felt.MAX).isGreaterThan(Felt.ofUnsigned(-1L));
        assertThat(Felt.of(7).intValueExact()).isEqualTo(7);
    }

    private static void assertReason(Runnable call, FeltException.Reason reason) {
        assertThatThrownBy(call::run)
                .isInstanceOfSatisfying(FeltException.class, e -> assertThat(e.reason()).isEqualTo(reason));
    }
}
