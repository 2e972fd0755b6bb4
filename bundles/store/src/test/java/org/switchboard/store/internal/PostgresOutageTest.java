package org.switchboard.store.internal;

import java.net.URI;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;

import org.osgi.service.jdbc.DataSourceFactory;
import org.postgresql.osgi.PGDataSourceFactory;

/** The outage against the real PostgreSQL server of {@code SWITCHBOARD_TEST_PG_URL}. */
public class PostgresOutageTest extends OutageContract {

    private final PostgresStoreTest server = new PostgresStoreTest();

    @Override
    protected void startDatabase() throws Exception {
        try (Connection c = DriverManager.getConnection(server.url());
                Statement s = c.createStatement()) {
            s.execute("DROP SCHEMA public CASCADE");
            s.execute("CREATE SCHEMA public");
        }
    }

    private URI uri() throws Exception {
        return URI.create(server.url().substring("jdbc:".length()));
    }

    @Override
    protected String host() throws Exception {
        return uri().getHost();
    }

    @Override
    protected int port() throws Exception {
        int port = uri().getPort();
        return port < 0 ? 5432 : port;
    }

    @Override
    protected String urlVia(int proxyPort) throws Exception {
        URI u = uri();
        return "jdbc:postgresql://127.0.0.1:" + proxyPort + u.getRawPath()
                + (u.getRawQuery() == null ? "" : "?" + u.getRawQuery());
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
