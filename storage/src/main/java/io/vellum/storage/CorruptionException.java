package io.vellum.storage;

import java.util.HexFormat;

/**
 * A stored value failed its checksum, carried an unknown format version, or could not be decoded. The value is
 * never returned. The message and the accessors name the column family and the key (hex).
 */
public final class CorruptionException extends StorageException {
    private static final long serialVersionUID = 1L;

    private final String columnFamily;
    private final String keyHex;

    CorruptionException(String columnFamily, byte[] key, String detail) {
        super("corrupt value in column family '" + columnFamily + "' at key 0x" + HexFormat.of().formatHex(key)
                + ": " + detail);
        this.columnFamily = columnFamily;
        this.keyHex = "0x" + HexFormat.of().formatHex(key);
    }

    /** A checkpoint whose files do not match its metadata. */
    CorruptionException(String message) {
        super(message);
        this.columnFamily = "";
        this.keyHex = "";
    }

    /** The column family holding the bad value ("" when the damage is not in one value). */
    public String columnFamily() {
        return columnFamily;
    }

    /** The key of the bad value as {@code 0x}-prefixed hex ("" when the damage is not in one value). */
    public String keyHex() {
        return keyHex;
    }
}
