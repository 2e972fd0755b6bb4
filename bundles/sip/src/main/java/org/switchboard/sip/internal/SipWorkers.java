package org.switchboard.sip.internal;

import java.util.concurrent.Executor;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The SIP worker threads, with two kinds of work. A request from the network is taken only while fewer than
 * {@code requestBacklog} tasks wait ({@link #offerRequest}; the dispatcher answers 503 otherwise), so a flood is
 * refused at the door. Work for a call already taken (a response to a request the gateway sent, a transaction
 * timeout, a call's own timers) is never refused ({@link #execute}): dropping it would leave the call up with no
 * one to end it, its record open. That work is bounded by the calls admitted, each of which has a few such tasks
 * at most. Only a stopping pool drops work.
 */
final class SipWorkers implements Executor {

    private static final Logger LOG = LoggerFactory.getLogger(SipWorkers.class);

    private final ThreadPoolExecutor pool;
    private final int requestBacklog;

    SipWorkers(int threads, int requestBacklog) {
        this.requestBacklog = requestBacklog;
        pool = new ThreadPoolExecutor(threads, threads, 30, TimeUnit.SECONDS, new LinkedBlockingQueue<>(), r -> {
            Thread t = new Thread(r, "sip-worker");
            t.setDaemon(true);
            return t;
        });
        pool.allowCoreThreadTimeOut(true);
    }

    /** Runs a request from the network unless the backlog is full or the pool stops; false when refused. */
    boolean offerRequest(Runnable task) {
        if (pool.getQueue().size() >= requestBacklog) {
            return false;
        }
        try {
            pool.execute(task);
            return true;
        } catch (RejectedExecutionException stopping) {
            return false;
        }
    }

    /** Runs work for a call already taken; never refused while the pool runs. */
    @Override
    public void execute(Runnable task) {
        try {
            pool.execute(task);
        } catch (RejectedExecutionException stopping) {
            LOG.debug("SIP workers stopping: a task for a call is dropped");
        }
    }

    void shutdown() {
        pool.shutdown();
    }

    boolean awaitTermination(long timeout, TimeUnit unit) throws InterruptedException {
        return pool.awaitTermination(timeout, unit);
    }

    void shutdownNow() {
        pool.shutdownNow();
    }
}
