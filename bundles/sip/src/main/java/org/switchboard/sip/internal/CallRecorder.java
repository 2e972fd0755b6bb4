package org.switchboard.sip.internal;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import java.util.function.Supplier;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.switchboard.api.conversation.Conversation;
import org.switchboard.api.conversation.ConversationEvent;
import org.switchboard.api.conversation.ConversationStore;
import org.switchboard.api.conversation.EndedBy;
import org.switchboard.api.conversation.SipMessageRecord;
import org.switchboard.api.conversation.Turn;
import org.switchboard.api.metrics.MetricsWriter;
import org.switchboard.util.metrics.Histogram;

/**
 * Writes what happens in calls to the conversation store, in order, on one thread of its own, so SIP processing
 * never waits for the database. What has queued up meanwhile goes to the store as one batch (one transaction for
 * up to {@value #BATCH} records), so the writer keeps up with many times the call rate a record-per-commit writer
 * could. Batches are never larger: a writer that fell behind and wrote all that waited in one transaction (tried up
 * to 20,000 records) made embedded H2 slower per record and the whole gateway stall (bench/results of 2026-12-03). The queue is bounded: once it is half full the gateway is {@link #behind() behind} and new calls are refused
 * (503) until it catches up, so records of calls already up still fit; only a full queue drops a record (counted,
 * logged). While no store is present the writer waits for one for up to {@value #STORE_WAIT_MS} ms (a store bundle
 * being updated) before it lets records go.
 */
final class CallRecorder {

    static final int BATCH = 1000;
    static final long STORE_WAIT_MS = 30_000;

    private static final Logger LOG = LoggerFactory.getLogger(CallRecorder.class);

    private final Supplier<ConversationStore> store;
    private final ArrayBlockingQueue<Consumer<ConversationStore>> queue;
    private final int highWater;
    private final long gatherMs;
    private final Thread writer;
    private final AtomicLong queued = new AtomicLong();
    private final AtomicLong handled = new AtomicLong();
    private final AtomicLong written = new AtomicLong();
    private final AtomicLong dropped = new AtomicLong();
    private final AtomicLong failed = new AtomicLong();
    private final Histogram batchSeconds = new Histogram(Histogram.LATENCY_SECONDS);
    private final ThrottledLog problems = new ThrottledLog(LOG, 10_000_000_000L);
    private volatile boolean running = true;
    /** Records of the batch the writer holds, not yet written. */
    private volatile int writing;

    /**
     * {@code gatherMs}: how long the writer lets records gather after the first of a batch when fewer than a batch
     * wait. A few milliseconds turn hundreds of commits a second into tens (group commit), at no cost to any call;
     * each commit is followed by a checkpoint on embedded H2, whose fixed cost a longer gather shares among more
     * calls.
     */
    CallRecorder(Supplier<ConversationStore> store, int capacity, long gatherMs) {
        this.store = store;
        this.gatherMs = gatherMs;
        this.queue = new ArrayBlockingQueue<>(capacity);
        this.highWater = Math.max(1, capacity / 2);
        writer = new Thread(this::run, "sip-recorder");
        writer.setDaemon(true);
        writer.start();
    }

    void start(Conversation c) {
        write(s -> s.start(c));
    }

    void answered(String sessionId, Instant at) {
        write(s -> s.answered(sessionId, at));
    }

    void handedOff(String sessionId, Instant at) {
        write(s -> s.handedOff(sessionId, at));
    }

    void end(String sessionId, Instant at, EndedBy by, String reason) {
        write(s -> s.end(sessionId, at, by, reason));
    }

    void event(ConversationEvent e) {
        write(s -> s.addEvent(e));
    }

    void task(String sessionId, String name) {
        write(s -> s.addTask(sessionId, name));
    }

    void sipMessage(SipMessageRecord m) {
        write(s -> s.addSipMessage(m));
    }

