package org.switchboard.store.internal;

import org.osgi.framework.BundleContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A store that cannot open (a wrong or unreachable database, a node id another running node holds) leaves a gateway
 * that would take calls it cannot record: with the framework property {@value #PROPERTY} set to {@code true} (the
 * assembly's default), the whole process stops with exit status {@value #EXIT_STATUS} after the reason is logged,
 * so that the operator (or the init system) sees that it refused to start and why.
 */
final class StartFailure {

    /** The framework property that makes a store failing to open stop the process. */
    static final String PROPERTY = "switchboard.exit.on.store.failure";

    /** EX_CONFIG of sysexits.h. */
    static final int EXIT_STATUS = 78;

    private static final Logger LOG = LoggerFactory.getLogger(StartFailure.class);

    private StartFailure() {}

    static void exitIfAsked(BundleContext context, Exception cause) {
        if (context == null || !Boolean.parseBoolean(context.getProperty(PROPERTY))) {
            return;
        }
        LOG.error(
                "Switchboard refuses to start: the store cannot open ({}). Fix the store's configuration (PID {}) "
                        + "and start again; exiting with status {}",
                cause.getMessage(),
                Database.PID,
                EXIT_STATUS);
        // System.exit runs the shutdown hooks, the runtime bundle's among them, which stop the framework cleanly;
        // stopping it here first would let the launcher exit with its own status
        Thread t = new Thread(() -> System.exit(EXIT_STATUS), "store-start-failure");
        t.setDaemon(false);
        t.start();
    }
}
