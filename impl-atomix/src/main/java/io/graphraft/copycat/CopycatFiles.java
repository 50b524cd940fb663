package io.graphraft.copycat;

import io.atomix.copycat.server.storage.SegmentFile;
import io.atomix.copycat.server.storage.snapshot.SnapshotDescriptor;

import java.io.File;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Sizes of a server's Copycat files: log segments {@code <name>-<id>-<version>.log}, snapshots {@code <name>-<index>-<time>.snapshot}. */
final class CopycatFiles {
    private final File directory;
    private final String name;
    private final Pattern snapshotName;

    CopycatFiles(File directory, String name) {
        this.directory = directory;
        this.name = name;
        this.snapshotName = Pattern.compile(Pattern.quote(name) + "-(\\d+)-\\d+\\.snapshot");
    }

    File directory() {
        return directory;
    }

    /** Lengths of the segment files, which Copycat preallocates sparsely. */
    long logBytes() {
        long total = 0;
        for (File file : files()) {
            if (SegmentFile.isSegmentFile(name, file)) {
                total += file.length();
            }
        }
        return total;
    }

    /** Bytes of the newest snapshot at or below {@code index} (0 if there is none). */
    long snapshotBytes(long index) {
        File file = newestSnapshot(index);
        return file == null ? 0 : heldBytes(file);
    }

    /** Bytes of the snapshot with the highest index, whether or not Copycat finished it (0 if none). */
    long newestSnapshotBytes() {
        File file = newestSnapshot(Long.MAX_VALUE);
        return file == null ? 0 : heldBytes(file);
    }

    /**
     * The bytes a snapshot file holds: Copycat's descriptor, the data's length (written when the
     * snapshot's writer closes) and the data. Not the file's length: Copycat grows a snapshot file by
     * doubling it, so a 85 MiB snapshot sits in a 128 MiB file whose tail was never written (sparse).
     */
    private static long heldBytes(File snapshot) {
        try (RandomAccessFile file = new RandomAccessFile(snapshot, "r")) {
            file.seek(SnapshotDescriptor.BYTES);
            return SnapshotDescriptor.BYTES + Integer.BYTES + Integer.toUnsignedLong(file.readInt());
        } catch (IOException e) {
            return snapshot.length(); // deleted or cut short meanwhile
        }
    }

    /** The snapshot file with the highest index not above {@code maxIndex}. */
    private File newestSnapshot(long maxIndex) {
        File newest = null;
        long newestIndex = -1;
        for (File file : files()) {
            Matcher matcher = snapshotName.matcher(file.getName());
            if (matcher.matches()) {
                long index = Long.parseLong(matcher.group(1));
                if (index <= maxIndex && index > newestIndex) {
                    newest = file;
                    newestIndex = index;
                }
            }
        }
        return newest;
    }

    private File[] files() {
        File[] files = directory.listFiles(File::isFile);
        return files == null ? new File[0] : files;
    }
}
