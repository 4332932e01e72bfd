package io.vellum.storage;

import java.util.zip.CRC32C;

/**
 * Every stored value is wrapped: {@code version(1) ‖ payload ‖ crc32c(4)}. The checksum is CRC32C (big-endian)
 * over the column family's id, the key and {@code version ‖ payload}, so a value that is damaged, truncated, or
 * copied under another key or into another column family fails the check. {@link #open} verifies it before any
 * byte of the payload is used; a value that fails is reported as a {@link CorruptionException} and never
 * returned.
 */
final class Envelope {
    /** The version of the value layouts in {@code docs/storage.md}. */
    static final byte VERSION = 1;
    static final int OVERHEAD_BYTES = 1 + 4;

    private Envelope() {
    }

    /** A writer for a payload of about {@code payloadBytes}; {@link Writer#seal} gives the stored value. */
    static Writer writer(int payloadBytes) {
        return new Writer(payloadBytes);
    }

    /** Checks a stored value and returns a reader over its payload. */
    static Payload open(ColumnFamily columnFamily, byte[] key, byte[] value) {
        if (value.length < OVERHEAD_BYTES) {
            throw new CorruptionException(columnFamily.columnFamilyName, key,
                    "value of " + value.length + " bytes is shorter than its envelope");
        }
        int end = value.length - 4;
        int stored = Keys.readInt(value, end);
        int computed = checksum(columnFamily, key, value, end);
        if (stored != computed) {
            throw new CorruptionException(columnFamily.columnFamilyName, key, String.format(
                    "checksum mismatch (stored 0x%08x, computed 0x%08x)", stored, computed));
        }
        if (value[0] != VERSION) {
            throw new CorruptionException(columnFamily.columnFamilyName, key,
                    "unknown value format version " + (value[0] & 0xff) + " (this code reads " + VERSION + ")");
        }
        return new Payload(columnFamily, key, value, 1, end);
    }

    static int checksum(ColumnFamily columnFamily, byte[] key, byte[] value, int length) {
        CRC32C crc = new CRC32C();
        crc.update(columnFamily.id);
        crc.update(key, 0, key.length);
        crc.update(value, 0, length);
        return (int) crc.getValue();
    }

    /** Builds one value: the version byte is in place, the payload is appended, {@link #seal} adds the checksum. */
    static final class Writer {
        private byte[] buffer;
        private int position;

        private Writer(int payloadBytes) {
            buffer = new byte[1 + payloadBytes + 4];
            buffer[0] = VERSION;
            position = 1;
        }

        private void ensure(int more) {
            if (position + more + 4 > buffer.length) {
                buffer = java.util.Arrays.copyOf(buffer, Math.max(buffer.length * 2, position + more + 4));
            }
        }

        Writer u8(int value) {
            assert value >= 0 && value < 256 : value;
            ensure(1);
            buffer[position++] = (byte) value;
            return this;
        }

        Writer u32(int value) {
            ensure(4);
            for (int i = 0; i < 4; i++) {
                buffer[position++] = (byte) (value >>> (24 - 8 * i));
            }
            return this;
        }

        Writer u64(long value) {
            ensure(8);
            Keys.writeLong(buffer, position, value);
            position += 8;
            return this;
        }

        /** A felt in its fixed 32 bytes. */
        Writer felt(io.vellum.blockifier.crypto.Felt value) {
            ensure(32);
            value.writeBytes(buffer, position);
            position += 32;
            return this;
        }

        /** A felt as length(1) ‖ its big-endian bytes without leading zeros (zero is one byte). */
        Writer compactFelt(io.vellum.blockifier.crypto.Felt value) {
            int length = (value.bitLength() + 7) / 8;
            ensure(1 + length);
            buffer[position++] = (byte) length;
            if (length > 0) {
                byte[] full = value.toBytes();
                System.arraycopy(full, 32 - length, buffer, position, length);
                position += length;
            }
            return this;
        }

        Writer bytes(byte[] value) {
            ensure(value.length);
            System.arraycopy(value, 0, buffer, position, value.length);
            position += value.length;
            return this;
        }

        /** The value to store under {@code key} in {@code columnFamily}. The writer must not be used again. */
        byte[] seal(ColumnFamily columnFamily, byte[] key) {
            byte[] out = position + 4 == buffer.length ? buffer : java.util.Arrays.copyOf(buffer, position + 4);
            int crc = checksum(columnFamily, key, out, position);
            for (int i = 0; i < 4; i++) {
                out[position + i] = (byte) (crc >>> (24 - 8 * i));
            }
            buffer = null;
            return out;
        }
    }
}
