package io.vellum.storage;

import io.vellum.blockifier.core.BlockNumber;
import java.io.IOException;
import java.io.InputStream;
import java.io.Reader;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Properties;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Stream;
import java.util.zip.CRC32C;
import org.rocksdb.Checkpoint;
import org.rocksdb.RocksDBException;

/**
 * Export and import of whole-store checkpoints.
 *
 * <p>A checkpoint directory holds {@code db/}, made by RocksDB's Checkpoint API (a consistent copy: SST files
 * hard-linked where possible, memtables flushed first), and {@code checkpoint.properties}: format version, applied
 * index, head, and each file's size and CRC32C. Import checks every file before copying and checks the copied
 * store's markers against the metadata after, so a damaged or incomplete transfer is refused, not opened.
 */
final class Checkpoints {
    private static final int FILES_MAX = 1_000_000;

    private Checkpoints() {
    }

    static CheckpointMetadata export(Db db, Markers markers, Path target) {
        if (Files.exists(target)) {
            throw new IllegalArgumentException("checkpoint target already exists: " + target);
        }
        Path databaseDirectory = target.resolve(CheckpointMetadata.DATABASE_DIRECTORY);
        try {
            Files.createDirectories(target);
            try (Checkpoint checkpoint = Checkpoint.create(db.rocks)) {
                checkpoint.createCheckpoint(databaseDirectory.toString());
            }
            List<CheckpointMetadata.File> files = new ArrayList<>();
            for (Path file : listFiles(databaseDirectory)) {
                files.add(new CheckpointMetadata.File(file.getFileName().toString(), Files.size(file), crc32c(file)));
            }
            CheckpointMetadata metadata = new CheckpointMetadata(Store.FORMAT_VERSION,
                    Optional.ofNullable(markers.appliedIndex()),
                    markers.head() < 0 ? Optional.empty() : Optional.of(new BlockNumber(markers.head())), files);
            writeMetadata(target.resolve(CheckpointMetadata.FILE_NAME), metadata);
            return metadata;
        } catch (RocksDBException e) {
            throw new StorageIoException("cannot create a checkpoint in " + target, e);
        } catch (IOException e) {
            throw new StorageIoException("cannot write a checkpoint in " + target, e);
        }
    }

    static CheckpointMetadata importInto(Path checkpoint, Path target, StoreOptions options) {
        CheckpointMetadata metadata = readMetadata(checkpoint.resolve(CheckpointMetadata.FILE_NAME));
        Path source = checkpoint.resolve(CheckpointMetadata.DATABASE_DIRECTORY);
        try {
            if (Files.exists(target)) {
                try (Stream<Path> entries = Files.list(target)) {
                    if (entries.findAny().isPresent()) {
                        throw new IllegalArgumentException("import target is not empty: " + target);
                    }
                }
            }
            TreeSet<String> present = new TreeSet<>();
            for (Path file : listFiles(source)) {
                present.add(file.getFileName().toString());
            }
            TreeSet<String> listed = new TreeSet<>();
            for (CheckpointMetadata.File file : metadata.files()) {
                listed.add(file.name());
                Path path = source.resolve(file.name());
                if (!Files.isRegularFile(path)) {
                    throw new CorruptionException("checkpoint " + checkpoint + " lacks file " + file.name());
                }
                long size = Files.size(path);
                int crc = crc32c(path);
                if (size != file.sizeBytes() || crc != file.crc32c()) {
                    throw new CorruptionException(String.format("checkpoint %s file %s differs from its metadata:"
                                    + " %d bytes, crc32c 0x%08x; expected %d bytes, crc32c 0x%08x", checkpoint,
                            file.name(), size, crc, file.sizeBytes(), file.crc32c()));
                }
            }
            present.removeAll(listed);
            if (!present.isEmpty()) {
                throw new CorruptionException("checkpoint " + checkpoint + " has files its metadata does not list: "
                        + present);
            }
            Files.createDirectories(target);
            for (CheckpointMetadata.File file : metadata.files()) {
                Path copy = target.resolve(file.name());
                Files.copy(source.resolve(file.name()), copy, StandardCopyOption.COPY_ATTRIBUTES);
                try (FileChannel channel = FileChannel.open(copy, StandardOpenOption.WRITE)) {
                    channel.force(true);
                }
            }
        } catch (IOException e) {
            throw new StorageIoException("cannot import checkpoint " + checkpoint + " into " + target, e);
        }
        try (Store store = Store.open(target, options)) {
            if (!store.appliedIndex().equals(metadata.appliedIndex()) || !store.head().equals(metadata.head())) {
                throw new CorruptionException("checkpoint " + checkpoint + " holds applied index "
                        + store.appliedIndex() + " and head " + store.head() + ", its metadata says "
                        + metadata.appliedIndex() + " and " + metadata.head());
            }
        }
        return metadata;
    }

