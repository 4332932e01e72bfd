package io.vellum.blockifier.crypto;

import java.math.BigInteger;
import java.security.GeneralSecurityException;
import java.util.Arrays;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Deterministic ECDSA nonces (RFC 6979, section 3.2, HMAC-SHA256) exactly as cairo-lang's
 * {@code generate_k_rfc6979} computes them through the python-ecdsa library, including its two quirks:
 *
 * <ul>
 *   <li>The message is the hash's minimal big-endian bytes (no leading zero bytes; none at all for 0), and
 *       bits2int truncates them to qlen = 252 bits, the bit length of n. A 32-byte message is shifted right by
 *       4 bits. To keep hashes of 249..252 bits intact, cairo-lang first multiplies a hash by 16 when its bit
 *       length is at least 248 and its bit length mod 8 is in 1..4 (compatibility with elliptic.js).</li>
 *   <li>The extra entropy ("seed") is the seed's minimal big-endian bytes; seed 0 adds none, like no seed.</li>
 * </ul>
 * The private key is encoded on 32 bytes. HMAC comes from the JDK ({@code javax.crypto.Mac}).
 */
final class Rfc6979 {
    private static final int ORDER_BITS = Scalars.ORDER.bitLength();
    private static final int ORDER_BYTES = (ORDER_BITS + 7) / 8;
    private static final String HMAC = "HmacSHA256";
    /**
     * A candidate is 252 random bits and n is just above 2^251, so about half the candidates are rejected; 128
     * rejections in a row (probability 2^-128) would mean a broken HMAC.
     */
    private static final int CANDIDATES_MAX = 128;

    private Rfc6979() {
    }

    /** The nonce k in [1, n) for a message hash, private key and seed (0 for none). */
    static BigInteger nonce(BigInteger messageHash, BigInteger privateKey, BigInteger seed) {
        BigInteger message = messageHash;
        int bits = message.bitLength();
        if (bits >= 248 && bits % 8 >= 1 && bits % 8 <= 4) {
            message = message.shiftLeft(4);
        }
        byte[] messageOctets = toOctets(reduceBelowOrder(bitsToInteger(minimalBytes(message))));
        byte[] keyOctets = toOctets(privateKey);
        byte[] entropy = minimalBytes(seed);

        Mac mac = newMac();
        byte[] v = new byte[32];
        Arrays.fill(v, (byte) 0x01);
        byte[] k = new byte[32];
        k = hmac(mac, k, v, new byte[] {0x00}, keyOctets, messageOctets, entropy);
        v = hmac(mac, k, v);
        k = hmac(mac, k, v, new byte[] {0x01}, keyOctets, messageOctets, entropy);
        v = hmac(mac, k, v);
        for (int candidate = 0; candidate < CANDIDATES_MAX; candidate++) {
            // One HMAC output (32 bytes) already covers the 32 bytes of n.
            v = hmac(mac, k, v);
            BigInteger secret = bitsToInteger(v);
            if (Scalars.isNonZeroBelowOrder(secret)) {
                return secret;
            }
            k = hmac(mac, k, v, new byte[] {0x00});
            v = hmac(mac, k, v);
        }
        throw new EcdsaException(EcdsaException.Reason.NO_USABLE_NONCE,
                "RFC 6979 produced no nonce below n in " + CANDIDATES_MAX + " candidates");
    }

    /** bits2int: the big-endian value of the bytes, keeping only its leftmost qlen bits. */
    private static BigInteger bitsToInteger(byte[] bytes) {
        BigInteger value = new BigInteger(1, bytes);
        int length = bytes.length * 8;
        return length > ORDER_BITS ? value.shiftRight(length - ORDER_BITS) : value;
    }

    private static BigInteger reduceBelowOrder(BigInteger value) {
        return value.compareTo(Scalars.ORDER) >= 0 ? value.subtract(Scalars.ORDER) : value;
    }

    /** int2octets: big-endian on exactly ORDER_BYTES bytes (the value is below 2^256). */
    private static byte[] toOctets(BigInteger value) {
        byte[] minimal = minimalBytes(value);
        if (minimal.length > ORDER_BYTES) {
            throw new AssertionError("value does not fit " + ORDER_BYTES + " bytes: " + value);
        }
        byte[] out = new byte[ORDER_BYTES];
        System.arraycopy(minimal, 0, out, ORDER_BYTES - minimal.length, minimal.length);
        return out;
    }

    /** Big-endian bytes without leading zeros (and without a sign byte); empty for 0. */
    private static byte[] minimalBytes(BigInteger value) {
        if (value.signum() == 0) {
            return new byte[0];
        }
        byte[] bytes = value.toByteArray();
        return bytes[0] == 0 ? Arrays.copyOfRange(bytes, 1, bytes.length) : bytes;
    }

    private static Mac newMac() {
        try {
            return Mac.getInstance(HMAC);
        } catch (GeneralSecurityException e) {
            // Every Java SE platform must provide HmacSHA256.
            throw new IllegalStateException("HmacSHA256 unavailable", e);
        }
    }

    /** HMAC-SHA256 under {@code key} of the concatenated parts, reusing one (per-call, unshared) Mac. */
    private static byte[] hmac(Mac mac, byte[] key, byte[]... parts) {
        try {
            mac.init(new SecretKeySpec(key, HMAC));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 rejected a 32-byte key", e);
        }
        for (byte[] part : parts) {
            mac.update(part);
        }
        return mac.doFinal();
    }
}
