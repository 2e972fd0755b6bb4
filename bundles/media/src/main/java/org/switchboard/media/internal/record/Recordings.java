package org.switchboard.media.internal.record;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Where call recordings go: {@code <dir>/<yyyy-MM-dd>/<session id>.wav} (UTC date of the call's first frame),
 * written by one thread so that disk latency never reaches the media threads. Chunks waiting for that thread are
 * bounded: beyond {@link #MAX_PENDING} bytes a chunk is dropped and the recording says so in the log.
 */
public final class Recordings implements AutoCloseable {

    static final long MAX_PENDING = 64L << 20;
    private static final Logger LOG = LoggerFactory.getLogger(Recordings.class);

    private final Path dir;
    private final int keepDays;
    private final ExecutorService writer;
    private final AtomicLong pending = new AtomicLong();
    private final AtomicLong dropped = new AtomicLong();

    /**
     * @param dir the recordings directory (created when the first call is recorded)
     * @param keepDays days a recording is kept (whole UTC days after its date); 0 keeps them forever
     */
    public Recordings(Path dir, int keepDays) {
        this.dir = dir;
        this.keepDays = keepDays;
        this.writer = Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(r, "media-recorder");
            t.setDaemon(true);
            return t;
        });
    }

    /** The directory recordings are written to. */
    public Path dir() {
        return dir;
    }

    /** A recorder for one session, writing to its file from its first frame on. */
    public CallRecorder open(String sessionId) {
        String name = sessionId.replaceAll("[^A-Za-z0-9._-]", "_");
        Path file = dir.resolve(LocalDate.now(ZoneOffset.UTC).toString()).resolve(name + ".wav");
        return new CallRecorder(file, this);
    }

    /** Queues {@code task} (writing {@code bytes} bytes) on the writer thread unless too much is waiting already. */
    public boolean submit(int bytes, Runnable task) {
        if (pending.addAndGet(bytes) > MAX_PENDING) {
            pending.addAndGet(-bytes);
            if (dropped.getAndIncrement() % 1000 == 0) {
                LOG.warn(
                        "Recordings fall behind the disk ({} MiB waiting in {}): audio dropped from recordings",
                        MAX_PENDING >> 20,
                        dir);
            }
            return false;
        }
        try {
            writer.execute(() -> {
                try {
                    task.run();
                } finally {
                    pending.addAndGet(-bytes);
                }
            });
            return true;
        } catch (java.util.concurrent.RejectedExecutionException e) {
            pending.addAndGet(-bytes);
            return false;
        }
    }

    /** Deletes the day directories older than the retention; run at start and daily. */
    public void expire() {
        if (keepDays <= 0 || !Files.isDirectory(dir)) {
            return;
        }
        LocalDate oldest = LocalDate.now(ZoneOffset.UTC).minusDays(keepDays);
        try (DirectoryStream<Path> days = Files.newDirectoryStream(dir)) {
            for (Path day : days) {
                LocalDate date;
                try {
                    date = LocalDate.parse(day.getFileName().toString());
                } catch (DateTimeParseException e) {
                    continue; // not ours
                }
                if (date.isBefore(oldest) && Files.isDirectory(day)) {
                    int n = deleteDay(day);
                    LOG.info("Deleted {} recordings of {} (older than {} days)", n, date, keepDays);
                }
            }
        } catch (IOException e) {
            LOG.warn("Recording retention in {}: {}", dir, e.toString());
        }
    }

    private static int deleteDay(Path day) throws IOException {
        int n = 0;
        try (DirectoryStream<Path> files = Files.newDirectoryStream(day)) {
            for (Path f : files) {
                Files.deleteIfExists(f);
                n++;
            }
        }
        Files.deleteIfExists(day);
        return n;
    }

    /** Writes what is queued (up to 10 s) and stops the writer. */
    @Override
    public void close() {
        writer.shutdown();
        try {
            if (!writer.awaitTermination(10, TimeUnit.SECONDS)) {
                LOG.warn("Recordings: writes still pending at stop were abandoned ({})", Instant.now());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
