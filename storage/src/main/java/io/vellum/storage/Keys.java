package io.vellum.storage;

import io.vellum.blockifier.core.ContractAddress;
import io.vellum.blockifier.core.StorageKey;
import io.vellum.blockifier.crypto.Felt;
import java.nio.charset.StandardCharsets;

/**
 * Key encodings. Numbers are fixed-width big-endian so that bytewise order is numeric order; felts are their
 * 32-byte big-endian encoding. History keys end in the bitwise complement of the block number, so that, under one
 * subject, newer blocks sort first and a forward seek to {@code subject ‖ ~N} lands on the newest entry at or
 * below block N.
 */
final class Keys {
    static final int FELT_BYTES = Felt.BYTES;
    static final int LONG_BYTES = 8;

    private Keys() {
    }

    static byte[] felt(Felt value) {
        return value.toBytes();
    }

    static byte[] contract(ContractAddress contract) {
        return contract.value().toBytes();
    }

    static byte[] storage(ContractAddress contract, StorageKey key) {
        byte[] out = new byte[2 * FELT_BYTES];
        contract.value().writeBytes(out, 0);
        key.value().writeBytes(out, FELT_BYTES);
        return out;
    }

    /** A big-endian unsigned 8-byte number: block numbers, sequences, heights. */
    static byte[] number(long value) {
        assert value >= 0 : value;
        byte[] out = new byte[LONG_BYTES];
        writeLong(out, 0, value);
        return out;
    }

    /** {@code subject ‖ ~block}: see the class comment. */
    static byte[] history(byte[] subject, long block) {
        assert block >= 0 : block;
        byte[] out = new byte[subject.length + LONG_BYTES];
        System.arraycopy(subject, 0, out, 0, subject.length);
        writeLong(out, subject.length, ~block);
        return out;
    }

    /** The block number of a history key whose subject is {@code subjectLength} bytes. */
    static long historyBlock(byte[] key, int subjectLength) {
        return ~readLong(key, subjectLength);
    }

    static byte[] meta(String name) {
        return name.getBytes(StandardCharsets.US_ASCII);
    }

    static void writeLong(byte[] target, int offset, long value) {
        for (int i = 0; i < LONG_BYTES; i++) {
            target[offset + i] = (byte) (value >>> (56 - 8 * i));
        }
    }

    static long readLong(byte[] source, int offset) {
        long value = 0;
        for (int i = 0; i < LONG_BYTES; i++) {
            value = (value << 8) | (source[offset + i] & 0xffL);
        }
        return value;
    }

    static int readInt(byte[] source, int offset) {
        return (source[offset] & 0xff) << 24 | (source[offset + 1] & 0xff) << 16 | (source[offset + 2] & 0xff) << 8
                | (source[offset + 3] & 0xff);
    }

    /** Whether {@code key} begins with the first {@code length} bytes of {@code prefix}. */
    static boolean startsWith(byte[] key, byte[] prefix, int length) {
        if (key.length < length) {
            return false;
        }
        for (int i = 0; i < length; i++) {
            if (key[i] != prefix[i]) {
                return false;
            }
        }
        return true;
    }
}
