package io.graphraft.checker.history;

import java.io.BufferedOutputStream;
import java.io.Closeable;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * Appends events as JSON Lines, from any number of threads. Each event is encoded outside the lock and written
 * as one whole line into a buffer; the file is complete once {@link #close()} returns.
 */
public final class HistoryWriter implements Closeable {
    private static final int BUFFER_BYTES = 1 << 16;
    private final OutputStream out;
    private boolean closed;

    public HistoryWriter(OutputStream out) {
        this.out = new BufferedOutputStream(out, BUFFER_BYTES);
    }

    /** A writer to a new file; an existing file is never overwritten. */
    public static HistoryWriter create(Path file) throws IOException {
        return new HistoryWriter(Files.newOutputStream(file, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE));
    }

    public void append(HistoryEvent event) {
        byte[] line = HistoryJson.encode(event);
        synchronized (this) {
            if (closed) {
                throw new IllegalStateException("history writer is closed");
            }
            try {
                out.write(line);
                out.write('\n');
            } catch (IOException e) {
                throw new UncheckedIOException("cannot append to the history", e);
            }
        }
    }

    public synchronized void flush() throws IOException {
        if (!closed) {
            out.flush();
        }
    }

    @Override
    public synchronized void close() throws IOException {
        if (!closed) {
            closed = true;
            out.close();
        }
    }
}
