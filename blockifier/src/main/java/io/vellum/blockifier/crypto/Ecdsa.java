package io.vellum.blockifier.crypto;

import java.math.BigInteger;
import java.util.Objects;

/**
 * ECDSA over the Stark curve, exactly as Starknet signs and checks transactions (cairo-lang
 * {@code starkware/crypto/signature/signature.py}; starknet-rs {@code starknet-crypto}).
 *
 * <h2>The scheme</h2>
 * n is the group order ({@link StarkCurve#ORDER}), G the generator, and 2^251 the bound that cairo-lang calls
 * {@code 2**N_ELEMENT_BITS_ECDSA}.
 * <ul>
 *   <li>Keys: a private key d in [1, n); the public key is Q = d·G, and the "stark key" is its x coordinate.</li>
 *   <li>Sign: k from RFC 6979 (HMAC-SHA256) over (msg_hash, d), r = x(k·G), w = k/(msg_hash + r·d) mod n,
 *       s = w^-1 mod n. The message hash must be below 2^251. If r or w is not in [1, 2^251), or
 *       msg_hash + r·d ≡ 0 (mod n), the attempt is discarded and k is drawn again with seed 1, 2, … (cairo-lang
 *       {@code sign}). Unlike textbook ECDSA, r is x(k·G) itself, not reduced mod n; for every accepted r
 *       (below 2^251 &lt; n) the two agree.</li>
 *   <li>Verify: reject unless 1 ≤ s &lt; n, 1 ≤ r &lt; 2^251, w = s^-1 mod n is in [1, 2^251) and
 *       msg_hash &lt; 2^251 ({@link Verification#OUT_OF_RANGE}); then with u1 = msg_hash·w and u2 = r·w mod n,
 *       the signature is valid when x(u1·G + u2·Q) equals r (as integers, no reduction mod n). With a stark key
 *       the y of Q is unknown, and the signature is valid if it verifies for either y, that is if r is
 *       x(u1·G + u2·Q) or x(u1·G − u2·Q).</li>
 * </ul>
 *
 * <h2>How it is fast</h2>
 * Point arithmetic runs in Jacobian coordinates on Montgomery limbs ({@link JacobianArithmetic}, {@link Fp}),
 * allocation-free inside a multiplication, with no {@link BigInteger} and no field inversion in verification.
 * <ul>
 *   <li>Full public key: R = u1·G + u2·Q in one doubling chain (about 252 doublings), u2 in width-5
 *       non-adjacent form over 8 odd multiples of Q computed per call (about 42 additions), u1 in width-14
 *       non-adjacent form over a precomputed table of 4,096 odd multiples of G (about 17 mixed additions)
 *       ({@link GeneratorTable#linearCombination}). x(R) = r is tested as X = r·Z², without inverting Z.</li>
 *   <li>k·G alone (signing, key derivation, the x-only path below) uses fixed 8-bit windows over a second
 *       precomputed table, 32 × 128 affine points: 32 mixed additions and no doublings
 *       ({@link GeneratorTable#multiply}). Signing and key derivation then pay one inversion for the affine
 *       x.</li>
 *   <li>Stark key (x only): instead of recovering y with a square root — costly for this p, whose p − 1 is
 *       divisible by 2^192: plain Tonelli–Shanks takes about a millisecond, and even the table-driven
 *       {@code SquareRoot} about as long as a fifth of a verification — the multiplication runs on an
 *       isomorphic curve where the point is known without y (so u1·G and u2·Q are computed apart, on
 *       different curves, and only their x coordinates meet). With c = x^3 + x + beta (so y^2 = c), the map
 *       (X, Y) ↦ (c·X, c^2·Y/y) sends the Stark curve to y^2 = x^3 + c^2·x + c^3·beta and Q to the point
 *       (c·x, c^2), which needs no square root; u2·Q is computed there and its x coordinate divided by c on the
 *       way back (again without inverting: the division folds into the test below). On the other curve a is
 *       c^2, not 1, so its doublings carry a·Z^4 along (modified Jacobian coordinates) to stay nearly as cheap;
 *       and u1·G, on the Stark curve, cannot share the doubling chain.
 *       Then, with A = u1·G and B = u2·Q, the x coordinates of A + B and A − B are the two roots of
 *       (x_A − x_B)^2·X^2 − 2·((x_A + x_B)(x_A·x_B + a) + 2b)·X + (x_A·x_B − a)^2 − 4b·(x_A + x_B) = 0,
 *       which depends only on x_A and x_B, so "r verifies for either y" is a single polynomial test, again
 *       with the denominators cleared instead of inverted. Whether the stark key is on the curve at all is a
 *       Legendre symbol, c^((p−1)/2) = 1, about 250 squarings: the price of a few point additions rather than
 *       of a square root. When x_A = x_B (A = ±B, never seen in practice) the test falls back to x(2A).</li>
 *   <li>Scalar arithmetic mod n (one inversion and two products per verification): products with
 *       {@link BigInteger}, well under a microsecond each; the inversion by a batched binary GCD
 *       ({@link ScalarInverse}), because {@code BigInteger.modInverse} took about 14 µs, 7% of a
 *       verification.</li>
 * </ul>
 * The point arithmetic is variable-time: it leaks timing about the scalars. That is fine for verification,
 * whose inputs are public; signing here is for tests, simulations and genesis accounts, not for keys that an
 * attacker may time.
 *
 * <h2>Failure model</h2>
 * Verification never throws for any signature, key or hash value: {@link #check} classifies, {@code verify}
 * returns true only for {@link Verification#VALID}. Signing and key derivation throw {@link EcdsaException}
 * with a {@link EcdsaException.Reason} for input outside their domain (private key not in [1, n), message hash
 * at or above 2^251, explicit nonce not in [1, n) or unusable). Null arguments throw
 * {@link NullPointerException}. The class holds no state; every method is safe to call from any thread.
 */
