package org.switchboard.sip.internal;

import java.time.Instant;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
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

/**
 * Writes what happens in calls to the conversation store, in order, on one thread of its own, so SIP processing
 * never waits for the database. When no store is present the records are dropped (and that is logged once); a
 * store failure is logged and the call goes on.
 */
final class CallRecorder {

    private static final Logger LOG = LoggerFactory.getLogger(CallRecorder.class);

    private final Supplier<ConversationStore> store;
    private final ThreadPoolExecutor writer;
    private final AtomicLong dropped = new AtomicLong();
    private volatile boolean warnedNoStore;

    CallRecorder(Supplier<ConversationStore> store) {
        this.store = store;
        writer = new ThreadPoolExecutor(1, 1, 0, TimeUnit.SECONDS, new ArrayBlockingQueue<>(100_000), r -> {
            Thread t = new Thread(r, "sip-recorder");
            t.setDaemon(true);
            return t;
        });
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
            LOG.warn("Conversation store: turn not written: {}", e.toString());
        }
    }

    void sipMessage(SipMessageRecord m) {
        write(s -> s.addSipMessage(m));
    }

    private void write(Consumer<ConversationStore> action) {
        try {
            writer.execute(() -> {
                ConversationStore s = store.get();
                if (s == null) {
                    if (!warnedNoStore) {
                        warnedNoStore = true;
                        LOG.warn("No conversation store is present: call records are not kept until one is installed");
                    }
                    return;
                }
                warnedNoStore = false;
                try {
                    action.accept(s);
                } catch (RuntimeException e) {
                    LOG.warn("Conversation store write failed: {}", e.toString());
                }
            });
        } catch (RejectedExecutionException e) {
            if (dropped.incrementAndGet() % 1000 == 1) {
                LOG.warn("Conversation store is behind by 100000 records; {} record(s) dropped so far", dropped.get());
            }
        }
    }

    /** Waits, at most {@code ms}, until every record queued so far has been handed to the store; whether they were. */
    boolean flush(long ms) {
        try {
            writer.submit(() -> { }).get(ms, TimeUnit.MILLISECONDS);
            return true;
        } catch (RejectedExecutionException | java.util.concurrent.ExecutionException
                | java.util.concurrent.TimeoutException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /** Records waiting for the store. */
    int queued() {
        return writer.getQueue().size();
    }

    /** Lets queued records reach the store, for at most {@code ms}. */
    void close(long ms) {
        writer.shutdown();
        try {
            writer.awaitTermination(ms, TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        writer.shutdownNow();
    }
}
