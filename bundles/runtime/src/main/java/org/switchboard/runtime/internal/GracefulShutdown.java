package org.switchboard.runtime.internal;

import org.osgi.framework.BundleContext;
import org.osgi.framework.BundleException;
import org.osgi.framework.FrameworkEvent;
import org.osgi.framework.launch.Framework;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Stops the OSGi framework when the JVM is asked to exit (Ctrl-C, SIGTERM), so that every bundle deactivates
 * cleanly (the SIP stack releases its ports, calls end properly) instead of the process just vanishing. The stop
 * is bounded: after {@value #STOP_TIMEOUT_MS} ms the JVM exits regardless.
 */
@Component(
        immediate = true,
        service = {})
public class GracefulShutdown {

    static final long STOP_TIMEOUT_MS = 10_000;

    private static final Logger LOG = LoggerFactory.getLogger(GracefulShutdown.class);

    private final Thread hook;

    @Activate
    public GracefulShutdown(BundleContext context) {
        Framework framework = (Framework) context.getBundle(0);
        hook = new Thread(() -> stop(framework), "switchboard-shutdown");
        Runtime.getRuntime().addShutdownHook(hook);
    }

    private static void stop(Framework framework) {
        if ((framework.getState() & (Framework.ACTIVE | Framework.STARTING)) == 0) {
            return;
        }
        LOG.info("Shutting down Switchboard");
        try {
            framework.stop();
            FrameworkEvent event = framework.waitForStop(STOP_TIMEOUT_MS);
            if (event.getType() == FrameworkEvent.WAIT_TIMEDOUT) {
                System.err.println("Switchboard did not stop within " + STOP_TIMEOUT_MS + " ms; exiting anyway");
            } else {
                System.out.println("Switchboard stopped");
            }
        } catch (BundleException e) {
            System.err.println("Switchboard stop failed: " + e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Deactivate
    void deactivate() {
        try {
            Runtime.getRuntime().removeShutdownHook(hook);
        } catch (IllegalStateException shuttingDown) {
            // we are being stopped by the hook itself
        }
    }
}