public final class Ecdsa {
    /**
     * Each attempt fails with a probability of about 2^-54 (r or w at or above 2^251), so a handful of retries
     * is already astronomically unlikely; the bound only keeps the loop finite.
     */
    private static final int SIGN_ATTEMPTS_MAX = 16;
    /** beta, 4·beta and 8·beta in Montgomery form. */
    private static final long[] BETA_MONTGOMERY = montgomery(StarkCurve.BETA);
    private static final long[] FOUR_BETA_MONTGOMERY = montgomery(StarkCurve.BETA.mul(Felt.of(4)));
    private static final long[] EIGHT_BETA_MONTGOMERY = montgomery(StarkCurve.BETA.mul(Felt.of(8)));

    private Ecdsa() {
    }

    // ---------------------------------------------------------------------------------------------------
    // Keys.

    /**
     * The stark key of a private key: the x coordinate of d·G. Throws {@link EcdsaException}
     * ({@code PRIVATE_KEY_OUT_OF_RANGE}) unless 1 ≤ d &lt; n.
     */
    public static Felt publicKey(Felt privateKey) {
        return publicKeyPoint(privateKey).x();
    }

    /**
     * The full public key d·G. Throws {@link EcdsaException} ({@code PRIVATE_KEY_OUT_OF_RANGE}) unless
     * 1 ≤ d &lt; n.
     */
    public static StarkPoint publicKeyPoint(Felt privateKey) {
        BigInteger d = requirePrivateKey(privateKey);
        long[] affine = multiplyGeneratorToAffine(d);
        return new StarkPoint(Felt.fromMontgomery(affine, 0), Felt.fromMontgomery(affine, 4));
    }

    // ---------------------------------------------------------------------------------------------------
    // Signing.

    /**
     * Signs a message hash with an RFC 6979 deterministic nonce, retrying with seeds 1, 2, … while the nonce
     * gives an unusable signature, as cairo-lang does; the result is identical to cairo-lang's, starknet-rs's
     * and starknet.js's. Throws {@link EcdsaException} for a private key outside [1, n)
     * ({@code PRIVATE_KEY_OUT_OF_RANGE}) or a message hash at or above 2^251 ({@code MESSAGE_HASH_OUT_OF_RANGE}).
     */
    public static Signature sign(Felt privateKey, Felt messageHash) {
        BigInteger d = requirePrivateKey(privateKey);
        BigInteger message = requireSignableMessage(messageHash);
        BigInteger seed = BigInteger.ZERO;
        for (int attempt = 0; attempt < SIGN_ATTEMPTS_MAX; attempt++) {
            BigInteger k = Rfc6979.nonce(message, d, seed);
            Signature signature = trySign(d, message, k);
            if (signature != null) {
                return signature;
            }
            seed = seed.add(BigInteger.ONE);
        }
        throw new EcdsaException(EcdsaException.Reason.NO_USABLE_NONCE,
                "no usable RFC 6979 nonce in " + SIGN_ATTEMPTS_MAX + " seeds");
    }

