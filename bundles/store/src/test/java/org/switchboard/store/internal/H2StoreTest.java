package org.switchboard.store.internal;

import static org.junit.Assert.assertThrows;
import static org.junit.Assert.assertTrue;

import java.util.Map;

import org.h2.util.OsgiDataSourceFactory;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;
import org.osgi.service.jdbc.DataSourceFactory;

/** The store on an embedded H2 file database, the default. */
public class H2StoreTest extends ClusterContract {

    @Rule
    public TemporaryFolder tmp = new TemporaryFolder();

    private String url;

    @Override
    protected String url() throws Exception {
        if (url == null) {
            url = "jdbc:h2:file:" + tmp.getRoot().toPath().resolve("db/switchboard") + ";DB_CLOSE_ON_EXIT=FALSE";
        }
        return url;
    }

    @Override
    protected DataSourceFactory driver() {
        return new OsgiDataSourceFactory(new org.h2.Driver());
    }

    @Override
    protected String driverTarget() {
        return "(osgi.jdbc.driver.class=org.h2.Driver)";
    }

    @Test
    public void aMismatchedDriverOrABadUrlIsReportedByProperty() {
        IllegalStateException pg = assertThrows(
                IllegalStateException.class,
                () -> new Database(
                        config("jdbc:postgresql://127.0.0.1:1/x?password=secret"),
                        null,
                        driver(),
                        Map.of("driver.target", driverTarget())));
        assertTrue(
                pg.getMessage(),
                pg.getMessage().contains("set driver.target=(osgi.jdbc.driver.class=org.postgresql.Driver)"));
        IllegalStateException bad = assertThrows(
                IllegalStateException.class,
                () -> new Database(
                        config("postgres://x?password=secret"),
                        null,
                        driver(),
                        Map.of("driver.target", driverTarget())));
        assertTrue(
                bad.getMessage(),
                bad.getMessage().contains("property 'url'") && bad.getMessage().contains("must be a JDBC URL"));
        assertTrue("the password never shows", !bad.getMessage().contains("secret"));
    }
}
