package io.graphraft.ratis;

import io.graphraft.core.statemachine.GraphStateMachine;
import io.graphraft.core.util.Directories;
import org.apache.ratis.io.MD5Hash;
import org.apache.ratis.server.protocol.TermIndex;
import org.apache.ratis.server.storage.FileInfo;
import org.apache.ratis.server.storage.RaftStorage;
import org.apache.ratis.statemachine.SnapshotRetentionPolicy;
import org.apache.ratis.statemachine.impl.FileListSnapshotInfo;
import org.apache.ratis.statemachine.impl.SimpleStateMachineStorage;
import org.apache.ratis.statemachine.impl.SingleFileSnapshotInfo;
import org.apache.ratis.util.MD5FileUtil;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The graph's snapshots in Ratis's {@link SimpleStateMachineStorage}. Each is the file
 * {@code snapshot.<term>_<index>} with its {@code .md5} (Ratis keeps, retires and finds the newest snapshot
 * by these) and, for a store that keeps files beside its snapshot (the RocksDB checkpoint, hard-linked),
 * the sibling directory {@code snapshot.<term>_<index>}{@value #FILES_SUFFIX} holding them.
 *
 * <ul>
 *   <li>Written by {@link GraphStateMachine#writeSnapshotDirectory} into a staging directory, then its files
 *       directory and its snapshot file are renamed into place in that order, each rename made durable
 *       before the next, and the {@code .md5} last: a crash leaves at worst a files directory without its
 *       snapshot file, which is removed at the next start.</li>
 *   <li>Installs send the snapshot file (with its MD5) and every file of its files directory by its path
 *       under the state machine directory. Those go without a stored digest: Ratis's leader computes each
 *       one's MD5 while it reads the file to send it, and the follower checks what it received against it.
 *       Computing them here would read the whole checkpoint on every snapshot, the copy this layout saves.</li>
 *   <li>Snapshots written before files directories existed are self-contained files; they still restore.</li>
 *   <li>Files directories whose snapshot file Ratis retired are removed after its cleanup and at start.</li>
 * </ul>
 */
final class GraphSnapshotStorage extends SimpleStateMachineStorage {
    static final String FILES_SUFFIX = ".files";
    private static final String STAGING_SUFFIX = ".staging";
    /** What this storage creates beside Ratis's snapshot files: files directories and staging directories (and their .tmp). */
    private static final Pattern OWN_DIRECTORY = Pattern.compile(
            "(" + SNAPSHOT_REGEX.pattern() + ")(?:" + Pattern.quote(FILES_SUFFIX) + "|" + Pattern.quote(STAGING_SUFFIX) + "(?:\\.tmp)?)");

    private volatile Path directory;

    @Override
    public void init(RaftStorage storage) throws IOException {
        directory = storage.getStorageDir().getStateMachineDir().toPath();
        super.init(storage);
    }

    /** The directory of the files a snapshot file keeps beside it (it may not exist: heap store, or an older snapshot). */
    static Path filesDirectory(Path snapshotFile) {
        return snapshotFile.resolveSibling(snapshotFile.getFileName() + FILES_SUFFIX);
    }

    /** Writes the graph's snapshot at {@code applied} and makes it this storage's latest. */
    FileListSnapshotInfo write(GraphStateMachine graph, TermIndex applied) throws IOException {
        Path file = getSnapshotFile(applied.getTerm(), applied.getIndex()).toPath();
        Path files = filesDirectory(file);
        Path staging = file.resolveSibling(file.getFileName() + STAGING_SUFFIX);
        Directories.deleteRecursively(staging);
        Directories.deleteRecursively(files);
        try {
            graph.writeSnapshotDirectory(staging);
            Path stagedFiles = staging.resolve(GraphStateMachine.SNAPSHOT_FILES);
            if (Files.isDirectory(stagedFiles)) {
                Files.move(stagedFiles, files, StandardCopyOption.ATOMIC_MOVE);
                Directories.force(directory);
            }
            Files.move(staging.resolve(GraphStateMachine.SNAPSHOT_FILE), file, StandardCopyOption.REPLACE_EXISTING,
                    StandardCopyOption.ATOMIC_MOVE);
            Directories.force(directory);
        } finally {
            Directories.deleteRecursively(staging);
        }
        // The .md5 is Ratis's: its storage keeps (and retires) only snapshots that have one, and installs
        // send it with the snapshot file, which the follower checks against it.
        MD5Hash md5 = MD5FileUtil.computeAndSaveMd5ForFile(file.toFile());
        updateLatestSnapshot(new SingleFileSnapshotInfo(new FileInfo(file, md5), applied));
        return describe(file, md5, applied);
    }

    /** Rescans the directory for the newest snapshot (null if none) and restores the graph from it. */
    FileListSnapshotInfo restoreLatest(GraphStateMachine graph) throws IOException {
        SingleFileSnapshotInfo latest = loadLatestSnapshot();
        if (latest == null) {
            return null;
        }
        Path file = latest.getFile().getPath();
        // Not MD5FileUtil.verifySavedMD5: the restore checks every block's checksum before it swaps anything
        // in (and RocksDB's of every linked file), and the MD5 would read the whole file a second time.
        graph.restoreSnapshot(file, filesDirectory(file));
        return describe(file, latest.getFile().getFileDigest(), latest.getTermIndex());
    }

    /** Ratis's retention, then the files directories (and staging leftovers) no snapshot file owns any more. */
    @Override
    public void cleanupOldSnapshots(SnapshotRetentionPolicy policy) throws IOException {
        super.cleanupOldSnapshots(policy);
        deleteOrphans();
    }

    /** Deletes what this storage created beside snapshot files that no longer exist, and every staging directory. */
    void deleteOrphans() throws IOException {
        Path dir = directory;
        if (dir == null || !Files.isDirectory(dir)) {
            return;
        }
        List<Path> orphans = new ArrayList<>();
        try (Stream<Path> entries = Files.list(dir)) {
            entries.forEach(entry -> {
                var matcher = OWN_DIRECTORY.matcher(entry.getFileName().toString());
                if (matcher.matches() && (!entry.getFileName().toString().endsWith(FILES_SUFFIX)
                        || !Files.exists(entry.resolveSibling(matcher.group(1))))) {
                    orphans.add(entry);
                }
            });
        }
        for (Path orphan : orphans) {
            Directories.deleteRecursively(orphan);
        }
    }

    /**
     * The snapshot file and every file of its files directory. Ratis's follower writes an {@code .md5} beside
     * each file it receives; those are not the snapshot's and are not sent on.
     */
    private static FileListSnapshotInfo describe(Path file, MD5Hash md5, TermIndex termIndex) throws IOException {
        List<FileInfo> infos = new ArrayList<>();
        infos.add(new FileInfo(file, md5));
        Path files = filesDirectory(file);
        if (Files.isDirectory(files)) {
            try (Stream<Path> walk = Files.walk(files)) {
                walk.filter(Files::isRegularFile)
                        .filter(path -> !path.getFileName().toString().endsWith(MD5FileUtil.MD5_SUFFIX))
                        .sorted()
                        .forEach(path -> infos.add(new FileInfo(path, null)));
            }
        }
        return new FileListSnapshotInfo(infos, termIndex);
    }
}