    /**
     * Signs with an explicit nonce k. Throws {@link EcdsaException}: {@code PRIVATE_KEY_OUT_OF_RANGE},
     * {@code MESSAGE_HASH_OUT_OF_RANGE}, {@code NONCE_OUT_OF_RANGE} (k not in [1, n)), or
     * {@code NONCE_UNUSABLE} when this k gives r or s^-1 outside [1, 2^251) (where {@link #sign} would retry).
     */
    public static Signature signWithK(Felt privateKey, Felt messageHash, BigInteger k) {
        BigInteger d = requirePrivateKey(privateKey);
        BigInteger message = requireSignableMessage(messageHash);
        Objects.requireNonNull(k, "k");
        if (!Scalars.isNonZeroBelowOrder(k)) {
            throw new EcdsaException(EcdsaException.Reason.NONCE_OUT_OF_RANGE,
                    "nonce k must be in [1, n): 0x" + k.toString(16));
        }
        Signature signature = trySign(d, message, k);
        if (signature == null) {
            throw new EcdsaException(EcdsaException.Reason.NONCE_UNUSABLE,
                    "nonce k = 0x" + k.toString(16) + " gives r or s^-1 outside [1, 2^251)");
        }
        return signature;
    }

    /**
     * The RFC 6979 nonce that {@link #sign} would use with this seed (0 for the first attempt; the seed is
     * cairo-lang's extra entropy). Defined for any felts: the private key is not range-checked here. Throws
     * {@link EcdsaException} ({@code NEGATIVE_SEED}) for a negative seed.
     */
    public static BigInteger rfc6979Nonce(Felt messageHash, Felt privateKey, BigInteger seed) {
        Objects.requireNonNull(messageHash, "messageHash");
        Objects.requireNonNull(privateKey, "privateKey");
        Objects.requireNonNull(seed, "seed");
        if (seed.signum() < 0) {
            throw new EcdsaException(EcdsaException.Reason.NEGATIVE_SEED, "negative RFC 6979 seed: " + seed);
        }
        return Rfc6979.nonce(toBigInteger(messageHash), toBigInteger(privateKey), seed);
    }

    /** The signature for nonce k in [1, n), or null if k is unusable (cairo-lang's "bad value" cases). */
    private static Signature trySign(BigInteger d, BigInteger message, BigInteger k) {
        long[] affine = multiplyGeneratorToAffine(k);
        BigInteger r = toBigInteger(Felt.fromMontgomery(affine, 0));
        if (!Scalars.isNonZeroBelowElementBound(r)) {
            return null;
        }
        BigInteger denominator = message.add(r.multiply(d)).mod(Scalars.ORDER);
        if (denominator.signum() == 0) {
            return null;
        }
        BigInteger w = k.multiply(ScalarInverse.inverse(denominator)).mod(Scalars.ORDER);
        if (!Scalars.isNonZeroBelowElementBound(w)) {
            return null;
        }
        BigInteger s = ScalarInverse.inverse(w);
        return new Signature(Felt.fromBigInteger(r), Felt.fromBigInteger(s));
    }

    // ---------------------------------------------------------------------------------------------------
    // Verification.

    /**
     * Whether the signature is valid for the stark key (x coordinate of the public key) and message hash, for
     * either of the two points with that x. False for anything {@link #check} does not call VALID.
     */
    public static boolean verify(Felt starkKey, Felt messageHash, Signature signature) {
        return check(starkKey, messageHash, signature) == Verification.VALID;
    }

    /** Whether the signature is valid for the full public key and message hash. */
    public static boolean verify(StarkPoint publicKey, Felt messageHash, Signature signature) {
        return check(publicKey, messageHash, signature) == Verification.VALID;
    }

