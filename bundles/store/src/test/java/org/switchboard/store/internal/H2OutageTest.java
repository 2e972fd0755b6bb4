package org.switchboard.store.internal;

import java.nio.file.Files;
import java.nio.file.Path;

import org.h2.tools.Server;
import org.h2.util.OsgiDataSourceFactory;
import org.osgi.service.jdbc.DataSourceFactory;
import org.switchboard.testing.FreePorts;

/** The outage against an H2 server reached over TCP. */
public class H2OutageTest extends OutageContract {

    private Server server;
    private Path base;

    @Override
    protected void startDatabase() throws Exception {
        base = Files.createTempDirectory("switchboard-h2-server");
        int port = FreePorts.tcp();
        server = Server.createTcpServer("-tcpPort", Integer.toString(port), "-ifNotExists", "-baseDir", base.toString())
                .start();
    }

    @Override
    protected void stopDatabase() {
        server.stop();
    }

    @Override
    protected String host() {
        return "127.0.0.1";
    }

    @Override
    protected int port() {
        return server.getPort();
    }

    @Override
    protected String urlVia(int proxyPort) {
        return "jdbc:h2:tcp://127.0.0.1:" + proxyPort + "/./outage";
    }

    @Override
    protected DataSourceFactory driver() {
        return new OsgiDataSourceFactory(new org.h2.Driver());
    }

    @Override
    protected String driverTarget() {
        return "(osgi.jdbc.driver.class=org.h2.Driver)";
    }
}
