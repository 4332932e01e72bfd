package io.vellum.blockifier.crypto;

import static org.assertj.core.api.Assertions.assertThat;

import io.vellum.blockifier.crypto.AffineReference.Point;
import io.vellum.blockifier.testing.Samples;
import java.math.BigInteger;
import java.util.List;
import java.util.SplittableRandom;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Properties of signing and verification over seeded samples: round trips, tamper detection, agreement of the
 * full-key and x-only verifications, and agreement with a textbook verification on the affine BigInteger
 * reference ({@link AffineReference}), which shares no code with {@link Ecdsa}.
 */
class EcdsaPropertiesTest {
    private static final BigInteger N = AffineReference.N;
    private static final BigInteger BOUND = BigInteger.ONE.shiftLeft(251);
    private static final List<BigInteger> EDGE_MESSAGES = List.of(BigInteger.ZERO, BigInteger.ONE,
            BOUND.subtract(BigInteger.ONE), BigInteger.ONE.shiftLeft(248),
            BigInteger.ONE.shiftLeft(248).subtract(BigInteger.ONE));
    private static final List<BigInteger> EDGE_KEYS = List.of(BigInteger.ONE, BigInteger.TWO,
            N.subtract(BigInteger.ONE), N.subtract(BigInteger.TWO), BOUND);

    static BigInteger privateKey(SplittableRandom random) {
        return random.nextInt(10) == 0 ? EDGE_KEYS.get(random.nextInt(EDGE_KEYS.size()))
                : Samples.bits(random, 252).mod(N.subtract(BigInteger.ONE)).add(BigInteger.ONE);
    }

    static BigInteger message(SplittableRandom random) {
        int pick = random.nextInt(10);
        if (pick == 0) {
            return EDGE_MESSAGES.get(random.nextInt(EDGE_MESSAGES.size()));
        }
        // Bit lengths from 1 to 251, so the RFC 6979 padding rule (bit length ≥ 248) is hit often.
        return Samples.bits(random, pick < 5 ? 248 + random.nextInt(4) : 1 + random.nextInt(251));
    }

    static Stream<Arguments> keysAndMessages() {
        return Samples.stream("ecdsa-keys-messages", 150,
                random -> Arguments.of(felt(privateKey(random)), felt(message(random))));
    }

    static Stream<Arguments> tampering() {
        return Samples.stream("ecdsa-tampering", 150, random -> Arguments.of(felt(privateKey(random)),
                felt(message(random)), random.nextInt(5), random.nextInt(251)));
    }

    static Stream<Arguments> arbitrarySignatures() {
        return Samples.stream("ecdsa-arbitrary", 150, random -> {
            BigInteger key = privateKey(random);
            BigInteger message = message(random);
            int kind = random.nextInt(3);
            Signature signature;
            if (kind == 0) {
                signature = Ecdsa.sign(felt(key), felt(message));
            } else if (kind == 1) {
                // A valid signature for −Q: sign with n − d, whose public key is −Q.
                signature = Ecdsa.sign(felt(N.subtract(key)), felt(message));
            } else {
                signature = new Signature(felt(Samples.bits(random, 251)), felt(Samples.bits(random, 252).mod(N)));
            }
            return Arguments.of(felt(key), felt(message), signature);
        });
    }

    static Stream<Arguments> referenceSamples() {
        return Samples.stream("ecdsa-reference", 25, random -> {
            BigInteger key = privateKey(random);
            BigInteger message = message(random);
            Signature signature = random.nextBoolean() ? Ecdsa.sign(felt(key), felt(message))
                    : new Signature(felt(Samples.bits(random, 251)), felt(Samples.bits(random, 252).mod(N)));
            return Arguments.of(key, message, signature);
        });
    }

    @ParameterizedTest
    @MethodSource("keysAndMessages")
    void signThenVerify(Felt privateKey, Felt message) {
        Signature signature = Ecdsa.sign(privateKey, message);
        StarkPoint publicKey = Ecdsa.publicKeyPoint(privateKey);
        assertThat(Ecdsa.verify(publicKey, message, signature)).isTrue();
        assertThat(Ecdsa.verify(publicKey.x(), message, signature)).isTrue();
        assertThat(Ecdsa.check(publicKey, message, signature)).isEqualTo(Verification.VALID);
        assertThat(Ecdsa.check(publicKey.x(), message, signature)).isEqualTo(Verification.VALID);
        assertThat(Ecdsa.publicKey(privateKey)).isEqualTo(publicKey.x());
        // As a full key, −Q is another key: the signature does not verify for it, except for message hash 0, where
        // u1 = 0 and u2·(−Q) = −(u2·Q) has the same x.
        assertThat(Ecdsa.verify(publicKey.negate(), message, signature)).isEqualTo(message.isZero());
        // What sign returns is what signWithK returns for the RFC 6979 nonce (seed 0 is all but always usable).
        BigInteger k = Ecdsa.rfc6979Nonce(message, privateKey, BigInteger.ZERO);
        assertThat(Ecdsa.signWithK(privateKey, message, k)).isEqualTo(signature);
        // Ranges that cairo-lang guarantees for its signatures.
        assertThat(signature.r().isZero()).isFalse();
        assertThat(signature.r().fitsBits(251)).isTrue();
        BigInteger s = signature.s().toBigInteger();
        assertThat(s.signum()).isPositive();
        assertThat(s).isLessThan(N);
        assertThat(s.modInverse(N)).isLessThan(BOUND);
    }

