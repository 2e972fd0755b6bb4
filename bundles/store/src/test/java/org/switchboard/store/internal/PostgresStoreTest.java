package org.switchboard.store.internal;

import static org.junit.Assume.assumeTrue;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;

import org.osgi.service.jdbc.DataSourceFactory;
import org.postgresql.osgi.PGDataSourceFactory;

/**
 * The store on a real PostgreSQL server, given by {@code SWITCHBOARD_TEST_PG_URL} (./test and CI start one). Each test
 * starts from an empty {@code public} schema. Outside CI the tests are skipped when no server is given; in CI a
 * missing server fails them.
 */
public class PostgresStoreTest extends StoreContract {

    static final String ENV = "SWITCHBOARD_TEST_PG_URL";

    @Override
    protected String url() throws Exception {
        String url = System.getenv(ENV);
        if (url == null || url.isBlank()) {
            if (System.getenv("CI") != null) {
                throw new AssertionError(ENV + " is not set: CI must run the store tests on PostgreSQL (see .ci/run)");
            }
            assumeTrue(ENV + " not set: PostgreSQL store tests skipped", false);
        }
        return url;
    }

    @Override
    public void openEmpty() throws Exception {
        try (Connection c = DriverManager.getConnection(url()); Statement s = c.createStatement()) {
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