    /**
     * Checks a signature against a stark key: VALID if it verifies for either point with that x, otherwise why
     * not (range checks first, in cairo-lang's order, then whether the key is on the curve).
     */
    public static Verification check(Felt starkKey, Felt messageHash, Signature signature) {
        Objects.requireNonNull(starkKey, "starkKey");
        long[][] scalars = verificationScalars(messageHash, signature);
        if (scalars == null) {
            return Verification.OUT_OF_RANGE;
        }
        // Buffer layout: four-limb field elements, an affine point and two Jacobian points.
        final int x = 0;
        final int c = 4;
        final int twistA = 8;
        final int twistPoint = 12; // affine, 8 longs
        final int r = 20;
        final int pointA = 24; // Jacobian, 12 longs
        final int pointB = 36; // Jacobian, 12 longs
        long[] buffer = new long[48];
        long[] t = new long[JacobianArithmetic.SCRATCH_LONGS];
        starkKey.writeMontgomery(buffer, x);
        // c = x^3 + x + beta.
        Fp.sqr(buffer, x, buffer, c);
        Fp.mul(buffer, c, buffer, x, buffer, c);
        Fp.add(buffer, c, buffer, x, buffer, c);
        Fp.add(buffer, c, BETA_MONTGOMERY, 0, buffer, c);
        if (!SquareRoot.isSquare(buffer, c)) {
            // c is not a square (c = 0 cannot happen: the group has odd order, so no point has y = 0).
            return Verification.INVALID_PUBLIC_KEY;
        }
        // On y^2 = x^3 + c^2·x + c^3·beta, the image of Q is (c·x, c^2); its coefficient a is c^2 as well.
        Fp.sqr(buffer, c, buffer, twistA);
        Fp.mul(buffer, c, buffer, x, buffer, twistPoint);
        Fp.copy(buffer, twistA, buffer, twistPoint + 4);
        signature.r().writeMontgomery(buffer, r);
        GeneratorTable.multiply(scalars[0], buffer, pointA, t);
        long[] twistCoefficient = new long[4];
        Fp.copy(buffer, twistA, twistCoefficient, 0);
        JacobianArithmetic.multiply(buffer, twistPoint, scalars[1], twistCoefficient, buffer, pointB, t);
        // Back on the Stark curve, x_B = X_B / (c·Z_B^2): scale the denominator by c.
        boolean valid = eitherSumHasX(buffer, pointA, buffer, pointB, buffer, c, buffer, r);
        return valid ? Verification.VALID : Verification.INVALID;
    }

    /** Checks a signature against a full public key: VALID, or why not (OUT_OF_RANGE or INVALID). */
    public static Verification check(StarkPoint publicKey, Felt messageHash, Signature signature) {
        Objects.requireNonNull(publicKey, "publicKey");
        long[][] scalars = verificationScalars(messageHash, signature);
        if (scalars == null) {
            return Verification.OUT_OF_RANGE;
        }
        final int q = 0; // affine, 8 longs
        final int r = 8;
        final int pointA = 12;
        long[] buffer = new long[24];
        long[] t = new long[JacobianArithmetic.SCRATCH_LONGS];
        publicKey.writeMontgomery(buffer, q);
        signature.r().writeMontgomery(buffer, r);
        GeneratorTable.linearCombination(scalars[0], buffer, q, scalars[1], buffer, pointA, t);
        if (JacobianArithmetic.isInfinity(buffer, pointA)) {
            return Verification.INVALID;
        }
        return JacobianArithmetic.hasX(buffer, pointA, buffer, r, t) ? Verification.VALID : Verification.INVALID;
    }

