package org.switchboard.store.internal;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Types;

/** Runs work on a pooled connection, in a transaction when asked, and turns SQL failures into clear exceptions. */
final class Jdbc {

    /** Work on a connection. */
    interface Work<T> {
        T run(Connection c) throws SQLException;
    }

    private final ConnectionPool pool;

    Jdbc(ConnectionPool pool) {
        this.pool = pool;
    }

    <T> T query(String what, Work<T> work) {
        return run(what, work, false);
    }

    <T> T transaction(String what, Work<T> work) {
        return run(what, work, true);
    }

    /**
     * Runs work on a connection; when it fails because a connection the pool reused without a check was lost (a
     * database restarted meanwhile), runs it once more on a checked or new one.
     */
    private <T> T run(String what, Work<T> work, boolean transaction) {
        ConnectionPool.Lease lease = take(what, false);
        try {
            return attempt(what, work, transaction, lease.connection());
        } catch (StoreUnavailableException e) {
            if (!lease.unchecked()) {
                throw e;
            }
        }
        return attempt(what, work, transaction, take(what, true).connection());
    }

    private <T> T attempt(String what, Work<T> work, boolean transaction, Connection c) {
        boolean broken = false;
        try {
            if (transaction) {
                c.setAutoCommit(false);
            }
            T result = work.run(c);
            if (transaction) {
                c.commit();
            }
            return result;
        } catch (SQLException | RuntimeException e) {
            if (transaction) {
                try {
                    c.rollback();
                } catch (SQLException rollback) {
                    broken = true;
                }
            }
            broken |= e instanceof SQLException s && (isConnectionFailure(s) || !valid(c));
            if (e instanceof StoreUnavailableException || (!transaction && e instanceof RuntimeException)) {
                throw (RuntimeException) e;
            }
            throw failure(what, e, broken);
        } finally {
            if (transaction) {
                try {
                    c.setAutoCommit(true);
                } catch (SQLException e) {
                    broken = true;
                }
            }
            pool.release(c, broken);
        }
    }

    /** Runs one INSERT, UPDATE or DELETE with {@code args} bound in order (see {@link #bind}); returns the row count. */
    int update(String what, String sql, Object... args) {
        return query(what, c -> {
            try (PreparedStatement p = c.prepareStatement(sql)) {
                bind(p, args);
                return p.executeUpdate();
            }
        });
    }

    /** Binds String, Long, Integer, Boolean and Double values; {@code null} as SQL NULL. */
    static void bind(PreparedStatement p, Object... args) throws SQLException {
        for (int i = 0; i < args.length; i++) {
            Object a = args[i];
            if (a == null) {
                p.setNull(i + 1, Types.NULL);
            } else if (a instanceof Long l) {
                p.setLong(i + 1, l);
            } else if (a instanceof Integer n) {
                p.setInt(i + 1, n);
            } else if (a instanceof Boolean b) {
                p.setBoolean(i + 1, b);
            } else if (a instanceof Double d) {
                p.setDouble(i + 1, d);
            } else {
                p.setString(i + 1, (String) a);
            }
        }
    }

    private ConnectionPool.Lease take(String what, boolean check) {
        try {
            return pool.take(check);
        } catch (SQLException e) {
            throw new StoreUnavailableException("store: " + what + ": no database connection: " + e.getMessage(), e);
        }
    }

    private static IllegalStateException failure(String what, Exception e, boolean connectionLost) {
        String message = "store: " + what + " failed: " + e.getMessage();
        return connectionLost ? new StoreUnavailableException(message, e) : new IllegalStateException(message, e);
    }

    /** Whether a connection on which a statement failed still works (a closed one does not). */
    private static boolean valid(Connection c) {
        try {
            return c.isValid(2);
        } catch (SQLException e) {
            return false;
        }
    }

    /** Connection exceptions (SQLSTATE class 08), a server shutting down (57P01-57P03), H2's broken connection. */
    private static boolean isConnectionFailure(SQLException e) {
        String state = e.getSQLState();
        return state != null && (state.startsWith("08") || state.startsWith("57P0") || state.equals("90067"));
    }

    static void setLong(PreparedStatement s, int i, Long v) throws SQLException {
        if (v == null) {
            s.setNull(i, Types.BIGINT);
        } else {
            s.setLong(i, v);
        }
    }
}