    @ParameterizedTest
    @MethodSource("keysAndMessages")
    void publicKeyMatchesTheReferenceAndIsOnTheCurve(Felt privateKey, Felt ignored) {
        StarkPoint publicKey = Ecdsa.publicKeyPoint(privateKey);
        assertThat(StarkCurve.isOnCurve(publicKey.x(), publicKey.y())).isTrue();
        Point expected = AffineReference.STARK.multiply(privateKey.toBigInteger(), AffineReference.G);
        assertThat(publicKey.x().toBigInteger()).isEqualTo(expected.x());
        assertThat(publicKey.y().toBigInteger()).isEqualTo(expected.y());
    }

    /**
     * Flipping one bit of r, s, the message, the stark key or the private key behind the full key makes the
     * signature fail: INVALID, or a typed outcome (out of range, not a curve point), never VALID.
     */
    @ParameterizedTest
    @MethodSource("tampering")
    void anyFlippedBitBreaksTheSignature(Felt privateKey, Felt message, int field, int bit) {
        Signature signature = Ecdsa.sign(privateKey, message);
        StarkPoint publicKey = Ecdsa.publicKeyPoint(privateKey);
        Felt r = signature.r();
        Felt s = signature.s();
        Felt starkKey = publicKey.x();
        Felt tamperedMessage = message;
        StarkPoint fullKey = publicKey;
        switch (field) {
            case 0 -> r = flip(r, bit);
            case 1 -> s = flip(s, bit);
            case 2 -> tamperedMessage = flip(message, bit);
            case 3 -> starkKey = flip(starkKey, bit);
            default -> {
                BigInteger other = privateKey.toBigInteger().flipBit(bit).mod(N);
                fullKey = Ecdsa.publicKeyPoint(felt(other.signum() == 0 ? N.subtract(BigInteger.ONE) : other));
                starkKey = fullKey.x();
            }
        }
        Signature tampered = new Signature(r, s);
        if (fullKey.equals(publicKey) && starkKey.equals(publicKey.x()) && tampered.equals(signature)
                && tamperedMessage.equals(message)) {
            throw new AssertionError("nothing was flipped");
        }
        assertThat(Ecdsa.check(starkKey, tamperedMessage, tampered)).isNotEqualTo(Verification.VALID);
        assertThat(Ecdsa.verify(starkKey, tamperedMessage, tampered)).isFalse();
        if (field != 3) {
            assertThat(Ecdsa.check(fullKey, tamperedMessage, tampered)).isNotEqualTo(Verification.VALID);
            assertThat(Ecdsa.verify(fullKey, tamperedMessage, tampered)).isFalse();
        }
    }

    /** x-only verification accepts exactly what full-key verification accepts for Q or for −Q. */
    @ParameterizedTest
    @MethodSource("arbitrarySignatures")
    void fullKeyAndStarkKeyVerificationAgree(Felt privateKey, Felt message, Signature signature) {
        StarkPoint publicKey = Ecdsa.publicKeyPoint(privateKey);
        Verification withQ = Ecdsa.check(publicKey, message, signature);
        Verification withMinusQ = Ecdsa.check(publicKey.negate(), message, signature);
        Verification xOnly = Ecdsa.check(publicKey.x(), message, signature);
        boolean eitherValid = withQ == Verification.VALID || withMinusQ == Verification.VALID;
        assertThat(xOnly == Verification.VALID).isEqualTo(eitherValid);
        if (!eitherValid) {
            assertThat(xOnly).isEqualTo(withQ);
        }
    }

    /** Verification agrees with the textbook formula x(u1·G + u2·Q) = r evaluated on the reference. */
    @ParameterizedTest
    @MethodSource("referenceSamples")
    void verificationAgreesWithTheReference(BigInteger privateKey, BigInteger message, Signature signature) {
        BigInteger r = signature.r().toBigInteger();
        BigInteger w = signature.s().toBigInteger().modInverse(N);
        Point q = AffineReference.STARK.multiply(privateKey, AffineReference.G);
        Point sum = AffineReference.STARK.add(
                AffineReference.STARK.multiply(message.multiply(w).mod(N), AffineReference.G),
                AffineReference.STARK.multiply(r.multiply(w).mod(N), q));
        boolean expected = !sum.isInfinity() && sum.x().equals(r);
        StarkPoint publicKey = new StarkPoint(felt(q.x()), felt(q.y()));
        assertThat(Ecdsa.verify(publicKey, felt(message), signature)).isEqualTo(expected);
    }

    static Felt felt(BigInteger value) {
        return Felt.fromBigInteger(value);
    }

    private static Felt flip(Felt value, int bit) {
        BigInteger flipped = value.toBigInteger().flipBit(bit);
        // A flip can only leave the field for values at or above 2^251 (s close to n): keep it in range.
        return flipped.compareTo(Felt.MODULUS) < 0 ? felt(flipped) : felt(flipped.clearBit(251));
    }
}