    /**
     * Writes a turn at once, on the calling thread (the flow's), so that a turn is in the store (or its journal)
     * before the conversation goes on: a crash loses nothing already said.
     */
    void turn(Turn t) {
        ConversationStore s = store.get();
        if (s == null) {
            return;
        }
        try {
            s.addTurn(t);
        } catch (RuntimeException e) {
            problems.info("Conversation store: turn not written: {}", e.toString());
        }
    }

    /**
     * Whether records are waiting in such numbers that new calls should be refused until they are written: those
     * queued and those of the batch being written.
     */
    boolean behind() {
        return queue.size() + writing >= highWater;
    }

    /** Records waiting for the store. */
    int queued() {
        return queue.size();
    }

    private void write(Consumer<ConversationStore> action) {
        if (running && queue.offer(action)) {
            queued.incrementAndGet();
            return;
        }
        long n = dropped.incrementAndGet();
        problems.info("Conversation records are {} behind the calls: {} record(s) dropped so far", queue.size(), n);
    }

    private void run() {
        List<Consumer<ConversationStore>> batch = new ArrayList<>(BATCH);
        long storeMissingSince = 0;
        while (running || !queue.isEmpty() || !batch.isEmpty()) {
            if (batch.isEmpty()) {
                try {
                    Consumer<ConversationStore> first = queue.poll(100, TimeUnit.MILLISECONDS);
                    if (first == null) {
                        continue;
                    }
                    batch.add(first);
                    if (running && gatherMs > 0 && queue.size() < BATCH - 1) {
                        Thread.sleep(gatherMs); // let the next records join: one commit for many
                    }
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return;
                }
                queue.drainTo(batch, BATCH - 1);
            }
            writing = batch.size();
            ConversationStore s = store.get();
            if (s == null) {
                long now = System.currentTimeMillis();
                storeMissingSince = storeMissingSince == 0 ? now : storeMissingSince;
                if (running && now - storeMissingSince < STORE_WAIT_MS) {
                    sleep(100);
                    continue; // keep the batch for the store to come back
                }
                dropped.addAndGet(batch.size());
                problems.info("No conversation store is present: {} call record(s) not kept", batch.size());
            } else {
                storeMissingSince = 0;
                long t0 = System.nanoTime();
                try {
                    s.batch(st -> batch.forEach(a -> a.accept(st)));
                    written.addAndGet(batch.size());
                } catch (RuntimeException e) {
                    failed.addAndGet(batch.size());
                    problems.info("Conversation store write of {} record(s) failed: {}", batch.size(), e.toString());
                }
                batchSeconds.observe((System.nanoTime() - t0) / 1e9);
            }
            writing = 0;
            synchronized (this) {
                handled.addAndGet(batch.size());
                notifyAll();
            }
            batch.clear();
        }
    }

    private static void sleep(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Waits, at most {@code ms}, until every record queued so far has been handed to the store; whether it was. */
    boolean flush(long ms) {
        long target = queued.get();
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(ms);
        synchronized (this) {
            while (handled.get() < target) {
                long left = deadline - System.nanoTime();
                if (left <= 0 || !writer.isAlive()) {
                    return false;
                }
                try {
                    TimeUnit.NANOSECONDS.timedWait(this, left);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return false;
                }
            }
        }
        return true;
    }

    void collect(MetricsWriter out) {
        out.gauge(
                "switchboard_recorder_queue_depth",
                "Call records waiting to be written to the conversation store",
                Map.of(),
                queue.size());
        out.counter(
                "switchboard_recorder_records_total",
                "Call records written to the conversation store",
                Map.of(),
                written.get());
        out.counter(
                "switchboard_recorder_dropped_total",
                "Call records dropped: the queue was full, or no store came " + "back in time",
                Map.of(),
                dropped.get());
        out.counter(
                "switchboard_recorder_failed_total", "Call records the store failed to write", Map.of(), failed.get());
        out.histogram(
                "switchboard_recorder_batch_seconds",
                "Time to write one batch of call records",
                Map.of(),
                batchSeconds.snapshot());
    }

    /** Lets queued records reach the store, for at most {@code ms}, then stops the writer. */
    void close(long ms) {
        flush(ms);
        running = false;
        try {
            writer.join(Math.max(100, ms));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
