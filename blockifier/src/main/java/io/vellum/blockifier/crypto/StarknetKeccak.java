package io.vellum.blockifier.crypto;

import org.bouncycastle.crypto.digests.KeccakDigest;

/**
 * starknet_keccak: Keccak-256 of the bytes, keeping the low 250 bits, so the result is always a felt.
 *
 * <p>This is Keccak-256 with the original Keccak padding (as in Ethereum), not the standardised SHA3-256 whose
 * padding differs; Bouncy Castle's {@link KeccakDigest} provides it.
 */
public final class StarknetKeccak {
    private static final int DIGEST_BITS = 256;
    private static final int DIGEST_BYTES = DIGEST_BITS / 8;
    /** 256 − 250 = 6 top bits are cleared, which leaves the 2 low bits of the first (most significant) byte. */
    private static final int FIRST_BYTE_MASK = 0x03;

    private StarknetKeccak() {
    }

    /** keccak256(data) mod 2^250. */
    public static Felt hash(byte[] data) {
        if (data == null) {
            throw new HashInputException(HashInputException.Reason.MISSING, "no data to hash (null byte array)");
        }
        KeccakDigest digest = new KeccakDigest(DIGEST_BITS);
        digest.update(data, 0, data.length);
        byte[] out = new byte[DIGEST_BYTES];
        digest.doFinal(out, 0);
        out[0] &= FIRST_BYTE_MASK;
        return Felt.fromBytes(out);
    }
}