    /**
     * The range checks of cairo-lang's verify, then u1 = msg_hash·w and u2 = r·w mod n as limbs; null if a value
     * is out of range.
     */
    private static long[][] verificationScalars(Felt messageHash, Signature signature) {
        Objects.requireNonNull(messageHash, "messageHash");
        Objects.requireNonNull(signature, "signature");
        BigInteger s = toBigInteger(signature.s());
        if (!Scalars.isNonZeroBelowOrder(s)) {
            return null;
        }
        Felt r = signature.r();
        if (r.isZero() || !r.fitsBits(251)) {
            return null;
        }
        BigInteger w = ScalarInverse.inverse(s);
        if (!Scalars.isNonZeroBelowElementBound(w)) {
            return null;
        }
        if (!messageHash.fitsBits(251)) {
            return null;
        }
        BigInteger u1 = toBigInteger(messageHash).multiply(w).mod(Scalars.ORDER);
        BigInteger u2 = toBigInteger(r).multiply(w).mod(Scalars.ORDER);
        return new long[][] {Scalars.limbs(u1), Scalars.limbs(u2)};
    }

    /**
     * Whether r is the x coordinate of A + B or of A − B, for Jacobian points A = (X_A, Y_A, Z_A) on the Stark
     * curve and B whose Stark-curve x is X_B / (c·Z_B^2) (B computed on the isomorphic curve); c and r are
     * Montgomery elements. Only x_A and x_B are used, through the quadratic whose roots are x(A ± B), with every
     * fraction cleared: with x_A = u1/d1 and x_B = u2/d2 the test multiplies through by (d1·d2)^2.
     */
    static boolean eitherSumHasX(long[] pa, int pao, long[] pb, int pbo, long[] cv, int co, long[] rv, int ro) {
        final int u1 = 0;
        final int d1 = 4;
        final int u2 = 8;
        final int d2 = 12;
        final int e = 16;
        final int f = 20;
        final int g = 24;
        final int h = 28;
        final int t0 = 32;
        final int t1 = 36;
        final int t2 = 40;
        long[] t = new long[44];
        boolean aInfinite = JacobianArithmetic.isInfinity(pa, pao);
        boolean bInfinite = JacobianArithmetic.isInfinity(pb, pbo);
        if (aInfinite && bInfinite) {
            return false;
        }
        Fp.copy(pa, pao, t, u1);
        Fp.sqr(pa, pao + 8, t, d1);
        Fp.copy(pb, pbo, t, u2);
        Fp.sqr(pb, pbo + 8, t, d2);
        Fp.mul(t, d2, cv, co, t, d2);
        if (aInfinite) {
            // A + B = B and A − B = −B: x_B = r?
            Fp.mul(rv, ro, t, d2, t, t0);
            return Fp.equal(t, t0, t, u2);
        }
        if (bInfinite) {
            Fp.mul(rv, ro, t, d1, t, t0);
            return Fp.equal(t, t0, t, u1);
        }
        // e = u1·d2 − u2·d1 = (x_A − x_B)·d1·d2;  f = u1·d2 + u2·d1 = (x_A + x_B)·d1·d2.
        Fp.mul(t, u1, t, d2, t, t0);
        Fp.mul(t, u2, t, d1, t, t1);
        Fp.sub(t, t0, t, t1, t, e);
        Fp.add(t, t0, t, t1, t, f);
        if (Fp.isZero(t, e)) {
            return doubleHasX(t, u1, d1, rv, ro);
        }
        // g = d1·d2, h = u1·u2.
        Fp.mul(t, d1, t, d2, t, g);
        Fp.mul(t, u1, t, u2, t, h);
        // Leading term e^2·r^2 = (e·r)^2.
        Fp.mul(t, e, rv, ro, t, t0);
        Fp.sqr(t, t0, t, t0);
        // Middle term r·(2·f·(h + a·g) + 4·beta·g^2), a = 1.
        Fp.add(t, h, t, g, t, t1);
        Fp.mul(t, t1, t, f, t, t1);
        Fp.add(t, t1, t, t1, t, t1);
        Fp.sqr(t, g, t, t2);
        Fp.mul(t, t2, FOUR_BETA_MONTGOMERY, 0, t, t2);
        Fp.add(t, t1, t, t2, t, t1);
        Fp.mul(t, t1, rv, ro, t, t1);
        Fp.sub(t, t0, t, t1, t, t0);
        // Constant term (h − a·g)^2 − 4·beta·f·g.
        Fp.sub(t, h, t, g, t, t1);
        Fp.sqr(t, t1, t, t1);
        Fp.add(t, t0, t, t1, t, t0);
        Fp.mul(t, f, t, g, t, t1);
        Fp.mul(t, t1, FOUR_BETA_MONTGOMERY, 0, t, t1);
        Fp.sub(t, t0, t, t1, t, t0);
        return Fp.isZero(t, t0);
    }