    private static List<Path> listFiles(Path directory) throws IOException {
        try (Stream<Path> entries = Files.list(directory)) {
            List<Path> files = new ArrayList<>();
            for (Path path : (Iterable<Path>) entries.sorted()::iterator) {
                if (!Files.isRegularFile(path)) {
                    throw new IOException("unexpected entry in checkpoint: " + path);
                }
                files.add(path);
                if (files.size() > FILES_MAX) {
                    throw new IOException("more than " + FILES_MAX + " files in " + directory);
                }
            }
            return files;
        }
    }

    static int crc32c(Path file) throws IOException {
        CRC32C crc = new CRC32C();
        byte[] buffer = new byte[1 << 16];
        try (InputStream in = Files.newInputStream(file)) {
            for (int read = in.read(buffer); read >= 0; read = in.read(buffer)) {
                crc.update(buffer, 0, read);
            }
        }
        return (int) crc.getValue();
    }

    // -----------------------------------------------------------------------------------------------------
    // The metadata file: sorted "key=value" lines.

    private static void writeMetadata(Path path, CheckpointMetadata metadata) throws IOException {
        TreeMap<String, String> lines = new TreeMap<>();
        lines.put("format_version", Integer.toString(metadata.formatVersion()));
        metadata.appliedIndex().ifPresent(applied -> {
            lines.put("applied_term", Long.toString(applied.term()));
            lines.put("applied_index", Long.toString(applied.index()));
        });
        metadata.head().ifPresent(head -> lines.put("head_block", Long.toString(head.value())));
        lines.put("file_count", Integer.toString(metadata.files().size()));
        for (int i = 0; i < metadata.files().size(); i++) {
            CheckpointMetadata.File file = metadata.files().get(i);
            lines.put(String.format("file.%06d", i), file.name() + "," + file.sizeBytes() + ","
                    + Integer.toHexString(file.crc32c()));
        }
        StringBuilder text = new StringBuilder("# Vellum store checkpoint\n");
        lines.forEach((key, value) -> text.append(key).append('=').append(value).append('\n'));
        Path temporary = path.resolveSibling(path.getFileName() + ".tmp");
        Files.writeString(temporary, text, StandardCharsets.UTF_8);
        try (FileChannel channel = FileChannel.open(temporary, StandardOpenOption.WRITE)) {
            channel.force(true);
        }
        Files.move(temporary, path, StandardCopyOption.ATOMIC_MOVE);
    }

    static CheckpointMetadata readMetadata(Path path) {
        Properties properties = new Properties();
        try (Reader reader = Files.newBufferedReader(path, StandardCharsets.UTF_8)) {
            properties.load(reader);
        } catch (IOException e) {
            throw new StorageIoException("cannot read checkpoint metadata " + path, e);
        }
        try {
            int version = Integer.parseInt(required(properties, "format_version"));
            if (version != Store.FORMAT_VERSION) {
                throw new IncompatibleFormatException("checkpoint " + path + " is in format version " + version
                        + "; this code reads " + Store.FORMAT_VERSION);
            }
            Optional<AppliedIndex> applied = properties.containsKey("applied_index")
                    ? Optional.of(new AppliedIndex(Long.parseLong(required(properties, "applied_term")),
                    Long.parseLong(required(properties, "applied_index"))))
                    : Optional.empty();
            Optional<BlockNumber> head = properties.containsKey("head_block")
                    ? Optional.of(new BlockNumber(Long.parseLong(required(properties, "head_block"))))
                    : Optional.empty();
            int count = Integer.parseInt(required(properties, "file_count"));
            if (count < 0 || count > FILES_MAX) {
                throw new IllegalArgumentException("file count " + count);
            }
            List<CheckpointMetadata.File> files = new ArrayList<>(count);
            for (int i = 0; i < count; i++) {
                String[] parts = required(properties, String.format("file.%06d", i)).split(",", -1);
                if (parts.length != 3) {
                    throw new IllegalArgumentException("file entry " + i + " has " + parts.length + " fields");
                }
                files.add(new CheckpointMetadata.File(parts[0], Long.parseLong(parts[1]),
                        Integer.parseUnsignedInt(parts[2], 16)));
            }
            return new CheckpointMetadata(version, applied, head, files);
        } catch (IllegalArgumentException e) {
            throw new CorruptionException("checkpoint metadata " + path + " is malformed: " + e.getMessage());
        }
    }

    private static String required(Properties properties, String key) {
        String value = properties.getProperty(key);
        if (value == null) {
            throw new IllegalArgumentException("missing " + key);
        }
        return value.trim();
    }
}
