package io.vellum.consensus.ratis;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicReference;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.apache.ratis.io.MD5Hash;
import org.apache.ratis.server.protocol.TermIndex;
import org.apache.ratis.server.storage.FileInfo;
import org.apache.ratis.server.storage.RaftStorage;
import org.apache.ratis.statemachine.SnapshotRetentionPolicy;
import org.apache.ratis.statemachine.StateMachineStorage;
import org.apache.ratis.statemachine.impl.FileListSnapshotInfo;
import org.apache.ratis.util.FileUtils;
import org.apache.ratis.util.MD5FileUtil;

/**
 * Raft snapshots made of {@link io.vellum.consensus.store.CoreStore} checkpoints: snapshot {@code (term, index)} is
 * the directory {@code snapshot.<term>_<index>} in the state machine directory of the Raft storage, holding the
 * checkpoint's files and an MD5 file beside each.
 *
 * <p>A snapshot directory appears whole: it is written under a temporary name and renamed when every MD5 is saved.
 * A follower receiving a snapshot gets the same layout: Ratis sends every listed file with its path relative to the
 * storage root ({@code sm/snapshot.T_I/...}), and on the last chunk replaces the whole state machine directory with
 * what it received — which is why {@link #reload} rescans the directory.
 *
 * <p>Thread-safety: {@link #latest} is read by Ratis threads; writes happen on the state machine updater thread.
 */
final class CheckpointSnapshotStorage implements StateMachineStorage {
    static final String PREFIX = "snapshot.";
    private static final Pattern NAME = Pattern.compile("snapshot\\.(\\d+)_(\\d+)");
    private static final String TEMPORARY_PREFIX = ".writing-";

    private volatile File directory;
    private final AtomicReference<FileListSnapshotInfo> latest = new AtomicReference<>();

    @Override
    public void init(RaftStorage raftStorage) throws IOException {
        directory = raftStorage.getStorageDir().getStateMachineDir();
        Files.createDirectories(directory.toPath());
        reload();
    }

    /** Rescans the state machine directory (after start, or after Ratis installed a snapshot into it). */
    FileListSnapshotInfo reload() throws IOException {
        latest.set(scan());
        return latest.get();
    }

    @Override
    public FileListSnapshotInfo getLatestSnapshot() {
        return latest.get();
    }

    @Override
    public void format() {
        // Nothing to format: a missing directory is created by init.
    }

    /** A fresh path to export a checkpoint into (it does not exist), for the snapshot at {@code termIndex}. */
    Path temporaryPath(TermIndex termIndex) throws IOException {
        Path path = dir().resolve(TEMPORARY_PREFIX + name(termIndex));
        if (Files.exists(path)) {
            FileUtils.deleteFully(path);
        }
        return path;
    }

    /** Saves an MD5 for every file of the exported checkpoint, then publishes it as the snapshot at termIndex. */
    FileListSnapshotInfo publish(Path exported, TermIndex termIndex) throws IOException {
        for (Path file : files(exported)) {
            MD5FileUtil.computeAndSaveMd5ForFile(file.toFile());
        }
        Path target = dir().resolve(name(termIndex));
        if (Files.exists(target)) {
            FileUtils.deleteFully(target);
        }
        Files.move(exported, target, java.nio.file.StandardCopyOption.ATOMIC_MOVE);
        FileListSnapshotInfo info = describe(target, termIndex);
        latest.updateAndGet(previous -> previous == null || previous.getIndex() < info.getIndex() ? info : previous);
        return info;
    }

    /** The checkpoint directory of a snapshot. */
    Path checkpointOf(FileListSnapshotInfo info) {
        return dir().resolve(name(info.getTermIndex()));
    }

    /**
     * A copy of the snapshot's checkpoint without the MD5 files (the store imports exactly what it exported), made
     * of hard links where the file system allows. The caller deletes it after the import.
     */
    Path importable(FileListSnapshotInfo info) throws IOException {
        Path source = checkpointOf(info);
        Path target = dir().resolve(TEMPORARY_PREFIX + "import-" + name(info.getTermIndex()));
        if (Files.exists(target)) {
            FileUtils.deleteFully(target);
        }
        for (Path file : files(source)) {
            Path copy = target.resolve(source.relativize(file).toString());
            Files.createDirectories(copy.getParent());
            try {
                Files.createLink(copy, file);
            } catch (IOException | UnsupportedOperationException noLinks) {
                Files.copy(file, copy);
            }
        }
        return target;
    }

    @Override
    public void cleanupOldSnapshots(SnapshotRetentionPolicy policy) throws IOException {
        int keep = policy == null ? -1 : policy.getNumSnapshotsRetained();
        List<Snapshot> all = list();
        all.sort(Comparator.comparingLong((Snapshot s) -> s.termIndex.getIndex()).reversed());
        if (keep > 0) {
            for (Snapshot old : all.subList(Math.min(keep, all.size()), all.size())) {
                FileUtils.deleteFully(old.path);
            }
        }
        try (DirectoryStream<Path> stream = Files.newDirectoryStream(dir(), TEMPORARY_PREFIX + "*")) {
            for (Path leftover : stream) {
                FileUtils.deleteFully(leftover);
            }
        }
    }

    private FileListSnapshotInfo scan() throws IOException {
        List<Snapshot> all = list();
        all.sort(Comparator.comparingLong((Snapshot s) -> s.termIndex.getIndex()).reversed());
        for (Snapshot snapshot : all) {
            try {
                return describe(snapshot.path, snapshot.termIndex);
            } catch (IOException | UncheckedIOException incomplete) {
                // A snapshot without its MD5 files is not whole: try an older one.
            }
        }
        return null;
    }

    private List<Snapshot> list() throws IOException {
        List<Snapshot> out = new ArrayList<>();
        if (!Files.isDirectory(dir())) {
            return out;
        }
        try (DirectoryStream<Path> stream = Files.newDirectoryStream(dir())) {
            for (Path path : stream) {
                Matcher matcher = NAME.matcher(path.getFileName().toString());
                if (matcher.matches() && Files.isDirectory(path)) {
                    out.add(new Snapshot(path, TermIndex.valueOf(Long.parseLong(matcher.group(1)),
                            Long.parseLong(matcher.group(2)))));
                }
            }
        }
        return out;
    }

    private static FileListSnapshotInfo describe(Path snapshotDirectory, TermIndex termIndex) throws IOException {
        List<FileInfo> infos = new ArrayList<>();
        for (Path file : files(snapshotDirectory)) {
            MD5Hash digest = MD5FileUtil.readStoredMd5ForFile(file.toFile());
            if (digest == null) {
                throw new IOException("no MD5 for " + file);
            }
            infos.add(new FileInfo(file.toAbsolutePath(), digest));
        }
        if (infos.isEmpty()) {
            throw new IOException("snapshot " + snapshotDirectory + " holds no file");
        }
        return new FileListSnapshotInfo(infos, termIndex);
    }

    /** Every regular file under {@code root} except MD5 files, in a stable order. */
    private static List<Path> files(Path root) throws IOException {
        try (Stream<Path> walk = Files.walk(root)) {
            return walk.filter(Files::isRegularFile)
                    .filter(p -> !p.getFileName().toString().endsWith(MD5FileUtil.MD5_SUFFIX))
                    .sorted()
                    .toList();
        }
    }

    private Path dir() {
        return Objects.requireNonNull(directory, "not initialized").toPath();
    }

    private static String name(TermIndex termIndex) {
        return PREFIX + termIndex.getTerm() + "_" + termIndex.getIndex();
    }

    private record Snapshot(Path path, TermIndex termIndex) {
    }
}