    /**
     * Whether r = x(2A) for x_A = u/d: x(2A) = ((x^2 − a)^2 − 8·beta·x) / (4·(x^3 + a·x + beta)), cleared to
     * r·4·d·(u^3 + a·u·d^2 + beta·d^3) = (u^2 − a·d^2)^2 − 8·beta·u·d^3.
     */
    private static boolean doubleHasX(long[] t, int u, int d, long[] rv, int ro) {
        long[] w = new long[24];
        final int uu = 0;
        final int dd = 4;
        final int ddd = 8;
        final int numerator = 12;
        final int denominator = 16;
        final int scratch = 20;
        Fp.sqr(t, u, w, uu);
        Fp.sqr(t, d, w, dd);
        Fp.mul(w, dd, t, d, w, ddd);
        Fp.sub(w, uu, w, dd, w, numerator);
        Fp.sqr(w, numerator, w, numerator);
        Fp.mul(t, u, w, ddd, w, scratch);
        Fp.mul(w, scratch, EIGHT_BETA_MONTGOMERY, 0, w, scratch);
        Fp.sub(w, numerator, w, scratch, w, numerator);
        // u^3 + u·d^2 + beta·d^3 = u·(u^2 + d^2) + beta·d^3.
        Fp.add(w, uu, w, dd, w, denominator);
        Fp.mul(w, denominator, t, u, w, denominator);
        Fp.mul(w, ddd, BETA_MONTGOMERY, 0, w, scratch);
        Fp.add(w, denominator, w, scratch, w, denominator);
        Fp.mul(w, denominator, t, d, w, denominator);
        Fp.add(w, denominator, w, denominator, w, denominator);
        Fp.add(w, denominator, w, denominator, w, denominator);
        Fp.mul(w, denominator, rv, ro, w, denominator);
        return Fp.equal(w, denominator, w, numerator);
    }

    // ---------------------------------------------------------------------------------------------------

    /** k·G in affine Montgomery limbs (x then y), for 1 ≤ k &lt; n. */
    private static long[] multiplyGeneratorToAffine(BigInteger k) {
        long[] t = new long[JacobianArithmetic.SCRATCH_LONGS];
        long[] point = new long[JacobianArithmetic.JACOBIAN_LONGS];
        GeneratorTable.multiply(Scalars.limbs(k), point, 0, t);
        if (JacobianArithmetic.isInfinity(point, 0)) {
            throw new AssertionError("k·G at infinity for k in [1, n): 0x" + k.toString(16));
        }
        long[] affine = new long[JacobianArithmetic.AFFINE_LONGS];
        JacobianArithmetic.toAffine(point, 0, affine, 0, t);
        return affine;
    }

    private static BigInteger requirePrivateKey(Felt privateKey) {
        Objects.requireNonNull(privateKey, "privateKey");
        BigInteger d = toBigInteger(privateKey);
        if (!Scalars.isNonZeroBelowOrder(d)) {
            throw new EcdsaException(EcdsaException.Reason.PRIVATE_KEY_OUT_OF_RANGE,
                    "private key must be in [1, n), n = 0x" + Scalars.ORDER.toString(16));
        }
        return d;
    }

    private static BigInteger requireSignableMessage(Felt messageHash) {
        Objects.requireNonNull(messageHash, "messageHash");
        if (!messageHash.fitsBits(251)) {
            throw new EcdsaException(EcdsaException.Reason.MESSAGE_HASH_OUT_OF_RANGE,
                    "message hash must be below 2^251 to be signed: " + messageHash.toHex());
        }
        return toBigInteger(messageHash);
    }

    /** The felt's value; faster than {@link Felt#toBigInteger()}, which goes through strings. */
    static BigInteger toBigInteger(Felt felt) {
        return new BigInteger(1, felt.toBytes());
    }

    private static long[] montgomery(Felt value) {
        long[] out = new long[4];
        value.writeMontgomery(out, 0);
        return out;
    }
}
