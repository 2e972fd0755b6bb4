package org.switchboard.itests;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import org.junit.Test;
import org.osgi.framework.Bundle;
import org.osgi.framework.FrameworkEvent;
import org.osgi.framework.wiring.FrameworkWiring;

/**
 * Stopping, restarting and updating each Switchboard bundle leaves the container healthy and taking calls; calls
 * still work (unrecorded) while the store is away.
 */
public class BundleLifecycleIT extends SwitchboardTestSupport {

    private static final List<String> OURS = List.of(
            "org.switchboard.sip",
            "org.switchboard.jain-sip",
            "org.switchboard.api",
            "org.switchboard.runtime",
            "org.switchboard.flow",
            "org.switchboard.adapter-zcc",
            "org.switchboard.store",
            "org.switchboard.summary-api",
            "org.switchboard.admin-api",
            "org.switchboard.media",
            "org.switchboard.speech-freetts",
            "org.switchboard.speech-vosk",
            "org.switchboard.assistant",
            "org.switchboard.shell",
            "org.switchboard.webconsole");

    @Test
    public void stopAndRestartEachBundle() throws Exception {
        awaitHealthy();
        for (String bsn : OURS) {
            Bundle b = installed(bsn);
            b.stop();
            if (bsn.equals("org.switchboard.runtime")) {
                awaitHealth(h -> h.status() == 404, 10_000); // the health servlet itself is gone
            } else {
                Http down = awaitHealth(h -> h.status() == 503, 10_000);
                assertTrue(down.body(), down.body().contains("bundle " + bsn + " is RESOLVED"));
            }
            b.start();
            awaitHealthy();
        }
        sipp("options.xml", "udp");
        sipp("zcc-transfer-bye.xml", "udp");
    }

    @Test
    public void callsGoOnWhileTheStoreIsAwayAndAfterItIsUpdated() throws Exception {
        awaitHealthy();
        Bundle store = installed("org.switchboard.store");
        store.stop();
        try {
            sipp("zcc-bot-hangup.xml", "udp");
            Http api = request(
                    "POST",
                    "/api/public/bot/st-86e2c18d-7021-5f2b-bf6c-8a1c4b7e21b0/conversationDetails",
                    java.util.Map.of("Content-Type", "application/json"),
                    "{\"sessionId\":\"0123456789abcdef01234567\"}");
            assertEquals(api.body(), 503, api.status());
            assertTrue(api.body(), api.body().contains("\"code\":503"));
        } finally {
            store.start();
        }
        awaitHealthy();
        updateAndRefresh(store);
        updateAndRefresh(installed("org.switchboard.flow"));
        updateAndRefresh(installed("org.switchboard.summary-api"));
        Bundle llm = installed("org.switchboard.summarizer-llm");
        llm.stop();
        llm.start();
        updateAndRefresh(llm);
        sipp("zcc-transfer-bye.xml", "tcp");
    }

    @Test
    public void updateAndRefreshTheSipBundle() throws Exception {
        awaitHealthy();
        Bundle sip = installed("org.switchboard.sip");
        long before = sip.getLastModified();
        updateAndRefresh(sip);
        assertEquals(Bundle.ACTIVE, sip.getState());
        assertTrue(sip.getLastModified() >= before);
        sipp("options.xml", "tcp");
    }

    @Test
    public void refreshingTheStackWrapperRewiresTheSipBundle() throws Exception {
        awaitHealthy();
        updateAndRefresh(installed("org.switchboard.jain-sip"));
        sipp("options.xml", "udp");
    }

    /** Updates a bundle in place, refreshes its wiring and waits until the container is healthy again. */
    private void updateAndRefresh(Bundle b) throws Exception {
        b.update();
        refresh(b);
        awaitHealthy();
    }

    private void refresh(Bundle b) throws InterruptedException {
        CountDownLatch done = new CountDownLatch(1);
        context.getBundle(0).adapt(FrameworkWiring.class).refreshBundles(List.of(b), e -> {
            if (e.getType() == FrameworkEvent.PACKAGES_REFRESHED) {
                done.countDown();
            }
        });
        assertTrue("refresh did not finish", done.await(30, TimeUnit.SECONDS));
    }
}
