package io.vellum.storage;

import io.vellum.blockifier.crypto.Felt;
import io.vellum.blockifier.crypto.FeltException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * A reader over a checked value's payload. Every read is bounds-checked; a payload that is too short, too long or
 * holds an invalid felt is reported as a {@link CorruptionException} naming the column family and the key — the
 * checksum passed, so the bytes are what was written, and the writer or the format is at fault.
 */
final class Payload {
    private final ColumnFamily columnFamily;
    private final byte[] key;
    private final byte[] value;
    private int position;
    private final int end;

    Payload(ColumnFamily columnFamily, byte[] key, byte[] value, int position, int end) {
        this.columnFamily = columnFamily;
        this.key = key;
        this.value = value;
        this.position = position;
        this.end = end;
    }

    CorruptionException corrupt(String detail) {
        return new CorruptionException(columnFamily.columnFamilyName, key, detail);
    }

    private void need(int bytes) {
        if (bytes < 0 || end - position < bytes) {
            throw corrupt("payload ends early: need " + bytes + " bytes at offset " + position + ", have "
                    + (end - position));
        }
    }

    int remaining() {
        return end - position;
    }

    int u8() {
        need(1);
        return value[position++] & 0xff;
    }

    int u32() {
        need(4);
        int result = 0;
        for (int i = 0; i < 4; i++) {
            result = (result << 8) | (value[position++] & 0xff);
        }
        return result;
    }

    long u64() {
        need(8);
        long result = Keys.readLong(value, position);
        position += 8;
        return result;
    }

    /** A count that must be in [0, max]. */
    int count(int max) {
        int count = u32();
        if (count < 0 || count > max) {
            throw corrupt("count " + Integer.toUnsignedString(count) + " is above its limit " + max);
        }
        return count;
    }

    Felt felt() {
        need(Felt.BYTES);
        try {
            Felt result = Felt.fromBytes(value, position, Felt.BYTES);
            position += Felt.BYTES;
            return result;
        } catch (FeltException e) {
            throw corrupt("invalid felt: " + e.getMessage());
        }
    }

    Felt compactFelt() {
        int length = u8();
        if (length > Felt.BYTES) {
            throw corrupt("compact felt of " + length + " bytes");
        }
        if (length == 0) {
            return Felt.ZERO;
        }
        need(length);
        try {
            Felt result = Felt.fromBytes(value, position, length);
            position += length;
            return result;
        } catch (FeltException e) {
            throw corrupt("invalid felt: " + e.getMessage());
        }
    }

    byte[] bytes(int length) {
        need(length);
        byte[] out = Arrays.copyOfRange(value, position, position + length);
        position += length;
        return out;
    }

    /** Everything left. */
    byte[] rest() {
        return bytes(end - position);
    }

    String utf8(int maxBytes) {
        int length = count(maxBytes);
        return new String(bytes(length), StandardCharsets.UTF_8);
    }

    /** Checks that the whole payload was read. */
    void end() {
        if (position != end) {
            throw corrupt((end - position) + " unexpected trailing payload bytes");
        }
    }
}
