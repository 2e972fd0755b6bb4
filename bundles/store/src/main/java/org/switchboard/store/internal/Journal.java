package org.switchboard.store.internal;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * An append-only file of lines, each forced to disk before {@link #append} returns, read back in order from a
 * position that is itself kept in a small file. When every line has been consumed the file is emptied. A line cut
 * short by a crash in the middle of an append is cut off at the next open. Not thread-safe by itself: the owner
 * serialises access.
 */
final class Journal implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(Journal.class);

    private final Path file;
    private final Path positionFile;
    private final long maxBytes;
    private final FileChannel channel;
    private long position;

    Journal(Path dir, long maxBytes) throws IOException {
        Files.createDirectories(dir);
        this.file = dir.resolve("conversations.journal");
        this.positionFile = dir.resolve("conversations.position");
        this.maxBytes = maxBytes;
        channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.READ, StandardOpenOption.WRITE);
        position = readPosition();
        cutTornTail();
        if (position > channel.size()) {
            position = 0;
        }
    }

    Path file() {
        return file;
    }

    /** Whether lines remain to be consumed. */
    boolean pending() throws IOException {
        return channel.size() > position;
    }

    long pendingBytes() throws IOException {
        return channel.size() - position;
    }

    /** Appends one line (it must not contain a line break) and forces it to disk. */
    void append(String line) throws IOException {
        appendAll(java.util.List.of(line));
    }

    /** Appends lines (none may contain a line break) and forces them to disk once. */
    void appendAll(java.util.List<String> lines) throws IOException {
        StringBuilder text = new StringBuilder();
        for (String line : lines) {
            text.append(line).append('\n');
        }
        byte[] bytes = text.toString().getBytes(StandardCharsets.UTF_8);
        long size = channel.size();
        if (size + bytes.length > maxBytes) {
            throw new IOException("journal " + file + " is full (" + size + " of " + maxBytes + " bytes)");
        }
        ByteBuffer b = ByteBuffer.wrap(bytes);
        long at = size;
        while (b.hasRemaining()) {
            at += channel.write(b, at);
        }
        channel.force(false);
    }

    /** The next line not yet consumed, or {@code null}; {@link #consume} it once it is applied. */
    String peek() throws IOException {
        ByteArrayOutputStream line = new ByteArrayOutputStream();
        ByteBuffer b = ByteBuffer.allocate(8192);
        long at = position;
        while (true) {
            b.clear();
            int n = channel.read(b, at);
            if (n <= 0) {
                return null; // no complete line
            }
            for (int i = 0; i < n; i++) {
                byte c = b.get(i);
                if (c == '\n') {
                    line.write(b.array(), 0, i);
                    return line.toString(StandardCharsets.UTF_8);
                }
            }
            line.write(b.array(), 0, n);
            at += n;
        }
    }

    /** Marks the line {@link #peek} returned as done; empties the file when nothing is left. */
    void consume(String line) throws IOException {
        position += line.getBytes(StandardCharsets.UTF_8).length + 1;
        if (position >= channel.size()) {
            channel.truncate(0);
            channel.force(true);
            position = 0;
        }
        writePosition();
    }

    private long readPosition() {
        try {
            return Files.exists(positionFile)
                    ? Long.parseLong(Files.readString(positionFile).trim())
                    : 0;
        } catch (IOException | NumberFormatException e) {
            LOG.warn(
                    "Journal position {} unreadable ({}): replaying {} from its start",
                    positionFile,
                    e.toString(),
                    file);
            return 0;
        }
    }

    private void writePosition() throws IOException {
        Path tmp = positionFile.resolveSibling(positionFile.getFileName() + ".tmp");
        Files.writeString(tmp, Long.toString(position), StandardCharsets.US_ASCII);
        Files.move(
                tmp,
                positionFile,
                java.nio.file.StandardCopyOption.REPLACE_EXISTING,
                java.nio.file.StandardCopyOption.ATOMIC_MOVE);
    }

    private void cutTornTail() throws IOException {
        long size = channel.size();
        long end = size;
        ByteBuffer one = ByteBuffer.allocate(1);
        while (end > 0) {
            one.clear();
            channel.read(one, end - 1);
            if (one.get(0) == '\n') {
                break;
            }
            end--;
        }
        if (end < size) {
            LOG.warn("Journal {}: cut {} byte(s) of a line left incomplete by a crash", file, size - end);
            channel.truncate(end);
            channel.force(true);
        }
    }

    @Override
    public void close() throws IOException {
        channel.close();
    }
}
