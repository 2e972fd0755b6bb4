package org.switchboard.speech.vosk.internal;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * The model of a recognizer that loads it on demand: loaded on a thread of its own when a call may need it
 * ({@link #prepare()}) or a stream opens ({@link #lease()}), kept while streams hold leases, and let go once none
 * has for the idle period. A failed load stays failed (the reason in {@link #failure()}): a model that cannot load
 * does not load on the next call either, and each call is not one more error in the log.
 *
 * @param <M> the model's type (Vosk's {@code Model}; a stand-in in tests)
 */
final class ModelHolder<M> {

    /** Loads the model; slow (about a second for the small English model). */
    interface Loader<M> {
        M load() throws Exception;
    }

    /** A stream's hold on the model: {@link #model()} completes once it is loaded; {@link #close()} once, when done. */
    final class Lease implements AutoCloseable {
        private final CompletableFuture<M> model;
        private boolean closed;

        private Lease(CompletableFuture<M> model) {
            this.model = model;
        }

        CompletableFuture<M> model() {
            return model;
        }

        @Override
        public void close() {
            synchronized (ModelHolder.this) {
                if (closed) {
                    return;
                }
                closed = true;
                returned();
            }
        }
    }

    private final Loader<M> loader;
    private final Consumer<M> freer;
    private final Runnable idled;
    private final long idleMs;
    private final ScheduledExecutorService thread;
    private CompletableFuture<M> model;
    private int leases;
    private ScheduledFuture<?> release;
    /** Identifies the pending release; a release that finds another number was superseded. */
    private long releaseRound;
    /** When the model last became or stayed idle (nanoTime): the idle period runs from here. */
    private long idleSince;

    private volatile String failure;
    private boolean closed;

    /**
     * A model loaded on demand.
     *
     * @param idleMs how long the model stays loaded with no lease
     * @param freer frees a model let go (and what it held)
     * @param idled told after a model was let go for being idle (not when closed)
     */
    ModelHolder(Loader<M> loader, Consumer<M> freer, long idleMs, Runnable idled) {
        this.loader = loader;
        this.freer = freer;
        this.idled = idled;
        this.idleMs = idleMs;
        ScheduledThreadPoolExecutor t = new ScheduledThreadPoolExecutor(1, r -> {
            Thread th = new Thread(r, "vosk-model");
            th.setDaemon(true);
            return th;
        });
        t.setExecuteExistingDelayedTasksAfterShutdownPolicy(false);
        t.setRemoveOnCancelPolicy(true);
        this.thread = t;
    }

    /** A model loaded already, kept until {@link #close}. */
    ModelHolder(M loaded, Consumer<M> freer) {
        this(() -> loaded, freer, 0, () -> {});
        this.model = CompletableFuture.completedFuture(loaded);
    }

    /** Starts loading the model unless it is loaded, loading or failed, and restarts the idle period. */
    synchronized void prepare() {
        if (closed || failure != null) {
            return;
        }
        if (model == null) {
            CompletableFuture<M> loading = new CompletableFuture<>();
            model = loading;
            thread.execute(() -> load(loading));
        }
        if (leases == 0) {
            idleFrom(System.nanoTime());
        }
    }

    /** A hold on the model for one stream, loading it if needed; {@link IllegalStateException} once it failed. */
    synchronized Lease lease() {
        if (closed) {
            throw new IllegalStateException("the Vosk recognizer is stopping");
        }
        if (failure != null) {
            throw new IllegalStateException("the Vosk model did not load: " + failure);
        }
        prepare();
        leases++;
        cancelRelease();
        return new Lease(model);
    }

    private void load(CompletableFuture<M> loading) {
        M m;
        try {
            m = loader.load();
        } catch (Exception | LinkageError e) {
            synchronized (this) {
                failure = e.getMessage() == null ? e.toString() : e.getMessage();
                if (model == loading) {
                    model = null;
                }
            }
            loading.completeExceptionally(e);
            return;
        }
        boolean keep;
        synchronized (this) {
            keep = !closed && model == loading;
        }
        if (keep) {
            loading.complete(m);
        } else {
            freer.accept(m);
            loading.cancel(false);
        }
    }

    private void returned() {
        leases--;
        if (leases == 0 && !closed) {
            idleFrom(System.nanoTime());
        }
    }

    /**
     * Restarts the idle period. A release already pending is kept: when it comes it looks at how long the model has
     * really been idle, so a call costs a timestamp, not a timer cancelled and scheduled again.
     */
    private void idleFrom(long now) {
        idleSince = now;
        if (release == null) {
            scheduleRelease(idleMs);
        }
    }

    private void scheduleRelease(long delayMs) {
        if (idleMs <= 0) {
            return; // kept until closed
        }
        long round = ++releaseRound;
        release = thread.schedule(() -> releaseIfIdle(round), delayMs, TimeUnit.MILLISECONDS);
    }

    private void cancelRelease() {
        releaseRound++;
        if (release != null) {
            release.cancel(false);
            release = null;
        }
    }

    private void releaseIfIdle(long round) {
        M m;
        synchronized (this) {
            if (round != releaseRound) {
                return;
            }
            release = null;
            if (leases > 0 || model == null || !model.isDone() || model.isCompletedExceptionally()) {
                return;
            }
            long leftMs = idleMs - (System.nanoTime() - idleSince) / 1_000_000;
            if (leftMs > 0) {
                scheduleRelease(leftMs);
                return;
            }
            m = model.join();
            model = null;
            release = null;
        }
        freer.accept(m);
        idled.run();
    }

    /** Whether the model is loaded now. */
    synchronized boolean loaded() {
        return model != null && model.isDone() && !model.isCompletedExceptionally() && !model.isCancelled();
    }

    /** Whether the model is being loaded now. */
    synchronized boolean loading() {
        return model != null && !model.isDone();
    }

    /** Why the model did not load, or {@code null}. */
    String failure() {
        return failure;
    }

    /** Streams holding the model. */
    synchronized int leases() {
        return leases;
    }

    /** Lets the model go (waiting for a load in progress, at most {@code waitMs}) and stops the thread. */
    void close(long waitMs) {
        M m = null;
        synchronized (this) {
            closed = true;
            cancelRelease();
            if (loaded()) {
                m = model.join();
            }
            model = null;
        }
        thread.shutdown();
        try {
            thread.awaitTermination(waitMs, TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        if (m != null) {
            freer.accept(m);
        }
    }
}
