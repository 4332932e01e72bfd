package io.vellum.storage;

import io.vellum.blockifier.commitment.BinaryNode;
import io.vellum.blockifier.commitment.EdgeNode;
import io.vellum.blockifier.commitment.TrieNode;
import io.vellum.blockifier.core.ClassHash;
import io.vellum.blockifier.core.ContractAddress;
import io.vellum.blockifier.core.StorageKey;
import io.vellum.blockifier.crypto.Felt;
import java.math.BigInteger;
import java.util.Random;

/** Seeded random values for tests. */
final class TestValues {
    private TestValues() {
    }

    /** A uniformly random felt below 2^251 (so it is a valid address, key or class hash as well). */
    static Felt felt251(Random random) {
        byte[] bytes = new byte[32];
        random.nextBytes(bytes);
        bytes[0] &= 0x07;
        return Felt.fromBytes(bytes);
    }

    /** A felt of random byte length (1 to 32 significant bytes, below 2^251), or zero. */
    static Felt anyLength(Random random) {
        int length = random.nextInt(33);
        if (length == 0) {
            return Felt.ZERO;
        }
        byte[] bytes = new byte[length];
        random.nextBytes(bytes);
        if (length == 32) {
            bytes[0] &= 0x07;
        }
        return Felt.fromBytes(bytes);
    }

    static ContractAddress address(Random random) {
        return new ContractAddress(felt251(random));
    }

    static StorageKey storageKey(Random random) {
        return new StorageKey(felt251(random));
    }

    static ClassHash classHash(Random random) {
        return new ClassHash(felt251(random));
    }

    static byte[] bytes(Random random, int length) {
        byte[] out = new byte[length];
        random.nextBytes(out);
        return out;
    }

    /** A random binary or edge node, edges of every length from 1 to 251. */
    static TrieNode node(Random random) {
        if (random.nextBoolean()) {
            return new BinaryNode(felt251(random), felt251(random));
        }
        int length = 1 + random.nextInt(251);
        BigInteger path = new BigInteger(length, random);
        return new EdgeNode(felt251(random), Felt.fromBigInteger(path), length);
    }
}
