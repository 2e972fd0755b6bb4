package org.switchboard.store.internal;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertThrows;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.concurrent.atomic.AtomicInteger;

import org.h2.jdbcx.JdbcDataSource;
import org.junit.Test;

public class JdbcTest {

    private static ConnectionPool pool() {
        JdbcDataSource source = new JdbcDataSource();
        source.setURL("jdbc:h2:mem:jdbc-test-" + System.nanoTime() + ";DB_CLOSE_DELAY=-1");
        return new ConnectionPool(source, 2);
    }

    private static int one(Connection c) throws SQLException {
        try (Statement s = c.createStatement();
                ResultSet r = s.executeQuery("SELECT 1")) {
            r.next();
            return r.getInt(1);
        }
    }

    @Test
    public void workOnAPooledConnectionLostMeanwhileRunsAgainOnAnotherAndTheLostOneIsDropped() throws Exception {
        ConnectionPool pool = pool();
        Jdbc jdbc = new Jdbc(pool);
        Connection[] used = new Connection[1];
        jdbc.query("first", c -> used[0] = c);
        used[0].close(); // lost while idle in the pool, used again at once so not checked
        AtomicInteger runs = new AtomicInteger();
        assertEquals(1, (int) jdbc.query("again", c -> {
            runs.incrementAndGet();
            return one(c);
        }));
        assertEquals(2, runs.get());
        assertEquals(1, (int) jdbc.transaction("in a transaction", JdbcTest::one));
        pool.close();
    }

    @Test
    public void aFailureOfTheWorkItselfIsNotRunAgain() {
        Jdbc jdbc = new Jdbc(pool());
        AtomicInteger runs = new AtomicInteger();
        IllegalStateException e = assertThrows(
                IllegalStateException.class,
                () -> jdbc.query("bad sql", c -> {
                    runs.incrementAndGet();
                    try (Statement s = c.createStatement()) {
                        return s.executeQuery("SELECT FROM nowhere");
                    }
                }));
        assertEquals(1, runs.get());
        assertEquals(true, e.getMessage().startsWith("store: bad sql failed: "));
        IllegalArgumentException own = assertThrows(
                IllegalArgumentException.class,
                () -> jdbc.query("own failure", c -> {
                    throw new IllegalArgumentException("mine");
                }));
        assertEquals("mine", own.getMessage());
    }
}
