package org.switchboard.store.internal;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import javax.sql.DataSource;

/**
 * A small pool of JDBC connections: at most {@code size} open, broken ones replaced. The connection given back last
 * is taken first, so a few stay busy (and keep their prepared-statement caches warm) and the others idle. One that
 * has been idle for more than {@value #CHECK_AFTER_MS} ms is checked before it is handed out; a busy one is not (a
 * check is a round trip to a database server), and its {@link Lease} says so: {@link Jdbc} runs work that failed on
 * a lost unchecked connection once more, on a checked one. Enough for a store whose writes come from one recorder
 * thread and whose reads come from a few HTTP threads.
 */
final class ConnectionPool implements AutoCloseable {

    static final long CHECK_AFTER_MS = 5_000;

    private record Idle(Connection connection, long since) {}

    /** A connection taken from the pool; {@code unchecked} when it was reused without a validity check. */
    record Lease(Connection connection, boolean unchecked) {}

    private final DataSource source;
    private final Deque<Idle> idle = new ArrayDeque<>();
    private final int size;
    private final Semaphore permits;
    private volatile boolean closed;

    ConnectionPool(DataSource source, int size) {
        this.source = source;
        this.size = size;
        this.permits = new Semaphore(size);
    }

    /**
     * A connection with auto-commit on; give it back with {@link #release}. {@code check}: check any idle one before
     * it is handed out, however recently it was used.
     */
    Lease take(boolean check) throws SQLException {
        try {
            if (!permits.tryAcquire(30, TimeUnit.SECONDS)) {
                throw new SQLException("no database connection free within 30 s");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new SQLException("interrupted while waiting for a database connection", e);
        }
        try {
            Idle i;
            while ((i = poll()) != null) {
                if (!check && System.nanoTime() - i.since < TimeUnit.MILLISECONDS.toNanos(CHECK_AFTER_MS)) {
                    return new Lease(i.connection, true);
                }
                if (i.connection.isValid(2)) {
                    return new Lease(i.connection, false);
                }
                quietClose(i.connection);
            }
            return new Lease(source.getConnection(), false);
        } catch (SQLException | RuntimeException e) {
            permits.release();
            throw e;
        }
    }

    /** Gives a connection back; a {@code broken} one (or one left in a transaction) is closed instead. */
    void release(Connection c, boolean broken) {
        try {
            if (broken || closed || !c.getAutoCommit() || !offer(c)) {
                quietClose(c);
            }
        } catch (SQLException e) {
            quietClose(c);
        } finally {
            permits.release();
        }
    }

    private synchronized Idle poll() {
        return idle.pollLast();
    }

    private synchronized boolean offer(Connection c) {
        if (idle.size() >= size) {
            return false;
        }
        idle.addLast(new Idle(c, System.nanoTime()));
        return true;
    }

    @Override
    public void close() {
        closed = true;
        Idle i;
        while ((i = poll()) != null) {
            quietClose(i.connection);
        }
    }

    private static void quietClose(Connection c) {
        try {
            c.close();
        } catch (SQLException ignored) {
            // already broken
        }
    }
}
