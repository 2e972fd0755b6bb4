package org.switchboard.store.internal;

import java.io.IOException;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Conversation writes that survive a database outage. A write goes straight to the database; when the database
 * cannot be reached it goes to the {@link Journal} instead (forced to disk before the call returns), and so does
 * every later write until the journal is drained, so that the order of a session's records is kept. A background
 * thread replays the journal, retrying with a growing pause while the database is still away; the journal left by
 * a crash is replayed when the store starts again. An entry the database refuses for another reason (bad data) is
 * logged and skipped, never retried for ever.
 */
final class DurableWrites implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(DurableWrites.class);
    private static final long MAX_PAUSE_MS = 5000;

    private final SessionWrites db;
    private final Journal journal;
    private final Object lock = new Object();
    private Thread replayer;
    private volatile boolean closed;
    private long journalled;
    private volatile java.time.Instant awaySince;

    DurableWrites(SessionWrites db, Journal journal) {
        this.db = db;
        this.journal = journal;
        synchronized (lock) {
            if (pending()) {
                LOG.info(
                        "Conversation journal {} holds {} byte(s) of records not yet in the database: replaying",
                        journal.file(),
                        bytes());
                startReplay();
            }
        }
    }

    void write(Recorded r) {
        writeAll(List.of(r));
    }

    /**
     * Writes records in order in one transaction (or journals them all). A record the database refuses for its data
     * fails alone: written one by one, the others of a batch are kept and the refused one is logged and skipped (a
     * single record's refusal is thrown to the caller).
     */
    void writeAll(List<Recorded> batch) {
        if (batch.isEmpty()) {
            return;
        }
        synchronized (lock) {
            if (replayer != null) {
                append(batch);
                return;
            }
        }
        try {
            db.apply(batch);
        } catch (StoreUnavailableException e) {
            synchronized (lock) {
                if (replayer == null) {
                    LOG.warn(
                            "Database unreachable ({}): conversation records go to {} until it is back",
                            e.getMessage(),
                            journal.file());
                    awaySince = java.time.Instant.now();
                }
                append(batch);
                startReplay();
            }
        } catch (RuntimeException e) {
            if (batch.size() == 1) {
                throw e;
            }
            for (Recorded r : batch) {
                try {
                    writeAll(List.of(r));
                } catch (RuntimeException refused) {
                    LOG.warn(
                            "Conversation record '{}' refused by the database and skipped: {}",
                            r.op(),
                            refused.getMessage());
                }
            }
        }
    }

    private void append(List<Recorded> batch) {
        try {
            List<String> lines = new java.util.ArrayList<>(batch.size());
            for (Recorded r : batch) {
                lines.add(r.toLine());
            }
            journal.appendAll(lines);
            journalled += batch.size();
        } catch (IOException e) {
            throw new IllegalStateException(
                    "store: the database is unreachable and the conversation journal cannot " + "be written: "
                            + e.getMessage(),
                    e);
        }
    }

    private void startReplay() {
        if (replayer == null && !closed) {
            replayer = new Thread(this::replay, "store-journal-replay");
            replayer.setDaemon(true);
            replayer.start();
        }
    }

    private void replay() {
        long pause = 100;
        long written = 0;
        while (!closed) {
            String line;
            synchronized (lock) {
                line = peek();
                if (line == null) {
                    replayer = null;
                    awaySince = null;
                    LOG.info("Conversation journal replayed: {} record(s) written to the database", written);
                    return;
                }
            }
            try {
                db.apply(List.of(Recorded.parse(line)));
                written++;
                pause = 100;
            } catch (StoreUnavailableException e) {
                sleep(pause);
                pause = Math.min(MAX_PAUSE_MS, pause * 2);
                continue;
            } catch (RuntimeException e) {
                LOG.error(
                        "Conversation journal entry skipped, the database refuses it: {}: {}",
                        e.getMessage(),
                        line.length() > 300 ? line.substring(0, 300) + "..." : line);
            }
            synchronized (lock) {
                try {
                    journal.consume(line);
                } catch (IOException e) {
                    LOG.error("Conversation journal {}: cannot record progress: {}", journal.file(), e.toString());
                    sleep(MAX_PAUSE_MS);
                }
            }
        }
    }

    /**
     * What /health should say: the records waiting in the journal while the database is (or was until moments ago)
     * unreachable; null when every record is in the database. Reads no file.
     */
    String degraded() {
        java.time.Instant since = awaySince;
        synchronized (lock) {
            if (replayer == null) {
                return null;
            }
        }
        return "conversation store: the database was unreachable" + (since == null ? "" : " at " + since)
                + "; conversation records wait in the journal " + journal.file() + " until they are written";
    }

    private String peek() {
        try {
            return journal.peek();
        } catch (IOException e) {
            LOG.error("Conversation journal {} unreadable: {}", journal.file(), e.toString());
            return null;
        }
    }

    private boolean pending() {
        try {
            return journal.pending();
        } catch (IOException e) {
            return false;
        }
    }

    private long bytes() {
        try {
            return journal.pendingBytes();
        } catch (IOException e) {
            return -1;
        }
    }

    /** Waits without interrupting anything: an interrupt in the middle of H2's file I/O closes the database. */
    private void sleep(long ms) {
        synchronized (lock) {
            long until = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(ms);
            long left;
            while (!closed && (left = until - System.nanoTime()) > 0) {
                try {
                    TimeUnit.NANOSECONDS.timedWait(lock, left);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return;
                }
            }
        }
    }

    @Override
    public void close() {
        Thread t;
        synchronized (lock) {
            closed = true;
            t = replayer;
            lock.notifyAll();
        }
        if (t != null) {
            try {
                t.join(2000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        try {
            journal.close();
        } catch (IOException e) {
            LOG.warn("Conversation journal {}: {}", journal.file(), e.toString());
        }
        if (journalled > 0) {
            LOG.info("Conversation journal closed after {} record(s) were journalled", journalled);
        }
    }
}
