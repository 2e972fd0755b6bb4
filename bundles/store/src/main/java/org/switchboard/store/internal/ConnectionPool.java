package org.switchboard.store.internal;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import javax.sql.DataSource;

/**
 * A small pool of JDBC connections: at most {@code size} open, idle ones reused after a validity check, broken ones
 * replaced. Enough for a store whose writes come from one recorder thread and whose reads come from a few HTTP
 * threads.
 */
final class ConnectionPool implements AutoCloseable {

    private final DataSource source;
    private final BlockingQueue<Connection> idle;
    private final Semaphore permits;
    private volatile boolean closed;

    ConnectionPool(DataSource source, int size) {
        this.source = source;
        this.idle = new ArrayBlockingQueue<>(size);
        this.permits = new Semaphore(size, true);
    }

    /** A connection with auto-commit on; give it back with {@link #release}. */
    Connection take() throws SQLException {
        try {
            if (!permits.tryAcquire(30, TimeUnit.SECONDS)) {
                throw new SQLException("no database connection free within 30 s");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new SQLException("interrupted while waiting for a database connection", e);
        }
        try {
            Connection c;
            while ((c = idle.poll()) != null) {
                if (c.isValid(2)) {
                    return c;
                }
                quietClose(c);
            }
            return source.getConnection();
        } catch (SQLException | RuntimeException e) {
            permits.release();
            throw e;
        }
    }

    void release(Connection c, boolean broken) {
        try {
            if (broken || closed || !c.getAutoCommit() || !idle.offer(c)) {
                quietClose(c);
            }
        } catch (SQLException e) {
            quietClose(c);
        } finally {
            permits.release();
        }
    }

    @Override
    public void close() {
        closed = true;
        Connection c;
        while ((c = idle.poll()) != null) {
            quietClose(c);
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
