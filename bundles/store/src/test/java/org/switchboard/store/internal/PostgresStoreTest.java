package org.switchboard.store.internal;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;

import org.osgi.service.jdbc.DataSourceFactory;
import org.postgresql.osgi.PGDataSourceFactory;

/**
 * The store on a real PostgreSQL server, given by {@code SWITCHBOARD_TEST_PG_URL} ({@code ./test} starts a throwaway
 * one, see {@code scripts/test-postgres.sh}). Each test starts from an empty {@code public} schema. Without a server
 * the tests fail: the store's PostgreSQL support is not something to assume.
 */
public class PostgresStoreTest extends ClusterContract {

    static final String ENV = "SWITCHBOARD_TEST_PG_URL";

    @Override
    protected String url() throws Exception {
        String url = System.getenv(ENV);
        if (url == null || url.isBlank()) {
            throw new AssertionError(
                    ENV + " is not set: run ./test (it starts a throwaway PostgreSQL server; needs the "
                            + "postgresql package) or point it at an empty database, e.g. "
                            + "jdbc:postgresql://127.0.0.1:5432/switchboard_test?user=postgres");
        }
        return url;
    }

    @Override
    public void openEmpty() throws Exception {
        try (Connection c = DriverManager.getConnection(url());
                Statement s = c.createStatement()) {
            s.execute("DROP SCHEMA public CASCADE");
            s.execute("CREATE SCHEMA public");
        }
        super.openEmpty();
    }

    @Override
    protected DataSourceFactory driver() {
        return new PGDataSourceFactory();
    }

    @Override
    protected String driverTarget() {
        return "(osgi.jdbc.driver.class=org.postgresql.Driver)";
    }
}
