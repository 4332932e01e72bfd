package io.vellum.storage;

import io.vellum.blockifier.core.BlockNumber;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * What a checkpoint holds: the format version, the applied Raft index and head block of the store it copies, and
 * every RocksDB file with its size and CRC32C, so a checkpoint moved between machines (a Raft snapshot) can be
 * checked before it is used.
 */
public record CheckpointMetadata(int formatVersion, Optional<AppliedIndex> appliedIndex, Optional<BlockNumber> head,
                                 List<File> files) {
    /** The metadata file's name inside a checkpoint directory. */
    public static final String FILE_NAME = "checkpoint.properties";
    /** The RocksDB files' directory inside a checkpoint directory. */
    public static final String DATABASE_DIRECTORY = "db";

    public CheckpointMetadata {
        Objects.requireNonNull(appliedIndex, "applied index");
        Objects.requireNonNull(head, "head");
        files = List.copyOf(files);
    }

    /** One file of the checkpoint's database directory. */
    public record File(String name, long sizeBytes, int crc32c) {
        public File {
            Objects.requireNonNull(name, "name");
            if (name.isEmpty() || name.contains("/") || name.contains("\\") || name.startsWith(".")) {
                throw new IllegalArgumentException("not a plain file name: '" + name + "'");
            }
            if (sizeBytes < 0) {
                throw new IllegalArgumentException("negative size: " + sizeBytes);
            }
        }
    }
}
