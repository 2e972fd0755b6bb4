package org.switchboard.store.internal;

import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Compacts an embedded H2 file database at a fixed interval, off every caller's path: a {@code CHECKPOINT} rewrites
 * the chunks of H2's file that are less than half full (at most 4 MiB a time) and frees the rest. H2 written commit by
 * commit leaves a chunk per commit and would otherwise keep them all, on disk and in memory.
 */
final class H2Compaction {

    private static final Logger LOG = LoggerFactory.getLogger(H2Compaction.class);

    private final ScheduledExecutorService timer;
    private final AtomicLong failures = new AtomicLong();

    private H2Compaction(Jdbc jdbc, long intervalMs) {
        timer = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "store-h2-compaction");
            t.setDaemon(true);
            return t;
        });
        timer.scheduleWithFixedDelay(() -> run(jdbc), intervalMs, intervalMs, TimeUnit.MILLISECONDS);
    }

    static H2Compaction start(Jdbc jdbc, long intervalMs) {
        return new H2Compaction(jdbc, intervalMs);
    }

    private void run(Jdbc jdbc) {
        try {
            jdbc.update("compact the database file", "CHECKPOINT");
            long failed = failures.getAndSet(0);
            if (failed > 0) {
                LOG.info("H2 compaction works again after {} failed attempt(s)", failed);
            }
        } catch (RuntimeException e) {
            if (failures.getAndIncrement() == 0) {
                LOG.warn("H2 compaction failed (retried every interval, logged again once it works): {}",
                        e.getMessage());
            }
        }
    }

    /** Stops compacting; a CHECKPOINT under way finishes first (at most a few seconds). */
    void stop() {
        timer.shutdown();
        try {
            if (!timer.awaitTermination(5, TimeUnit.SECONDS)) {
                timer.shutdownNow();
            }
        } catch (InterruptedException e) {
            timer.shutdownNow();
            Thread.currentThread().interrupt();
        }
    }
}
