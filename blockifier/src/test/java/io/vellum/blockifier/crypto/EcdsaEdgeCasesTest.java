package io.vellum.blockifier.crypto;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.vellum.blockifier.crypto.AffineReference.Point;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * Bad input gives typed errors, out-of-range signatures give {@link Verification#OUT_OF_RANGE}, and the rare
 * branches of verification (u1 = 0, u1·G = ±u2·Q) give the textbook answer, computed on the reference.
 */
class EcdsaEdgeCasesTest {
    private static final BigInteger N = AffineReference.N;
    private static final BigInteger BOUND = BigInteger.ONE.shiftLeft(251);
    private static final Felt KEY = Felt.fromHex("0x3c1e9550e66958296d11b60f8e8e7a7ad990d07fa65d5f7652c4a6c87d4e3cc");
    private static final Felt MESSAGE = Felt.fromHex("0x1234");

    // ---------------------------------------------------------------------------------------------------
    // Typed errors.

    @Test
    void privateKeyOutsideOneToNIsRefused() {
        for (Felt key : List.of(Felt.ZERO, Felt.fromBigInteger(N), Felt.fromBigInteger(N.add(BigInteger.ONE)),
                Felt.MAX)) {
            assertReason(() -> Ecdsa.publicKey(key), EcdsaException.Reason.PRIVATE_KEY_OUT_OF_RANGE);
            assertReason(() -> Ecdsa.publicKeyPoint(key), EcdsaException.Reason.PRIVATE_KEY_OUT_OF_RANGE);
            assertReason(() -> Ecdsa.sign(key, MESSAGE), EcdsaException.Reason.PRIVATE_KEY_OUT_OF_RANGE);
            assertReason(() -> Ecdsa.signWithK(key, MESSAGE, BigInteger.TEN),
                    EcdsaException.Reason.PRIVATE_KEY_OUT_OF_RANGE);
        }
        assertThat(Ecdsa.publicKey(Felt.fromBigInteger(N.subtract(BigInteger.ONE))))
                .isEqualTo(StarkCurve.GENERATOR.x());
    }

    @Test
    void messageHashAtOrAbove2To251CannotBeSigned() {
        for (Felt message : List.of(Felt.fromBigInteger(BOUND), Felt.fromBigInteger(N), Felt.MAX)) {
            assertReason(() -> Ecdsa.sign(KEY, message), EcdsaException.Reason.MESSAGE_HASH_OUT_OF_RANGE);
            assertReason(() -> Ecdsa.signWithK(KEY, message, BigInteger.TEN),
                    EcdsaException.Reason.MESSAGE_HASH_OUT_OF_RANGE);
        }
        Signature largest = Ecdsa.sign(KEY, Felt.fromBigInteger(BOUND.subtract(BigInteger.ONE)));
        assertThat(Ecdsa.verify(Ecdsa.publicKey(KEY), Felt.fromBigInteger(BOUND.subtract(BigInteger.ONE)), largest))
                .isTrue();
    }

    @Test
    void nonceOutsideOneToNIsRefused() {
        for (BigInteger k : List.of(BigInteger.ZERO, N, N.add(BigInteger.ONE), BigInteger.ONE.negate(),
                BigInteger.ONE.shiftLeft(300))) {
            assertReason(() -> Ecdsa.signWithK(KEY, MESSAGE, k), EcdsaException.Reason.NONCE_OUT_OF_RANGE);
        }
    }

    /** A nonce for which msg_hash + r·d ≡ 0 (mod n) has no s: cairo-lang draws another, signWithK refuses it. */
    @Test
    void nonceThatMakesTheDenominatorZeroIsUnusable() {
        BigInteger d = KEY.toBigInteger();
        BigInteger k = BigInteger.valueOf(12345);
        BigInteger r = AffineReference.STARK.multiply(k, AffineReference.G).x();
        BigInteger message = r.multiply(d).negate().mod(N);
        assertThat(message).isLessThan(BOUND);
        assertReason(() -> Ecdsa.signWithK(KEY, Felt.fromBigInteger(message), k),
                EcdsaException.Reason.NONCE_UNUSABLE);
        // sign() itself never fails on it: its RFC 6979 nonce is another one.
        Signature signature = Ecdsa.sign(KEY, Felt.fromBigInteger(message));
        assertThat(Ecdsa.verify(Ecdsa.publicKey(KEY), Felt.fromBigInteger(message), signature)).isTrue();
    }

    @Test
    void negativeSeedIsRefused() {
        assertReason(() -> Ecdsa.rfc6979Nonce(MESSAGE, KEY, BigInteger.ONE.negate()),
                EcdsaException.Reason.NEGATIVE_SEED);
        // Seed 0 adds no entropy, like cairo-lang's seed=None.
        BigInteger first = Ecdsa.rfc6979Nonce(MESSAGE, KEY, BigInteger.ZERO);
        assertThat(Ecdsa.rfc6979Nonce(MESSAGE, KEY, BigInteger.ONE)).isNotEqualTo(first);
        assertThat(first.signum()).isPositive();
        assertThat(first).isLessThan(N);
    }

    @Test
    void signatureListMustHoldExactlyTwoFelts() {
        for (int size : new int[] {0, 1, 3, 4}) {
            List<Felt> felts = new ArrayList<>();
            for (int i = 0; i < size; i++) {
                felts.add(Felt.of(i + 1));
            }
            assertReason(() -> Signature.fromFelts(felts), EcdsaException.Reason.MALFORMED_SIGNATURE);
        }
        assertReason(() -> Signature.fromFelts(Arrays.asList(Felt.ONE, null)),
                EcdsaException.Reason.MALFORMED_SIGNATURE);
        Signature signature = Ecdsa.sign(KEY, MESSAGE);
        assertThat(signature.toFelts()).containsExactly(signature.r(), signature.s());
        assertThat(Signature.fromFelts(signature.toFelts())).isEqualTo(signature);
        assertThatThrownBy(() -> new Signature(null, Felt.ONE)).isInstanceOf(NullPointerException.class);
    }

    @Test
    void pointsMustBeOnTheCurve() {
        StarkPoint g = StarkCurve.GENERATOR;
        assertReason(() -> new StarkPoint(g.x(), g.y().add(Felt.ONE)), EcdsaException.Reason.POINT_NOT_ON_CURVE);
        assertReason(() -> new StarkPoint(Felt.ZERO, Felt.ZERO), EcdsaException.Reason.POINT_NOT_ON_CURVE);
        assertThat(g.negate().y()).isEqualTo(g.y().neg());
        assertThat(StarkCurve.isOnCurve(g.x(), g.y().neg())).isTrue();
    }

    @Test
    void pointFromXFindsEitherPointOrNone() {
        Optional<StarkPoint> fromGenerator = StarkCurve.pointFromX(StarkCurve.GENERATOR.x());
        assertThat(fromGenerator).isPresent();
        assertThat(fromGenerator.get().y()).isIn(StarkCurve.GENERATOR.y(), StarkCurve.GENERATOR.y().neg());
        // The stark key of the invalid-public-key vector (starknet-rs) has no point.
        Felt notOnCurve = Felt.fromHex("0x3ee9bffffffffff26ffffffff60ffffffffffffffffffffffffffff004accff");
        assertThat(StarkCurve.pointFromX(notOnCurve)).isEmpty();
        for (int i = 0; i < 20; i++) {
            Felt x = Felt.of(i);
            BigInteger c = x.toBigInteger().pow(3).add(x.toBigInteger()).add(AffineReference.BETA).mod(Felt.MODULUS);
            boolean square = c.modPow(Felt.MODULUS.shiftRight(1), Felt.MODULUS).equals(BigInteger.ONE);
            assertThat(StarkCurve.pointFromX(x).isPresent()).as("x = %d", i).isEqualTo(square);
        }
    }

    @Test
    void invalidStarkKeyIsReported() {
        Felt notOnCurve = Felt.fromHex("0x3ee9bffffffffff26ffffffff60ffffffffffffffffffffffffffff004accff");
        Signature signature = Ecdsa.sign(KEY, MESSAGE);
        assertThat(Ecdsa.check(notOnCurve, MESSAGE, signature)).isEqualTo(Verification.INVALID_PUBLIC_KEY);
        assertThat(Ecdsa.verify(notOnCurve, MESSAGE, signature)).isFalse();
        // Range checks come first, as in cairo-lang.
        assertThat(Ecdsa.check(notOnCurve, MESSAGE, new Signature(Felt.ZERO, signature.s())))
                .isEqualTo(Verification.OUT_OF_RANGE);
    }

    @Test
    void outOfRangeValuesAreReportedForBothKeyForms() {
        Signature good = Ecdsa.sign(KEY, MESSAGE);
        StarkPoint publicKey = Ecdsa.publicKeyPoint(KEY);
        List<Object[]> cases = List.of(
                new Object[] {MESSAGE, new Signature(Felt.ZERO, good.s())},
                new Object[] {MESSAGE, new Signature(Felt.fromBigInteger(BOUND), good.s())},
                new Object[] {MESSAGE, new Signature(Felt.MAX, good.s())},
                new Object[] {MESSAGE, new Signature(good.r(), Felt.ZERO)},
                new Object[] {MESSAGE, new Signature(good.r(), Felt.fromBigInteger(N))},
                new Object[] {MESSAGE, new Signature(good.r(), Felt.MAX)},
                // s = n − 2 has s^-1 mod n ≈ n/2 + …: not the case; s = n − 1 has s^-1 = n − 1 ≥ 2^251.
                new Object[] {MESSAGE, new Signature(good.r(), Felt.fromBigInteger(N.subtract(BigInteger.ONE)))},
                new Object[] {Felt.fromBigInteger(BOUND), good},
                new Object[] {Felt.MAX, good});
        for (Object[] c : cases) {
            Felt message = (Felt) c[0];
            Signature signature = (Signature) c[1];
            assertThat(Ecdsa.check(publicKey.x(), message, signature)).as("%s", signature)
                    .isEqualTo(Verification.OUT_OF_RANGE);
            assertThat(Ecdsa.check(publicKey, message, signature)).as("%s", signature)
                    .isEqualTo(Verification.OUT_OF_RANGE);
            assertThat(Ecdsa.verify(publicKey, message, signature)).isFalse();
            assertThat(Ecdsa.verify(publicKey.x(), message, signature)).isFalse();
        }
    }

    @Test
    void nullArgumentsAreProgrammerErrors() {
        Signature signature = Ecdsa.sign(KEY, MESSAGE);
        assertThatThrownBy(() -> Ecdsa.verify((Felt) null, MESSAGE, signature))
                .isInstanceOf(NullPointerException.class);
        assertThatThrownBy(() -> Ecdsa.verify((StarkPoint) null, MESSAGE, signature))
                .isInstanceOf(NullPointerException.class);
        assertThatThrownBy(() -> Ecdsa.verify(KEY, null, signature)).isInstanceOf(NullPointerException.class);
        assertThatThrownBy(() -> Ecdsa.verify(KEY, MESSAGE, null)).isInstanceOf(NullPointerException.class);
        assertThatThrownBy(() -> Ecdsa.sign(null, MESSAGE)).isInstanceOf(NullPointerException.class);
    }

    // ---------------------------------------------------------------------------------------------------
    // Rare branches of verification, with expectations from the reference.

    /** Message hash 0 makes u1 = 0, so u1·G is the point at infinity. */
    @Test
    void zeroMessageHashSignsAndVerifies() {
        Signature signature = Ecdsa.sign(KEY, Felt.ZERO);
        assertThat(referenceVerifies(KEY.toBigInteger(), BigInteger.ZERO, signature, false)).isTrue();
        assertThat(Ecdsa.verify(Ecdsa.publicKeyPoint(KEY), Felt.ZERO, signature)).isTrue();
        assertThat(Ecdsa.verify(Ecdsa.publicKey(KEY), Felt.ZERO, signature)).isTrue();
        assertThat(Ecdsa.verify(Ecdsa.publicKey(KEY), Felt.ONE, signature)).isFalse();
    }

    /**
     * Signatures built so that u1·G = u2·Q (the full-key sum is a doubling, and the x-only test has
     * x_A = x_B) and so that u1·G = −u2·Q (the full-key sum is the point at infinity): with msg = ±r·d and
     * s = 2·msg/k, u1·G ± u2·Q is k·G or the point at infinity.
     */
    @Test
    void sumsThatAreDoublingsOrInfinityAreHandled() {
        BigInteger d = KEY.toBigInteger();
        StarkPoint publicKey = Ecdsa.publicKeyPoint(KEY);
        int checked = 0;
        for (long kValue = 1000; checked < 6; kValue++) {
            BigInteger k = BigInteger.valueOf(kValue);
            BigInteger r = AffineReference.STARK.multiply(k, AffineReference.G).x();
            for (int sign : new int[] {1, -1}) {
                BigInteger message = r.multiply(d).multiply(BigInteger.valueOf(sign)).mod(N);
                BigInteger s = message.shiftLeft(1).multiply(k.modInverse(N)).mod(N);
                if (message.compareTo(BOUND) >= 0 || r.compareTo(BOUND) >= 0 || s.signum() == 0
                        || s.modInverse(N).compareTo(BOUND) >= 0) {
                    continue;
                }
                Signature signature = new Signature(Felt.fromBigInteger(r), Felt.fromBigInteger(s));
                Felt messageFelt = Felt.fromBigInteger(message);
                boolean withQ = referenceVerifies(d, message, signature, false);
                boolean withMinusQ = referenceVerifies(d, message, signature, true);
                assertThat(withQ || withMinusQ).as("constructed to verify for Q or −Q").isTrue();
                assertThat(Ecdsa.verify(publicKey, messageFelt, signature)).isEqualTo(withQ);
                assertThat(Ecdsa.verify(publicKey.negate(), messageFelt, signature)).isEqualTo(withMinusQ);
                assertThat(Ecdsa.verify(publicKey.x(), messageFelt, signature)).isTrue();
                // A neighbouring r lands in the same branch and must fail.
                Signature wrong = new Signature(Felt.fromBigInteger(r.add(BigInteger.ONE)), signature.s());
                assertThat(Ecdsa.verify(publicKey.x(), messageFelt, wrong))
                        .isEqualTo(referenceVerifies(d, message, wrong, false)
                                || referenceVerifies(d, message, wrong, true));
                checked++;
            }
        }
    }

    /** x(u1·G + u2·Q) = r on the reference, with Q = d·G, or −Q when {@code negated}. */
    private static boolean referenceVerifies(BigInteger d, BigInteger message, Signature signature, boolean negated) {
        BigInteger r = signature.r().toBigInteger();
        BigInteger w = signature.s().toBigInteger().modInverse(N);
        Point q = AffineReference.STARK.multiply(d, AffineReference.G);
        if (negated) {
            q = q.negate();
        }
        Point sum = AffineReference.STARK.add(
                AffineReference.STARK.multiply(message.multiply(w).mod(N), AffineReference.G),
                AffineReference.STARK.multiply(r.multiply(w).mod(N), q));
        return !sum.isInfinity() && sum.x().equals(r);
    }

    private static void assertReason(org.assertj.core.api.ThrowableAssert.ThrowingCallable call,
            EcdsaException.Reason reason) {
        assertThatThrownBy(call).isInstanceOfSatisfying(EcdsaException.class,
                e -> assertThat(e.reason()).isEqualTo(reason));
    }
}
